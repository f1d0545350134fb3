// SPDX-License-Identifier: MIT
/* user/sh/arith.c: $(( )) with a fake variable table. */
#include <stdio.h>
#include <string.h>
#include "harness.h"
#include "../../../user/sh/arith.h"

static char names[8][16], values[8][32];
static int nvars, refuse;

static const char *get(void *ctx, const char *name)
{
	(void)ctx;
	for (int i = 0; i < nvars; i++)
		if (!strcmp(names[i], name))
			return values[i];
	return NULL;
}

static int set(void *ctx, const char *name, const char *value)
{
	(void)ctx;
	if (refuse)
		return -1;
	int i = 0;
	while (i < nvars && strcmp(names[i], name))
		i++;
	if (i == nvars)
		snprintf(names[nvars++], sizeof(names[0]), "%s", name);
	snprintf(values[i], sizeof(values[0]), "%s", value);
	return 0;
}

static const struct sh_arith_env env = { get, set, NULL };

static void setup(void)
{
	nvars = refuse = 0;
	set(NULL, "x", "7");
	set(NULL, "e", "");
	set(NULL, "expr", "x * 2");
}

static long eval(const char *s)
{
	long v;
	const char *err = NULL;
	ck_assert_msg(sh_arith(s, &env, &v, &err) == 0, "%s: %s", s, err ? err : "");
	return v;
}

static void bad(const char *s)
{
	long v;
	const char *err = NULL;
	ck_assert_msg(sh_arith(s, &env, &v, &err) < 0, "%s evaluated", s);
	ck_assert_ptr_nonnull(err);
}

START_TEST(precedence_follows_c)
{
	ck_assert_int_eq(eval("2 + 3 * 4"), 14);
	ck_assert_int_eq(eval("(2 + 3) * 4"), 20);
	ck_assert_int_eq(eval("10 - 4 - 3"), 3);
	ck_assert_int_eq(eval("1 << 2 + 1"), 8);
	ck_assert_int_eq(eval("1 | 2 ^ 3 & 4"), 3);
	ck_assert_int_eq(eval("1 < 2 == 2 > 1"), 1);
	ck_assert_int_eq(eval("-3 / 2"), -1);
	ck_assert_int_eq(eval("-7 % 3"), -1);
	ck_assert_int_eq(eval("!0 + ~0 + -(-2)"), 2);
	ck_assert_int_eq(eval(""), 0);
}
END_TEST

START_TEST(constants_in_three_bases)
{
	ck_assert_int_eq(eval("0x1F + 010 + 9"), 31 + 8 + 9);
	bad("08");
	bad("12abc");
}
END_TEST

START_TEST(variables_are_read_as_expressions)
{
	ck_assert_int_eq(eval("x + 1"), 8);
	ck_assert_int_eq(eval("e + nope"), 0);
	ck_assert_int_eq(eval("expr + 1"), 15);
}
END_TEST

START_TEST(assignments_store_and_yield_the_value)
{
	ck_assert_int_eq(eval("y = x * 3"), 21);
	ck_assert_str_eq(get(NULL, "y"), "21");
	ck_assert_int_eq(eval("y += 4"), 25);
	ck_assert_int_eq(eval("y <<= 1"), 50);
	ck_assert_int_eq(eval("a = b = 5"), 5);
	ck_assert_str_eq(get(NULL, "a"), "5");
	ck_assert_int_eq(eval("x == 7"), 1);
	ck_assert_str_eq(get(NULL, "x"), "7");
	refuse = 1;
	bad("x = 1");
}
END_TEST

START_TEST(increments_before_and_after)
{
	ck_assert_int_eq(eval("x++"), 7);
	ck_assert_int_eq(eval("x"), 8);
	ck_assert_int_eq(eval("--x"), 7);
	ck_assert_int_eq(eval("x--"), 7);
	ck_assert_str_eq(get(NULL, "x"), "6");
}
END_TEST

START_TEST(short_circuit_and_ternary_skip_side_effects)
{
	ck_assert_int_eq(eval("0 && (z = 1)"), 0);
	ck_assert_ptr_null(get(NULL, "z"));
	ck_assert_int_eq(eval("1 || (z = 1)"), 1);
	ck_assert_ptr_null(get(NULL, "z"));
	ck_assert_int_eq(eval("1 ? 2 : (z = 3)"), 2);
	ck_assert_int_eq(eval("0 ? 1 / 0 : 4"), 4);
	ck_assert_ptr_null(get(NULL, "z"));
	ck_assert_int_eq(eval("0 ? 1 : 0 ? 2 : 3"), 3);
}
END_TEST

START_TEST(errors_are_reported)
{
	bad("1 / 0");
	bad("1 % 0");
	bad("1 +");
	bad("(1 + 2");
	bad("1 2");
	bad("1 ? 2");
	bad("++3");
}
END_TEST

START_TEST(wraps_like_two_complement)
{
	ck_assert_int_eq(eval("9223372036854775807 + 1"), (long)(-9223372036854775807L - 1));
	ck_assert_int_eq(eval("(-9223372036854775807 - 1) / -1"), (long)(-9223372036854775807L - 1));
}
END_TEST

UNIT_SUITE(sh_arith_suite)
static Suite *sh_arith_suite(void)
{
	Suite *s = suite_create("sh_arith");
	TCase *tc = tcase_create("sh_arith");
	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, precedence_follows_c);
	tcase_add_test(tc, constants_in_three_bases);
	tcase_add_test(tc, variables_are_read_as_expressions);
	tcase_add_test(tc, assignments_store_and_yield_the_value);
	tcase_add_test(tc, increments_before_and_after);
	tcase_add_test(tc, short_circuit_and_ternary_skip_side_effects);
	tcase_add_test(tc, errors_are_reported);
	tcase_add_test(tc, wraps_like_two_complement);
	suite_add_tcase(s, tc);
	return s;
}
