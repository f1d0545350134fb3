/* SPDX-License-Identifier: MIT */
/* Per-CPU data, reached through GS (the kernel's GS base points at it while
 * in the kernel). There is no global "current CPU" variable. */
#pragma once
#include "lib/types.h"

struct thread;

struct percpu {
	struct percpu *self;     /* %gs:0 */
	uint64_t kernel_rsp;     /* %gs:8  syscall entry: stack top of the current thread */
	uint64_t user_rsp;       /* %gs:16 syscall entry: scratch for the user stack */
	struct thread *current;  /* %gs:24 */
	uint32_t cpu_id;
	uint32_t apic_id;
	uint32_t node;
	uint32_t reserved;
};

#define PERCPU_KERNEL_RSP 8
#define PERCPU_USER_RSP 16
#define PERCPU_CURRENT 24

/* Sets up the boot CPU's per-CPU block and loads the GS base. */
void percpu_init_boot(uint32_t apic_id, uint32_t node);

static inline struct percpu *this_cpu(void)
{
	struct percpu *p;
	__asm__ volatile("mov %%gs:0, %0" : "=r"(p));
	return p;
}
