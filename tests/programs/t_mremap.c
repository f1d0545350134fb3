// SPDX-License-Identifier: MIT
/* t_mremap: growing a mapping in place, growing it by moving when a guard
 * mapping blocks it (MREMAP_MAYMOVE), shrinking it; contents survive every
 * step and grown pages read as zero. Unmapped ranges are probed with
 * mprotect (ENOMEM) instead of touching them. */
#define _GNU_SOURCE
#include <stdint.h>
#include <sys/mman.h>
#include "tap.h"

#define PAGE 4096UL
#define RW (PROT_READ | PROT_WRITE)
#define ANON_PRIV (MAP_PRIVATE | MAP_ANONYMOUS)

static void pattern_fill(unsigned char *p, size_t n, unsigned seed)
{
	for (size_t i = 0; i < n; i++)
		p[i] = (unsigned char)((i >> 3) * 7 + i + seed);
}

/* Returns 1 if [p, p + n) still holds the pattern from seed. */
static int pattern_ok(const unsigned char *p, size_t n, unsigned seed)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] != (unsigned char)((i >> 3) * 7 + i + seed))
			return 0;
	return 1;
}

static int all_zero(const unsigned char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i])
			return 0;
	return 1;
}

/* Returns 1 if no page of [p, p + n) is mapped (mprotect says ENOMEM). */
static int unmapped(void *p, size_t n)
{
	for (size_t off = 0; off < n; off += PAGE)
		if (mprotect((char *)p + off, PAGE, PROT_READ) != -1 || errno != ENOMEM)
			return 0;
	return 1;
}

static void test_grow_in_place(void)
{
	unsigned char *p = mmap(NULL, 8 * PAGE, RW, ANON_PRIV, -1, 0);
	if (!CHECK("mremap_in_place_setup", p != MAP_FAILED && munmap(p + 4 * PAGE, 4 * PAGE) == 0))
		return;
	pattern_fill(p, 4 * PAGE, 1);
	unsigned char *q = mremap(p, 4 * PAGE, 8 * PAGE, 0);
	CHECK("mremap_grow_into_free_space_stays_in_place", q == p);
	if (q != p)
		return;
	CHECK("mremap_grow_in_place_keeps_contents", pattern_ok(p, 4 * PAGE, 1));
	CHECK("mremap_grow_in_place_new_pages_read_zero", all_zero(p + 4 * PAGE, 4 * PAGE));
	p[8 * PAGE - 1] = 9;
	CHECK("mremap_grow_in_place_new_pages_writable", p[8 * PAGE - 1] == 9);
	CHECK("mremap_in_place_cleanup", munmap(p, 8 * PAGE) == 0);
}

/* Maps 4 read-write pages followed by a PROT_NONE guard page; NULL on failure. */
static unsigned char *map_guarded(void)
{
	unsigned char *p = mmap(NULL, 5 * PAGE, RW, ANON_PRIV, -1, 0);
	if (p == MAP_FAILED)
		return NULL;
	if (mmap(p + 4 * PAGE, PAGE, PROT_NONE, ANON_PRIV | MAP_FIXED, -1, 0) != p + 4 * PAGE)
		return NULL;
	return p;
}

static void test_grow_blocked(void)
{
	unsigned char *p = map_guarded();
	if (!CHECK("mremap_blocked_setup", p != NULL))
		return;
	pattern_fill(p, 4 * PAGE, 2);
	CHECK_ERRNO("mremap_grow_blocked_without_maymove_gives_enomem",
		    mremap(p, 4 * PAGE, 8 * PAGE, 0), ENOMEM);
	CHECK("mremap_failed_grow_keeps_contents", pattern_ok(p, 4 * PAGE, 2));
	unsigned char *q = mremap(p, 4 * PAGE, 8 * PAGE, MREMAP_MAYMOVE);
	if (!CHECK("mremap_grow_blocked_with_maymove_moves", q != MAP_FAILED && q != p))
		return;
	CHECK("mremap_moved_keeps_contents", pattern_ok(q, 4 * PAGE, 2));
	CHECK("mremap_moved_new_pages_read_zero", all_zero(q + 4 * PAGE, 4 * PAGE));
	CHECK("mremap_moved_old_range_is_unmapped", unmapped(p, 4 * PAGE));
	CHECK("mremap_moved_leaves_guard_mapped", mprotect(p + 4 * PAGE, PAGE, PROT_NONE) == 0);

	unsigned char *r = mremap(q, 8 * PAGE, 2 * PAGE, 0);
	CHECK("mremap_shrink_stays_in_place", r == q);
	CHECK("mremap_shrink_keeps_contents", pattern_ok(q, 2 * PAGE, 2));
	CHECK("mremap_shrink_unmaps_tail", unmapped(q + 2 * PAGE, 6 * PAGE));
	CHECK("mremap_blocked_cleanup", munmap(q, 2 * PAGE) == 0 && munmap(p + 4 * PAGE, PAGE) == 0);
}

static void test_bad_args(void)
{
	unsigned char *p = mmap(NULL, 2 * PAGE, RW, ANON_PRIV, -1, 0);
	if (!CHECK("mremap_bad_args_setup", p != MAP_FAILED))
		return;
	CHECK_ERRNO("mremap_unaligned_address_gives_einval",
		    mremap(p + 1, PAGE, 2 * PAGE, MREMAP_MAYMOVE), EINVAL);
	CHECK_ERRNO("mremap_new_size_zero_gives_einval", mremap(p, PAGE, 0, MREMAP_MAYMOVE), EINVAL);
	CHECK_ERRNO("mremap_unknown_flag_gives_einval", mremap(p, PAGE, 2 * PAGE, 0x40000), EINVAL);
	CHECK("mremap_bad_args_cleanup", munmap(p, 2 * PAGE) == 0);
	CHECK_ERRNO("mremap_unmapped_address_gives_efault",
		    mremap(p, PAGE, 2 * PAGE, MREMAP_MAYMOVE), EFAULT);
}

int main(void)
{
	tap_begin();
	test_grow_in_place();
	test_grow_blocked();
	test_bad_args();
	return tap_end("t_mremap");
}
