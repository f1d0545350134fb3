// SPDX-License-Identifier: MIT
/* The time server: forwarded clock calls answered from the TSC; sleeps
 * deferred until a kernel timer (uk_notif_at) wakes the timer thread.
 * Bootstrap capabilities: 1 endpoint, 2 ready notification, 3 a memory
 * object keeping clock_settime's setting across restarts. */
#include <errno.h>
#include <pthread.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/auxv.h>
#include <sys/time.h>
#include <time.h>
#include <x86intrin.h>
#include "ipc.h"
#include "uk.h"
#include "tm_server.h"
#include "uk.h"
#include "proto/fwd.h"
#include "proto/fwd_calls.h"

#define SLOT_EP TM_SLOT_EP
#define SLOT_READY 2
#define SLOT_STATE 3   /* the wall-clock setting and timers, kept across restarts */
#define MAX_SLEEPERS 64

static struct tm_saved fallback;  /* when init gave no memory object */
struct tm_saved *tm_state = &fallback;
struct tm_clock tm_clk;
pthread_mutex_t tm_lock = PTHREAD_MUTEX_INITIALIZER;
static int timer_notif;
static struct {
	int conn;
	int64_t deadline;
	struct timespec *rem;  /* where the time left goes if interrupted, or NULL */
} sleepers[MAX_SLEEPERS];
static int nsleepers;

#define A (((const struct fwd_args *)rq->slot->data)->a)

static int cputime(uint64_t pid, struct timespec *ts)
{
	struct uk_procinfo pi;
	if (uk_procinfo((long)pid, &pi) < 0)
		return -EINVAL;
	ts->tv_sec = (time_t)(pi.cpu_ns / 1000000000ull);
	ts->tv_nsec = (long)(pi.cpu_ns % 1000000000ull);
	return 0;
}

static int32_t h_clock_gettime(void *ctx, const struct ipc_request *rq, struct ipc_slot *out)
{
	(void)ctx, (void)out;
	struct timespec *ts = (struct timespec *)A[1];
	int id = (int)A[0];
	if (!ts)
		return -EFAULT;
	if (id == CLOCK_PROCESS_CPUTIME_ID)
		return cputime(rq->badge, ts);  /* THREAD_CPUTIME: the kernel answers it */
	pthread_mutex_lock(&tm_lock);
	int r = tm_gettime(&tm_clk, id, __rdtsc(), ts);
	pthread_mutex_unlock(&tm_lock);
	return r;
}

static int32_t h_clock_getres(void *ctx, const struct ipc_request *rq, struct ipc_slot *out)
{
	(void)ctx, (void)out;
	struct timespec scratch, *ts = A[1] ? (struct timespec *)A[1] : &scratch;
	return tm_getres(&tm_clk, (int)A[0], ts);
}

static int32_t h_clock_settime(void *ctx, const struct ipc_request *rq, struct ipc_slot *out)
{
	(void)ctx, (void)out;
	struct uk_sec sec;
	if (uk_sec_get((long)rq->badge, &sec) != 0 || sec.euid != 0)
		return -EPERM;  /* Linux's CAP_SYS_TIME: an administrator's */
	if (!A[1])
		return -EFAULT;
	pthread_mutex_lock(&tm_lock);
	int r = tm_settime(&tm_clk, (int)A[0], __rdtsc(), (const struct timespec *)A[1]);
	if (r == 0)
		tm_state->realtime_at_boot_ns = tm_clk.realtime_at_boot_ns;
	if (r == 0)
		uk_time_publish(tm_clk.realtime_at_boot_ns);  /* the vDSO's wall clock */
	pthread_mutex_unlock(&tm_lock);
	return r;
}

static int32_t h_gettimeofday(void *ctx, const struct ipc_request *rq, struct ipc_slot *out)
{
	(void)ctx, (void)out;
	struct timespec ts;
	pthread_mutex_lock(&tm_lock);
	tm_gettime(&tm_clk, CLOCK_REALTIME, __rdtsc(), &ts);
	pthread_mutex_unlock(&tm_lock);
	if (A[0]) {
		struct timeval *tv = (struct timeval *)A[0];
		tv->tv_sec = ts.tv_sec;
		tv->tv_usec = ts.tv_nsec / 1000;
	}
	if (A[1])
		memset((void *)A[1], 0, 8);  /* struct timezone: UTC */
	return 0;
}

static int32_t h_time(void *ctx, const struct ipc_request *rq, struct ipc_slot *out)
{
	(void)ctx, (void)out;
	struct timespec ts;
	pthread_mutex_lock(&tm_lock);
	tm_gettime(&tm_clk, CLOCK_REALTIME, __rdtsc(), &ts);
	pthread_mutex_unlock(&tm_lock);
	if (A[0])
		*(int64_t *)A[0] = ts.tv_sec;
	return ipc_answer64(out, ts.tv_sec);  /* past 2038 too */
}

void tm_rearm(void)
{
	int64_t next = tm_timer_next(&tm_state->timers);
	for (int i = 0; i < nsleepers; i++)
		if (!next || sleepers[i].deadline < next)
			next = sleepers[i].deadline;
	uk_notif_at(timer_notif, 1, (uint64_t)(next > 0 ? next : 0));
}

/* The kernel copies the remaining-time buffer back after every answer;
 * Linux writes it only on EINTR, so it reads zero otherwise. */
static void no_time_left(struct timespec *rem)
{
	if (rem)
		memset(rem, 0, sizeof(*rem));
}

static int32_t sleep_until(const struct ipc_request *rq, int id, int absolute, const struct timespec *req,
			   struct timespec *rem)
{
	if (!req)
		return -EFAULT;
	no_time_left(rem);
	pthread_mutex_lock(&tm_lock);
	uint64_t tsc = __rdtsc();
	int64_t deadline = tm_deadline(&tm_clk, id, absolute, req, tsc);
	int32_t r = 0;
	if (deadline < 0)
		r = (int32_t)deadline;
	else if (deadline > (int64_t)tm_mono_ns(&tm_clk, tsc) && nsleepers == MAX_SLEEPERS)
		r = -EAGAIN;
	else if (deadline > (int64_t)tm_mono_ns(&tm_clk, tsc)) {
		sleepers[nsleepers].conn = rq->conn;
		sleepers[nsleepers].rem = absolute ? NULL : rem;
		sleepers[nsleepers++].deadline = deadline;
		tm_rearm();
		r = IPC_DEFER;
	}
	pthread_mutex_unlock(&tm_lock);
	return r;
}

static int32_t h_nanosleep(void *ctx, const struct ipc_request *rq, struct ipc_slot *out)
{
	(void)ctx, (void)out;
	return sleep_until(rq, CLOCK_MONOTONIC, 0, (const struct timespec *)A[0],
			   (struct timespec *)A[1]);
}

static int32_t h_clock_nanosleep(void *ctx, const struct ipc_request *rq, struct ipc_slot *out)
{
	(void)ctx, (void)out;
	if (A[1] & ~(uint64_t)TIMER_ABSTIME)
		return -EINVAL;
	return sleep_until(rq, (int)A[0], A[1] & TIMER_ABSTIME, (const struct timespec *)A[2],
			   (struct timespec *)A[3]);
}

/* The sleeper's caller was interrupted by a signal: -EINTR now, with the
 * time left of a relative sleep. */
static int32_t cancel_sleep(void *ctx, const struct ipc_request *rq, struct ipc_slot *out)
{
	(void)ctx, (void)out;
	pthread_mutex_lock(&tm_lock);
	int64_t now = (int64_t)tm_mono_ns(&tm_clk, __rdtsc());
	for (int i = 0; i < nsleepers; i++) {
		if (sleepers[i].conn != rq->conn)
			continue;
		int64_t left = sleepers[i].deadline > now ? sleepers[i].deadline - now : 0;
		if (sleepers[i].rem)
			*sleepers[i].rem = (struct timespec){ left / 1000000000, left % 1000000000 };
		ipc_complete(SLOT_EP, sleepers[i].conn, -EINTR, NULL, 0);
		sleepers[i] = sleepers[--nsleepers];
		tm_rearm();
		break;
	}
	pthread_mutex_unlock(&tm_lock);
	return 0;
}

/* Wakes the sleepers whose time has come. */
static void *timer_thread(void *arg)
{
	(void)arg;
	for (;;) {
		uint64_t bits;
		uk_notif_wait(timer_notif, &bits, 0);
		ipc_guard_enter();  /* a kill waits until these expiries are sent */
		pthread_mutex_lock(&tm_lock);
		int64_t now = (int64_t)tm_mono_ns(&tm_clk, __rdtsc());
		for (int i = 0; i < nsleepers;) {
			if (sleepers[i].deadline > now) {
				i++;
				continue;
			}
			ipc_complete(SLOT_EP, sleepers[i].conn, 0, NULL, 0);
			sleepers[i] = sleepers[--nsleepers];
		}
		tm_fire_due(now);
		tm_rearm();
		pthread_mutex_unlock(&tm_lock);
		ipc_guard_leave();
	}
	return NULL;
}

static const ipc_handler_fn handlers[FWD_TIME_NOPS] = {
	[FWD_TIME_nanosleep] = h_nanosleep, [FWD_TIME_getitimer] = tm_h_getitimer,
	[FWD_TIME_alarm] = tm_h_alarm, [FWD_TIME_setitimer] = tm_h_setitimer,
	[FWD_TIME_gettimeofday] = h_gettimeofday, [FWD_TIME_time] = h_time,
	[FWD_TIME_timer_create] = tm_h_timer_create, [FWD_TIME_timer_settime] = tm_h_timer_settime,
	[FWD_TIME_timer_gettime] = tm_h_timer_gettime,
	[FWD_TIME_timer_getoverrun] = tm_h_timer_getoverrun,
	[FWD_TIME_timer_delete] = tm_h_timer_delete, [FWD_TIME_clock_settime] = h_clock_settime,
	[FWD_TIME_clock_gettime] = h_clock_gettime, [FWD_TIME_clock_getres] = h_clock_getres,
	[FWD_TIME_clock_nanosleep] = h_clock_nanosleep, [FWD_TIME_proc_exec] = tm_h_exec,
	[FWD_TIME_proc_exit] = tm_h_exit,
};

int main(void)
{
	pthread_t t;
	tm_clk.tsc_hz = getauxval(AT_UK_TSC_HZ);
	tm_clk.tsc_boot = getauxval(AT_UK_TSC_BOOT);
	tm_clk.realtime_at_boot_ns = (int64_t)getauxval(AT_UK_RTC_BOOT) * 1000000000ll;
	struct tm_saved *saved = uk_mem_map(SLOT_STATE, 0, PROT_READ | PROT_WRITE);
	if (saved != (void *)-1)
		tm_state = saved;
	if (tm_state->magic == TM_SAVED_MAGIC) {
		tm_clk.realtime_at_boot_ns = tm_state->realtime_at_boot_ns;  /* a restart */
	} else {
		memset(tm_state, 0, sizeof(*tm_state));
		tm_state->magic = TM_SAVED_MAGIC;
		tm_state->realtime_at_boot_ns = tm_clk.realtime_at_boot_ns;
	}
	uk_time_publish(tm_clk.realtime_at_boot_ns);  /* a successor's (restored) setting */
	timer_notif = uk_notif_create();
	if (!tm_clk.tsc_hz || timer_notif < 0 || pthread_create(&t, NULL, timer_thread, NULL) != 0)
		return 1;
	pthread_mutex_lock(&tm_lock);
	tm_rearm();  /* a successor: the timers it keeps go on firing */
	pthread_mutex_unlock(&tm_lock);
	uk_notif_signal(SLOT_READY, 1);
	const struct ipc_dispatch d = { .count = FWD_TIME_NOPS, .handlers = handlers, .kernel_only = true };
	ipc_serve_on_cancel(cancel_sleep);
	return -ipc_serve(SLOT_EP, &d);
}
