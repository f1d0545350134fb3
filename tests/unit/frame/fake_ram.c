// SPDX-License-Identifier: MIT
/* Host stand-ins for the mm unit tests; see fake_ram.h. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include "harness.h"
#include "fake_ram.h"
#include "lib/panic.h"
#include "mm/frame.h"

uintptr_t phys_map_base;
int fake_cpu_node;
char fake_panic_msg[256];
jmp_buf fake_panic_jmp;
volatile bool fake_panic_expected;
static void *ram;

int cpu_numa_node(void)
{
	return fake_cpu_node;
}

void panic(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(fake_panic_msg, sizeof(fake_panic_msg), fmt, ap);
	va_end(ap);
	if (fake_panic_expected) {
		fake_panic_expected = false;
		longjmp(fake_panic_jmp, 1);
	}
	ck_abort_msg("unexpected panic: %s", fake_panic_msg);
	abort();
}

void fake_ram_init(phys_t base, size_t size)
{
	ram = aligned_alloc(MiB(4), ALIGN_UP(size, MiB(4)));
	ck_assert_ptr_nonnull(ram);
	phys_map_base = (uintptr_t)ram - base;
	fake_cpu_node = 0;
	fake_panic_expected = false;
}

void fake_ram_free(void)
{
	free(ram);
	ram = NULL;
}
