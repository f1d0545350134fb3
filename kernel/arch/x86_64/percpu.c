// SPDX-License-Identifier: MIT
/* The boot CPU's per-CPU block; SMP bring-up will allocate one per CPU. */
#include "cpu.h"
#include "percpu.h"

static struct percpu boot_percpu;
static bool percpu_ready;

void percpu_init_boot(uint32_t apic_id, uint32_t node)
{
	boot_percpu.self = &boot_percpu;
	boot_percpu.apic_id = apic_id;
	boot_percpu.node = node;
	wrmsr(MSR_GS_BASE, (uint64_t)&boot_percpu);
	wrmsr(MSR_KERNEL_GS_BASE, 0);
	percpu_ready = true;
}

/* The NUMA node the frame allocator prefers for the running CPU. */
int cpu_numa_node(void)
{
	return percpu_ready ? (int)this_cpu()->node : 0;
}

_Static_assert(__builtin_offsetof(struct percpu, kernel_rsp) == PERCPU_KERNEL_RSP, "percpu layout");
_Static_assert(__builtin_offsetof(struct percpu, user_rsp) == PERCPU_USER_RSP, "percpu layout");
_Static_assert(__builtin_offsetof(struct percpu, current) == PERCPU_CURRENT, "percpu layout");
