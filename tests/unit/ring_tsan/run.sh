#!/bin/sh
# SPDX-License-Identifier: MIT
# Runs the ThreadSanitizer build of the ring stress test (libipc/host.mk); it
# prints its own ok/not ok lines and exits 66 on a data-race report.
BUILD=${BUILD:-build}
"$BUILD/tests/tsan/ring_stress" || { rc=$?; [ $rc = 66 ] && echo "not ok unit/ring_tsan/no_data_races # ThreadSanitizer report (exit 66)"; exit $rc; }
