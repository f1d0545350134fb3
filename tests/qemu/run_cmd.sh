#!/bin/sh
# SPDX-License-Identifier: MIT
# The user's path: `make run EXTRA=<dir> INIT_CMD='/bin/prog args' POWEROFF=1`
# builds build/os.iso with <dir> in /bin of the initrd; the system runs the
# command once the servers are up, prints its exit status and powers off.
. tests/qemu/lib.sh
extra=$(mktemp -d)
trap 'rm -rf "$extra"' EXIT
cp "$BUILD/user/bin/t_proc" "$extra/myprog"
MAKEFLAGS= make -s --no-print-directory "$BUILD/os.iso" EXTRA="$extra" INIT_CMD='/bin/myprog spawned' \
	POWEROFF=1 >/dev/null
qemu_boot run/extra_program_exit_status "$BUILD/os.iso" -cpu max
expect run/extra_program_exit_status 11 "init: /bin/myprog exited with status 5" \
	"exit status 5"
MAKEFLAGS= make -s --no-print-directory "$BUILD/os.iso" INIT_CMD='/bin/no-such-program' POWEROFF=1 >/dev/null
qemu_boot run/missing_program_is_reported "$BUILD/os.iso" -cpu max
expect run/missing_program_is_reported 255 "init: cannot run /bin/no-such-program: No such file" \
	"exit status 127"
MAKEFLAGS= make -s --no-print-directory "$BUILD/os.iso" >/dev/null
