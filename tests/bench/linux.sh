#!/bin/sh
# SPDX-License-Identifier: MIT
# The same static benchmark (bench_sys) on this system and on Debian's Linux
# kernel, both booted by GRUB 2 from an ISO in the same QEMU configuration
# (-icount shift=0,sleep=off). Prints BENCH <figure> ours=.. linux=.. ratio=..
# The Linux image (linux-image-cloud-amd64) is fetched with apt-get download
# the first time and kept in build/linux/.
. tests/qemu/lib.sh

LDIR=$BUILD/linux
BIN=$BUILD/user/bin/bench_sys
mkdir -p "$LDIR"

fetch_linux() {
	[ -f "$LDIR/vmlinuz" ] && return 0
	tmp=$(mktemp -d)
	(cd "$tmp" && apt-get download -q linux-image-cloud-amd64 >/dev/null 2>&1) || {
		[ "$(id -u)" = 0 ] && apt-get update -qq && (cd "$tmp" && apt-get download -q linux-image-cloud-amd64 >/dev/null)
	}
	meta=$(ls "$tmp"/linux-image-cloud-amd64_*.deb 2>/dev/null | head -n1)
	[ -n "$meta" ] || { echo "bench: cannot download linux-image-cloud-amd64" >&2; return 1; }
	real=$(dpkg-deb -f "$meta" Depends | tr ',' '\n' | grep -o 'linux-image-[0-9][^ ]*' | head -n1)
	(cd "$tmp" && apt-get download -q "$real" >/dev/null)
	dpkg -x "$tmp/${real}"_*.deb "$tmp/x"
	cp "$tmp"/x/boot/vmlinuz-* "$LDIR/vmlinuz"
	rm -rf "$tmp"
}

linux_iso() {
	root=$(mktemp -d)
	mkdir -p "$root/etc" "$root/dev"
	cp "$BIN" "$root/init"
	echo microkernel > "$root/etc/hostname"
	mknod "$root/dev/null" c 1 3
	mknod "$root/dev/console" c 5 1
	(cd "$root" && find . | cpio -o -H newc --quiet | gzip -1) > "$LDIR/initramfs.cpio.gz"
	rm -rf "$root"
	iso=$(mktemp -d)
	mkdir -p "$iso/boot/grub"
	cp "$LDIR/vmlinuz" "$iso/boot/vmlinuz"
	cp "$LDIR/initramfs.cpio.gz" "$iso/boot/initramfs.cpio.gz"
	cat > "$iso/boot/grub/grub.cfg" <<CFG
set timeout=0
serial --unit=0 --speed=115200
terminal_output serial console
menuentry "linux" {
	linux /boot/vmlinuz console=ttyS0 quiet panic=-1
	initrd /boot/initramfs.cpio.gz
}
CFG
	grub-mkrescue -o "$LDIR/linux.iso" "$iso" >/dev/null 2>&1
	rm -rf "$iso"
}

fetch_linux
linux_iso
BOOT_TIMEOUT=300 qemu_boot bench/linux "$LDIR/linux.iso" -cpu max -icount shift=0,sleep=off
linux_log=$log
iso=$BUILD/tests/bench-sys.iso
sh tools/mkiso.sh "$iso" "$BUILD/kernel.elf" "$BUILD/initrd.img" "test -- /bin/bench_sys"
BOOT_TIMEOUT=300 qemu_boot bench/ours "$iso" -cpu max -icount shift=0,sleep=off
ours_log=$log

raw() { tr -d '\r' < "$1" | awk -v k="$2" '$1 == "BENCH-RAW" && $2 == k { print $3; exit }'; }
for f in getpid getuid clock_gettime open_read_close stat write_devnull pipe_rtt fork_wait spawn_wait boot_to_program; do
	o=$(raw "$ours_log" $f)
	l=$(raw "$linux_log" $f)
	if [ -n "$o" ] && [ -n "$l" ]; then
		echo "BENCH $f ours=$o linux=$l ratio=$(awk -v a="$o" -v b="$l" 'BEGIN { printf "%.3f", a / b }')"
	else
		echo "BENCH $f ours=${o:-failed} linux=${l:-failed} ratio=n/a"
	fi
done
# Timer lateness is guest time in ns, not a ratio: ours, then Linux's.
for f in timer_late_mean_ns timer_late_max_ns; do
	echo "BENCH $f $(raw "$ours_log" $f || true) ns"
	echo "BENCH linux_$f $(raw "$linux_log" $f || true) ns"
done
