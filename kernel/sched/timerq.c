// SPDX-License-Identifier: MIT
/* The timer queue as a binary min-heap ordered by (deadline, seq); each timer
 * keeps its heap index so cancel and re-arm are O(log n) and peek is O(1). */
#include "sched/timerq.h"

/* Returns whether a must fire before b. */
static bool timer_before(const struct timer *a, const struct timer *b)
{
	if (a->deadline != b->deadline)
		return a->deadline < b->deadline;
	return a->seq < b->seq;
}

static void heap_place(struct timerq *q, struct timer *t, size_t i)
{
	q->heap[i] = t;
	t->pos = i;
}

/* Moves the timer at index i towards the root until its parent is earlier. */
static void sift_up(struct timerq *q, size_t i)
{
	struct timer *t = q->heap[i];

	while (i > 0) {
		size_t parent = (i - 1) / 2;
		if (!timer_before(t, q->heap[parent]))
			break;
		heap_place(q, q->heap[parent], i);
		i = parent;
	}
	heap_place(q, t, i);
}

/* Moves the timer at index i towards the leaves until both children are later. */
static void sift_down(struct timerq *q, size_t i)
{
	struct timer *t = q->heap[i];

	for (;;) {
		size_t child = 2 * i + 1;
		if (child >= q->len)
			break;
		if (child + 1 < q->len && timer_before(q->heap[child + 1], q->heap[child]))
			child++;
		if (!timer_before(q->heap[child], t))
			break;
		heap_place(q, q->heap[child], i);
		i = child;
	}
	heap_place(q, t, i);
}

/* Removes the armed timer t from its queue and marks it unarmed. */
static void heap_remove(struct timerq *q, struct timer *t)
{
	size_t i = t->pos;
	struct timer *last = q->heap[--q->len];

	t->q = NULL;
	if (last == t)
		return;
	heap_place(q, last, i);
	if (i > 0 && timer_before(last, q->heap[(i - 1) / 2]))
		sift_up(q, i);
	else
		sift_down(q, i);
}

void timerq_init(struct timerq *q, struct timer **storage, size_t cap)
{
	q->heap = storage;
	q->len = 0;
	q->cap = cap;
	q->next_seq = 0;
}

void timerq_timer_init(struct timer *t, timerq_fn_t fn, void *arg)
{
	t->deadline = 0;
	t->fn = fn;
	t->arg = arg;
	t->q = NULL;
	t->pos = 0;
	t->seq = 0;
}

bool timerq_add(struct timerq *q, struct timer *t, uint64_t deadline)
{
	if (t->q)
		heap_remove(t->q, t);
	if (q->len == q->cap)
		return false;
	t->deadline = deadline;
	t->seq = q->next_seq++;
	t->q = q;
	heap_place(q, t, q->len++);
	sift_up(q, t->pos);
	return true;
}

bool timerq_cancel(struct timerq *q, struct timer *t)
{
	if (t->q != q)
		return false;
	heap_remove(q, t);
	return true;
}

uint64_t timerq_next_deadline(const struct timerq *q)
{
	return q->len ? q->heap[0]->deadline : UINT64_MAX;
}

size_t timerq_run_expired(struct timerq *q, uint64_t now)
{
	size_t fired = 0;

	while (q->len && q->heap[0]->deadline <= now) {
		struct timer *t = q->heap[0];
		heap_remove(q, t);
		fired++;
		t->fn(t, t->arg);
	}
	return fired;
}
