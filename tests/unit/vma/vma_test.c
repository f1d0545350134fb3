// SPDX-License-Identifier: MIT
/* kernel/mm/vma.c: insert/find, merging, removal with splits and holes,
 * mprotect/mlock-style changes, find_free, resize, argument checks and the
 * all-or-nothing behaviour at the capacity limit. */
#include <string.h>
#include "harness.h"
#include "mm/vma.h"

#define P(n) ((virt_t)(n) * PAGE_SIZE)
#define RW (VMA_PROT_READ | VMA_PROT_WRITE)
#define R VMA_PROT_READ

static struct vma storage[16];
static struct vma_set set;

static void fresh_set(size_t cap)
{
	memset(storage, 0xa5, sizeof(storage));
	vma_set_init(&set, storage, cap, P(16), P(1024));
}

/* Checks that area i is [start,end) with prot. */
static void expect_area(size_t i, virt_t start, virt_t end, uint32_t prot)
{
	const struct vma *a = vma_at(&set, i);
	ck_assert_ptr_nonnull(a);
	ck_assert_uint_eq(a->start, start);
	ck_assert_uint_eq(a->end, end);
	ck_assert_uint_eq(a->prot, prot);
}

static struct vma snapshot[16];
static size_t snapshot_n;

static void take_snapshot(void)
{
	snapshot_n = set.n;
	memcpy(snapshot, storage, sizeof(snapshot));
}

static void expect_unchanged(void)
{
	ck_assert_uint_eq(set.n, snapshot_n);
	ck_assert_int_eq(memcmp(snapshot, storage, snapshot_n * sizeof(struct vma)), 0);
}

START_TEST(insert_then_find_returns_the_area)
{
	fresh_set(16);
	ck_assert_int_eq(vma_insert(&set, P(20), P(24), RW, VMA_ANON), 0);
	ck_assert_uint_eq(vma_count(&set), 1);
	const struct vma *a = vma_find(&set, P(23) + 5);
	ck_assert_ptr_nonnull(a);
	ck_assert_uint_eq(a->start, P(20));
	ck_assert_uint_eq(a->flags, VMA_ANON);
	ck_assert_uint_eq(a->advice, VMA_ADV_NORMAL);
	ck_assert_ptr_null(vma_find(&set, P(24)));
	ck_assert_ptr_null(vma_find(&set, P(20) - 1));
	ck_assert(vma_range_mapped(&set, P(20), P(24)));
	ck_assert(!vma_range_mapped(&set, P(20), P(25)));
	ck_assert(vma_range_free(&set, P(24), P(30)));
	ck_assert(!vma_range_free(&set, P(10), P(21)));
}
END_TEST

START_TEST(adjacent_equal_areas_merge_and_different_ones_do_not)
{
	fresh_set(16);
	ck_assert_int_eq(vma_insert(&set, P(20), P(24), RW, VMA_ANON), 0);
	ck_assert_int_eq(vma_insert(&set, P(28), P(30), RW, VMA_ANON), 0);
	ck_assert_int_eq(vma_insert(&set, P(24), P(28), RW, VMA_ANON), 0);
	ck_assert_uint_eq(vma_count(&set), 1);
	expect_area(0, P(20), P(30), RW);
	ck_assert_int_eq(vma_insert(&set, P(30), P(31), R, VMA_ANON), 0);
	ck_assert_int_eq(vma_insert(&set, P(19), P(20), RW, VMA_SHARED), 0);
	ck_assert_uint_eq(vma_count(&set), 3);
	ck_assert(vma_set_valid(&set));
}
END_TEST

START_TEST(insert_overlapping_fails_with_eexist)
{
	fresh_set(16);
	ck_assert_int_eq(vma_insert(&set, P(20), P(24), RW, 0), 0);
	take_snapshot();
	ck_assert_int_eq(vma_insert(&set, P(23), P(25), RW, 0), -VMA_EEXIST);
	ck_assert_int_eq(vma_insert(&set, P(10), P(40), RW, 0), -VMA_EEXIST);
	ck_assert_int_eq(vma_insert(&set, P(21), P(22), RW, 0), -VMA_EEXIST);
	expect_unchanged();
}
END_TEST

START_TEST(remove_in_the_middle_splits_into_two)
{
	fresh_set(16);
	ck_assert_int_eq(vma_insert(&set, P(20), P(30), RW, VMA_ANON), 0);
	ck_assert_int_eq(vma_remove(&set, P(23), P(25), NULL, NULL), 0);
	ck_assert_uint_eq(vma_count(&set), 2);
	expect_area(0, P(20), P(23), RW);
	expect_area(1, P(25), P(30), RW);
	ck_assert_uint_eq(vma_at(&set, 1)->flags, VMA_ANON);
}
END_TEST

struct unmap_log {
	virt_t start[8], end[8];
	uint32_t prot[8];
	size_t n, set_n_seen;
};

static void log_unmap(virt_t start, virt_t end, const struct vma *old, void *arg)
{
	struct unmap_log *log = arg;
	ck_assert_uint_lt(log->n, 8);
	log->start[log->n] = start;
	log->end[log->n] = end;
	log->prot[log->n] = old->prot;
	log->set_n_seen = set.n;
	log->n++;
}

START_TEST(remove_spanning_areas_and_holes_reports_each_piece_before_change)
{
	struct unmap_log log = { .n = 0 };

	fresh_set(16);
	ck_assert_int_eq(vma_insert(&set, P(20), P(24), RW, 0), 0);
	ck_assert_int_eq(vma_insert(&set, P(26), P(28), R, 0), 0);
	ck_assert_int_eq(vma_insert(&set, P(28), P(32), RW, 0), 0);
	ck_assert_int_eq(vma_insert(&set, P(40), P(44), R, 0), 0);
	ck_assert_int_eq(vma_remove(&set, P(22), P(42), log_unmap, &log), 0);
	ck_assert_uint_eq(log.n, 4);
	ck_assert_uint_eq(log.set_n_seen, 4);
	ck_assert_uint_eq(log.start[0], P(22));
	ck_assert_uint_eq(log.end[0], P(24));
	ck_assert_uint_eq(log.start[1], P(26));
	ck_assert_uint_eq(log.prot[1], R);
	ck_assert_uint_eq(log.end[2], P(32));
	ck_assert_uint_eq(log.start[3], P(40));
	ck_assert_uint_eq(log.end[3], P(42));
	ck_assert_uint_eq(vma_count(&set), 2);
	expect_area(0, P(20), P(22), RW);
	expect_area(1, P(42), P(44), R);
	ck_assert_int_eq(vma_remove(&set, P(100), P(200), log_unmap, &log), 0);
	ck_assert_uint_eq(log.n, 4);
}
END_TEST

START_TEST(remove_at_capacity_returns_enomem_and_changes_nothing)
{
	struct unmap_log log = { .n = 0 };

	fresh_set(2);
	ck_assert_int_eq(vma_insert(&set, P(20), P(30), RW, 0), 0);
	ck_assert_int_eq(vma_insert(&set, P(40), P(50), RW, 0), 0);
	ck_assert_int_eq(vma_insert(&set, P(60), P(61), RW, 0), -VMA_ENOMEM);
	take_snapshot();
	ck_assert_int_eq(vma_remove(&set, P(22), P(24), log_unmap, &log), -VMA_ENOMEM);
	ck_assert_uint_eq(log.n, 0);
	expect_unchanged();
	/* Trimming an end needs no extra slot. */
	ck_assert_int_eq(vma_remove(&set, P(20), P(24), log_unmap, &log), 0);
	ck_assert_uint_eq(log.n, 1);
}
END_TEST

START_TEST(protect_part_splits_in_three_and_reprotect_merges_back)
{
	fresh_set(16);
	ck_assert_int_eq(vma_insert(&set, P(20), P(30), RW, VMA_ANON), 0);
	ck_assert_int_eq(vma_protect(&set, P(23), P(25), R), 0);
	ck_assert_uint_eq(vma_count(&set), 3);
	expect_area(0, P(20), P(23), RW);
	expect_area(1, P(23), P(25), R);
	expect_area(2, P(25), P(30), RW);
	ck_assert_int_eq(vma_protect(&set, P(23), P(25), RW), 0);
	ck_assert_uint_eq(vma_count(&set), 1);
	expect_area(0, P(20), P(30), RW);
}
END_TEST

START_TEST(protect_between_equal_neighbours_at_capacity_succeeds_by_merging)
{
	fresh_set(2);
	ck_assert_int_eq(vma_insert(&set, P(20), P(25), R, 0), 0);
	ck_assert_int_eq(vma_insert(&set, P(25), P(30), RW, 0), 0);
	ck_assert_int_eq(vma_protect(&set, P(22), P(25), RW), 0);
	expect_area(0, P(20), P(22), R);
	expect_area(1, P(22), P(30), RW);
	take_snapshot();
	ck_assert_int_eq(vma_protect(&set, P(26), P(27), R), -VMA_ENOMEM);
	expect_unchanged();
}
END_TEST

START_TEST(protect_over_a_hole_fails_with_enomem_and_changes_nothing)
{
	fresh_set(16);
	ck_assert_int_eq(vma_insert(&set, P(20), P(24), RW, 0), 0);
	ck_assert_int_eq(vma_insert(&set, P(25), P(30), R, 0), 0);
	take_snapshot();
	ck_assert_int_eq(vma_protect(&set, P(22), P(27), R), -VMA_ENOMEM);
	ck_assert_int_eq(vma_protect(&set, P(28), P(31), R), -VMA_ENOMEM);
	expect_unchanged();
}
END_TEST

START_TEST(update_sets_locked_over_part_and_munlock_merges_back)
{
	fresh_set(16);
	ck_assert_int_eq(vma_insert(&set, P(20), P(30), RW, VMA_ANON), 0);
	ck_assert_int_eq(vma_update(&set, P(22), P(30), VMA_LOCKED, 0, VMA_ADV_KEEP), 0);
	ck_assert_uint_eq(vma_count(&set), 2);
	ck_assert_uint_eq(vma_find(&set, P(21))->flags, VMA_ANON);
	ck_assert_uint_eq(vma_find(&set, P(22))->flags, VMA_ANON | VMA_LOCKED);
	ck_assert_int_eq(vma_update(&set, P(24), P(26), 0, 0, VMA_ADV_RANDOM), 0);
	ck_assert_uint_eq(vma_count(&set), 4);
	ck_assert_uint_eq(vma_find(&set, P(25))->advice, VMA_ADV_RANDOM);
	ck_assert_uint_eq(vma_find(&set, P(25))->flags, VMA_ANON | VMA_LOCKED);
	ck_assert_int_eq(vma_update(&set, P(20), P(30), 0, VMA_LOCKED, VMA_ADV_NORMAL), 0);
	ck_assert_uint_eq(vma_count(&set), 1);
	ck_assert_int_eq(vma_update(&set, P(20), P(31), VMA_LOCKED, 0, -1), -VMA_ENOMEM);
	ck_assert_int_eq(vma_update(&set, P(20), P(30), VMA_LOCKED, VMA_LOCKED, -1),
			 -VMA_EINVAL);
	ck_assert_int_eq(vma_update(&set, P(20), P(30), 0, 0, 7), -VMA_EINVAL);
}
END_TEST

START_TEST(find_free_honours_a_fitting_hint)
{
	fresh_set(16);
	ck_assert_int_eq(vma_insert(&set, P(100), P(110), RW, 0), 0);
	ck_assert_uint_eq(vma_find_free(&set, P(4), P(50)), P(50));
	ck_assert_uint_eq(vma_find_free(&set, P(4), P(50) - 100), P(50));
	ck_assert_uint_eq(vma_find_free(&set, P(4) - 1, P(110)), P(110));
}
END_TEST

START_TEST(find_free_falls_back_top_down_when_hint_is_taken)
{
	fresh_set(16);
	ck_assert_int_eq(vma_insert(&set, P(1000), P(1024), RW, 0), 0);
	ck_assert_int_eq(vma_insert(&set, P(990), P(998), RW, 0), 0);
	ck_assert_uint_eq(vma_find_free(&set, P(2), P(1000)), P(998));
	ck_assert_uint_eq(vma_find_free(&set, P(3), P(1000)), P(987));
	ck_assert_uint_eq(vma_find_free(&set, P(3), 0), P(987));
	ck_assert_uint_eq(vma_find_free(&set, P(3), P(1022)), P(987));
	ck_assert_uint_eq(vma_find_free(&set, P(3), P(8)), P(987));
}
END_TEST

START_TEST(find_free_returns_zero_when_nothing_fits)
{
	fresh_set(16);
	ck_assert_int_eq(vma_insert(&set, P(16), P(500), RW, 0), 0);
	ck_assert_int_eq(vma_insert(&set, P(502), P(1024), R, 0), 0);
	ck_assert_uint_eq(vma_find_free(&set, P(3), 0), 0);
	ck_assert_uint_eq(vma_find_free(&set, P(2), 0), P(500));
	ck_assert_uint_eq(vma_find_free(&set, 0, 0), 0);
	ck_assert_uint_eq(vma_find_free(&set, (size_t)-1, 0), 0);
}
END_TEST

START_TEST(resize_grows_into_free_space_and_merges)
{
	fresh_set(16);
	ck_assert_int_eq(vma_insert(&set, P(20), P(22), RW, VMA_HEAP), 0);
	ck_assert_int_eq(vma_insert(&set, P(30), P(32), RW, VMA_HEAP), 0);
	ck_assert_int_eq(vma_resize(&set, P(20), P(22), P(26)), 0);
	expect_area(0, P(20), P(26), RW);
	ck_assert_int_eq(vma_resize(&set, P(20), P(26), P(30)), 0);
	ck_assert_uint_eq(vma_count(&set), 1);
	expect_area(0, P(20), P(32), RW);
}
END_TEST

START_TEST(resize_refuses_to_grow_into_an_occupied_range)
{
	fresh_set(16);
	ck_assert_int_eq(vma_insert(&set, P(20), P(22), RW, VMA_HEAP), 0);
	ck_assert_int_eq(vma_insert(&set, P(25), P(26), R, 0), 0);
	take_snapshot();
	ck_assert_int_eq(vma_resize(&set, P(20), P(22), P(26)), -VMA_ENOMEM);
	ck_assert_int_eq(vma_resize(&set, P(20), P(21), P(23)), -VMA_ENOMEM);
	ck_assert_int_eq(vma_resize(&set, P(20), P(23), P(24)), -VMA_EFAULT);
	ck_assert_int_eq(vma_resize(&set, P(22), P(23), P(24)), -VMA_EFAULT);
	expect_unchanged();
}
END_TEST

START_TEST(resize_shrinks_the_end_and_middle_shrink_splits)
{
	fresh_set(16);
	ck_assert_int_eq(vma_insert(&set, P(20), P(30), RW, VMA_HEAP), 0);
	ck_assert_int_eq(vma_resize(&set, P(20), P(30), P(25)), 0);
	expect_area(0, P(20), P(25), RW);
	ck_assert_int_eq(vma_resize(&set, P(21), P(24), P(22)), 0);
	ck_assert_uint_eq(vma_count(&set), 2);
	expect_area(0, P(20), P(22), RW);
	expect_area(1, P(24), P(25), RW);
	ck_assert_int_eq(vma_resize(&set, P(20), P(22), P(22)), 0);
}
END_TEST

START_TEST(unaligned_or_empty_arguments_are_rejected)
{
	fresh_set(16);
	ck_assert_int_eq(vma_insert(&set, P(20), P(30), RW, 0), 0);
	take_snapshot();
	ck_assert_int_eq(vma_insert(&set, P(40) + 1, P(41), RW, 0), -VMA_EINVAL);
	ck_assert_int_eq(vma_insert(&set, P(40), P(41) - 1, RW, 0), -VMA_EINVAL);
	ck_assert_int_eq(vma_insert(&set, P(41), P(41), RW, 0), -VMA_EINVAL);
	ck_assert_int_eq(vma_insert(&set, P(42), P(41), RW, 0), -VMA_EINVAL);
	ck_assert_int_eq(vma_insert(&set, P(40), P(41), 8, 0), -VMA_EINVAL);
	ck_assert_int_eq(vma_insert(&set, P(40), P(41), RW, VMA_FLAGS_ALL + 1), -VMA_EINVAL);
	ck_assert_int_eq(vma_remove(&set, P(21) + 8, P(22), NULL, NULL), -VMA_EINVAL);
	ck_assert_int_eq(vma_protect(&set, P(21), P(22) + 1, R), -VMA_EINVAL);
	ck_assert_int_eq(vma_update(&set, P(22), P(21), VMA_LOCKED, 0, -1), -VMA_EINVAL);
	ck_assert_int_eq(vma_resize(&set, P(20), P(30), P(30) + 4), -VMA_EINVAL);
	ck_assert_int_eq(vma_resize(&set, P(20), P(30), P(20)), -VMA_EINVAL);
	ck_assert(!vma_range_free(&set, P(40), P(40)));
	ck_assert(!vma_range_mapped(&set, P(20) + 1, P(21)));
	expect_unchanged();
}
END_TEST

UNIT_SUITE(vma_suite)
static Suite *vma_suite(void)
{
	Suite *s = suite_create("vma");
	TCase *tc = tcase_create("vma");
	tcase_add_test(tc, insert_then_find_returns_the_area);
	tcase_add_test(tc, adjacent_equal_areas_merge_and_different_ones_do_not);
	tcase_add_test(tc, insert_overlapping_fails_with_eexist);
	tcase_add_test(tc, remove_in_the_middle_splits_into_two);
	tcase_add_test(tc, remove_spanning_areas_and_holes_reports_each_piece_before_change);
	tcase_add_test(tc, remove_at_capacity_returns_enomem_and_changes_nothing);
	tcase_add_test(tc, protect_part_splits_in_three_and_reprotect_merges_back);
	tcase_add_test(tc, protect_between_equal_neighbours_at_capacity_succeeds_by_merging);
	tcase_add_test(tc, protect_over_a_hole_fails_with_enomem_and_changes_nothing);
	tcase_add_test(tc, update_sets_locked_over_part_and_munlock_merges_back);
	tcase_add_test(tc, find_free_honours_a_fitting_hint);
	tcase_add_test(tc, find_free_falls_back_top_down_when_hint_is_taken);
	tcase_add_test(tc, find_free_returns_zero_when_nothing_fits);
	tcase_add_test(tc, resize_grows_into_free_space_and_merges);
	tcase_add_test(tc, resize_refuses_to_grow_into_an_occupied_range);
	tcase_add_test(tc, resize_shrinks_the_end_and_middle_shrink_splits);
	tcase_add_test(tc, unaligned_or_empty_arguments_are_rejected);
	suite_add_tcase(s, tc);
	return s;
}
