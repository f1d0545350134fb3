#!/bin/sh
# SPDX-License-Identifier: MIT
# Boots /bin/sysfuzz under -icount (guest TSC, deterministic) and passes on
# its rate as BENCH fuzz_calls_per_s: how fast the fuzzer drives the
# system, mixed Linux and native calls from a fixed seed. A run that ends
# in a finding still has a rate; one that never prints it (a panic) is
# reported on stderr and counted as 0, without failing the other benches.
. tests/qemu/lib.sh
iso=$BUILD/tests/bench-fuzz.iso
sh tools/mkiso.sh "$iso" "$BUILD/kernel.elf" "$BUILD/initrd.img" "test -- /bin/sysfuzz 1 20000 mixed $FUZZ_ARGS"
BOOT_TIMEOUT=300 qemu_boot bench/fuzz "$iso" -cpu max -icount shift=0,sleep=off
cps=$(tr -d '\r' < "$log" | sed -n 's/^FUZZ-INFO .* calls_per_s=\([0-9]*\).*/\1/p' | head -n 1)
if [ -z "$cps" ]; then
	echo "bench: sysfuzz printed no rate; see $log" >&2
	cps=0
fi
echo "BENCH fuzz_calls_per_s $cps calls/s"
