// SPDX-License-Identifier: MIT
/* Notification objects. */
#include "ipc/notif.h"
#include "mm/slab.h"

#define EAGAIN 11

static void notif_release(struct kobj *obj)
{
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
