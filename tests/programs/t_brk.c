// SPDX-License-Identifier: MIT
/* t_brk: the program break (the Linux brk syscall, which musl's malloc
 * uses; musl's own brk() and sbrk(n) are stubs, so the raw call is used).
 * Linux semantics: brk(addr) returns the new break, or the old one when it
 * refuses. Grows, writes every page, shrinks, regrows: fresh pages read as
 * zero. */
#include <stdint.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "tap.h"

#define PAGE 4096UL
#define GROW_PAGES 40

static uintptr_t brk_set(uintptr_t addr)
{
	return (uintptr_t)syscall(SYS_brk, addr);
}

/* Returns 1 if every byte of [p, p + n) equals the pattern from seed. */
static int pattern_ok(const unsigned char *p, size_t n, unsigned seed)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] != (unsigned char)(i * 31 + seed))
			return 0;
	return 1;
}

static void pattern_fill(unsigned char *p, size_t n, unsigned seed)
{
	for (size_t i = 0; i < n; i++)
		p[i] = (unsigned char)(i * 31 + seed);
}

/* Returns 1 if [p, p + n) is all zero. */
static int all_zero(const unsigned char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i])
			return 0;
	return 1;
}

int main(void)
{
	tap_begin();
	uintptr_t start = brk_set(0);
	CHECK("brk_query_returns_current_break", start != 0 && start != (uintptr_t)-1);
	CHECK("sbrk_zero_matches_brk_query", (uintptr_t)sbrk(0) == start);

	uintptr_t base = (start + PAGE - 1) & ~(PAGE - 1);
	uintptr_t top = base + GROW_PAGES * PAGE + 123;   /* an unaligned break */
	if (!CHECK("brk_grow_returns_new_break", brk_set(top) == top))
		return tap_end("t_brk");
	unsigned char *heap = (unsigned char *)start;
	CHECK("brk_grown_memory_starts_zero", all_zero(heap, top - start));
	pattern_fill(heap, top - start, 7);
	CHECK("brk_write_across_pages_reads_back", pattern_ok(heap, top - start, 7));

	uintptr_t low = base + 2 * PAGE;
	CHECK("brk_shrink_returns_new_break", brk_set(low) == low);
	CHECK("brk_shrink_keeps_lower_pages", pattern_ok(heap, low - start, 7));

	CHECK("brk_regrow_returns_new_break", brk_set(top) == top);
	CHECK("brk_regrown_pages_read_zero", all_zero((unsigned char *)low, top - low));
	CHECK("brk_regrow_keeps_lower_pages", pattern_ok(heap, low - start, 7));

	CHECK("brk_beyond_user_space_is_refused", brk_set(top + (1UL << 47)) == top);
	CHECK("brk_below_start_is_refused", brk_set(base - 16 * PAGE) == top);
	CHECK("brk_back_to_start_succeeds", brk_set(start) == start);
	return tap_end("t_brk");
}
