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
void fpu_save(void *area);
void fpu_restore(const void *area);
