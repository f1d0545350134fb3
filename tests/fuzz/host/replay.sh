#!/bin/sh
# SPDX-License-Identifier: MIT
# Part of `make test`: replays each fuzz target's corpus
# (tests/fuzz/host/corpus/T/) through its gcc ASan+UBSan build in
# $FUZZ_REPLAY_DIR (default build/fuzz/replay). Prints
# `ok fuzz/T/corpus_replay`, or `not ok fuzz/T/corpus_replay # reason` when
# the binary is missing, fails, or a sanitizer or fuzz check reports.
bindir=${FUZZ_REPLAY_DIR:-build/fuzz/replay}
err=$(mktemp)
trap 'rm -f "$err"' EXIT
for src in tests/fuzz/host/*.sources; do
	t=$(basename "$src" .sources)
	corpus=tests/fuzz/host/corpus/$t
	name="fuzz/$t/corpus_replay"
	if [ ! -x "$bindir/$t" ]; then
		echo "not ok $name # $bindir/$t not built"
		continue
	fi
	if [ ! -d "$corpus" ] || [ -z "$(ls "$corpus")" ]; then
		echo "not ok $name # empty corpus $corpus"
		continue
	fi
	timeout 300 "$bindir/$t" "$corpus" >/dev/null 2>"$err"
	status=$?
	why=$(grep -m1 -e 'ERROR: AddressSanitizer' -e 'ERROR: LeakSanitizer' \
		-e 'runtime error' -e 'fuzz check failed' -e '^SUMMARY:' "$err")
	if [ "$status" -eq 0 ] && [ -z "$why" ]; then
		echo "ok $name"
	else
		echo "not ok $name # exit $status${why:+: $why}"
		sed 's/^/#   /' "$err" | head -40
	fi
done
