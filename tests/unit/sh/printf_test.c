// SPDX-License-Identifier: MIT
/* user/sh/printf.c: the printf built-in's formatting. */
#include <stdlib.h>
#include "harness.h"
#include "../../../user/sh/printf.h"

static struct sh_str out;

static void teardown(void)
{
	sh_str_free(&out);
}

/* Formats argv (format first) and checks the output and status. */
static void expect(char **argv, const char *want, int status)
{
	sh_str_free(&out);
	ck_assert_int_eq(sh_printf(argv, &out), status);
	ck_assert_str_eq(out.s ? out.s : "", want);
}

#define P(want, st, ...) expect((char *[]){ __VA_ARGS__, NULL }, want, st)

START_TEST(conversions_with_flags_width_and_precision)
{
	P("a|  b|c  |", 0, "%s|%3s|%-3s|", "a", "b", "c");
	P("42|-7|007|+5|ff|FF|17|", 0, "%d|%i|%03d|%+d|%x|%X|%o|", "42", "-7", "7", "5", "255",
	  "255", "15");
	P("abc|ab|  3.14|", 0, "%.3s|%.*s|%6.2f|", "abcdef", "2", "abcd", "3.14159");
	P("h|%|", 0, "%c|%%|", "hello");
}
END_TEST

START_TEST(format_is_reused_for_the_remaining_arguments)
{
	P("1\n2\n3\n", 0, "%s\n", "1", "2", "3");
	P("a b\nc \n", 0, "%s %s\n", "a", "b", "c");
	P("x\n", 0, "x\n", "ignored");
	P("|0|\n", 0, "%s|%d|\n");
}
END_TEST

START_TEST(escapes_in_the_format_and_in_b)
{
	P("a\tb\\\n", 0, "a\\tb\\\\\\n");
	P("A\\101|", 0, "\\101%s|", "\\101");
	P("A|", 0, "%b|", "\\0101");
	P("stop", 0, "%b|%s", "stop\\cmore", "never");
}
END_TEST

START_TEST(numbers_from_characters_and_bad_numbers)
{
	P("97|16|8|", 0, "%d|%d|%d|", "'a", "0x10", "010");
	P("12|", 1, "%d|", "12abc");
	P("", 1, "%z", "x");
}
END_TEST

UNIT_SUITE(sh_printf_suite)
static Suite *sh_printf_suite(void)
{
	Suite *s = suite_create("sh_printf");
	TCase *tc = tcase_create("sh_printf");
	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_add_test(tc, conversions_with_flags_width_and_precision);
	tcase_add_test(tc, format_is_reused_for_the_remaining_arguments);
	tcase_add_test(tc, escapes_in_the_format_and_in_b);
	tcase_add_test(tc, numbers_from_characters_and_bad_numbers);
	suite_add_tcase(s, tc);
	return s;
}
