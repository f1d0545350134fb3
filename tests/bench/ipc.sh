#!/bin/sh
# SPDX-License-Identifier: MIT
# Boots with /bin/bench_ipc (IPC figures) under -icount and passes on
# its BENCH lines (guest TSC ticks per operation).
. tests/qemu/lib.sh
iso=$BUILD/tests/bench-ipc.iso
sh tools/mkiso.sh "$iso" "$BUILD/kernel.elf" "$BUILD/initrd.img" "test -- /bin/bench_ipc"
BOOT_TIMEOUT=300 qemu_boot bench/ipc "$iso" -cpu max -icount shift=0,sleep=off
tr -d '\r' < "$log" | grep '^BENCH ' || { echo "bench: bench_ipc failed; see $log" >&2; exit 1; }
