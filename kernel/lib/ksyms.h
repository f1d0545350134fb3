/* SPDX-License-Identifier: MIT */
/* The kernel's own function symbols, generated at link time (tools/ksyms.sh),
 * for symbolized backtraces. */
#pragma once
#include "lib/types.h"

struct ksym {
	uint64_t addr;
	uint32_t name;  /* offset into ksym_names */
	uint32_t size;
};

extern const struct ksym ksyms[];
extern const uint32_t ksym_count;
extern const char ksym_names[];

/* Returns the name of the function containing addr and its offset, or NULL. */
const char *ksym_lookup(uint64_t addr, uint64_t *offset);
