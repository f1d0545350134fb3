// SPDX-License-Identifier: MIT
/* The scheduler: per-priority FIFO run queues with aging, slice timers,
 * blocking with deadlines. See thread.h for the policy and its bound. */
#include "abi/errno.h"
#include "cpu.h"
#include "fpu.h"
#include "gdt.h"
#include "percpu.h"
#include "tsc.h"
#include "mm/paging.h"
#include "ipc/hwcap.h"
#include "sched/ktimer.h"
#include "proc/proc.h"
#include "sched/thread.h"
#include "lib/kprintf.h"
#include "lib/panic.h"


void context_switch(uint64_t *save_rsp, uint64_t next_rsp);

static struct waitq runq[SCHED_NPRIO];
static unsigned nrunnable;
static struct thread *idle_thread;
static struct thread *reap_pending;  /* a dead thread whose stack is freed after the switch */
static struct timer slice_timer;
static bool need_resched;
static uint64_t aging_ticks, slice_ticks;

static void q_push(struct waitq *q, struct thread *t)
{
	t->next = NULL;
	t->prev = q->tail;
	if (q->tail)
		q->tail->next = t;
	else
		q->head = t;
	q->tail = t;
}

static void q_remove(struct waitq *q, struct thread *t)
{
	if (t->prev)
		t->prev->next = t->next;
	else
		q->head = t->next;
	if (t->next)
		t->next->prev = t->prev;
	else
		q->tail = t->prev;
	t->next = t->prev = NULL;
}

/* next was blocked: it leaves its queue and any deadline, woken with 0. */
static inline void take_blocked(struct thread *next)
{
	kassert(next->state == THREAD_BLOCKED);
	if (next->waiting_on) {
		q_remove(next->waiting_on, next);
		next->waiting_on = NULL;
	}
	if (timerq_armed(&next->sleep_timer))
		ktimer_cancel(&next->sleep_timer);
	next->wake_reason = 0;
}

static void enqueue(struct thread *t)
{
	t->state = THREAD_RUNNABLE;
	t->enqueued_tsc = rdtsc();
	q_push(&runq[t->prio], t);
	nrunnable++;
}

/* Highest priority first, except that a thread waiting past the aging limit
 * goes first (oldest such thread). */
static struct thread *pick_next(void)
{
	uint64_t now = rdtsc();
	struct thread *best = NULL, *aged = NULL;
	for (int p = 0; p < SCHED_NPRIO; p++) {
		struct thread *h = runq[p].head;
		if (!h)
			continue;
		if (!best)
			best = h;
		if (now - h->enqueued_tsc >= aging_ticks &&
		    (!aged || h->enqueued_tsc < aged->enqueued_tsc))
			aged = h;
	}
	struct thread *t = aged ? aged : best;
	if (t) {
		q_remove(&runq[t->prio], t);
		nrunnable--;
	}
	return t;
}

static void slice_expired(struct timer *t, void *arg)
{
	(void)t, (void)arg;
	need_resched = true;
}

void sched_need_resched(void)
{
	need_resched = true;
}

bool sched_resched_pending(void)
{
	return need_resched;
}

static void account(struct thread *prev, uint64_t now)
{
	prev->cpu_tsc += now - prev->run_start_tsc;
}

/* Runs in the new thread right after the switch: frees a dead predecessor. */
void thread_first_run(void)
{
	if (reap_pending) {
		thread_destroy(reap_pending);
		reap_pending = NULL;
	}
}

/* Makes next the running thread of this CPU: its address space, TLS base,
 * kernel stack for traps and syscalls, and FPU state. */
static inline __attribute__((always_inline)) void load_context(struct thread *next)
{
	if (next->fpu)
		fpu_restore(next->fpu);
	if (next->proc) {
		as_switch(next->as);
		wrmsr(MSR_FS_BASE, next->fs_base);
		if ((next->proc->iomap ? next->proc : NULL) != ioport_loaded)
			ioport_load(next->proc);  /* only a change of bitmap costs */
	}
	tss_set_kernel_stack(next->kstack_top);
	this_cpu()->kernel_rsp = next->kstack_top;
	this_cpu()->current = next;
}

static void arm_slice(uint64_t now)
{
	if (nrunnable)
		ktimer_add(&slice_timer, now + slice_ticks);
	else
		ktimer_cancel(&slice_timer);
}

/* Runs next. A scheduling decision starts a new slice; a handoff (fused
 * IPC) lends the rest of the current slice to next, so that a ping-pong
 * pair cannot keep other runnable threads out. */
static inline __attribute__((always_inline)) void switch_to(struct thread *prev,
							    struct thread *next, bool new_slice)
{
	uint64_t now = rdtsc();
	account(prev, now);
	next->run_start_tsc = now;
	next->state = THREAD_RUNNING;
	if (new_slice)
		arm_slice(now);
	else if (nrunnable && !timerq_armed(&slice_timer))
		ktimer_add(&slice_timer, now + slice_ticks);
	if (next == prev)
		return;
	if (prev->fpu && prev->state != THREAD_DEAD)
		fpu_save(prev->fpu);
	if (prev->state == THREAD_DEAD)
		reap_pending = prev;
	load_context(next);
	context_switch(&prev->saved_rsp, next->saved_rsp);
	if (reap_pending)
		thread_first_run();
}

void schedule(void)
{
	struct thread *prev = thread_current();
	need_resched = false;
	if (prev->state == THREAD_RUNNING && prev != idle_thread)
		enqueue(prev);
	struct thread *next = pick_next();
	if (!next)
		next = idle_thread;
	switch_to(prev, next, true);
}

void sched_set_prio(struct thread *t, int prio)
{
	if (prio < 0 || prio >= SCHED_NPRIO || prio == t->prio)
		return;
	if (t->state == THREAD_RUNNABLE) {
		q_remove(&runq[t->prio], t);
		t->prio = prio;
		q_push(&runq[prio], t);
	} else {
		t->prio = prio;
	}
	struct thread *cur = thread_current();
	if (t != cur && t->state == THREAD_RUNNABLE && prio < cur->prio)
		need_resched = true;
}

void sched_yield_current(void)
{
	schedule();
}

void sched_wake(struct thread *t, int reason)
{
	if (t->state != THREAD_BLOCKED)
		return;
	if (t->waiting_on) {
		q_remove(t->waiting_on, t);
		t->waiting_on = NULL;
	}
	ktimer_cancel(&t->sleep_timer);
	t->wake_reason = reason;
	enqueue(t);
	struct thread *cur = thread_current();
	if (cur == idle_thread || t->prio < cur->prio)
		need_resched = true;
	else if (!timerq_armed(&slice_timer))
		ktimer_add(&slice_timer, rdtsc() + slice_ticks);
}

static void sleep_expired(struct timer *tm, void *arg)
{
	(void)tm;
	sched_wake(arg, -ETIMEDOUT);
}

int sched_block(struct waitq *wq, uint64_t deadline)
{
	struct thread *t = thread_current();
	t->state = THREAD_BLOCKED;
	t->wake_reason = 0;
	t->waiting_on = wq;
	if (wq)
		q_push(wq, t);
	if (deadline) {
		timerq_timer_init(&t->sleep_timer, sleep_expired, t);
		ktimer_add(&t->sleep_timer, deadline);
	}
	schedule();
	return t->wake_reason;
}

int waitq_wake(struct waitq *wq, int n, int reason)
{
	int woken = 0;
	while (wq->head && woken < n) {
		sched_wake(wq->head, reason);
		woken++;
	}
	return woken;
}

void waitq_move(struct waitq *from, struct waitq *to, struct thread *t)
{
	q_remove(from, t);
	q_push(to, t);
	t->waiting_on = to;
}

void waitq_remove(struct waitq *wq, struct thread *t)
{
	if (t->waiting_on == wq) {
		q_remove(wq, t);
		t->waiting_on = NULL;
	}
}

void sched_handoff(struct thread *next)
{
	struct thread *cur = thread_current();
	take_blocked(next);
	if (cur->state == THREAD_RUNNING)
		enqueue(cur);
	switch_to(cur, next, false);
}

int sched_block_handoff(struct waitq *wq, struct thread *next)
{
	struct thread *t = thread_current();
	t->state = THREAD_BLOCKED;
	t->wake_reason = 0;
	t->waiting_on = wq;
	if (wq)
		q_push(wq, t);
	take_blocked(next);
	switch_to(t, next, false);
	return t->wake_reason;
}

void sched_exit_current(void)
{
	struct thread *t = thread_current();
	ktimer_cancel(&t->sleep_timer);
	t->state = THREAD_DEAD;
	schedule();
	panic("sched: a dead thread ran again");
}

uint64_t thread_cpu_ns(const struct thread *t)
{
	uint64_t ticks = t->cpu_tsc;
	if (t == thread_current())
		ticks += rdtsc() - t->run_start_tsc;
	return tsc_ticks_to_ns(ticks);
}

static void idle_loop(void *arg)
{
	(void)arg;
	for (;;) {
		if (nrunnable) {
			schedule();
			continue;
		}
		cpu_wait_for_irq();
	}
}

void sched_init(void)
{
	aging_ticks = tsc_ns_to_ticks(SCHED_AGING_NS);
	slice_ticks = tsc_ns_to_ticks(SCHED_SLICE_NS);
	timerq_timer_init(&slice_timer, slice_expired, NULL);
	idle_thread = thread_create_kernel(idle_loop, NULL, SCHED_NPRIO - 1);
	if (!idle_thread)
		panic("sched: no memory for the idle thread");
	pr_info("sched: %d priorities, %lu ms slices, aging after %lu ms (wait bound %lu ms)\n",
		SCHED_NPRIO, SCHED_SLICE_NS / 1000000, SCHED_AGING_NS / 1000000,
		(SCHED_AGING_NS + SCHED_SLICE_NS) / 1000000);
}

void sched_start(void)
{
	cpu_disable_irqs();
	struct thread boot = { .state = THREAD_DEAD };
	this_cpu()->current = &boot;
	struct thread *next = pick_next();
	if (!next)
		next = idle_thread;
	next->state = THREAD_RUNNING;
	next->run_start_tsc = rdtsc();
	load_context(next);
	arm_slice(next->run_start_tsc);
	context_switch(&boot.saved_rsp, next->saved_rsp);
	panic("sched: returned to the boot context");
}

/* The idle thread is queued by sched_wake only through enqueue(); keep it out. */
void sched_enqueue_new(struct thread *t)
{
	enqueue(t);
}
