# SPDX-License-Identifier: MIT
# The security server: /sbin/security in the initrd (credential rules in
# sec_cred.c, promises in sec_promise.c, decoding in sec_ipc.c).

SECURITY_BIN := $(BUILD)/user/sbin/security
$(eval $(call server_prog,security,servers/security,,))
INITRD_FILES += $(SECURITY_BIN):sbin/security
# The same binary under a second name: the swap tests go back and forth.
INITRD_FILES += $(SECURITY_BIN):sbin/security-alt
