# SPDX-License-Identifier: MIT
# The example echo server (libipc/README.md): /sbin/echo in the initrd.

ECHO_BIN := $(BUILD)/user/sbin/echo

$(ECHO_BIN): servers/echo/echo.c $(LIBIPC) $(LIBUK)
	@mkdir -p $(dir $@)
	$(MUSLCC) $(IPC_CFLAGS) -o $@ $< $(LIBIPC) $(LIBUK)

USER_PROGRAMS += $(ECHO_BIN)
INITRD_FILES += $(ECHO_BIN):sbin/echo
