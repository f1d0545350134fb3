// SPDX-License-Identifier: MIT
/* Clock arithmetic for the time server. */
#include <errno.h>
#include "tm_clock.h"

#define NS 1000000000ll
#define COARSE_RES_NS 4000000  /* what the _COARSE clocks promise (4 ms) */

uint64_t tm_mono_ns(const struct tm_clock *c, uint64_t tsc)
{
	uint64_t t = tsc - c->tsc_boot;
	return (uint64_t)((unsigned __int128)t * NS / c->tsc_hz);
}

static void to_ts(int64_t ns, struct timespec *ts)
{
	ts->tv_sec = ns / NS;
	ts->tv_nsec = ns % NS;
	if (ts->tv_nsec < 0) {
		ts->tv_nsec += NS;
		ts->tv_sec--;
	}
}

static int is_monotonic(int id)
{
	return id == CLOCK_MONOTONIC || id == CLOCK_MONOTONIC_RAW || id == CLOCK_MONOTONIC_COARSE ||
	       id == CLOCK_BOOTTIME;
}

static int is_realtime(int id)
{
	return id == CLOCK_REALTIME || id == CLOCK_REALTIME_COARSE;
}

int tm_gettime(const struct tm_clock *c, int id, uint64_t tsc, struct timespec *ts)
{
	int64_t mono = (int64_t)tm_mono_ns(c, tsc);
	if (is_monotonic(id))
		to_ts(mono, ts);
	else if (is_realtime(id))
		to_ts(c->realtime_at_boot_ns + mono, ts);
	else
		return -EINVAL;
	return 0;
}

int tm_getres(const struct tm_clock *c, int id, struct timespec *ts)
{
	if (!is_monotonic(id) && !is_realtime(id) && id != CLOCK_PROCESS_CPUTIME_ID &&
	    id != CLOCK_THREAD_CPUTIME_ID)
		return -EINVAL;
	int coarse = id == CLOCK_MONOTONIC_COARSE || id == CLOCK_REALTIME_COARSE;
	int64_t res = coarse ? COARSE_RES_NS : (int64_t)(NS / (int64_t)c->tsc_hz);
	to_ts(res > 0 ? res : 1, ts);
	return 0;
}

int tm_valid(const struct timespec *ts)
{
	return ts->tv_sec >= 0 && ts->tv_nsec >= 0 && ts->tv_nsec < NS;
}

int tm_settime(struct tm_clock *c, int id, uint64_t tsc, const struct timespec *ts)
{
	if (id != CLOCK_REALTIME || !tm_valid(ts))
		return -EINVAL;
	int64_t want = (int64_t)ts->tv_sec * NS + ts->tv_nsec;
	c->realtime_at_boot_ns = want - (int64_t)tm_mono_ns(c, tsc);
	return 0;
}

int64_t tm_deadline(const struct tm_clock *c, int id, int absolute, const struct timespec *ts,
		    uint64_t tsc)
{
	if (!tm_valid(ts) || (!is_monotonic(id) && !is_realtime(id)))
		return -EINVAL;
	int64_t ns = (int64_t)ts->tv_sec * NS + ts->tv_nsec;
	int64_t now = (int64_t)tm_mono_ns(c, tsc);
	if (!absolute)
		return now + ns;
	if (is_realtime(id))
		ns -= c->realtime_at_boot_ns;  /* a wall-clock instant on the monotonic line */
	return ns;
}
