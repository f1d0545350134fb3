/* SPDX-License-Identifier: MIT */
/* The 8254 PIT, used only to calibrate the TSC when there is no HPET. */
#pragma once
#include "lib/types.h"

#define PIT_HZ 1193182ull

/* Busy-waits for count PIT ticks using channel 2 (speaker gate, no IRQ). */
void pit_wait_ticks(uint16_t count);
