#!/bin/sh
# SPDX-License-Identifier: MIT
# Drives the shell through the serial port as a person would: types a
# command, waits for its output, types the next. Files are created, listed,
# read, renamed and deleted; a pipeline, redirections, quoting, $?, ^C
# ending a program that waits for input, and job control: &, jobs, ^Z,
# bg, fg, ^C, kill %n and wait %n.
. tests/qemu/lib.sh
iso=$BUILD/tests/shell.iso
dir=$LOGDIR/shell
mkdir -p "$dir"
rm -f "$dir/tty.in" "$dir/tty.out"
mkfifo "$dir/tty.in" "$dir/tty.out"
raw=$dir/session.raw
log=$dir/session.txt
sh tools/mkiso.sh "$iso" "$BUILD/kernel.elf" "$BUILD/initrd.img" "test -- /bin/sh"
timeout 180 "$QEMU" -machine q35 -m 256M -display none -no-reboot -cpu max \
	-device isa-debug-exit,iobase=0xf4,iosize=0x04 -monitor none -cdrom "$iso" \
	-chardev pipe,id=s0,path="$dir/tty" -serial chardev:s0 </dev/null >/dev/null 2>&1 &
qemu=$!
cat "$dir/tty.out" > "$raw" &
exec 3> "$dir/tty.in"

clean() { tr -d '\r' < "$raw" | sed 's/\x1b\[[0-9;]*[A-Za-z]//g' > "$log"; }
# wait_for PATTERN: until the session shows a line matching it (30 s at most).
wait_for() {
	i=0
	while [ $i -lt ${WAIT_TENTHS:-300} ]; do
		clean
		grep -aEq -- "$1" "$log" && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}
n=0
# type LINE: types it with a marker command on the same line, and waits for
# the marker. One line, so that nothing is typed while a command runs: the
# terminal echoes type-ahead, which could land in the middle of its output.
type_line() {
	n=$((n + 1))
	printf '%s; echo __done_%s__\n' "$1" "$n" >&3
	wait_for "^__done_${n}__$"
}

wait_for 'init: time ready' && sleep 0.5
type_line 'echo hello > /tmp/a.txt'
type_line 'cat /tmp/a.txt'
type_line 'ls /tmp'
type_line 'mv /tmp/a.txt /tmp/b.txt'
type_line 'cat < /tmp/b.txt | cat'
type_line 'ls /tmp'
type_line 'echo more >> /tmp/b.txt; cat /tmp/b.txt'
type_line 'rm /tmp/b.txt'
type_line 'ls /tmp/b.txt 2> /tmp/err; cat /tmp/err'
type_line "X='quoted  words'; echo \"[\$X]\" done"
type_line 'nosuchcmd; echo "status $?"'
type_line 'svc list'
type_line 'echo before; svc restart time; echo between; svc restart console'
type_line 'echo after the restarts; svc status console'
# ^C while cat waits for input; typed again if it came before cat was
# reading (then cat itself took the line).
printf 'cat\n' >&3
for try in 1 2 3; do
	sleep 1
	printf '\003' >&3
	printf 'echo still here\n' >&3
	WAIT_TENTHS=50 wait_for '^still here$' && break
done
# Job control: a background job, a foreground one stopped with ^Z, bg,
# fg and ^C; a finished background job is reported before a prompt.
bg_start=$(date +%s)
type_line 'sleep 3 & echo started'
type_line 'jobs'
printf 'sleep 30\n' >&3
for try in 1 2 3; do
	sleep 1
	printf '\032' >&3
	WAIT_TENTHS=30 wait_for '^\[2\]\+  Stopped +sleep 30$' && break
done
type_line 'echo "stopped: $?"; jobs'
type_line 'bg'
type_line 'jobs %2'
printf 'fg %%2; echo "not after ^C"\n' >&3
wait_for '^sleep 30$' && sleep 1
printf '\003' >&3
type_line 'echo "after fg: $?"'
while [ $(($(date +%s) - bg_start)) -lt 4 ]; do sleep 0.5; done
type_line 'echo prompt after sleep 3'
type_line 'sleep 30 & kill %1; wait %1; echo "killed: $?"'
type_line 'jobs; echo "no jobs left"'
# ^C ends a foreground loop, not only the command it was running; ^Z
# stops a whole pipeline, which kill %n then ends.
printf 'while :; do sleep 1; done\n' >&3
sleep 1.5
printf '\003' >&3
type_line 'echo "loop interrupted: $?"'
printf 'sleep 30 | cat\n' >&3
for try in 1 2 3; do
	sleep 1
	printf '\032' >&3
	WAIT_TENTHS=30 wait_for 'Stopped +sleep 30 \| cat$' && break
done
type_line 'kill %1; wait %1; echo "pipeline killed: $?"; jobs'
printf 'exit 3\n' >&3
wait $qemu
status=$?
exec 3>&-
wait
clean
expect shell/creates_and_reads_a_file 7 "^hello$"
expect shell/lists_renames_and_deletes 7 "^a\.txt$" "^b\.txt$" "ls: /tmp/b.txt: No such file or directory"
expect shell/appends_and_pipes 7 "^more$"
expect shell/quoting_and_status 7 "^\[quoted  words\] done$" "sh: nosuchcmd: not found" "^status 127$"
expect shell/ctrl_c_ends_a_reading_program 7 "^still here$"
expect shell/svc_lists_the_servers 7 "^console +pid [0-9]+ +restarts 0 +running +/sbin/console" \
	"^vfs +pid [0-9]+ " "^time +pid [0-9]+ "
expect shell/svc_restart_between_commands_goes_unnoticed 7 "^before$" "^between$" \
	"^after the restarts$" "^console +pid [0-9]+ +restarts 1 +running"
expect shell/job_control_background_job_prints_its_number 7 "^\[1\] [0-9]+$" "^started$" \
	"^\[1\]\+  Running +sleep 3 &$"
expect shell/job_control_ctrl_z_stops_the_foreground_job 7 "^\[2\]\+  Stopped +sleep 30$" \
	"^stopped: 148$" "^\[1\]-  Running +sleep 3 &$"
expect shell/job_control_bg_continues_it_in_the_background 7 "^\[2\] sleep 30 &$" \
	"^\[2\]\+  Running +sleep 30 &$"
expect shell/job_control_fg_and_ctrl_c_end_it_not_the_shell 7 "^sleep 30$" "^after fg: 130$"
if grep -aq '^not after' "$log"; then
	echo "not ok shell/job_control_ctrl_c_drops_the_rest_of_the_line"
else
	echo "ok shell/job_control_ctrl_c_drops_the_rest_of_the_line"
fi
expect shell/job_control_done_job_reported_before_the_prompt 7 "^\[1\]. +Done +sleep 3$"
expect shell/job_control_kill_and_wait_by_job_number 7 "^killed: 143$" "^no jobs left$"
expect shell/job_control_ctrl_c_ends_a_foreground_loop 7 "^loop interrupted: 130$"
expect shell/job_control_ctrl_z_stops_a_pipeline_and_kill_ends_it 7 \
	"^\[1\]\+  Stopped +sleep 30 \| cat$" "^pipeline killed: 143$"
expect shell/exit_status_reaches_init 7 "init: /bin/sh exited with status 3"
