#!/bin/sh
# SPDX-License-Identifier: MIT
# Runs the unit-test binaries and then the QEMU test scripts given after "--".
# Prints `ok <suite>/<name>` / `not ok <suite>/<name>` per test and ends with
# one line `N passed, N failed`; exits non-zero when anything failed.
out=$(mktemp)
trap 'rm -f "$out"' EXIT

run_unit() {
	bin=$1
	mod=$(basename "$bin")
	# TAP from Check: "ok 1 - file:tcase:test: Passed" / "not ok 2 - file:tcase:test: msg"
	timeout 300 "$bin" 2>"$out.err" | awk -v mod="$mod" '
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
	if [ -s "$out.err" ]; then
		grep -q -e "ERROR: AddressSanitizer" -e "runtime error" "$out.err" &&
			{ echo "not ok unit/$mod/sanitizers # see below"; sed 's/^/#   /' "$out.err" | head -40; }
	fi
	rm -f "$out.err"
}

results=$(mktemp)
trap 'rm -f "$out" "$results"' EXIT
while [ $# -gt 0 ] && [ "$1" != "--" ]; do
	run_unit "$1" | tee -a "$results"
	shift
done
[ "$1" = "--" ] && shift
for t in "$@"; do
	sh "$t" | tee -a "$results"
done

passed=$(grep -ac '^ok ' "$results")
failed=$(grep -ac '^not ok ' "$results")
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
