# SPDX-License-Identifier: MIT
# /sbin/init ($(BUILD)/user/sbin/init): the first process, built from
# servers/init/*.c against libuk. Needs LIBUK and UK_CFLAGS.

INIT_BIN := $(BUILD)/user/sbin/init
INIT_OBJS := $(patsubst servers/init/%.c,$(BUILD)/servers/init/%.o,$(wildcard servers/init/*.c))

$(BUILD)/servers/init/%.o: servers/init/%.c
	@mkdir -p $(dir $@)
	$(MUSLCC) $(IPC_CFLAGS) -c $< -o $@

$(INIT_BIN): $(INIT_OBJS) $(LIBIPC) $(LIBUK)
	@mkdir -p $(dir $@)
	$(MUSLCC) $(IPC_CFLAGS) -pthread -o $@ $(INIT_OBJS) $(LIBIPC) $(LIBUK)

USER_PROGRAMS += $(INIT_BIN)
INITRD_FILES += $(INIT_BIN):sbin/init
