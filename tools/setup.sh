#!/bin/sh
# SPDX-License-Identifier: MIT
# Installs what the build, `make run` and `make test` need on Debian.
# Run as root it installs missing packages with apt-get; otherwise it prints
# the one command to run. QEMU must be >= 8.0 (TCG x2APIC): on Debian 12 it
# comes from bookworm-backports, which is added to apt's sources if missing.
# `setup.sh fuzz` instead installs what `make fuzz-host` needs: clang with
# its libFuzzer and sanitizer runtimes (no QEMU).
set -e

mode=${1:-}
if [ "$mode" = fuzz ]; then
	pkgs="clang libclang-rt-dev gcc make"
else
	pkgs="nasm grub-pc-bin grub-common xorriso mtools musl-tools check pkg-config cpio gcc make"
fi
missing=""
for p in $pkgs; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
done

qemu_ok() {
	command -v qemu-system-x86_64 >/dev/null 2>&1 || return 1
	v=$(qemu-system-x86_64 --version | sed -n 's/.*version \([0-9]*\)\..*/\1/p' | head -n1)
	[ -n "$v" ] && [ "$v" -ge 8 ]
}

# Whether clang links a libFuzzer program with ASan and UBSan.
fuzz_ok() {
	command -v clang >/dev/null 2>&1 || return 1
	printf 'int LLVMFuzzerTestOneInput(const char *d, long n) { return d && n; }\n' |
		clang -x c -fsanitize=fuzzer,address,undefined -o /dev/null - >/dev/null 2>&1
}

if [ "$mode" = fuzz ]; then
	[ -z "$missing" ] && fuzz_ok && exit 0
	if [ -n "$missing" ] && [ "$(id -u)" != 0 ]; then
		echo "setup: missing packages:$missing" >&2
		echo "setup: run as root: apt-get update && apt-get install -y$missing" >&2
		exit 1
	fi
	if [ -n "$missing" ]; then
		export DEBIAN_FRONTEND=noninteractive
		apt-get update -qq
		apt-get install -y -qq --no-install-recommends $missing
	fi
	fuzz_ok || { echo "setup: clang cannot link -fsanitize=fuzzer,address,undefined" >&2; exit 1; }
	exit 0
fi

need_qemu=0
qemu_ok || need_qemu=1

[ -z "$missing" ] && [ "$need_qemu" = 0 ] && exit 0

codename=$(. /etc/os-release 2>/dev/null; echo "${VERSION_CODENAME:-}")
if [ "$(id -u)" != 0 ]; then
	echo "setup: missing packages:$missing $( [ $need_qemu = 1 ] && echo 'qemu-system-x86 (>= 8.0)')" >&2
	if [ "$codename" = bookworm ]; then
		echo "setup: run as root: apt-get update && apt-get install -y$missing && apt-get install -y -t bookworm-backports qemu-system-x86 (after adding bookworm-backports to apt's sources)" >&2
	else
		echo "setup: run as root: apt-get update && apt-get install -y$missing qemu-system-x86" >&2
	fi
	exit 1
fi

export DEBIAN_FRONTEND=noninteractive
qemu_target=""
if [ "$need_qemu" = 1 ] && [ "$codename" = bookworm ]; then
	if ! grep -rqs bookworm-backports /etc/apt/sources.list /etc/apt/sources.list.d/; then
		uri=$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null)
		[ -n "$uri" ] || uri=$(awk '$1=="deb" && $3=="bookworm" {print $2; exit}' /etc/apt/sources.list 2>/dev/null)
		[ -n "$uri" ] || uri=http://deb.debian.org/debian
		printf 'Types: deb\nURIs: %s\nSuites: bookworm-backports\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' \
			"$uri" > /etc/apt/sources.list.d/backports.sources
		echo "setup: added bookworm-backports ($uri)"
	fi
	qemu_target="-t bookworm-backports"
fi
apt-get update -qq
[ -n "$missing" ] && apt-get install -y -qq --no-install-recommends $missing
if [ "$need_qemu" = 1 ]; then
	apt-get install -y -qq --no-install-recommends $qemu_target qemu-system-x86
fi
qemu_ok || { echo "setup: QEMU >= 8.0 is required and could not be installed" >&2; exit 1; }
