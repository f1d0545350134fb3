# SPDX-License-Identifier: MIT
# libipc for programs in the OS: the portable ring plus the client and server
# sides over this kernel's native calls. (libipc/host.mk builds the host side.)

LIBIPC := $(BUILD)/libipc/libipc.a
LIBIPC_OBJS := $(patsubst libipc/%.c,$(BUILD)/libipc/%.o,$(wildcard libipc/*.c))
IPC_CFLAGS := $(UK_CFLAGS) -Ilibipc

$(BUILD)/libipc/%.o: libipc/%.c
	@mkdir -p $(dir $@)
	$(MUSLCC) $(IPC_CFLAGS) -c $< -o $@

$(LIBIPC): $(LIBIPC_OBJS)
	@rm -f $@
	ar rcs $@ $^
