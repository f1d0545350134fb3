#!/bin/sh
# SPDX-License-Identifier: MIT
# tests/run.sh [-j N] UNIT_BINARY... -- SCRIPT... [--serial SCRIPT...]:
# runs the unit-test binaries and then the test scripts (QEMU boots and
# others), N at a time (default 1); scripts after --serial run alone, after
# all the others (they rebuild shared images). Prints `ok <suite>/<name>` / `not ok <suite>/<name>` per test,
# each item's lines together and in the order given, and ends with one
# line `N passed, N failed`; exits non-zero when anything failed.
jobs=1
if [ "$1" = -j ]; then
	jobs=${2:-1}
	shift 2
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

run_unit() {
	bin=$1 err=$2
	mod=$(basename "$bin")
	# TAP from Check: "ok 1 - file:tcase:test: Passed" / "not ok 2 - file:tcase:test: msg"
	timeout 300 "$bin" 2>"$err" | awk -v mod="$mod" '
		/^(not )?ok [0-9]+ - / {
			st = ($1 == "not") ? "not ok" : "ok"
			rest = $0; sub(/^(not )?ok [0-9]+ - /, "", rest)
			n = split(rest, f, ":")
			name = f[3]
			msg = ""
			if (st == "not ok") { msg = rest; sub(/^[^:]*:[^:]*:[^:]*:/, "", msg); msg = " #" msg }
			printf "%s unit/%s/%s%s\n", st, mod, name, msg
			seen++
		}
		END { if (!seen) printf "not ok unit/%s/runs # no test output\n", mod }'
	if [ -s "$err" ] && grep -q -e "ERROR: AddressSanitizer" -e "runtime error" "$err"; then
		echo "not ok unit/$mod/sanitizers # see below"
		sed 's/^/#   /' "$err" | head -40
	fi
}

# run_item KIND ITEM OUT: one unit binary or one script, its lines into OUT.
run_item() {
	if [ "$1" = unit ]; then
		run_unit "$2" "$3.err" > "$3"
	else
		sh "$2" > "$3" 2>&1
	fi
}

# Start items in the background, at most $jobs at a time; print each item's
# output in order as soon as it and those before it are done.
i=0 shown=0 running=0 kind=unit
for item in "$@"; do
	if [ "$item" = -- ]; then
		kind=script
		continue
	fi
	if [ "$item" = --serial ]; then
		wait
		running=0 jobs=1
		continue
	fi
	i=$((i + 1))
	echo "$kind $item" > "$work/$i.what"
	( run_item "$kind" "$item" "$work/$i.out"; touch "$work/$i.done" ) &
	running=$((running + 1))
	if [ "$running" -ge "$jobs" ]; then
		wait
		running=0
	fi
	while [ -f "$work/$((shown + 1)).done" ]; do
		shown=$((shown + 1))
		cat "$work/$shown.out" | tee -a "$work/results"
	done
done
wait
while [ "$shown" -lt "$i" ]; do
	shown=$((shown + 1))
	cat "$work/$shown.out" | tee -a "$work/results"
done

touch "$work/results"
passed=$(grep -ac '^ok ' "$work/results")
failed=$(grep -ac '^not ok ' "$work/results")
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
