#!/bin/sh
# SPDX-License-Identifier: MIT
# Boots /bin/sysfuzz (tests/fuzz/sysfuzz): one boot per seed, the modes one
# after another in it, and prints `ok fuzz/<mode>/seed<N>` when a run ended
# with `FUZZ calls=N deaths=0 health_failures=0 leaked_frames=N` and exit status
# 0 (sysfuzz allows a few frames of slack for caches: see sysfuzz.c).
#   sh tests/qemu/fuzz.sh          a short fixed round for `make test`
#   sh tests/qemu/fuzz.sh long     SEEDS, ITER, MODES from the environment
#                                  (`make fuzz SEEDS="1 2 3" ITER=100000`)
# FUZZ_ARGS adds options to every sysfuzz command (e.g. -x write,uk_svc).
. tests/qemu/lib.sh
if [ "$1" = long ]; then
	SEEDS=${SEEDS:-1 2 3}
	ITER=${ITER:-120000}
	MODES=${MODES:-linux native mixed}
	suite=fuzz
else
	SEEDS=${SEEDS:-1}
	ITER=${ITER:-5000}
	MODES=${MODES:-linux native mixed}
	suite=fuzz
fi
nmodes=$(echo $MODES | wc -w)
for seed in $SEEDS; do
	cmds=""
	for m in $MODES; do
		cmds="$cmds${cmds:+ ; }/bin/sysfuzz $seed $ITER $m $FUZZ_ARGS"
	done
	run=fuzz${1:+-$1}/seed$seed
	iso=$BUILD/tests/fuzz${1:+-$1}-seed$seed.iso
	sh tools/mkiso.sh "$iso" "$BUILD/kernel.elf" "$BUILD/initrd.img" "test -- $cmds"
	# A few hundred calls per second at worst (hangs cost 10 s each), and a boot.
	BOOT_TIMEOUT=$((60 + nmodes * (ITER / 300 + 30))) qemu_boot "$run" "$iso" -cpu max
	clean=$LOGDIR/$run.txt
	tr -d '\r' < "$log" > "$clean"
	# FUZZ-INFO names the mode; the FUZZ line after it has the counts.
	for m in $MODES; do
		name=$suite/$m/seed$seed
		line=$(awk -v m="$m" '/^FUZZ-INFO / { cur = ($0 ~ (" mode=" m " ")) } \
			cur && /^FUZZ calls=/ { print; exit }' "$clean")
		nth=$(echo $MODES | tr ' ' '\n' | grep -n "^$m\$" | cut -d: -f1)
		st=$(grep -a "^init: /bin/sysfuzz exited with status" "$clean" | sed -n "${nth}p" |
			awk '{ print $NF }')
		if [ -n "$line" ] && echo "$line" | grep -q ' deaths=0 health_failures=0 leaked_frames=' &&
		   [ "$st" = 0 ]; then
			echo "ok $name # $line"
		else
			echo "not ok $name # ${line:-no FUZZ line (status $status)}; exit status ${st:-none}"
			# This mode's part of the log: from its banner to its FUZZ line.
			awk -v m="$m" 'index($0, "sysfuzz: seed ") == 1 { on = ($0 ~ (", mode " m ",")) } \
				on { print } on && /^FUZZ calls=/ { exit }' "$clean" > "$clean.$m"
			grep -aE '^(FINDING|HEALTH FAIL|FUZZ-HANG)|^#   ' "$clean.$m" | head -n 40 |
				sed 's/^/#   /'
			grep -aA12 '^PANIC' "$clean.$m" | head -n 14 | sed 's/^/#   /'
			grep -aE '^init: (server .* died|cannot restart)|^kernel: init|pid [0-9]+ \((vfs|init|time|console|security)\) killed' \
				"$clean.$m" | head -n 6 | sed 's/^/#   /'
		fi
	done
done
