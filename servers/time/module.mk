# SPDX-License-Identifier: MIT
# The time server: /sbin/time in the initrd (clocks in tm_clock.c, decoding
# and sleeping in tm_ipc.c).

TIME_BIN := $(BUILD)/user/sbin/time
TIME_SRCS := $(wildcard servers/time/*.c)

$(TIME_BIN): $(TIME_SRCS) $(wildcard servers/time/*.h) $(LIBIPC) $(LIBUK)
	@mkdir -p $(dir $@)
	$(MUSLCC) $(IPC_CFLAGS) -pthread -o $@ $(TIME_SRCS) $(LIBIPC) $(LIBUK)

USER_PROGRAMS += $(TIME_BIN)
INITRD_FILES += $(TIME_BIN):sbin/time
# The same binary under a second name: the swap tests go back and forth.
INITRD_FILES += $(TIME_BIN):sbin/time-alt
