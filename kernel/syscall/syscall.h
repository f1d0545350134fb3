/* SPDX-License-Identifier: MIT */
/* System-call dispatch: Linux numbers and this kernel's native numbers map to
 * handlers of one signature. Entry points: syscall_init, syscall_dispatch. */
#pragma once
#include "lib/types.h"

#define SYSCALL_ARGS uint64_t a0 __attribute__((unused)), uint64_t a1 __attribute__((unused)), \
	uint64_t a2 __attribute__((unused)), uint64_t a3 __attribute__((unused)),              \
	uint64_t a4 __attribute__((unused)), uint64_t a5 __attribute__((unused))
#define SYSCALL(name) long sys_##name(SYSCALL_ARGS)

typedef long (*syscall_fn_t)(uint64_t, uint64_t, uint64_t, uint64_t, uint64_t, uint64_t);

/* Programs the syscall MSRs (STAR, LSTAR, FMASK) and enables syscall/sysret. */
void syscall_init(void);
/* Asks the return path to use iretq (the frame was rewritten). */
void syscall_force_iret(void);
