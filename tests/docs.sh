#!/bin/sh
# SPDX-License-Identifier: MIT
# The documentation made from the code is up to date (run by make test).
BUILD=${BUILD:-build}
sh tools/fwddoc/splice.sh docs/syscalls.md "$BUILD/tools/fwddoc" --check
