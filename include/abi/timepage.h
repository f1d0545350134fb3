/* SPDX-License-Identifier: MIT */
/* The time page: read-only in every process, just below the vDSO, so that
 * clock_gettime for the wall and monotonic clocks needs no system call.
 * The kernel (and, through it, the time server's clock_settime) writes it
 * under a sequence count: odd while an update is in progress. */
#pragma once
#include <stdint.h>

#define UK_TIMEPAGE_MAGIC 0x45474150u  /* "PAGE" */

struct uk_timepage {
	uint32_t magic;
	volatile uint32_t seq;
	uint64_t tsc_boot;                /* TSC at CLOCK_MONOTONIC zero */
	uint64_t mult;                    /* ns = (tsc - tsc_boot) * mult >> shift */
	uint32_t shift;
	uint32_t reserved;
	volatile int64_t realtime_at_boot_ns;  /* CLOCK_REALTIME at monotonic zero */
};
