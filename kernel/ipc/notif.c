// SPDX-License-Identifier: MIT
/* Notification objects. */
#include "abi/errno.h"
#include "ipc/notif.h"
#include "mm/slab.h"
#include "sched/ktimer.h"
#include "tsc.h"


static void notif_release(struct kobj *obj)
{
	ktimer_cancel(&((struct notif *)obj)->timer);
	kfree(obj);
}

static const struct kobj_ops notif_ops = { .release = notif_release };

struct notif *notif_create(void)
{
	struct notif *n = kmalloc(sizeof(*n));
	if (n)
		kobj_init(&n->obj, CAP_NOTIFICATION, &notif_ops);
	return n;
}

void notif_signal(struct notif *n, uint64_t bits)
{
	n->bits |= bits;
	if (n->waiters.head)
		sched_wake(n->waiters.head, 0);
}

long notif_wait(struct notif *n, bool nonblock, uint64_t *bits)
{
	while (!n->bits) {
		if (nonblock)
			return -EAGAIN;
		int r = sched_block(&n->waiters, 0);
		if (r < 0)
			return r;
	}
	*bits = n->bits;
	n->bits = 0;
	return 0;
}

static void notif_timer_fired(struct timer *t, void *arg)
{
	(void)t;
	struct notif *n = arg;
	notif_signal(n, n->timer_bits);
}

void notif_at(struct notif *n, uint64_t bits, uint64_t deadline_ns)
{
	ktimer_cancel(&n->timer);
	if (!deadline_ns || !bits)
		return;
	timerq_timer_init(&n->timer, notif_timer_fired, n);
	n->timer_bits = bits;
	ktimer_add(&n->timer, tsc_boot() + tsc_ns_to_ticks(deadline_ns));
}
