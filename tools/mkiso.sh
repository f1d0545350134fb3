#!/bin/sh
# SPDX-License-Identifier: MIT
# Builds a GRUB 2 rescue ISO that boots KERNEL through multiboot2 with the
# given command line, loading INITRD as a module (none when INITRD is "-").
# Usage: mkiso.sh OUT.iso KERNEL INITRD "CMDLINE"
set -e
out=$1 kernel=$2 initrd=$3 cmdline=$4
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# The tree put on the ISO and grub-mkrescue's log are kept apart: a log
# inside the tree changes while xorriso reads it, which xorriso reports as
# a failure.
dir=$tmp/iso log=$tmp/log
mkdir -p "$dir/boot/grub"
cp "$kernel" "$dir/boot/kernel.elf"
{
	echo 'set timeout=0'
	echo 'set default=0'
	echo 'serial --unit=0 --speed=115200'
	# GRUB writes to the serial port but does not read it: typed input is
	# left for the system's console.
	echo 'terminal_output serial console'
	echo 'menuentry "microkernel" {'
	# Each word single-quoted for GRUB's shell-like parser, so that ";" and
	# other specials reach the kernel (GRUB joins the words with spaces).
	quoted=""
	set -f
	for w in $cmdline; do
		quoted="$quoted '$(printf '%s' "$w" | sed "s/'/'\\\\''/g")'"
	done
	set +f
	echo "	multiboot2 /boot/kernel.elf$quoted"
	if [ "$initrd" != "-" ]; then
		cp "$initrd" "$dir/boot/initrd.img"
		echo '	module2 /boot/initrd.img initrd'
	fi
	echo '	boot'
	echo '}'
} > "$dir/boot/grub/grub.cfg"
grub-mkrescue -o "$out" "$dir" >"$log" 2>&1 || { cat "$log" >&2; exit 1; }
