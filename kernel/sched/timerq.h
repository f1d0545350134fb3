/* SPDX-License-Identifier: MIT */
/* The tickless timer queue: intrusive timers keyed by absolute TSC deadlines,
 * kept in a binary min-heap over caller-provided storage. Entry points:
 * timerq_init, timerq_add, timerq_cancel, timerq_next_deadline and
 * timerq_run_expired. No locking inside: callers run with interrupts off. */
#pragma once
#include "lib/types.h"

struct timerq;
struct timer;

typedef void (*timerq_fn_t)(struct timer *t, void *arg);

struct timer {
	uint64_t deadline;  /* absolute TSC ticks; valid while armed */
	timerq_fn_t fn;
	void *arg;
	/* Private to timerq.c. A zero-filled timer is unarmed. */
	struct timerq *q;   /* queue it is armed on, NULL when unarmed */
	size_t pos;         /* index in q->heap */
	uint64_t seq;       /* insertion order, breaks deadline ties */
};

struct timerq {
	struct timer **heap;  /* caller storage of cap slots */
	size_t len, cap;
	uint64_t next_seq;
};

/* Makes q an empty queue holding at most cap timers in storage. */
void timerq_init(struct timerq *q, struct timer **storage, size_t cap);
/* Makes t an unarmed timer that will call fn(t, arg) when it expires. */
void timerq_timer_init(struct timer *t, timerq_fn_t fn, void *arg);
/* Arms t to fire at deadline, re-arming it if already armed (on any queue).
 * Returns false, leaving t unarmed, if q is full. */
bool timerq_add(struct timerq *q, struct timer *t, uint64_t deadline);
/* Disarms t; returns whether it was armed on q. Safe on an unarmed timer. */
bool timerq_cancel(struct timerq *q, struct timer *t);
/* Returns the earliest armed deadline, or UINT64_MAX when q is empty. */
uint64_t timerq_next_deadline(const struct timerq *q);
/* Fires every timer with deadline <= now, earliest first (ties in the order
 * they were armed), disarming each before its callback runs. A callback may
 * re-add its own timer or add/cancel others; a timer re-added with a deadline
 * <= now fires again in this call, so periodic timers must advance past now
 * to avoid spinning. Returns the number of callbacks run. */
size_t timerq_run_expired(struct timerq *q, uint64_t now);

/* Returns whether t is armed on some queue. */
static inline bool timerq_armed(const struct timer *t)
{
	return t->q != NULL;
}

/* Returns the number of armed timers on q. */
static inline size_t timerq_len(const struct timerq *q)
{
	return q->len;
}
