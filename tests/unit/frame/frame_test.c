// SPDX-License-Identifier: MIT
/* kernel/mm/frame.c: the buddy frame allocator over fake RAM at 16..32 MiB. */
#include <stdlib.h>
#include <string.h>
#include "harness.h"
#include "fake_ram.h"
#include "mm/frame.h"
#include "mm/phys.h"

#define RAM_BASE MiB(16)
#define RAM_END MiB(32)
#define NFRAMES ((RAM_END - RAM_BASE) / PAGE_SIZE)

static phys_t got[NFRAMES];

static void setup(void)
{
	fake_ram_init(RAM_BASE, RAM_END - RAM_BASE);
}

static void teardown(void)
{
	fake_ram_free();
}

static void init_whole_ram(void)
{
	struct mem_range usable = { RAM_BASE, RAM_END };
	frame_init(&usable, 1, NULL, 0, NULL, 0);
}

/* Allocates order-`order` blocks until none is left; returns how many. */
static size_t alloc_all(unsigned order, int node)
{
	size_t n = 0;
	phys_t p;
	while ((p = frame_alloc_order(order, node)) != FRAME_NONE) {
		ck_assert_uint_lt(n, NFRAMES);
		got[n++] = p;
	}
	return n;
}

static void free_all(size_t n)
{
	for (size_t i = 0; i < n; i++)
		frame_free(got[i]);
}

START_TEST(init_counts_usable_minus_reserved_and_metadata)
{
	struct mem_range usable = { RAM_BASE + 100, RAM_END - 100 }; /* rounds to 4094 */
	struct mem_range reserved[] = {
		{ MiB(17), MiB(17) + KiB(10) },     /* 3 frames */
		{ MiB(20) + 1, MiB(20) + 2 },       /* 1 frame */
		{ MiB(40), MiB(41) },               /* outside: nothing */
	};
	frame_init(&usable, 1, reserved, ARRAY_SIZE(reserved), NULL, 0);
	struct frame_stats s = frame_stats();
	ck_assert_uint_eq(s.meta, 24); /* 4094 entries of 24 bytes */
	ck_assert_uint_eq(s.total, 4094 - 4 - s.meta);
	ck_assert_uint_eq(s.free, s.total);
	ck_assert_uint_eq(s.used, 0);
	ck_assert_uint_eq(s.nnodes, 1);
	ck_assert_uint_eq(s.node_free[0], s.total);
}
END_TEST

START_TEST(reserved_and_unusable_frames_are_never_returned)
{
	struct mem_range usable[] = { { RAM_BASE + 1, MiB(24) }, { MiB(25), RAM_END } };
	struct mem_range reserved[] = { { MiB(17), MiB(18) }, { MiB(26) + 5, MiB(26) + 6 } };
	frame_init(usable, 2, reserved, 2, NULL, 0);
	size_t n = alloc_all(0, -1);
	ck_assert_uint_eq(n, frame_stats().total);
	for (size_t i = 0; i < n; i++) {
		phys_t p = got[i];
		ck_assert(p >= RAM_BASE + PAGE_SIZE && p < RAM_END);
		ck_assert(!(p >= MiB(24) && p < MiB(25)));
		ck_assert(!(p >= MiB(17) && p < MiB(18)));
		ck_assert(p != MiB(26));
	}
}
END_TEST

START_TEST(reserved_memory_is_not_overwritten_by_metadata)
{
	struct mem_range usable = { RAM_BASE, RAM_END };
	struct mem_range reserved = { RAM_BASE, MiB(17) };
	memset(phys_to_virt(RAM_BASE), 0x5a, MiB(1));
	frame_init(&usable, 1, &reserved, 1, NULL, 0);
	const uint8_t *r = phys_to_virt(RAM_BASE);
	for (size_t i = 0; i < MiB(1); i++)
		ck_assert_uint_eq(r[i], 0x5a);
}
END_TEST

START_TEST(frame_zero_is_never_returned)
{
	fake_ram_free();
	fake_ram_init(0, MiB(2));
	struct mem_range usable = { 0, MiB(2) };
	frame_init(&usable, 1, NULL, 0, NULL, 0);
	struct frame_stats s = frame_stats();
	ck_assert_uint_eq(s.total, 512 - 1 - s.meta);
	size_t n = alloc_all(0, -1);
	ck_assert_uint_eq(n, s.total);
	for (size_t i = 0; i < n; i++)
		ck_assert_uint_ne(got[i], 0);
}
END_TEST

START_TEST(alloc_all_then_free_all_restores_counts)
{
	init_whole_ram();
	struct frame_stats before = frame_stats();
	size_t n = alloc_all(0, -1);
	ck_assert_uint_eq(n, before.total);
	ck_assert_uint_eq(frame_stats().free, 0);
	ck_assert_uint_eq(frame_stats().used, before.total);
	ck_assert_uint_eq(frame_alloc(), FRAME_NONE);
	free_all(n);
	struct frame_stats after = frame_stats();
	ck_assert_uint_eq(after.free, before.free);
	ck_assert_uint_eq(after.node_free[0], before.node_free[0]);
}
END_TEST

START_TEST(allocated_frames_are_distinct)
{
	init_whole_ram();
	size_t n = alloc_all(0, -1);
	static bool seen[NFRAMES];
	for (size_t i = 0; i < n; i++) {
		size_t f = (got[i] - RAM_BASE) / PAGE_SIZE;
		ck_assert(!seen[f]);
		seen[f] = true;
	}
}
END_TEST

START_TEST(blocks_are_aligned_to_their_size)
{
	init_whole_ram();
	for (unsigned o = 0; o <= FRAME_MAX_ORDER; o++) {
		phys_t p = frame_alloc_order(o, 0);
		ck_assert_uint_ne(p, FRAME_NONE);
		ck_assert_uint_eq(p % (PAGE_SIZE << o), 0);
	}
}
END_TEST

START_TEST(freed_singles_coalesce_into_max_order_blocks)
{
	init_whole_ram();
	size_t big = alloc_all(FRAME_MAX_ORDER, -1);
	ck_assert_uint_ge(big, 3); /* 16 MiB minus the metadata */
	free_all(big);
	size_t n = alloc_all(0, -1);
	ck_assert_uint_eq(frame_alloc_order(FRAME_MAX_ORDER, -1), FRAME_NONE);
	free_all(n);
	ck_assert_uint_eq(alloc_all(FRAME_MAX_ORDER, -1), big);
}
END_TEST

START_TEST(freeing_in_any_order_coalesces)
{
	init_whole_ram();
	size_t big = alloc_all(FRAME_MAX_ORDER, -1);
	free_all(big);
	size_t n = alloc_all(0, -1);
	for (size_t i = 0; i < n; i += 2) /* evens, then odds backwards */
		frame_free(got[i]);
	for (size_t i = n; i-- > 0;)
		if (i % 2)
			frame_free(got[i]);
	ck_assert_uint_eq(frame_stats().free, n);
	ck_assert_uint_eq(alloc_all(FRAME_MAX_ORDER, -1), big);
}
END_TEST

static void init_two_nodes(phys_t split)
{
	struct mem_range usable = { RAM_BASE, RAM_END };
	struct numa_range nodes[] = { { RAM_BASE, split, 0 }, { split, RAM_END, 1 } };
	frame_init(&usable, 1, NULL, 0, nodes, 2);
}

START_TEST(alloc_prefers_the_requested_node)
{
	init_two_nodes(MiB(24));
	ck_assert_uint_eq(frame_stats().nnodes, 2);
	ck_assert_int_eq(frame_node_of(frame_alloc_order(0, 1)), 1);
	ck_assert_int_eq(frame_node_of(frame_alloc_order(3, 0)), 0);
	fake_cpu_node = 1;
	ck_assert_int_eq(frame_node_of(frame_alloc()), 1);
	fake_cpu_node = 0;
	ck_assert_int_eq(frame_node_of(frame_alloc()), 0);
}
END_TEST

START_TEST(alloc_falls_back_when_preferred_node_is_empty)
{
	init_two_nodes(MiB(24));
	struct frame_stats s = frame_stats();
	ck_assert_uint_eq(s.node_free[0] + s.node_free[1], s.total);
	size_t on1 = s.node_free[1];
	for (size_t i = 0; i < on1; i++)
		ck_assert_int_eq(frame_node_of(frame_alloc_order(0, 1)), 1);
	ck_assert_uint_eq(frame_stats().node_free[1], 0);
	phys_t p = frame_alloc_order(0, 1);
	ck_assert_uint_ne(p, FRAME_NONE);
	ck_assert_int_eq(frame_node_of(p), 0);
	ck_assert_uint_eq(frame_stats().node_free[0], s.node_free[0] - 1);
}
END_TEST

START_TEST(blocks_never_straddle_a_node_boundary)
{
	init_two_nodes(MiB(22) + KiB(12)); /* not aligned to any large order */
	free_all(alloc_all(0, -1)); /* frees buddies on both sides of the boundary */
	for (unsigned o = FRAME_MAX_ORDER + 1; o-- > 0;) {
		phys_t p;
		while ((p = frame_alloc_order(o, -1)) != FRAME_NONE)
			ck_assert_int_eq(frame_node_of(p), frame_node_of(p + (PAGE_SIZE << o) - 1));
	}
	ck_assert_uint_eq(frame_stats().free, 0);
}
END_TEST

START_TEST(alloc_rejects_bad_order_and_node)
{
	init_whole_ram();
	ck_assert_uint_eq(frame_alloc_order(FRAME_MAX_ORDER + 1, -1), FRAME_NONE);
	ck_assert_uint_eq(frame_alloc_order(0, FRAME_MAX_NODES), FRAME_NONE);
	ck_assert_uint_eq(frame_alloc_order(0, -2), FRAME_NONE);
	ck_assert_uint_eq(frame_stats().used, 0);
}
END_TEST

START_TEST(alloc_zeroed_clears_the_frame)
{
	init_whole_ram();
	phys_t p = frame_alloc();
	memset(phys_to_virt(p), 0xaa, PAGE_SIZE);
	frame_free(p);
	phys_t q = frame_alloc_zeroed();
	ck_assert_uint_eq(q, p); /* the frame just freed comes back first */
	const uint8_t *b = phys_to_virt(q);
	for (size_t i = 0; i < PAGE_SIZE; i++)
		ck_assert_uint_eq(b[i], 0);
}
END_TEST

START_TEST(refcount_frees_the_block_at_zero)
{
	init_whole_ram();
	size_t free0 = frame_stats().free;
	phys_t p = frame_alloc_order(2, -1);
	ck_assert_uint_eq(frame_refcount(p), 1);
	ck_assert_uint_eq(frame_ref(p), 2);
	ck_assert_uint_eq(frame_unref(p), 1);
	ck_assert_uint_eq(frame_stats().free, free0 - 4);
	ck_assert_uint_eq(frame_unref(p), 0);
	ck_assert_uint_eq(frame_stats().free, free0);
	ck_assert_uint_eq(frame_refcount(p), 0);
}
END_TEST

START_TEST(owner_tag_covers_the_block_and_clears_on_free)
{
	init_whole_ram();
	int tag;
	phys_t p = frame_alloc_order(1, -1);
	ck_assert_ptr_null(frame_owner(p));
	frame_set_owner(p, &tag);
	ck_assert_ptr_eq(frame_owner(p + PAGE_SIZE + 123), &tag);
	frame_free(p);
	ck_assert_ptr_null(frame_owner(p));
	ck_assert_ptr_null(frame_owner(p + PAGE_SIZE));
}
END_TEST

START_TEST(double_free_panics)
{
	init_whole_ram();
	phys_t p = frame_alloc();
	frame_free(p);
	EXPECT_PANIC(frame_free(p), "double free");
}
END_TEST

START_TEST(double_free_of_a_merged_frame_panics)
{
	init_whole_ram();
	phys_t a = frame_alloc_order(0, -1), b = frame_alloc_order(0, -1);
	phys_t hi = MAX(a, b);
	ck_assert_uint_eq(a ^ b, PAGE_SIZE); /* buddies */
	frame_free(a);
	frame_free(b); /* merged: hi is now inside a free block */
	EXPECT_PANIC(frame_free(hi), "double free");
}
END_TEST

START_TEST(freeing_a_reserved_frame_panics)
{
	struct mem_range usable = { RAM_BASE, RAM_END };
	struct mem_range reserved = { MiB(20), MiB(21) };
	frame_init(&usable, 1, &reserved, 1, NULL, 0);
	EXPECT_PANIC(frame_free(MiB(20)), "reserved");
}
END_TEST

START_TEST(freeing_inside_a_block_panics)
{
	init_whole_ram();
	phys_t p = frame_alloc_order(2, -1);
	EXPECT_PANIC(frame_free(p + PAGE_SIZE), "not its start");
}
END_TEST

START_TEST(freeing_with_the_wrong_order_panics)
{
	init_whole_ram();
	phys_t p = frame_alloc_order(2, -1);
	EXPECT_PANIC(frame_free_order(p, 1), "order");
}
END_TEST

START_TEST(freeing_a_shared_block_panics)
{
	init_whole_ram();
	phys_t p = frame_alloc();
	frame_ref(p);
	EXPECT_PANIC(frame_free(p), "references");
}
END_TEST

START_TEST(freeing_unmanaged_or_unaligned_memory_panics)
{
	init_whole_ram();
	EXPECT_PANIC(frame_free(MiB(64)), "outside");
	EXPECT_PANIC(frame_free(frame_alloc() + 8), "aligned");
}
END_TEST

START_TEST(unref_of_a_free_frame_panics)
{
	init_whole_ram();
	phys_t p = frame_alloc();
	frame_unref(p);
	EXPECT_PANIC(frame_unref(p), "free");
}
END_TEST

UNIT_SUITE(frame_suite)
static Suite *frame_suite(void)
{
	Suite *s = suite_create("frame");
	TCase *tc = tcase_create("frame");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, init_counts_usable_minus_reserved_and_metadata);
	tcase_add_test(tc, reserved_and_unusable_frames_are_never_returned);
	tcase_add_test(tc, reserved_memory_is_not_overwritten_by_metadata);
	tcase_add_test(tc, frame_zero_is_never_returned);
	tcase_add_test(tc, alloc_all_then_free_all_restores_counts);
	tcase_add_test(tc, allocated_frames_are_distinct);
	tcase_add_test(tc, blocks_are_aligned_to_their_size);
	tcase_add_test(tc, freed_singles_coalesce_into_max_order_blocks);
	tcase_add_test(tc, freeing_in_any_order_coalesces);
	tcase_add_test(tc, alloc_prefers_the_requested_node);
	tcase_add_test(tc, alloc_falls_back_when_preferred_node_is_empty);
	tcase_add_test(tc, blocks_never_straddle_a_node_boundary);
	tcase_add_test(tc, alloc_rejects_bad_order_and_node);
	tcase_add_test(tc, alloc_zeroed_clears_the_frame);
	tcase_add_test(tc, refcount_frees_the_block_at_zero);
	tcase_add_test(tc, owner_tag_covers_the_block_and_clears_on_free);
	tcase_add_test(tc, double_free_panics);
	tcase_add_test(tc, double_free_of_a_merged_frame_panics);
	tcase_add_test(tc, freeing_a_reserved_frame_panics);
	tcase_add_test(tc, freeing_inside_a_block_panics);
	tcase_add_test(tc, freeing_with_the_wrong_order_panics);
	tcase_add_test(tc, freeing_a_shared_block_panics);
	tcase_add_test(tc, freeing_unmanaged_or_unaligned_memory_panics);
	tcase_add_test(tc, unref_of_a_free_frame_panics);
	suite_add_tcase(s, tc);
	return s;
}
