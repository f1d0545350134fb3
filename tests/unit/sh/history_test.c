// SPDX-License-Identifier: MIT
/* user/sh/history.c: the history ring. */
#include <stdio.h>
#include "harness.h"
#include "../../../user/sh/history.h"

static struct sh_hist h;

static void teardown(void)
{
	sh_hist_free(&h);
}

START_TEST(newest_line_comes_first)
{
	sh_hist_add(&h, "one");
	sh_hist_add(&h, "two");
	ck_assert_str_eq(sh_hist_get(&h, 0), "two");
	ck_assert_str_eq(sh_hist_get(&h, 1), "one");
	ck_assert_ptr_null(sh_hist_get(&h, 2));
}
END_TEST

START_TEST(skips_blank_lines_and_repeats_of_the_newest)
{
	sh_hist_add(&h, "a");
	sh_hist_add(&h, "a");
	sh_hist_add(&h, "  \t");
	sh_hist_add(&h, "");
	sh_hist_add(&h, "b");
	sh_hist_add(&h, "a");
	ck_assert_uint_eq(h.count, 3);
}
END_TEST

START_TEST(keeps_only_the_last_hundred_lines)
{
	char line[16];
	for (int i = 0; i < 250; i++) {
		snprintf(line, sizeof(line), "cmd %d", i);
		sh_hist_add(&h, line);
	}
	ck_assert_uint_eq(h.count, SH_HIST_MAX);
	ck_assert_str_eq(sh_hist_get(&h, 0), "cmd 249");
	ck_assert_str_eq(sh_hist_get(&h, SH_HIST_MAX - 1), "cmd 150");
	ck_assert_ptr_null(sh_hist_get(&h, SH_HIST_MAX));
}
END_TEST

UNIT_SUITE(sh_history_suite)
static Suite *sh_history_suite(void)
{
	Suite *s = suite_create("sh_history");
	TCase *tc = tcase_create("sh_history");
	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_add_test(tc, newest_line_comes_first);
	tcase_add_test(tc, skips_blank_lines_and_repeats_of_the_newest);
	tcase_add_test(tc, keeps_only_the_last_hundred_lines);
	suite_add_tcase(s, tc);
	return s;
}
