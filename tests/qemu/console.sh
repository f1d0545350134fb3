#!/bin/sh
# SPDX-License-Identifier: MIT
# Types into the serial port: the console server receives the bytes through
# its IRQ capability (IRQ 4) and line discipline; /bin/t_tty checks what a
# program reads.
. tests/qemu/lib.sh
iso=$BUILD/tests/console.iso
input=$(mktemp)
trap 'rm -f "$input"' EXIT
# The first line is a sacrifice: GRUB resets the UART when it starts and may
# drop what QEMU had already delivered.
printf 'x\nhello world\nabc\177d\n' > "$input"
sh tools/mkiso.sh "$iso" "$BUILD/kernel.elf" "$BUILD/initrd.img" "test -- /bin/t_tty"
log=$LOGDIR/console/tty.log
mkdir -p "$(dirname "$log")"
timeout 60 "$QEMU" -machine q35 -m 256M -display none -no-reboot -cpu max \
	-device isa-debug-exit,iobase=0xf4,iosize=0x04 -monitor none -cdrom "$iso" \
	-chardev file,id=s0,path="$log",input-path="$input" -serial chardev:s0 </dev/null >/dev/null 2>&1
status=$?
tr -d '\r' < "$log" | grep -aE '^(not )?ok prog/'
expect console/t_tty_exits_0 1 "init: /bin/t_tty exited with status 0"
