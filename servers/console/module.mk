# SPDX-License-Identifier: MIT
# The console server: /sbin/console in the initrd.

CONSOLE_BIN := $(BUILD)/user/sbin/console
CONSOLE_SRCS := $(wildcard servers/console/*.c)

$(CONSOLE_BIN): $(CONSOLE_SRCS) $(wildcard servers/console/*.h) $(LIBIPC) $(LIBUK)
	@mkdir -p $(dir $@)
	$(MUSLCC) $(IPC_CFLAGS) -pthread -o $@ $(CONSOLE_SRCS) $(LIBIPC) $(LIBUK)

USER_PROGRAMS += $(CONSOLE_BIN)
INITRD_FILES += $(CONSOLE_BIN):sbin/console
# The same binary under a second name: the swap tests go back and forth.
INITRD_FILES += $(CONSOLE_BIN):sbin/console-alt
