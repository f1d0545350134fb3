# SPDX-License-Identifier: MIT
# The example echo server (docs/writing-a-server.md): /sbin/echo in the initrd.

ECHO_BIN := $(BUILD)/user/sbin/echo
$(eval $(call server_prog,echo,servers/echo,,))
INITRD_FILES += $(ECHO_BIN):sbin/echo
