#!/bin/sh
# SPDX-License-Identifier: MIT
# splice.sh DOC FWDDOC [--check]: puts the output of FWDDOC between the
# lines "<!-- fwddoc: begin -->" and "<!-- fwddoc: end -->" of DOC; with
# --check, changes nothing and prints one ok/not ok line saying whether DOC
# already holds it.
doc=$1 gen=$2
new=$(mktemp)
trap 'rm -f "$new"' EXIT
awk -v gen="$gen" '
	/^<!-- fwddoc: begin -->$/ { print; while ((gen | getline line) > 0) print line; skip = 1; next }
	/^<!-- fwddoc: end -->$/ { skip = 0 }
	!skip { print }' "$doc" > "$new"
if [ "$3" = --check ]; then
	if cmp -s "$doc" "$new"; then
		echo "ok docs/syscalls_md_forwarded_table_is_generated"
	else
		echo "not ok docs/syscalls_md_forwarded_table_is_generated # run make docs"
	fi
else
	cp "$new" "$doc"
fi
