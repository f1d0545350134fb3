/* SPDX-License-Identifier: MIT */
/* Host stand-ins for the mm unit tests: a malloc'd buffer playing physical
 * RAM (phys_map_base points at it), cpu_numa_node(), and a panic() that
 * longjmps back into EXPECT_PANIC or fails the test. Shared by the frame
 * and slab suites. */
#pragma once
#include <setjmp.h>
#include <stdbool.h>
#include "lib/types.h"

extern int fake_cpu_node;          /* what cpu_numa_node() returns */
extern char fake_panic_msg[256];   /* the last panic's message */
extern jmp_buf fake_panic_jmp;
extern volatile bool fake_panic_expected;

/* Maps [base, base + size) of fake physical memory, aligned to 4 MiB. */
void fake_ram_init(phys_t base, size_t size);
void fake_ram_free(void);

/* Runs stmt, which must panic with a message containing substr. */
#define EXPECT_PANIC(stmt, substr)                                               \
	do {                                                                     \
		fake_panic_expected = true;                                      \
		if (setjmp(fake_panic_jmp) == 0) {                               \
			stmt;                                                    \
			ck_abort_msg("no panic from: %s", #stmt);                \
		}                                                                \
		ck_assert_msg(strstr(fake_panic_msg, substr), "panic said: %s",  \
			      fake_panic_msg);                                   \
	} while (0)
