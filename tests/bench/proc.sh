#!/bin/sh
# SPDX-License-Identifier: MIT
# Boots with /bin/bench_proc as init's program under -icount and passes on
# its BENCH lines (guest TSC ticks per operation).
. tests/qemu/lib.sh
iso=$BUILD/tests/bench-proc.iso
sh tools/mkiso.sh "$iso" "$BUILD/kernel.elf" "$BUILD/initrd.img" "test -- /bin/bench_proc"
BOOT_TIMEOUT=300 qemu_boot bench/proc "$iso" -cpu max -icount shift=0,sleep=off
tr -d '\r' < "$log" | grep '^BENCH ' || { echo "bench: bench_proc failed; see $log" >&2; exit 1; }
