# SPDX-License-Identifier: MIT
# Shared by the QEMU test scripts: boot an image with a hard timeout and
# check what the serial log shows. Sourced, not run.

QEMU=${QEMU:-qemu-system-x86_64}
BUILD=${BUILD:-build}
BOOT_TIMEOUT=${BOOT_TIMEOUT:-60}
LOGDIR=$BUILD/tests/qemu
mkdir -p "$LOGDIR"

# qemu_boot NAME ISO [QEMU args...]: boots, leaves the serial log in
# $LOGDIR/NAME.log and the exit status in $status. isa-debug-exit turns the
# kernel's exit code v into status 2v+1; 124 means the timeout struck.
qemu_boot() {
	name=$1 iso=$2
	shift 2
	log=$LOGDIR/$name.log
	mkdir -p "$(dirname "$log")"
	timeout "$BOOT_TIMEOUT" "$QEMU" -machine q35 -m 256M -display none -no-reboot \
		-device isa-debug-exit,iobase=0xf4,iosize=0x04 \
		-serial "file:$log" -monitor none -cdrom "$iso" "$@" </dev/null >/dev/null 2>&1
	status=$?
}

# expect NAME WANT_STATUS PATTERN...: prints ok/not ok for one boot.
expect() {
	name=$1 want=$2
	shift 2
	why=""
	[ -f "$log" ] || : > "$log"
	[ "$status" = "$want" ] || why="exit status $status, wanted $want"
	for pat in "$@"; do
		grep -aEq -- "$pat" "$log" || why="${why:+$why; }log lacks /$pat/"
	done
	if [ -z "$why" ]; then
		echo "ok $name"
	else
		echo "not ok $name # $why"
		tail -n 15 "$log" | sed 's/^/#   /'
	fi
}
