// SPDX-License-Identifier: MIT
/* user/sh/expand.c: quote removal, variable substitution, field splitting
 * and the glob hand-off, with a fake variable table and glob. */
#include <stdlib.h>
#include <string.h>
#include "harness.h"
#include "../../../user/sh/expand.h"

static const char *vars[][2] = {
	{ "X", "x1" }, { "SP", " a  b " }, { "HOME", "/home/u" }, { "?", "3" },
	{ "1", "first" }, { "EMPTY", "" }, { "STAR", "*" },
};

static char last_pattern[64];

static const char *lookup(void *ctx, const char *name)
{
	(void)ctx;
	for (size_t i = 0; i < sizeof(vars) / sizeof(vars[0]); i++)
		if (!strcmp(vars[i][0], name))
			return vars[i][1];
	return NULL;
}

/* Pretends that "*.c" matches a.c and b.c and nothing else matches. */
static int fake_glob(void *ctx, const char *pattern, struct sh_strv *out)
{
	(void)ctx;
	strncpy(last_pattern, pattern, sizeof(last_pattern) - 1);
	if (strcmp(pattern, "*.c"))
		return 0;
	sh_strv_push(out, sh_xstrdup("a.c"));
	sh_strv_push(out, sh_xstrdup("b.c"));
	return 2;
}

static const struct sh_expander x = { lookup, fake_glob, NULL };
static struct sh_strv out;

static void teardown(void)
{
	sh_strv_free(&out);
}

/* Expands raw and checks the fields against want (NULL-terminated). */
static void expect(const char *raw, const char *const *want)
{
	sh_strv_free(&out);
	sh_expand_word(raw, &x, &out);
	size_t n = 0;
	while (want[n])
		n++;
	ck_assert_msg(out.n == n, "%s: %zu fields, want %zu", raw, out.n, n);
	for (size_t i = 0; i < n; i++)
		ck_assert_str_eq(out.v[i], want[i]);
}

START_TEST(removes_quotes_and_backslashes)
{
	expect("'a b'\"c d\"e\\ f", (const char *[]){ "a bc de f", NULL });
	expect("'$X \\n'", (const char *[]){ "$X \\n", NULL });
	expect("\"\\$X \\\" \\n\"", (const char *[]){ "$X \" \\n", NULL });
}
END_TEST

START_TEST(substitutes_variables_and_specials)
{
	expect("$X-${X}y$?$1", (const char *[]){ "x1-x1y3first", NULL });
	expect("\"$X$NOPE\"", (const char *[]){ "x1", NULL });
	expect("a$", (const char *[]){ "a$", NULL });
	expect("$ x${", (const char *[]){ "$ x${", NULL });
}
END_TEST

START_TEST(splits_unquoted_substitutions_only)
{
	expect("$SP", (const char *[]){ "a", "b", NULL });
	expect("x$SP", (const char *[]){ "x", "a", "b", NULL });
	expect("x${X}y", (const char *[]){ "xx1y", NULL });
	expect("\"$SP\"", (const char *[]){ " a  b ", NULL });
}
END_TEST

START_TEST(empty_unquoted_value_gives_no_field_but_quotes_keep_one)
{
	expect("$EMPTY", (const char *[]){ NULL });
	expect("$NOPE", (const char *[]){ NULL });
	expect("\"\"", (const char *[]){ "", NULL });
	expect("''$EMPTY", (const char *[]){ "", NULL });
}
END_TEST

START_TEST(expands_leading_tilde_to_home)
{
	expect("~/bin", (const char *[]){ "/home/u/bin", NULL });
	expect("~", (const char *[]){ "/home/u", NULL });
	expect("a~", (const char *[]){ "a~", NULL });
	expect("'~'", (const char *[]){ "~", NULL });
}
END_TEST

START_TEST(unquoted_glob_characters_go_to_the_glob_callback)
{
	expect("*.c", (const char *[]){ "a.c", "b.c", NULL });
	expect("*.h", (const char *[]){ "*.h", NULL });
	ck_assert_str_eq(last_pattern, "*.h");
	expect("'*'x*", (const char *[]){ "*x*", NULL });
	ck_assert_str_eq(last_pattern, "\\*x*");
}
END_TEST

START_TEST(quoted_or_substituted_glob_characters_are_literal)
{
	last_pattern[0] = '\0';
	expect("\"*.c\"", (const char *[]){ "*.c", NULL });
	expect("$STAR", (const char *[]){ "*", NULL });
	ck_assert_str_eq(last_pattern, "");
}
END_TEST

START_TEST(expand_string_neither_splits_nor_globs)
{
	char *s = sh_expand_string("$SP*.c'q'", &x);
	ck_assert_str_eq(s, " a  b *.cq");
	free(s);
	s = sh_expand_string("$EMPTY", &x);
	ck_assert_str_eq(s, "");
	free(s);
}
END_TEST

UNIT_SUITE(sh_expand_suite)
static Suite *sh_expand_suite(void)
{
	Suite *s = suite_create("sh_expand");
	TCase *tc = tcase_create("sh_expand");
	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_add_test(tc, removes_quotes_and_backslashes);
	tcase_add_test(tc, substitutes_variables_and_specials);
	tcase_add_test(tc, splits_unquoted_substitutions_only);
	tcase_add_test(tc, empty_unquoted_value_gives_no_field_but_quotes_keep_one);
	tcase_add_test(tc, expands_leading_tilde_to_home);
	tcase_add_test(tc, unquoted_glob_characters_go_to_the_glob_callback);
	tcase_add_test(tc, quoted_or_substituted_glob_characters_are_literal);
	tcase_add_test(tc, expand_string_neither_splits_nor_globs);
	suite_add_tcase(s, tc);
	return s;
}
