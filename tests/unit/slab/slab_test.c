// SPDX-License-Identifier: MIT
/* kernel/mm/slab.c: object caches and kmalloc over the frame allocator on
 * fake RAM at 16..32 MiB. */
#include <stdlib.h>
#include <string.h>
#include "harness.h"
#include "../frame/fake_ram.h"
#include "mm/frame.h"
#include "mm/phys.h"
#include "mm/slab.h"

#define RAM_BASE MiB(16)
#define RAM_END MiB(32)
#define NOBJ 2000

static void *objs[NOBJ];

static void setup(void)
{
	struct mem_range usable = { RAM_BASE, RAM_END };
	fake_ram_init(RAM_BASE, RAM_END - RAM_BASE);
	frame_init(&usable, 1, NULL, 0, NULL, 0);
	slab_init();
}

static void teardown(void)
{
	fake_ram_free();
}

static bool all_zero(const void *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (((const uint8_t *)p)[i])
			return false;
	return true;
}

START_TEST(cache_objects_are_distinct_zeroed_and_disjoint)
{
	struct kmem_cache *c = kmem_cache_create("obj40", 40, 8);
	ck_assert_ptr_nonnull(c);
	for (size_t i = 0; i < NOBJ; i++) {
		objs[i] = kmem_cache_alloc(c);
		ck_assert_ptr_nonnull(objs[i]);
		ck_assert(all_zero(objs[i], 40));
		memset(objs[i], (int)(i & 0xff), 40);
	}
	for (size_t i = 0; i < NOBJ; i++)
		for (size_t j = 0; j < 40; j++)
			ck_assert_uint_eq(((uint8_t *)objs[i])[j], i & 0xff);
	for (size_t i = 0; i < NOBJ; i += 2)
		kmem_cache_free(c, objs[i]);
	for (size_t i = 0; i < NOBJ; i += 2) {
		objs[i] = kmem_cache_alloc(c); /* reused objects come back zeroed */
		ck_assert(all_zero(objs[i], 40));
	}
	ck_assert_uint_eq(kmem_cache_stats(c).in_use, NOBJ);
}
END_TEST

START_TEST(cache_honours_alignment)
{
	static const size_t cases[][2] = { { 24, 64 }, { 100, 128 }, { 8, 4096 }, { 1, 0 }, { 3000, 512 } };
	for (size_t k = 0; k < ARRAY_SIZE(cases); k++) {
		struct kmem_cache *c = kmem_cache_create("aligned", cases[k][0], cases[k][1]);
		size_t align = cases[k][1] ? cases[k][1] : 8;
		ck_assert_ptr_nonnull(c);
		for (int i = 0; i < 50; i++) {
			uintptr_t p = (uintptr_t)kmem_cache_alloc(c);
			ck_assert_uint_ne(p, 0);
			ck_assert_uint_eq(p % align, 0);
		}
	}
}
END_TEST

START_TEST(stats_count_objects_and_slabs)
{
	struct kmem_cache *c = kmem_cache_create("obj64", 64, 64);
	struct kmem_cache_stats s = kmem_cache_stats(c);
	ck_assert_uint_eq(s.obj_size, 64);
	ck_assert_uint_eq(s.slabs, 0);
	size_t per = s.objs_per_slab;
	for (size_t i = 0; i < per + 1; i++)
		objs[i] = kmem_cache_alloc(c);
	s = kmem_cache_stats(c);
	ck_assert_uint_eq(s.in_use, per + 1);
	ck_assert_uint_eq(s.slabs, 2);
	ck_assert_uint_eq(s.empty_slabs, 0);
}
END_TEST

START_TEST(empty_slabs_beyond_one_go_back_to_the_frame_allocator)
{
	struct kmem_cache *c = kmem_cache_create("obj100", 100, 8);
	size_t free0 = frame_stats().free;
	for (size_t i = 0; i < NOBJ; i++)
		objs[i] = kmem_cache_alloc(c);
	ck_assert_uint_gt(kmem_cache_stats(c).slabs, 10);
	ck_assert_uint_lt(frame_stats().free, free0);
	for (size_t i = 0; i < NOBJ; i++)
		kmem_cache_free(c, objs[i]);
	struct kmem_cache_stats s = kmem_cache_stats(c);
	ck_assert_uint_eq(s.in_use, 0);
	ck_assert_uint_eq(s.slabs, 1);
	ck_assert_uint_eq(s.empty_slabs, 1);
	size_t slab_frames = free0 - frame_stats().free;
	ck_assert(slab_frames >= 1 && slab_frames <= 8);
	kmem_cache_destroy(c);
	ck_assert_uint_eq(frame_stats().free, free0);
}
END_TEST

START_TEST(kmalloc_rounds_up_to_power_of_two_classes)
{
	static const size_t sizes[] = { 1, 16, 17, 33, 100, 200, 600, 1025, 2048 };
	for (size_t k = 0; k < ARRAY_SIZE(sizes); k++) {
		size_t cls = 16;
		while (cls < sizes[k])
			cls <<= 1;
		uint8_t *a = kmalloc(sizes[k]), *b = kmalloc(sizes[k]);
		ck_assert_ptr_nonnull(a);
		ck_assert_ptr_nonnull(b);
		ck_assert_uint_eq((uintptr_t)a % cls, 0);
		ck_assert(all_zero(a, cls) && all_zero(b, cls));
		memset(a, 0xff, cls);
		ck_assert(all_zero(b, cls)); /* a's whole class does not reach b */
		kfree(a);
		kfree(b);
	}
	ck_assert_ptr_null(kmalloc(0));
}
END_TEST

START_TEST(kmalloc_large_takes_whole_frame_blocks)
{
	size_t free0 = frame_stats().free;
	void *a = kmalloc(KMALLOC_MAX + 1);
	ck_assert_ptr_nonnull(a);
	ck_assert_uint_eq((uintptr_t)a % PAGE_SIZE, 0);
	ck_assert_uint_eq(frame_stats().free, free0 - 1);
	void *b = kmalloc(MiB(1));
	ck_assert_uint_eq(frame_stats().free, free0 - 1 - 256);
	ck_assert(all_zero(b, MiB(1)));
	void *c = kmalloc(3 * PAGE_SIZE);
	ck_assert_uint_eq(frame_stats().free, free0 - 1 - 256 - 4);
	kfree(a);
	kfree(b);
	kfree(c);
	ck_assert_uint_eq(frame_stats().free, free0);
	ck_assert_ptr_null(kmalloc(MiB(4) + 1));
}
END_TEST

START_TEST(alloc_returns_null_when_memory_runs_out)
{
	struct kmem_cache *c = kmem_cache_create("late", 64, 0);
	while (frame_alloc() != FRAME_NONE)
		;
	ck_assert_ptr_null(kmem_cache_alloc(c));
	ck_assert_ptr_null(kmalloc(5000));
	ck_assert_uint_eq(kmem_cache_stats(c).in_use, 0);
}
END_TEST

START_TEST(create_rejects_bad_size_and_alignment)
{
	ck_assert_ptr_null(kmem_cache_create("a", 0, 8));
	ck_assert_ptr_null(kmem_cache_create("a", 64, 3));
	ck_assert_ptr_null(kmem_cache_create("a", 64, 2 * PAGE_SIZE));
	ck_assert_ptr_null(kmem_cache_create("a", 8 * PAGE_SIZE, 8));
	ck_assert_ptr_null(kmem_cache_create(NULL, 64, 8));
}
END_TEST

START_TEST(freeing_to_the_wrong_cache_panics)
{
	struct kmem_cache *a = kmem_cache_create("cache-a", 32, 0);
	struct kmem_cache *b = kmem_cache_create("cache-b", 32, 0);
	void *p = kmem_cache_alloc(a);
	EXPECT_PANIC(kmem_cache_free(b, p), "belongs to cache cache-a");
}
END_TEST

START_TEST(freeing_a_non_slab_pointer_panics)
{
	struct kmem_cache *c = kmem_cache_create("c", 32, 0);
	int local;
	EXPECT_PANIC(kmem_cache_free(c, &local), "not a slab object");
	EXPECT_PANIC(kfree(&local), "not returned by kmalloc");
	EXPECT_PANIC(kfree(phys_to_virt(frame_alloc())), "not returned by kmalloc");
}
END_TEST

START_TEST(double_free_panics)
{
	struct kmem_cache *c = kmem_cache_create("c", 32, 0);
	void *p = kmem_cache_alloc(c);
	kmem_cache_alloc(c); /* keeps the slab from being empty */
	kmem_cache_free(c, p);
	EXPECT_PANIC(kmem_cache_free(c, p), "double free");
	void *q = kmalloc(64);
	kmalloc(64);
	kfree(q);
	EXPECT_PANIC(kfree(q), "double free");
}
END_TEST

START_TEST(freeing_inside_an_object_panics)
{
	uint8_t *p = kmalloc(64);
	EXPECT_PANIC(kfree(p + 8), "not the start");
	uint8_t *big = kmalloc(3 * PAGE_SIZE);
	EXPECT_PANIC(kfree(big + PAGE_SIZE), "not its start");
}
END_TEST

START_TEST(kfree_of_a_cache_object_panics)
{
	struct kmem_cache *c = kmem_cache_create("private", 64, 0);
	EXPECT_PANIC(kfree(kmem_cache_alloc(c)), "use kmem_cache_free");
}
END_TEST

START_TEST(destroying_a_cache_in_use_panics)
{
	struct kmem_cache *c = kmem_cache_create("busy", 64, 0);
	kmem_cache_alloc(c);
	EXPECT_PANIC(kmem_cache_destroy(c), "in use");
}
END_TEST

static void setup_frames_only(void)
{
	struct mem_range usable = { RAM_BASE, RAM_END };
	fake_ram_init(RAM_BASE, RAM_END - RAM_BASE);
	frame_init(&usable, 1, NULL, 0, NULL, 0);
}

/* Each test runs in a fresh process (Check's fork mode), so slab_init has not run. */
START_TEST(kmalloc_and_create_work_without_slab_init)
{
	void *p = kmalloc(100);
	ck_assert_ptr_nonnull(p);
	struct kmem_cache *c = kmem_cache_create("lazy", 48, 16);
	ck_assert_ptr_nonnull(c);
	ck_assert_ptr_nonnull(kmem_cache_alloc(c));
	kfree(p);
}
END_TEST

UNIT_SUITE(slab_suite)
static Suite *slab_suite(void)
{
	Suite *s = suite_create("slab");
	TCase *tc = tcase_create("slab");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, cache_objects_are_distinct_zeroed_and_disjoint);
	tcase_add_test(tc, cache_honours_alignment);
	tcase_add_test(tc, stats_count_objects_and_slabs);
	tcase_add_test(tc, empty_slabs_beyond_one_go_back_to_the_frame_allocator);
	tcase_add_test(tc, kmalloc_rounds_up_to_power_of_two_classes);
	tcase_add_test(tc, kmalloc_large_takes_whole_frame_blocks);
	tcase_add_test(tc, alloc_returns_null_when_memory_runs_out);
	tcase_add_test(tc, create_rejects_bad_size_and_alignment);
	tcase_add_test(tc, freeing_to_the_wrong_cache_panics);
	tcase_add_test(tc, freeing_a_non_slab_pointer_panics);
	tcase_add_test(tc, double_free_panics);
	tcase_add_test(tc, freeing_inside_an_object_panics);
	tcase_add_test(tc, kfree_of_a_cache_object_panics);
	tcase_add_test(tc, destroying_a_cache_in_use_panics);
	suite_add_tcase(s, tc);
	TCase *lazy = tcase_create("lazy");
	tcase_add_checked_fixture(lazy, setup_frames_only, teardown);
	tcase_add_test(lazy, kmalloc_and_create_work_without_slab_init);
	suite_add_tcase(s, lazy);
	return s;
}
