#!/bin/sh
# SPDX-License-Identifier: MIT
# Boot figures under -icount shift=0,sleep=off (guest TSC ticks, deterministic):
# reset -> kernel ready (GRUB included), kernel entry -> ready, image size.
. tests/qemu/lib.sh
qemu_boot bench/boot "$BUILD/test.iso" -cpu max -icount shift=0,sleep=off
line=$(grep -o 'ready at tsc [0-9]* (entry tsc [0-9]*)' "$log")
ready=$(echo "$line" | awk '{print $4}')
entry=$(echo "$line" | awk '{print $7}' | tr -d ')')
if [ -z "$ready" ]; then
	echo "bench: boot failed; see $log" >&2
	exit 1
fi
echo "BENCH boot_ready_ticks $ready ticks"
echo "BENCH kernel_ready_ticks $((ready - entry)) ticks"
size "$BUILD/kernel.elf" | awk 'NR == 2 { printf "BENCH kernel_image_bytes %d bytes\n", $1 + $2 }'
