// SPDX-License-Identifier: MIT
/* user/sh/test.c: test and [, by POSIX's rules for the operand count and
 * the general expression grammar. */
#include <unistd.h>
#include "harness.h"
#include "../../../user/sh/test.h"

/* sh_test over the NULL-terminated operands. */
static int run(char **v)
{
	int n = 0;
	while (v[n])
		n++;
	return sh_test(n, v);
}

#define T(...) run((char *[]){ __VA_ARGS__, NULL })

START_TEST(string_operators_compare_and_test_emptiness)
{
	ck_assert_int_eq(run((char *[]){ NULL }), 1);
	ck_assert_int_eq(T("x"), 0);
	ck_assert_int_eq(T(""), 1);
	ck_assert_int_eq(T("-n", "x"), 0);
	ck_assert_int_eq(T("-z", "x"), 1);
	ck_assert_int_eq(T("a", "=", "a"), 0);
	ck_assert_int_eq(T("a", "!=", "a"), 1);
	ck_assert_int_eq(T("a", "<", "b"), 0);
	ck_assert_int_eq(T("a", ">", "b"), 1);
}
END_TEST

START_TEST(integer_operators_compare_and_refuse_words)
{
	ck_assert_int_eq(T("3", "-lt", "10"), 0);
	ck_assert_int_eq(T("3", "-gt", "10"), 1);
	ck_assert_int_eq(T(" 5", "-eq", "5 "), 0);
	ck_assert_int_eq(T("-2", "-le", "-2"), 0);
	ck_assert_int_eq(T("1", "-ne", "1"), 1);
	ck_assert_int_eq(T("x", "-eq", "1"), 2);
}
END_TEST

START_TEST(operand_count_rules_beat_operators)
{
	ck_assert_int_eq(T("-n"), 0);            /* one operand: a string */
	ck_assert_int_eq(T("!"), 0);
	ck_assert_int_eq(T("!", ""), 0);
	ck_assert_int_eq(T("=", "=", "="), 0);   /* three: a binary test first */
	ck_assert_int_eq(T("!", "=", "x"), 1);
	ck_assert_int_eq(T("(", "", ")"), 1);
	ck_assert_int_eq(T("!", "a", "=", "a"), 1);
	ck_assert_int_eq(T("(", "-z", "", ")"), 0);
}
END_TEST

START_TEST(and_or_not_and_parentheses)
{
	ck_assert_int_eq(T("a", "-a", "b", "-o", ""), 0);
	ck_assert_int_eq(T("", "-o", "b", "-a", ""), 1); /* -a binds tighter */
	ck_assert_int_eq(T("(", "", "-o", "b", ")", "-a", "c"), 0);
	ck_assert_int_eq(T("!", "(", "1", "-eq", "1", ")", "-o", ""), 1);
	ck_assert_int_eq(T("1", "-eq", "1", "-a", "(", "2", ")"), 0);
	ck_assert_int_eq(T("(", "a", "b"), 2);
	ck_assert_int_eq(T("a", "b", "c", "d", "e"), 2);
}
END_TEST

START_TEST(file_operators_look_at_the_path)
{
	ck_assert_int_eq(T("-d", "/"), 0);
	ck_assert_int_eq(T("-f", "/"), 1);
	ck_assert_int_eq(T("-e", "/nonexistent/x"), 1);
	ck_assert_int_eq(T("-r", "/"), 0);
	ck_assert_int_eq(T("/", "-ef", "/."), 0);
	ck_assert_int_eq(T("/nonexistent", "-nt", "/"), 1);
	ck_assert_int_eq(T("-t", "999"), 1);
}
END_TEST

UNIT_SUITE(sh_test_suite)
static Suite *sh_test_suite(void)
{
	Suite *s = suite_create("sh_test");
	TCase *tc = tcase_create("sh_test");
	tcase_add_test(tc, string_operators_compare_and_test_emptiness);
	tcase_add_test(tc, integer_operators_compare_and_refuse_words);
	tcase_add_test(tc, operand_count_rules_beat_operators);
	tcase_add_test(tc, and_or_not_and_parentheses);
	tcase_add_test(tc, file_operators_look_at_the_path);
	suite_add_tcase(s, tc);
	return s;
}
