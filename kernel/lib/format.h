/* SPDX-License-Identifier: MIT */
/* A small vsnprintf: %d %i %u %x %X %o %p %s %c %%, with flags '-' '0',
 * a width, and the length modifiers l, ll, z. Pure code, unit-tested on the host. */
#pragma once
#include <stdarg.h>
#include "lib/types.h"

/* Returns the length the full output would have; writes at most size bytes
 * including the terminating NUL (like C99 vsnprintf). */
int fmt_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int fmt_snprintf(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
