#!/bin/sh
# SPDX-License-Identifier: MIT
# `make fuzz-host`: runs each fuzz target for TIME seconds, one after another.
# Usage: run.sh FUZZDIR TIME TARGET...   (FUZZDIR is $(BUILD)/fuzz)
# Each target starts from tests/fuzz/host/corpus/T/ (read only) plus
# FUZZDIR/corpus/T/, where libFuzzer writes what it finds new; a crash goes
# to FUZZDIR/artifacts/T/ and the whole log to FUZZDIR/logs/T.log. Prints one
# line per target and exits non-zero if any target crashed. Extra libFuzzer
# flags can be given in FUZZ_FLAGS (e.g. FUZZ_FLAGS=-runs=1000000).
dir=$1
time=$2
shift 2
seeds=tests/fuzz/host/corpus
failed=0
for t in "$@"; do
	work=$dir/corpus/$t
	art=$dir/artifacts/$t
	log=$dir/logs/$t.log
	mkdir -p "$work" "$art" "$dir/logs" "$seeds/$t"
	before=$(ls "$work" | wc -l)
	"$dir/bin/$t" -max_total_time="$time" -timeout=10 -print_final_stats=1 \
		-artifact_prefix="$art/" $FUZZ_FLAGS "$work" "$seeds/$t" >"$log" 2>&1
	status=$?
	execs=$(awk '/stat::number_of_executed_units/ { n = $2 } END { print n + 0 }' "$log")
	new=$(($(ls "$work" | wc -l) - before))
	if [ "$status" -eq 0 ]; then
		echo "fuzz/$t: $execs executions, $new new corpus entries, no crash"
	else
		failed=1
		why=$(grep -m1 -e '^SUMMARY:' -e 'fuzz check failed' -e '^==[0-9]*== ERROR' "$log")
		crash=$(ls -t "$art" | head -n1)
		echo "fuzz/$t: $execs executions, $new new corpus entries, CRASH (exit $status):" \
			"${why:-see $log}; input $art/$crash"
	fi
done
exit $failed
