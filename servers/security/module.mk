# SPDX-License-Identifier: MIT
# The security server: /sbin/security in the initrd (credential rules in
# sec_cred.c, promises in sec_promise.c, decoding in sec_ipc.c).

SECURITY_BIN := $(BUILD)/user/sbin/security
SECURITY_SRCS := $(wildcard servers/security/*.c)

$(SECURITY_BIN): $(SECURITY_SRCS) $(wildcard servers/security/*.h) $(LIBIPC) $(LIBUK)
	@mkdir -p $(dir $@)
	$(MUSLCC) $(IPC_CFLAGS) -o $@ $(SECURITY_SRCS) $(LIBIPC) $(LIBUK)

USER_PROGRAMS += $(SECURITY_BIN)
INITRD_FILES += $(SECURITY_BIN):sbin/security
# The same binary under a second name: the swap tests go back and forth.
INITRD_FILES += $(SECURITY_BIN):sbin/security-alt
