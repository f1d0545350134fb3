# SPDX-License-Identifier: MIT
# The time server: /sbin/time in the initrd (clocks in tm_clock.c, decoding
# and sleeping in tm_ipc.c).

TIME_BIN := $(BUILD)/user/sbin/time
$(eval $(call server_prog,time,servers/time,,-pthread))
INITRD_FILES += $(TIME_BIN):sbin/time
# The same binary under a second name: the swap tests go back and forth.
INITRD_FILES += $(TIME_BIN):sbin/time-alt
