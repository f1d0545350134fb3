# SPDX-License-Identifier: MIT
# The console server: /sbin/console in the initrd.

CONSOLE_BIN := $(BUILD)/user/sbin/console
$(eval $(call server_prog,console,servers/console,,-pthread))
INITRD_FILES += $(CONSOLE_BIN):sbin/console
# The same binary under a second name: the swap tests go back and forth.
INITRD_FILES += $(CONSOLE_BIN):sbin/console-alt
