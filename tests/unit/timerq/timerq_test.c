// SPDX-License-Identifier: MIT
/* kernel/sched/timerq.c: firing order, ties, cancel, re-arm and callbacks
 * that change the queue while it runs. */
#include <stdlib.h>
#include "harness.h"
#include "sched/timerq.h"

#define NTIMERS 4096

static struct timerq q;
static struct timer *slots[NTIMERS];
static struct timer timers[NTIMERS];
static struct timer *fired[NTIMERS * 2];
static size_t nfired;

static void record(struct timer *t, void *arg)
{
	(void)arg;
	ck_assert_uint_lt(nfired, ARRAY_SIZE(fired));
	ck_assert(!timerq_armed(t));
	fired[nfired++] = t;
}

static uint64_t rng_state = 0x9e3779b97f4a7c15ull;

static uint64_t rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

/* Returns whether the heap is ordered and every back-pointer is right. */
static bool heap_ok(void)
{
	for (size_t i = 0; i < q.len; i++) {
		struct timer *c = q.heap[i];
		if (c->q != &q || c->pos != i)
			return false;
		if (i > 0) {
			struct timer *p = q.heap[(i - 1) / 2];
			if (p->deadline > c->deadline ||
			    (p->deadline == c->deadline && p->seq > c->seq))
				return false;
		}
	}
	return true;
}

static void setup(void)
{
	timerq_init(&q, slots, NTIMERS);
	for (size_t i = 0; i < NTIMERS; i++)
		timerq_timer_init(&timers[i], record, NULL);
	nfired = 0;
}

START_TEST(empty_queue_next_deadline_is_uint64_max)
{
	ck_assert_uint_eq(timerq_next_deadline(&q), UINT64_MAX);
	ck_assert_uint_eq(timerq_run_expired(&q, UINT64_MAX), 0);
}
END_TEST

START_TEST(random_deadlines_fire_in_sorted_order)
{
	for (size_t i = 0; i < NTIMERS; i++)
		ck_assert(timerq_add(&q, &timers[i], rng() % 100000));
	ck_assert(heap_ok());
	for (uint64_t now = 0; now < 100000; now += 997) {
		timerq_run_expired(&q, now);
		ck_assert_uint_gt(timerq_next_deadline(&q), now);
	}
	timerq_run_expired(&q, UINT64_MAX);
	ck_assert_uint_eq(nfired, NTIMERS);
	for (size_t i = 1; i < nfired; i++) {
		ck_assert_uint_le(fired[i - 1]->deadline, fired[i]->deadline);
		if (fired[i - 1]->deadline == fired[i]->deadline)
			ck_assert(fired[i - 1] < fired[i]);  /* added in index order */
	}
	ck_assert_uint_eq(timerq_next_deadline(&q), UINT64_MAX);
}
END_TEST

START_TEST(equal_deadlines_fire_in_insertion_order)
{
	for (size_t i = 0; i < 100; i++)
		timerq_add(&q, &timers[(i * 37) % 100], 500);
	ck_assert_uint_eq(timerq_run_expired(&q, 500), 100);
	for (size_t i = 0; i < 100; i++)
		ck_assert_ptr_eq(fired[i], &timers[(i * 37) % 100]);
}
END_TEST

START_TEST(only_expired_timers_fire_and_deadline_equal_to_now_counts)
{
	timerq_add(&q, &timers[0], 10);
	timerq_add(&q, &timers[1], 20);
	timerq_add(&q, &timers[2], 21);
	ck_assert_uint_eq(timerq_next_deadline(&q), 10);
	ck_assert_uint_eq(timerq_run_expired(&q, 9), 0);
	ck_assert_uint_eq(timerq_run_expired(&q, 20), 2);
	ck_assert_uint_eq(timerq_next_deadline(&q), 21);
	ck_assert(timerq_armed(&timers[2]));
	ck_assert(!timerq_armed(&timers[0]));
}
END_TEST

START_TEST(cancel_from_middle_removes_only_that_timer)
{
	for (size_t i = 0; i < 1000; i++)
		timerq_add(&q, &timers[i], rng() % 5000);
	for (size_t i = 0; i < 1000; i += 3) {
		ck_assert(timerq_cancel(&q, &timers[i]));
		ck_assert(!timerq_armed(&timers[i]));
		ck_assert(heap_ok());
	}
	ck_assert_uint_eq(timerq_run_expired(&q, UINT64_MAX), 1000 - 334);
	for (size_t i = 0; i < nfired; i++)
		ck_assert_uint_ne((size_t)(fired[i] - timers) % 3, 0);
	for (size_t i = 1; i < nfired; i++)
		ck_assert_uint_le(fired[i - 1]->deadline, fired[i]->deadline);
}
END_TEST

START_TEST(cancel_of_unarmed_timer_returns_false)
{
	struct timer zeroed = { 0 };
	ck_assert(!timerq_armed(&zeroed));
	ck_assert(!timerq_cancel(&q, &zeroed));
	timerq_add(&q, &timers[0], 5);
	ck_assert(timerq_cancel(&q, &timers[0]));
	ck_assert(!timerq_cancel(&q, &timers[0]));
	ck_assert_uint_eq(timerq_len(&q), 0);
}
END_TEST

START_TEST(readd_moves_an_armed_timer_to_its_new_deadline)
{
	timerq_add(&q, &timers[0], 100);
	timerq_add(&q, &timers[1], 200);
	timerq_add(&q, &timers[2], 300);
	timerq_add(&q, &timers[0], 250);  /* later */
	timerq_add(&q, &timers[2], 50);   /* earlier */
	ck_assert(heap_ok());
	ck_assert_uint_eq(timerq_len(&q), 3);
	ck_assert_uint_eq(timerq_next_deadline(&q), 50);
	ck_assert_uint_eq(timerq_run_expired(&q, 1000), 3);
	ck_assert_ptr_eq(fired[0], &timers[2]);
	ck_assert_ptr_eq(fired[1], &timers[1]);
	ck_assert_ptr_eq(fired[2], &timers[0]);
}
END_TEST

START_TEST(readd_with_same_deadline_goes_behind_its_ties)
{
	timerq_add(&q, &timers[0], 7);
	timerq_add(&q, &timers[1], 7);
	timerq_add(&q, &timers[0], 7);
	timerq_run_expired(&q, 7);
	ck_assert_ptr_eq(fired[0], &timers[1]);
	ck_assert_ptr_eq(fired[1], &timers[0]);
}
END_TEST

START_TEST(add_to_full_queue_fails_and_leaves_timer_unarmed)
{
	struct timer *two[2];
	struct timerq small;
	timerq_init(&small, two, 2);
	ck_assert(timerq_add(&small, &timers[0], 1));
	ck_assert(timerq_add(&small, &timers[1], 2));
	ck_assert(!timerq_add(&small, &timers[2], 3));
	ck_assert(!timerq_armed(&timers[2]));
	ck_assert(timerq_add(&small, &timers[0], 9));  /* re-arm fits */
	ck_assert_uint_eq(timerq_next_deadline(&small), 2);
}
END_TEST

static size_t periodic_count;

static void periodic(struct timer *t, void *arg)
{
	uint64_t period = *(uint64_t *)arg;
	periodic_count++;
	record(t, NULL);
	timerq_add(&q, t, t->deadline + period);
}

START_TEST(periodic_callback_rearms_itself_and_catches_up)
{
	uint64_t period = 100;
	periodic_count = 0;
	timerq_timer_init(&timers[0], periodic, &period);
	timerq_add(&q, &timers[0], 100);
	timerq_add(&q, &timers[1], 250);
	ck_assert_uint_eq(timerq_run_expired(&q, 99), 0);
	ck_assert_uint_eq(timerq_run_expired(&q, 100), 1);
	ck_assert_uint_eq(timerq_next_deadline(&q), 200);
	/* 200, 250 (the one-shot), 300, 400, 500 */
	ck_assert_uint_eq(timerq_run_expired(&q, 550), 5);
	ck_assert_uint_eq(periodic_count, 5);
	ck_assert_ptr_eq(fired[2], &timers[1]);
	ck_assert(timerq_armed(&timers[0]));
	ck_assert_uint_eq(timerq_next_deadline(&q), 600);
}
END_TEST

static void cancel_victim(struct timer *t, void *arg)
{
	record(t, NULL);
	ck_assert(timerq_cancel(&q, (struct timer *)arg));
	ck_assert(!timerq_cancel(&q, t));  /* itself: already disarmed */
}

START_TEST(callback_cancels_another_pending_timer)
{
	timerq_timer_init(&timers[0], cancel_victim, &timers[2]);
	timerq_add(&q, &timers[0], 10);
	timerq_add(&q, &timers[1], 20);
	timerq_add(&q, &timers[2], 20);  /* due too, but cancelled first */
	timerq_add(&q, &timers[3], 30);
	ck_assert_uint_eq(timerq_run_expired(&q, 30), 3);
	ck_assert_ptr_eq(fired[0], &timers[0]);
	ck_assert_ptr_eq(fired[1], &timers[1]);
	ck_assert_ptr_eq(fired[2], &timers[3]);
	ck_assert(!timerq_armed(&timers[2]));
}
END_TEST

static void add_other(struct timer *t, void *arg)
{
	record(t, NULL);
	timerq_add(&q, (struct timer *)arg, t->deadline + 5);
}

START_TEST(callback_adds_a_timer_that_fires_in_the_same_run_if_due)
{
	timerq_timer_init(&timers[0], add_other, &timers[1]);
	timerq_add(&q, &timers[0], 10);
	timerq_add(&q, &timers[2], 12);
	ck_assert_uint_eq(timerq_run_expired(&q, 20), 3);
	ck_assert_ptr_eq(fired[0], &timers[0]);
	ck_assert_ptr_eq(fired[1], &timers[2]);
	ck_assert_ptr_eq(fired[2], &timers[1]);
}
END_TEST

START_TEST(random_mix_of_add_cancel_and_run_keeps_heap_valid)
{
	uint64_t now = 0;
	for (int step = 0; step < 10000; step++) {
		struct timer *t = &timers[rng() % 512];
		switch (rng() % 4) {
		case 0:
		case 1: timerq_add(&q, t, now + rng() % 1000); break;
		case 2: timerq_cancel(&q, t); break;
		default:
			now += rng() % 50;
			timerq_run_expired(&q, now);
			ck_assert_uint_gt(timerq_next_deadline(&q), now);
		}
		ck_assert(heap_ok());
		nfired = 0;
	}
}
END_TEST

UNIT_SUITE(timerq_suite)
static Suite *timerq_suite(void)
{
	Suite *s = suite_create("timerq");
	TCase *tc = tcase_create("timerq");
	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, empty_queue_next_deadline_is_uint64_max);
	tcase_add_test(tc, random_deadlines_fire_in_sorted_order);
	tcase_add_test(tc, equal_deadlines_fire_in_insertion_order);
	tcase_add_test(tc, only_expired_timers_fire_and_deadline_equal_to_now_counts);
	tcase_add_test(tc, cancel_from_middle_removes_only_that_timer);
	tcase_add_test(tc, cancel_of_unarmed_timer_returns_false);
	tcase_add_test(tc, readd_moves_an_armed_timer_to_its_new_deadline);
	tcase_add_test(tc, readd_with_same_deadline_goes_behind_its_ties);
	tcase_add_test(tc, add_to_full_queue_fails_and_leaves_timer_unarmed);
	tcase_add_test(tc, periodic_callback_rearms_itself_and_catches_up);
	tcase_add_test(tc, callback_cancels_another_pending_timer);
	tcase_add_test(tc, callback_adds_a_timer_that_fires_in_the_same_run_if_due);
	tcase_add_test(tc, random_mix_of_add_cancel_and_run_keeps_heap_valid);
	suite_add_tcase(s, tc);
	return s;
}
