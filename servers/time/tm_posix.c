// SPDX-License-Identifier: MIT
/* POSIX timers, alarm and ITIMER_REAL as forwarded calls: decoding here,
 * the table in tm_timer.c, expiry signals sent with uk_sigqueue (SI_TIMER
 * with the timer id, overrun and sigval, as Linux fills them). */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <x86intrin.h>
#include "tm_server.h"
#include "uk.h"

#ifndef SI_KERNEL
#define SI_KERNEL 0x80
#endif
#define LINUX_SIGEV_THREAD 2

/* struct sigevent as the kernel reads it (musl's struct ksigevent). */
struct k_sigevent {
	uint64_t value;
	int32_t signo;
	int32_t notify;
	int32_t tid;
};

int32_t tm_h_timer_create(void *ctx, const struct ipc_request *rq, struct ipc_slot *out)
{
	(void)ctx, (void)out;
	const uint64_t *a = TM_ARGS(rq);
	struct k_sigevent ev = { 0, SIGALRM, TM_SIGEV_SIGNAL, 0 };
	if (a[1])
		memcpy(&ev, (const void *)a[1], sizeof(ev));
	if (!a[2])
		return -EFAULT;
	if (ev.notify == LINUX_SIGEV_THREAD)
		return -EINVAL;  /* musl makes SIGEV_THREAD out of SIGEV_THREAD_ID */
	pthread_mutex_lock(&tm_lock);
	int id = tm_timer_create(&tm_state->timers, rq->badge, (int)a[0], ev.notify,
				 ev.notify == TM_SIGEV_NONE ? 0 : ev.signo, ev.tid, ev.value);
	for (int i = 0; id >= 0 && !a[1] && i < TM_TIMERS_MAX; i++) {
		struct tm_timer *t = &tm_state->timers.t[i];
		if (t->used && t->pid == rq->badge && t->kind == TM_KIND_POSIX && t->id == id)
			t->value = (uint64_t)id;  /* no sigevent: SIGALRM carrying the id */
	}
	pthread_mutex_unlock(&tm_lock);
	if (id < 0)
		return id;
	*(int32_t *)a[2] = id;
	return 0;
}

int32_t tm_h_timer_settime(void *ctx, const struct ipc_request *rq, struct ipc_slot *out)
{
	(void)ctx, (void)out;
	const uint64_t *a = TM_ARGS(rq);
	if (!a[2])
		return -EFAULT;
	pthread_mutex_lock(&tm_lock);
	int r = tm_timer_settime(&tm_state->timers, &tm_clk, __rdtsc(), rq->badge, (int)a[0],
				 (int)a[1], (const struct itimerspec *)a[2], (struct itimerspec *)a[3]);
	if (r == 0) {
		tm_fire_due((int64_t)tm_mono_ns(&tm_clk, __rdtsc()));  /* a time already past */
		tm_rearm();
	}
	pthread_mutex_unlock(&tm_lock);
	return r;
}

int32_t tm_h_timer_gettime(void *ctx, const struct ipc_request *rq, struct ipc_slot *out)
{
	(void)ctx, (void)out;
	const uint64_t *a = TM_ARGS(rq);
	if (!a[1])
		return -EFAULT;
	pthread_mutex_lock(&tm_lock);
	int r = tm_timer_gettime(&tm_state->timers, &tm_clk, __rdtsc(), rq->badge, (int)a[0],
				 (struct itimerspec *)a[1]);
	pthread_mutex_unlock(&tm_lock);
	return r;
}

int32_t tm_h_timer_getoverrun(void *ctx, const struct ipc_request *rq, struct ipc_slot *out)
{
	(void)ctx, (void)out;
	pthread_mutex_lock(&tm_lock);
	int r = tm_timer_getoverrun(&tm_state->timers, rq->badge, (int)TM_ARGS(rq)[0]);
	pthread_mutex_unlock(&tm_lock);
	return r;
}

int32_t tm_h_timer_delete(void *ctx, const struct ipc_request *rq, struct ipc_slot *out)
{
	(void)ctx, (void)out;
	pthread_mutex_lock(&tm_lock);
	int r = tm_timer_delete(&tm_state->timers, rq->badge, (int)TM_ARGS(rq)[0]);
	tm_rearm();
	pthread_mutex_unlock(&tm_lock);
	return r;
}

int32_t tm_h_alarm(void *ctx, const struct ipc_request *rq, struct ipc_slot *out)
{
	(void)ctx, (void)out;
	pthread_mutex_lock(&tm_lock);
	int64_t r = tm_alarm(&tm_state->timers, &tm_clk, __rdtsc(), rq->badge,
			     (unsigned)TM_ARGS(rq)[0]);
	tm_rearm();
	pthread_mutex_unlock(&tm_lock);
	return (int32_t)(r > INT32_MAX ? INT32_MAX : r);
}

int32_t tm_h_setitimer(void *ctx, const struct ipc_request *rq, struct ipc_slot *out)
{
	(void)ctx, (void)out;
	const uint64_t *a = TM_ARGS(rq);
	if (a[0] != ITIMER_REAL)
		return -EINVAL;  /* the CPU-time itimers are not offered */
	if (!a[1])
		return -EFAULT;
	pthread_mutex_lock(&tm_lock);
	int r = tm_itimer_set(&tm_state->timers, &tm_clk, __rdtsc(), rq->badge,
			      (const struct itimerval *)a[1], (struct itimerval *)a[2]);
	tm_rearm();
	pthread_mutex_unlock(&tm_lock);
	return r;
}

int32_t tm_h_getitimer(void *ctx, const struct ipc_request *rq, struct ipc_slot *out)
{
	(void)ctx, (void)out;
	const uint64_t *a = TM_ARGS(rq);
	if (a[0] != ITIMER_REAL)
		return -EINVAL;
	if (!a[1])
		return -EFAULT;
	pthread_mutex_lock(&tm_lock);
	int r = tm_itimer_get(&tm_state->timers, &tm_clk, __rdtsc(), rq->badge,
			      (struct itimerval *)a[1]);
	pthread_mutex_unlock(&tm_lock);
	return r;
}

int32_t tm_h_exec(void *ctx, const struct ipc_request *rq, struct ipc_slot *out)
{
	(void)ctx, (void)out;
	pthread_mutex_lock(&tm_lock);
	for (int i = 0; i < TM_TIMERS_MAX; i++) {
		struct tm_timer *t = &tm_state->timers.t[i];
		if (t->used && t->pid == TM_ARGS(rq)[0] && t->kind == TM_KIND_POSIX)
			tm_timer_delete(&tm_state->timers, t->pid, t->id);
	}
	tm_rearm();
	pthread_mutex_unlock(&tm_lock);
	return 0;
}

int32_t tm_h_exit(void *ctx, const struct ipc_request *rq, struct ipc_slot *out)
{
	(void)ctx, (void)out;
	pthread_mutex_lock(&tm_lock);
	tm_timer_exit(&tm_state->timers, TM_ARGS(rq)[0]);
	tm_rearm();
	pthread_mutex_unlock(&tm_lock);
	return 0;
}

static struct tm_timer *find(uint64_t pid, int id)
{
	for (int i = 0; i < TM_TIMERS_MAX; i++) {
		struct tm_timer *t = &tm_state->timers.t[i];
		if (t->used && t->pid == pid && t->kind == TM_KIND_POSIX && t->id == id)
			return t;
	}
	return NULL;
}

/* Sends one timer's signal. A signal still pending from an earlier expiry
 * absorbs this one: as on Linux, that counts as an overrun, and the
 * pending signal's information is brought up to date. */
static int send(const struct tm_fire *f, uint32_t overrun)
{
	bool posix = f->kind == TM_KIND_POSIX;
	struct uk_siginfo info = {
		.signo = f->signo, .code = posix ? SI_TIMER : SI_KERNEL,
		.word0 = posix ? ((uint32_t)f->id | ((uint64_t)overrun << 32)) : 0,
		.word1 = posix ? f->value : 0,
	};
	int tid = f->notify == TM_SIGEV_THREAD_ID ? f->tid : 0;
	return uk_sigqueue(TM_SLOT_EP, (long)f->pid, tid, &info);
}

static void fire(const struct tm_fire *f)
{
	struct tm_timer *t = f->kind == TM_KIND_POSIX ? find(f->pid, f->id) : NULL;
	int r = send(f, f->overrun);
	if (r < 0 && errno == ESRCH) {
		struct uk_procinfo pi;
		if (uk_procinfo((long)f->pid, &pi) < 0 || pi.state != UK_PROC_RUNNING)
			tm_timer_exit(&tm_state->timers, f->pid);  /* the process went unnoticed */
		else if (t)
			tm_timer_delete(&tm_state->timers, f->pid, f->id);  /* its target thread did */
		return;
	}
	if (r == 1 && t) {
		uint64_t acc = (uint64_t)t->pending_overrun + 1 + f->overrun;
		t->pending_overrun = acc > TM_DELAYTIMER_MAX ? TM_DELAYTIMER_MAX : (uint32_t)acc;
		t->overrun = t->pending_overrun;
		send(f, t->overrun);
	} else if (t) {
		t->pending_overrun = f->overrun;
	}
}

void tm_fire_due(int64_t now)
{
	struct tm_fire f[16];
	size_t n;
	do {
		n = tm_timer_expire(&tm_state->timers, now, f, 16);
		for (size_t i = 0; i < n; i++)
			fire(&f[i]);
	} while (n == 16);
}
