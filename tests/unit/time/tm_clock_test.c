// SPDX-License-Identifier: MIT
/* servers/time/tm_clock.c: clock arithmetic of the time server. */
#include <errno.h>
#include "harness.h"
#include "../../../servers/time/tm_clock.h"

static const struct tm_clock clk = { .tsc_hz = 2000000000ull, .tsc_boot = 1000,
				     .realtime_at_boot_ns = 1700000000ll * 1000000000ll };

START_TEST(monotonic_counts_from_the_boot_tsc)
{
	struct timespec ts;
	ck_assert_int_eq(tm_gettime(&clk, CLOCK_MONOTONIC, 1000 + 3000000000ull, &ts), 0);
	ck_assert_int_eq(ts.tv_sec, 1);
	ck_assert_int_eq(ts.tv_nsec, 500000000);
}
END_TEST

START_TEST(realtime_is_boot_wall_time_plus_monotonic)
{
	struct timespec ts;
	ck_assert_int_eq(tm_gettime(&clk, CLOCK_REALTIME, 1000 + 2000000000ull * 10, &ts), 0);
	ck_assert_int_eq(ts.tv_sec, 1700000010);
	ck_assert_int_eq(ts.tv_nsec, 0);
}
END_TEST

START_TEST(unknown_clock_ids_give_einval)
{
	struct timespec ts;
	ck_assert_int_eq(tm_gettime(&clk, 12345, 0, &ts), -EINVAL);
	ck_assert_int_eq(tm_getres(&clk, -7, &ts), -EINVAL);
	ck_assert_int_eq(tm_settime((struct tm_clock *)&clk, CLOCK_MONOTONIC, 0, &ts), -EINVAL);
}
END_TEST

START_TEST(settime_shifts_only_the_wall_clock)
{
	struct tm_clock c = clk;
	struct timespec want = { 2000000000, 250 }, got, mono;
	uint64_t tsc = 1000 + 2000000000ull * 5;
	ck_assert_int_eq(tm_settime(&c, CLOCK_REALTIME, tsc, &want), 0);
	tm_gettime(&c, CLOCK_REALTIME, tsc, &got);
	tm_gettime(&c, CLOCK_MONOTONIC, tsc, &mono);
	ck_assert_int_eq(got.tv_sec, 2000000000);
	ck_assert_int_eq(got.tv_nsec, 250);
	ck_assert_int_eq(mono.tv_sec, 5);
}
END_TEST

START_TEST(deadlines_relative_absolute_and_bad)
{
	uint64_t tsc = 1000 + 2000000000ull;  /* monotonic 1 s */
	struct timespec rel = { 0, 5 }, bad = { 0, 1000000000 }, neg = { -1, 0 };
	ck_assert_int_eq(tm_deadline(&clk, CLOCK_MONOTONIC, 0, &rel, tsc), 1000000005);
	ck_assert_int_eq(tm_deadline(&clk, CLOCK_MONOTONIC, 1, &rel, tsc), 5);
	struct timespec wall = { 1700000002, 0 };
	ck_assert_int_eq(tm_deadline(&clk, CLOCK_REALTIME, 1, &wall, tsc), 2000000000);
	ck_assert_int_eq(tm_deadline(&clk, CLOCK_MONOTONIC, 0, &bad, tsc), -EINVAL);
	ck_assert_int_eq(tm_deadline(&clk, CLOCK_MONOTONIC, 0, &neg, tsc), -EINVAL);
	ck_assert_int_eq(tm_deadline(&clk, 999, 0, &rel, tsc), -EINVAL);
}
END_TEST

START_TEST(coarse_resolution_is_coarser)
{
	struct timespec fine, coarse;
	tm_getres(&clk, CLOCK_MONOTONIC, &fine);
	tm_getres(&clk, CLOCK_MONOTONIC_COARSE, &coarse);
	ck_assert_int_eq(fine.tv_nsec, 1);  /* 2 GHz: under a nanosecond, rounded up */
	ck_assert_int_gt(coarse.tv_nsec, fine.tv_nsec);
}
END_TEST

UNIT_SUITE(tm_clock_suite)
static Suite *tm_clock_suite(void)
{
	Suite *s = suite_create("tm_clock");
	TCase *tc = tcase_create("tm_clock");
	tcase_add_test(tc, monotonic_counts_from_the_boot_tsc);
	tcase_add_test(tc, realtime_is_boot_wall_time_plus_monotonic);
	tcase_add_test(tc, unknown_clock_ids_give_einval);
	tcase_add_test(tc, settime_shifts_only_the_wall_clock);
	tcase_add_test(tc, deadlines_relative_absolute_and_bad);
	tcase_add_test(tc, coarse_resolution_is_coarser);
	suite_add_tcase(s, tc);
	return s;
}
