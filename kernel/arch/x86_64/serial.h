/* SPDX-License-Identifier: MIT */
/* COM1 polled output: the kernel log's first sink. */
#pragma once
#include "lib/types.h"

void serial_init(void);
void serial_write(const char *s, size_t n);
