// SPDX-License-Identifier: MIT
/* Binary search over the generated, address-sorted symbol table. */
#include "lib/ksyms.h"

const char *ksym_lookup(uint64_t addr, uint64_t *offset)
{
	uint32_t lo = 0, hi = ksym_count;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (ksyms[mid].addr <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0)
		return NULL;
	const struct ksym *s = &ksyms[lo - 1];
	if (s->size && addr >= s->addr + s->size)
		return NULL;
	*offset = addr - s->addr;
	return ksym_names + s->name;
}
