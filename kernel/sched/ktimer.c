// SPDX-License-Identifier: MIT
/* The boot CPU's timer queue and the LAPIC timer interrupt. */
#include "cpu.h"
#include "lapic.h"
#include "trap.h"
#include "sched/ktimer.h"
#include "lib/panic.h"

#define KTIMER_MAX 4096

static struct timer *slots[KTIMER_MAX];
static struct timerq queue;

static void rearm(void)
{
	lapic_timer_arm(timerq_next_deadline(&queue));
}

static void on_timer(struct trap_frame *tf, void *arg)
{
	(void)tf, (void)arg;
	lapic_eoi();
	timerq_run_expired(&queue, rdtsc());
	rearm();
}

void ktimer_init(void)
{
	timerq_init(&queue, slots, KTIMER_MAX);
	trap_set_handler(VEC_LAPIC_TIMER, on_timer, NULL);
}

void ktimer_add(struct timer *t, uint64_t deadline)
{
	uint64_t f = irq_save();
	if (!timerq_add(&queue, t, deadline))
		panic("ktimer: more than %d timers armed", KTIMER_MAX);
	if (timerq_next_deadline(&queue) == deadline)
		rearm();
	irq_restore(f);
}

bool ktimer_cancel(struct timer *t)
{
	uint64_t f = irq_save();
	bool was = timerq_cancel(&queue, t);
	irq_restore(f);
	return was;
}
