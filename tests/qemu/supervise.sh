#!/bin/sh
# SPDX-License-Identifier: MIT
# Servers killed, restarted, swapped and crash-looped under running
# programs (t_restart, t_hammer, t_supervise), in a boot of their own.
. tests/qemu/lib.sh
iso=$BUILD/tests/supervise.iso
sh tools/mkiso.sh "$iso" "$BUILD/kernel.elf" "$BUILD/initrd.img" "test -- /bin/t_restart ; /bin/t_hammer ; /bin/t_concurrent restart ; /bin/t_supervise"
BOOT_TIMEOUT=120 qemu_boot supervise/boot "$iso" -cpu max
tr -d '\r' < "$log" | grep -aE '^(not )?ok prog/'
expect supervise/programs_exit_0 1 "init: /bin/t_restart exited with status 0" \
	"init: /bin/t_hammer exited with status 0" "init: /bin/t_concurrent exited with status 0" \
	"init: /bin/t_supervise exited with status 0" "init: all 4 programs done, 0 failed"
