#!/bin/sh
# SPDX-License-Identifier: MIT
# Host-side IPC figures: the fusion ring (shared memory + futex) beside a
# pipe pair and a Unix socket pair, between two processes on this machine.
# The Makefile builds the program (libipc/host.mk); this only runs it.
BUILD=${BUILD:-build}
bin=$BUILD/bench/host_ipc
[ -x "$bin" ] || { echo "bench: $bin is missing; run make bench" >&2; exit 1; }
"$bin" "$@"
