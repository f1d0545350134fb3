#!/bin/sh
# SPDX-License-Identifier: MIT
# Boots with /bin/bench_restart (server restart and swap pauses) under -icount and passes on
# its BENCH lines (guest TSC ticks per operation).
. tests/qemu/lib.sh
iso=$BUILD/tests/bench-restart.iso
sh tools/mkiso.sh "$iso" "$BUILD/kernel.elf" "$BUILD/initrd.img" "test -- /bin/bench_restart"
BOOT_TIMEOUT=300 qemu_boot bench/restart "$iso" -cpu max -icount shift=0,sleep=off
tr -d '\r' < "$log" | grep '^BENCH ' || { echo "bench: bench_restart failed; see $log" >&2; exit 1; }
