/* SPDX-License-Identifier: MIT */
/* Fatal errors: panic() prints the message, a backtrace and stops the machine
 * (leaving QEMU through isa-debug-exit when present). */
#pragma once
#include "lib/types.h"

__attribute__((noreturn, format(printf, 1, 2))) void panic(const char *fmt, ...);

/* Checks an invariant; a violation panics naming the condition and place. */
#define kassert(cond)                                                        \
	do {                                                                 \
		if (unlikely(!(cond)))                                       \
			panic("assertion failed: %s (%s:%d)", #cond, __FILE__, \
			      __LINE__);                                     \
	} while (0)
