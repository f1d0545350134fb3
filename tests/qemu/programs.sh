#!/bin/sh
# SPDX-License-Identifier: MIT
# Runs every test program in one boot: init spawns each in turn and waits.
# The programs print `ok prog/<name>` lines of their own; this script passes
# them on and adds one line per program for its exit status.
. tests/qemu/lib.sh
# t_tty needs typed input (console.sh); t_restart, t_hammer and t_supervise
# kill servers, so they get a boot of their own (supervise.sh).
progs=$(cd "$BUILD/user/bin" && ls t_* | grep -v -e '^t_true$' -e '^t_tty$' -e '^t_restart$' \
	-e '^t_supervise$' -e '^t_hammer$' | sed 's|^|/bin/|' | tr '\n' ' ')
cmds=$(echo $progs | sed 's/ / ; /g')
iso=$BUILD/tests/programs.iso
sh tools/mkiso.sh "$iso" "$BUILD/kernel.elf" "$BUILD/initrd.img" "test -- $cmds"
BOOT_TIMEOUT=120 qemu_boot programs/boot "$iso" -cpu max
tr -d '\r' < "$log" | grep -aE '^(not )?ok prog/' | sed 's/^\(\(not \)\{0,1\}ok\) prog\//\1 prog\//'
for p in $progs; do
	name=prog/$(basename "$p")_exits_0
	if tr -d '\r' < "$log" | grep -aq "^init: $p exited with status 0$"; then
		echo "ok $name"
	else
		echo "not ok $name # $(tr -d '\r' < "$log" | grep -a "^init: $p exited" || echo 'did not finish')"
	fi
done
expect programs/init_reports_all_done 1 "init: all [0-9]+ programs done, 0 failed" \
	"kernel: init \(pid 1\) exited, exit status 0"
