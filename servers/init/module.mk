# SPDX-License-Identifier: MIT
# /sbin/init: the first process, built from servers/init/*.c.

INIT_BIN := $(BUILD)/user/sbin/init
$(eval $(call server_prog,init,servers/init,,-pthread))
INITRD_FILES += $(INIT_BIN):sbin/init
