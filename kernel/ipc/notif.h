/* SPDX-License-Identifier: MIT */
/* Notifications: a word of signal bits and a queue of waiters. Signalling
 * ORs bits in and wakes one waiter; waiting takes (and clears) all bits.
 * IRQs, ring wake-ups and death notices are delivered this way. */
#pragma once
#include "ipc/cap.h"
#include "sched/thread.h"

struct notif {
	struct kobj obj;
	uint64_t bits;
	struct waitq waiters;
	struct timer timer;       /* notif_at: signals timer_bits at a deadline */
	uint64_t timer_bits;
};

struct notif *notif_create(void);
void notif_signal(struct notif *n, uint64_t bits);
/* Returns the pending bits, clearing them; blocks while there are none
 * unless nonblock. Negative errno on interruption or -EAGAIN (nonblock). */
long notif_wait(struct notif *n, bool nonblock, uint64_t *bits);
/* Signals bits at the absolute CLOCK_MONOTONIC time deadline_ns (ns since
 * boot); a later call replaces the deadline, deadline 0 cancels. */
void notif_at(struct notif *n, uint64_t bits, uint64_t deadline_ns);
