// SPDX-License-Identifier: MIT
/* Per-process POSIX timers and ITIMER_REAL of the time server, over a fixed
 * table (tm_timer.h). Entry points: tm_timer_create, tm_timer_settime,
 * tm_timer_gettime, tm_timer_getoverrun, tm_timer_delete, tm_timer_exit,
 * tm_itimer_set, tm_itimer_get, tm_alarm, tm_timer_next, tm_timer_expire.
 * Every function checks all its arguments before it changes the table. */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include "tm_timer.h"

#define NS 1000000000ll
/* Longer times are clamped (as Linux saturates at KTIME_MAX): about 136
 * years, far enough to never come and small enough that deadline sums
 * cannot overflow. */
#define SEC_MAX (1ll << 32)
#define SIGNO_MAX 64

_Static_assert(TM_SIGEV_SIGNAL == SIGEV_SIGNAL && TM_SIGEV_NONE == SIGEV_NONE,
	       "TM_SIGEV_* follow the Linux ABI");

static int64_t ts_ns(const struct timespec *ts)
{
	int64_t s = ts->tv_sec < SEC_MAX ? (int64_t)ts->tv_sec : SEC_MAX;
	return s * NS + ts->tv_nsec;
}

static void ns_ts(int64_t ns, struct timespec *ts)
{
	ts->tv_sec = ns / NS;
	ts->tv_nsec = ns % NS;
}

static int64_t now_ns(const struct tm_clock *clk, uint64_t tsc)
{
	return (int64_t)tm_mono_ns(clk, tsc);
}

/* Timer id of kind of pid, or NULL; the itimer has id -1 and a slot only
 * while armed. */
static struct tm_timer *find(const struct tm_timers *tt, uint64_t pid, int kind, int id)
{
	for (int i = 0; i < TM_TIMERS_MAX; i++) {
		const struct tm_timer *t = &tt->t[i];
		if (t->used && t->pid == pid && t->kind == kind && t->id == id)
			return (struct tm_timer *)t;
	}
	return NULL;
}

static struct tm_timer *free_slot(struct tm_timers *tt)
{
	for (int i = 0; i < TM_TIMERS_MAX; i++)
		if (!tt->t[i].used)
			return &tt->t[i];
	return NULL;
}

/* The lowest id pid has free, or -EAGAIN at the per-process cap. */
static int free_id(const struct tm_timers *tt, uint64_t pid)
{
	for (int id = 0; id < TM_TIMERS_PER_PROC; id++)
		if (!find(tt, pid, TM_KIND_POSIX, id))
			return id;
	return -EAGAIN;
}

static int valid_create(int clock, int notify, int signo, int tid)
{
	if (clock != CLOCK_REALTIME && clock != CLOCK_MONOTONIC && clock != CLOCK_BOOTTIME)
		return 0;
	if (notify == TM_SIGEV_NONE)
		return 1;
	if (notify != TM_SIGEV_SIGNAL && notify != TM_SIGEV_THREAD_ID)
		return 0;
	return signo >= 1 && signo <= SIGNO_MAX && (notify != TM_SIGEV_THREAD_ID || tid > 0);
}

int tm_timer_create(struct tm_timers *tt, uint64_t pid, int clock, int notify, int signo, int tid,
		    uint64_t value)
{
	if (!valid_create(clock, notify, signo, tid))
		return -EINVAL;
	int id = free_id(tt, pid);
	struct tm_timer *t = free_slot(tt);
	if (id < 0 || !t)
		return -EAGAIN;
	memset(t, 0, sizeof(*t));
	t->pid = pid;
	t->value = value;
	t->tid = notify == TM_SIGEV_THREAD_ID ? tid : 0;
	t->id = id;
	t->clock = clock;
	t->notify = notify;
	t->signo = notify == TM_SIGEV_NONE ? 0 : signo;
	t->used = 1;
	return id;
}

/* Time from now to t's next expiry, 0 if disarmed. A due periodic timer
 * reads as if already moved to its next grid point (as Linux forwards it);
 * a due one-shot reads 1 ns while its signal is owed, 0 for SIGEV_NONE. */
static int64_t remaining(const struct tm_timer *t, int64_t now)
{
	if (!t->next_ns)
		return 0;
	if (t->next_ns > now)
		return t->next_ns - now;
	if (t->interval_ns)
		return t->interval_ns - (now - t->next_ns) % t->interval_ns;
	return t->notify == TM_SIGEV_NONE ? 0 : 1;
}

static void get_spec(const struct tm_timer *t, int64_t now, struct itimerspec *out)
{
	ns_ts(remaining(t, now), &out->it_value);
	ns_ts(t->next_ns ? t->interval_ns : 0, &out->it_interval);
}

/* Arms t at deadline (0 disarms) with a period; a deadline already past is
 * moved to 1 so that it still reads as armed and fires at the next check. */
static void arm(struct tm_timer *t, int64_t deadline, int64_t interval)
{
	int armed = deadline != 0;
	t->next_ns = armed ? (deadline > 0 ? deadline : 1) : 0;
	t->interval_ns = armed ? interval : 0;
	t->overrun = 0;
}

static int zero_ts(const struct timespec *ts)
{
	return !ts->tv_sec && !ts->tv_nsec;
}

/* The deadline of a validated it_value on clock, 0 for a zero it_value. An
 * absolute REALTIME time is converted with the wall-clock offset of now: a
 * later clock_settime does not move the armed timer (Linux would). */
static int64_t deadline_of(const struct tm_clock *clk, uint64_t tsc, int clock, int absolute,
			   const struct timespec *v)
{
	if (zero_ts(v))
		return 0;
	struct timespec c = { .tv_sec = v->tv_sec < SEC_MAX ? v->tv_sec : SEC_MAX,
			      .tv_nsec = v->tv_nsec };
	int64_t d = tm_deadline(clk, clock, absolute, &c, tsc);
	return d > 0 ? d : 1;  /* a wall-clock time before boot is simply past */
}

int tm_timer_settime(struct tm_timers *tt, const struct tm_clock *clk, uint64_t tsc, uint64_t pid,
		     int id, int flags, const struct itimerspec *nv, struct itimerspec *old_or_null)
{
	struct tm_timer *t = find(tt, pid, TM_KIND_POSIX, id);
	if (!t || (flags & ~TIMER_ABSTIME) || !tm_valid(&nv->it_value) ||
	    !tm_valid(&nv->it_interval))
		return -EINVAL;
	if (old_or_null)
		get_spec(t, now_ns(clk, tsc), old_or_null);
	int64_t d = deadline_of(clk, tsc, t->clock, flags & TIMER_ABSTIME, &nv->it_value);
	arm(t, d, ts_ns(&nv->it_interval));
	return 0;
}

int tm_timer_gettime(const struct tm_timers *tt, const struct tm_clock *clk, uint64_t tsc,
		     uint64_t pid, int id, struct itimerspec *out)
{
	const struct tm_timer *t = find(tt, pid, TM_KIND_POSIX, id);
	if (!t)
		return -EINVAL;
	get_spec(t, now_ns(clk, tsc), out);
	return 0;
}

int tm_timer_getoverrun(const struct tm_timers *tt, uint64_t pid, int id)
{
	const struct tm_timer *t = find(tt, pid, TM_KIND_POSIX, id);
	return t ? (int)t->overrun : -EINVAL;
}

int tm_timer_delete(struct tm_timers *tt, uint64_t pid, int id)
{
	struct tm_timer *t = find(tt, pid, TM_KIND_POSIX, id);
	if (!t)
		return -EINVAL;
	memset(t, 0, sizeof(*t));
	return 0;
}

void tm_timer_exit(struct tm_timers *tt, uint64_t pid)
{
	for (int i = 0; i < TM_TIMERS_MAX; i++)
		if (tt->t[i].used && tt->t[i].pid == pid)
			memset(&tt->t[i], 0, sizeof(tt->t[i]));
}

static int valid_tv(const struct timeval *tv)
{
	return tv->tv_sec >= 0 && tv->tv_usec >= 0 && tv->tv_usec < 1000000;
}

/* ns as a timeval, rounded up to the microsecond. */
static void ns_tv(int64_t ns, struct timeval *tv)
{
	int64_t us = (ns + 999) / 1000;
	tv->tv_sec = us / 1000000;
	tv->tv_usec = us % 1000000;
}

static struct timespec tv_ts(const struct timeval *tv)
{
	return (struct timespec){ .tv_sec = tv->tv_sec, .tv_nsec = tv->tv_usec * 1000 };
}

int tm_itimer_get(const struct tm_timers *tt, const struct tm_clock *clk, uint64_t tsc,
		  uint64_t pid, struct itimerval *out)
{
	const struct tm_timer *t = find(tt, pid, TM_KIND_ITIMER, -1);
	int64_t now = now_ns(clk, tsc);
	ns_tv(t ? remaining(t, now) : 0, &out->it_value);
	ns_tv(t && t->next_ns ? t->interval_ns : 0, &out->it_interval);
	return 0;
}

int tm_itimer_set(struct tm_timers *tt, const struct tm_clock *clk, uint64_t tsc, uint64_t pid,
		  const struct itimerval *nv, struct itimerval *old_or_null)
{
	if (!valid_tv(&nv->it_value) || !valid_tv(&nv->it_interval))
		return -EINVAL;
	struct tm_timer *t = find(tt, pid, TM_KIND_ITIMER, -1);
	struct timespec v = tv_ts(&nv->it_value), iv = tv_ts(&nv->it_interval);
	if (!t && !zero_ts(&v) && !(t = free_slot(tt)))
		return -EAGAIN;
	if (old_or_null)
		tm_itimer_get(tt, clk, tsc, pid, old_or_null);
	if (zero_ts(&v)) {
		if (t)
			memset(t, 0, sizeof(*t));  /* a disarmed itimer keeps no slot */
		return 0;
	}
	*t = (struct tm_timer){ .pid = pid, .id = -1, .clock = CLOCK_MONOTONIC,
				.notify = TM_SIGEV_SIGNAL, .signo = SIGALRM, .used = 1,
				.kind = TM_KIND_ITIMER };
	arm(t, deadline_of(clk, tsc, CLOCK_MONOTONIC, 0, &v), ts_ns(&iv));
	return 0;
}

int64_t tm_alarm(struct tm_timers *tt, const struct tm_clock *clk, uint64_t tsc, uint64_t pid,
		 unsigned seconds)
{
	struct itimerval nv = { .it_value = { .tv_sec = seconds } }, old;
	int r = tm_itimer_set(tt, clk, tsc, pid, &nv, &old);
	if (r < 0)
		return r;
	int64_t s = old.it_value.tv_sec;
	if ((!s && old.it_value.tv_usec) || old.it_value.tv_usec >= 500000)
		s++;  /* Linux's alarm_setitimer: nearest, and never 0 while armed */
	return s;
}

int64_t tm_timer_next(const struct tm_timers *tt)
{
	int64_t next = 0;
	for (int i = 0; i < TM_TIMERS_MAX; i++) {
		const struct tm_timer *t = &tt->t[i];
		if (!t->used || !t->next_ns || t->notify == TM_SIGEV_NONE)
			continue;
		if (!next || t->next_ns < next)
			next = t->next_ns;
	}
	return next;
}

/* Moves a due t past now: a periodic timer to the first grid point after
 * now, counting the grid points skipped as overrun; a one-shot disarms (an
 * itimer also gives up its slot). */
static void advance(struct tm_timer *t, int64_t now)
{
	if (!t->interval_ns) {
		t->overrun = 0;
		t->next_ns = 0;
		if (t->kind == TM_KIND_ITIMER)
			t->used = 0;
		return;
	}
	int64_t missed = (now - t->next_ns) / t->interval_ns;
	t->overrun = missed > TM_DELAYTIMER_MAX ? TM_DELAYTIMER_MAX : (uint32_t)missed;
	t->next_ns += (missed + 1) * t->interval_ns;
}

size_t tm_timer_expire(struct tm_timers *tt, int64_t now, struct tm_fire *out, size_t max)
{
	size_t n = 0;
	for (int i = 0; i < TM_TIMERS_MAX && n < max; i++) {
		struct tm_timer *t = &tt->t[i];
		if (!t->used || !t->next_ns || t->next_ns > now)
			continue;
		advance(t, now);
		if (t->notify == TM_SIGEV_NONE)
			continue;
		out[n++] = (struct tm_fire){ .pid = t->pid, .value = t->value, .tid = t->tid,
					     .signo = t->signo, .notify = t->notify,
					     .id = t->id, .overrun = t->overrun,
					     .kind = t->kind };
	}
	return n;
}
