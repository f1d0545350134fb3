#!/bin/sh
# SPDX-License-Identifier: MIT
# Runs the POSIX shell scripts of tests/sh through /bin/sh inside the OS
# (tests/sh/run-all, packed as /share/sh) and compares each one's output
# with the .out file beside it, which Debian's dash printed.
. tests/qemu/lib.sh
iso=$BUILD/tests/sh_scripts.iso
sh tools/mkiso.sh "$iso" "$BUILD/kernel.elf" "$BUILD/initrd.img" "test -- /bin/sh /share/sh/run-all"
BOOT_TIMEOUT=120 qemu_boot sh_scripts/boot "$iso" -cpu max
dir=$LOGDIR/sh_scripts
mkdir -p "$dir"
tr -d '\r' < "$log" > "$dir/clean.log"
for t in tests/sh/*.sh; do
	name=$(basename "$t" .sh)
	awk -v n="$name" '$0 == "=== begin " n { on = 1; next }
		on && index($0, "=== end " n " ") == 1 { on = 0; print "__status " $4; next }
		on' "$dir/clean.log" > "$dir/$name.got"
	got_status=$(sed -n 's/^__status //p' "$dir/$name.got")
	sed -i '/^__status /d' "$dir/$name.got"
	if [ -z "$got_status" ]; then
		echo "not ok sh/$name # did not finish"
	elif cmp -s "$dir/$name.got" "tests/sh/$name.out"; then
		echo "ok sh/$name"
	else
		echo "not ok sh/$name # output differs from tests/sh/$name.out:"
		diff "$dir/$name.got" "tests/sh/$name.out" | head -20 | sed 's/^/#   /'
	fi
done
expect sh_scripts/runner_exits_0 1 "init: /bin/sh exited with status 0"
