// SPDX-License-Identifier: MIT
/* servers/vfs/vfs_heap.c: the heap the VFS keeps in its memory object.
 * Freed blocks merge with free neighbours and the top, so space comes
 * back for any size (the store used to fill up for good). */
#include <check.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "harness.h"
#include "../../../servers/vfs/vfs_heap.h"

#define REGION (8u << 20)

static struct vfs_heap *h;

static void heap_setup(void)
{
	h = aligned_alloc(4096, REGION);
	ck_assert_ptr_nonnull(h);
	vfs_heap_init(h, REGION);
}

static void heap_teardown(void)
{
	free(h);
}

START_TEST(a_fresh_heap_is_all_free)
{
	ck_assert(vfs_heap_check(h));
	ck_assert_uint_eq(h->used, 0);
	ck_assert_uint_ge(vfs_heap_free_bytes(h), REGION - 4096);
}
END_TEST

START_TEST(blocks_are_aligned_and_usable_as_asked)
{
	for (size_t n = 0; n < 3000; n += 7) {
		uint8_t *p = vfs_heap_alloc(h, n);
		ck_assert_ptr_nonnull(p);
		ck_assert_uint_eq((uintptr_t)p % 16, 0);
		ck_assert_uint_ge(vfs_heap_usable(p), n);
		memset(p, 0xa5, n);
	}
	ck_assert(vfs_heap_check(h));
}
END_TEST

START_TEST(freeing_everything_gives_the_whole_region_back)
{
	void *p[1000];
	for (int i = 0; i < 1000; i++)
		p[i] = vfs_heap_alloc(h, (size_t)(i * 37) % 5000 + 1);
	for (int i = 0; i < 1000; i += 2)
		vfs_heap_free(h, p[i]);
	ck_assert(vfs_heap_check(h));
	for (int i = 1; i < 1000; i += 2)
		vfs_heap_free(h, p[i]);
	ck_assert(vfs_heap_check(h));
	ck_assert_uint_eq(h->used, 0);
	ck_assert_uint_eq(h->top, h->start);
}
END_TEST

START_TEST(freed_neighbours_merge_into_one_block_for_a_larger_size)
{
	void *a = vfs_heap_alloc(h, 1000), *b = vfs_heap_alloc(h, 1000);
	void *c = vfs_heap_alloc(h, 1000), *fence = vfs_heap_alloc(h, 16);
	vfs_heap_free(h, a);
	vfs_heap_free(h, c);
	vfs_heap_free(h, b);
	ck_assert(vfs_heap_check(h));
	void *big = vfs_heap_alloc(h, 3000);
	ck_assert_ptr_eq(big, a);  /* the three became one block */
	vfs_heap_free(h, big);
	vfs_heap_free(h, fence);
	ck_assert_uint_eq(h->top, h->start);
}
END_TEST

START_TEST(small_free_blocks_serve_a_large_request_once_merged)
{
	enum { N = 2000 };
	static void *p[N];
	size_t got = 0;
	while (got < N && (p[got] = vfs_heap_alloc(h, 48)))
		got++;
	void *last = vfs_heap_alloc(h, 16);  /* keeps the top from absorbing them */
	for (size_t i = 0; i < got; i++)
		vfs_heap_free(h, p[i]);
	ck_assert(vfs_heap_check(h));
	void *big = vfs_heap_alloc(h, (size_t)got * 48);
	ck_assert_ptr_eq(big, p[0]);
	vfs_heap_free(h, big);
	vfs_heap_free(h, last);
}
END_TEST

START_TEST(realloc_grows_in_place_into_the_top_and_free_neighbours)
{
	uint8_t *p = vfs_heap_alloc(h, 100);
	memset(p, 7, 100);
	uint8_t *q = vfs_heap_realloc(h, p, 100000);
	ck_assert_ptr_eq(q, p);
	ck_assert_int_eq(q[99], 7);
	void *x = vfs_heap_alloc(h, 64);
	q = vfs_heap_realloc(h, q, 50);  /* shrinks: the rest is a free block */
	ck_assert_ptr_eq(q, p);
	ck_assert(vfs_heap_check(h));
	q = vfs_heap_realloc(h, q, 90000);  /* back into that block */
	ck_assert_ptr_eq(q, p);
	ck_assert_int_eq(q[49], 7);
	uint8_t *moved = vfs_heap_realloc(h, q, 200000);
	ck_assert_ptr_ne(moved, p);
	ck_assert_int_eq(moved[0], 7);
	ck_assert(vfs_heap_check(h));
	vfs_heap_free(h, moved);
	vfs_heap_free(h, x);
	ck_assert_uint_eq(h->used, 0);
	ck_assert_uint_eq(h->top, h->start);
}
END_TEST

START_TEST(a_request_larger_than_the_free_space_gets_null)
{
	ck_assert_ptr_null(vfs_heap_alloc(h, REGION));
	ck_assert_ptr_null(vfs_heap_alloc(h, SIZE_MAX));
	void *p = vfs_heap_alloc(h, REGION / 2);
	ck_assert_ptr_nonnull(p);
	ck_assert_ptr_null(vfs_heap_realloc(h, p, REGION));
	ck_assert(vfs_heap_check(h));
	vfs_heap_free(h, p);
}
END_TEST

/* The finding: a 4 MiB file written in 64 KiB pieces and deleted, nine
 * times, filled the store. Here the same traffic in the pieces the VFS
 * now allocates (4 KiB chunks and a growing chunk index), with some small
 * blocks living on in between. */
START_TEST(nine_4mib_write_delete_cycles_leave_the_heap_as_empty_as_before)
{
	enum { CHUNKS = 1024 };
	static void *chunk[CHUNKS];
	void *keep[9];
	uint64_t used0 = h->used;
	for (int round = 0; round < 9; round++) {
		void **index = NULL;
		for (int i = 0; i < CHUNKS; i++) {
			if ((i & (i - 1)) == 0 || i == 0) {
				index = vfs_heap_realloc(h, index, (size_t)(i ? 2 * i : 1) * sizeof(void *));
				ck_assert_ptr_nonnull(index);
			}
			chunk[i] = index[i] = vfs_heap_alloc(h, 4096);
			ck_assert_ptr_nonnull(chunk[i]);
		}
		keep[round] = vfs_heap_alloc(h, 40);  /* a directory entry made meanwhile */
		for (int i = 0; i < CHUNKS; i++)
			vfs_heap_free(h, chunk[i]);
		vfs_heap_free(h, index);
		ck_assert(vfs_heap_check(h));
	}
	for (int round = 0; round < 9; round++)
		vfs_heap_free(h, keep[round]);
	ck_assert_uint_eq(h->used, used0);
	ck_assert_uint_eq(h->top, h->start);
}
END_TEST

static bool filled(const uint8_t *p, size_t n, uint8_t v)
{
	for (size_t k = 0; k < n; k++)
		if (p[k] != v)
			return false;
	return true;
}

START_TEST(random_traffic_keeps_the_heap_consistent)
{
	enum { SLOTS = 512 };
	static uint8_t *p[SLOTS];
	static size_t len[SLOTS];
	srand(11);
	for (int step = 0; step < 20000; step++) {
		int i = rand() % SLOTS;
		size_t n = (size_t)(rand() % 3 ? rand() % 200 : rand() % 20000);
		if (p[i] && rand() % 2) {
			ck_assert(filled(p[i], len[i], (uint8_t)i));
			vfs_heap_free(h, p[i]);
			p[i] = NULL;
			len[i] = 0;
		} else {
			uint8_t *q = vfs_heap_realloc(h, p[i], n);
			if (!q)
				continue;
			ck_assert(filled(q, len[i] < n ? len[i] : n, (uint8_t)i));
			memset(q, i, n);
			p[i] = q;
			len[i] = n;
		}
		if (step % 1000 == 0)
			ck_assert(vfs_heap_check(h));
	}
	for (int i = 0; i < SLOTS; i++)
		vfs_heap_free(h, p[i]);
	ck_assert(vfs_heap_check(h));
	ck_assert_uint_eq(h->top, h->start);
}
END_TEST

UNIT_SUITE(heap_suite)
static Suite *heap_suite(void)
{
	Suite *s = suite_create("vfs_heap");
	TCase *tc = tcase_create("heap");
	tcase_add_checked_fixture(tc, heap_setup, heap_teardown);
	tcase_set_timeout(tc, 60);
	suite_add_tcase(s, tc);
	tcase_add_test(tc, a_fresh_heap_is_all_free);
	tcase_add_test(tc, blocks_are_aligned_and_usable_as_asked);
	tcase_add_test(tc, freeing_everything_gives_the_whole_region_back);
	tcase_add_test(tc, freed_neighbours_merge_into_one_block_for_a_larger_size);
	tcase_add_test(tc, small_free_blocks_serve_a_large_request_once_merged);
	tcase_add_test(tc, realloc_grows_in_place_into_the_top_and_free_neighbours);
	tcase_add_test(tc, a_request_larger_than_the_free_space_gets_null);
	tcase_add_test(tc, nine_4mib_write_delete_cycles_leave_the_heap_as_empty_as_before);
	tcase_add_test(tc, random_traffic_keeps_the_heap_consistent);
	return s;
}
