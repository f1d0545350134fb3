/* SPDX-License-Identifier: MIT */
/* Per-process timers of the time server, as plain functions over a fixed
 * table: POSIX timers (timer_create/settime/gettime/getoverrun/delete), the
 * process's ITIMER_REAL (setitimer/getitimer/alarm), exit cleanup, and a pure
 * expiry step (tm_timer_expire) that says which signals to send.
 * The table holds no pointers and all-zero is empty, so it can live in a
 * memory object that outlives a server restart. Deadlines are CLOCK_MONOTONIC
 * nanoseconds; 0 means disarmed. Errors are negative errno values. */
#pragma once
#include <stddef.h>
#include <stdint.h>
#include <sys/time.h>
#include <time.h>
#include "tm_clock.h"

#define TM_TIMERS_MAX 256       /* slots for all processes together */
#define TM_TIMERS_PER_PROC 32   /* POSIX timers per process; the itimer is extra */
#define TM_DELAYTIMER_MAX 0x7fffffff  /* overrun cap (DELAYTIMER_MAX) */

/* sigev_notify values, as the Linux ABI numbers them. */
#define TM_SIGEV_SIGNAL 0
#define TM_SIGEV_NONE 1
#define TM_SIGEV_THREAD_ID 4

enum tm_timer_kind {
	TM_KIND_POSIX = 0,   /* a timer_create timer */
	TM_KIND_ITIMER = 1,  /* the process's ITIMER_REAL / alarm: SIGALRM, id -1 */
};

struct tm_timer {
	uint64_t pid;
	uint64_t value;       /* sigev_value */
	int64_t next_ns;      /* CLOCK_MONOTONIC deadline; 0 = disarmed */
	int64_t interval_ns;  /* 0 = one-shot */
	int32_t tid;          /* target thread for SIGEV_THREAD_ID, else 0 */
	int32_t id;           /* the program's timer_t: per process, from 0 */
	int32_t clock;        /* CLOCK_REALTIME, CLOCK_MONOTONIC or CLOCK_BOOTTIME */
	int32_t notify;       /* TM_SIGEV_* */
	int32_t signo;        /* 0 for SIGEV_NONE */
	uint32_t overrun;     /* missed expiries at the last expiry */
	uint8_t used;
	uint8_t kind;         /* enum tm_timer_kind */
	uint8_t reserved[2];
	uint32_t pending_overrun;  /* expiries absorbed by a signal still pending (IPC side) */
};
_Static_assert(sizeof(struct tm_timer) == 64, "tm_timer layout is kept across restarts");

struct tm_timers {
	struct tm_timer t[TM_TIMERS_MAX];
};

/* One signal to send, as tm_timer_expire reports it. */
struct tm_fire {
	uint64_t pid;
	uint64_t value;    /* si_value for SI_TIMER */
	int32_t tid;       /* thread for SIGEV_THREAD_ID, else 0: the process */
	int32_t signo;
	int32_t notify;
	int32_t id;        /* si_timerid; -1 for the itimer */
	uint32_t overrun;  /* si_overrun */
	uint8_t kind;      /* enum tm_timer_kind */
};

/* Creates a disarmed POSIX timer; returns its id, -EINVAL (clock not REALTIME,
 * MONOTONIC or BOOTTIME; notify not SIGNAL, NONE or THREAD_ID; signo outside
 * 1..64 when a signal is sent; tid <= 0 for THREAD_ID) or -EAGAIN (process cap
 * or table full). For a NULL sigevent pass what Linux assumes: SIGEV_SIGNAL,
 * SIGALRM and value = the new id (the lowest id the process has free). The
 * caller checks that tid is a thread of pid. */
int tm_timer_create(struct tm_timers *tt, uint64_t pid, int clock, int notify, int signo, int tid,
		    uint64_t value);
/* Arms (it_value nonzero) or disarms timer id of pid; flags 0 or
 * TIMER_ABSTIME. Fills *old_or_null as tm_timer_gettime would have. -EINVAL
 * for an unknown id, unknown flags or a bad timespec. */
int tm_timer_settime(struct tm_timers *tt, const struct tm_clock *clk, uint64_t tsc, uint64_t pid,
		     int id, int flags, const struct itimerspec *nv, struct itimerspec *old_or_null);
/* Time to the next expiry (0 if disarmed) and the interval; -EINVAL for an
 * unknown id. */
int tm_timer_gettime(const struct tm_timers *tt, const struct tm_clock *clk, uint64_t tsc,
		     uint64_t pid, int id, struct itimerspec *out);
/* The missed expiries of the last expiry, or -EINVAL for an unknown id. */
int tm_timer_getoverrun(const struct tm_timers *tt, uint64_t pid, int id);
/* Frees timer id of pid; -EINVAL for an unknown id. */
int tm_timer_delete(struct tm_timers *tt, uint64_t pid, int id);
/* Frees every timer of pid, POSIX and itimer. */
void tm_timer_exit(struct tm_timers *tt, uint64_t pid);

/* setitimer(ITIMER_REAL): -EINVAL for tv_usec outside [0, 1e6) or tv_sec < 0,
 * -EAGAIN if arming needs a slot and the table is full. */
int tm_itimer_set(struct tm_timers *tt, const struct tm_clock *clk, uint64_t tsc, uint64_t pid,
		  const struct itimerval *nv, struct itimerval *old_or_null);
/* getitimer(ITIMER_REAL): remaining time rounded up to the microsecond, so an
 * armed timer never reads as 0. */
int tm_itimer_get(const struct tm_timers *tt, const struct tm_clock *clk, uint64_t tsc,
		  uint64_t pid, struct itimerval *out);
/* alarm(seconds), 0 cancels: the previous alarm's remaining seconds, rounded
 * to nearest but at least 1 if any time remained; -EAGAIN if the table is
 * full (64-bit, as an unsigned int result can need 32 bits). */
int64_t tm_alarm(struct tm_timers *tt, const struct tm_clock *clk, uint64_t tsc, uint64_t pid,
		 unsigned seconds);

/* The earliest deadline that sends a signal, 0 if none: SIGEV_NONE timers
 * need no wake-up (tm_timer_gettime computes their progress). */
int64_t tm_timer_next(const struct tm_timers *tt);
/* Expires every armed timer with a deadline <= now_ns: writes a fire to out
 * for each that sends a signal (at most max; the rest stay due for the next
 * call), re-arms periodic timers on their period grid past now_ns with the
 * missed expiries as overrun, disarms one-shots. Returns the fires written. */
size_t tm_timer_expire(struct tm_timers *tt, int64_t now_ns, struct tm_fire *out, size_t max);
