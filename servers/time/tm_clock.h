/* SPDX-License-Identifier: MIT */
/* The time server's clocks, as plain functions over an explicit state:
 * CLOCK_MONOTONIC (and _RAW, _COARSE, BOOTTIME) count from boot on the TSC;
 * CLOCK_REALTIME (and _COARSE) is the RTC time at boot plus the monotonic
 * time plus an offset that clock_settime changes. */
#pragma once
#include <stdint.h>
#include <time.h>

struct tm_clock {
	uint64_t tsc_hz;
	uint64_t tsc_boot;            /* TSC value at CLOCK_MONOTONIC zero */
	int64_t realtime_at_boot_ns;  /* RTC at boot, plus what clock_settime moved */
};

/* Nanoseconds of CLOCK_MONOTONIC at TSC value tsc. */
uint64_t tm_mono_ns(const struct tm_clock *c, uint64_t tsc);
/* Reads clock id at TSC value tsc into *ts; -EINVAL for ids it does not
 * keep (the CPU-time clocks are answered elsewhere). */
int tm_gettime(const struct tm_clock *c, int id, uint64_t tsc, struct timespec *ts);
int tm_getres(const struct tm_clock *c, int id, struct timespec *ts);
/* Sets CLOCK_REALTIME; -EINVAL for other clocks or a bad timespec. */
int tm_settime(struct tm_clock *c, int id, uint64_t tsc, const struct timespec *ts);
/* True if ts is a valid timespec (0 <= tv_nsec < 1e9, tv_sec >= 0). */
int tm_valid(const struct timespec *ts);
/* The CLOCK_MONOTONIC deadline (ns) of a sleep: relative, or absolute on
 * clock id; -EINVAL for a bad request. */
int64_t tm_deadline(const struct tm_clock *c, int id, int absolute, const struct timespec *ts,
		    uint64_t tsc);
