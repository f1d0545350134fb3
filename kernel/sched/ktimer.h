/* SPDX-License-Identifier: MIT */
/* Kernel timers: a tickless queue of TSC deadlines driving the local APIC
 * timer, which is armed only for the earliest deadline. Callbacks run in
 * interrupt context with interrupts off. */
#pragma once
#include "sched/timerq.h"

void ktimer_init(void);
/* Arms t for the absolute TSC deadline (re-arms if armed). */
void ktimer_add(struct timer *t, uint64_t deadline);
/* Disarms t; returns whether it was armed. */
bool ktimer_cancel(struct timer *t);
