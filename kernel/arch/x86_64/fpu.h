/* SPDX-License-Identifier: MIT */
/* User FPU/SSE state: xsave/xrstor where the CPU has XSAVE, fxsave/fxrstor
 * otherwise. The kernel itself never touches these registers, so state is
 * switched eagerly with the thread. */
#pragma once
#include "lib/types.h"

/* Turns on SSE (and XSAVE) for user mode and records the clean state. */
void fpu_init(void);
/* Size and alignment of one saved state. */
size_t fpu_state_size(void);
/* Fills a new thread's area with the clean initial state. */
void fpu_state_init(void *area);

extern bool fpu_use_xsave;
extern uint64_t fpu_xcr0;

/* Inline: every context switch runs both. */
static inline void fpu_save(void *area)
{
	if (fpu_use_xsave)
		__asm__ volatile("xsave64 (%0)" : : "r"(area), "a"((uint32_t)fpu_xcr0),
				 "d"((uint32_t)(fpu_xcr0 >> 32)) : "memory");
	else
		__asm__ volatile("fxsave64 (%0)" : : "r"(area) : "memory");
}

static inline void fpu_restore(const void *area)
{
	if (fpu_use_xsave)
		__asm__ volatile("xrstor64 (%0)" : : "r"(area), "a"((uint32_t)fpu_xcr0),
				 "d"((uint32_t)(fpu_xcr0 >> 32)) : "memory");
	else
		__asm__ volatile("fxrstor64 (%0)" : : "r"(area) : "memory");
}
