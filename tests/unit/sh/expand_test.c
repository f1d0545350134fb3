// SPDX-License-Identifier: MIT
/* user/sh/expand.c: quote removal, variable substitution, field splitting
 * and the glob hand-off, with a fake variable table and glob. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "harness.h"
#include "../../../user/sh/expand.h"

static const char *vars[][2] = {
	{ "X", "x1" }, { "SP", " a  b " }, { "HOME", "/home/u" }, { "?", "3" },
	{ "1", "first" }, { "EMPTY", "" }, { "STAR", "*" }, { "P", "/usr/lib/f.tar.gz" },
	{ "N", "4" }, { "COLONS", "a:b::c: d" },
};

static char last_pattern[64];
static const char *ifs;                 /* $IFS, NULL: unset */
static char *params_v[] = { "a b", "", "c", NULL };
static int nparams = 3;
static char assigned[64];               /* "name=value" of the last assignment */
static int errors;

static const char *lookup(void *ctx, const char *name)
{
	(void)ctx;
	if (!strcmp(name, "IFS"))
		return ifs;
	for (size_t i = 0; i < sizeof(vars) / sizeof(vars[0]); i++)
		if (!strcmp(vars[i][0], name))
			return vars[i][1];
	return NULL;
}

static char *const *params(void *ctx, int *n)
{
	(void)ctx;
	*n = nparams;
	return params_v;
}

static int assign(void *ctx, const char *name, const char *value)
{
	(void)ctx;
	snprintf(assigned, sizeof(assigned), "%s=%s", name, value);
	return 0;
}

/* Pretends to run text: its output is "[text]" and two newlines. */
static char *command(void *ctx, const char *text)
{
	(void)ctx;
	char *out = sh_xmalloc(strlen(text) + 5);
	sprintf(out, "[%s]\n\n", text);
	return out;
}

static void error(void *ctx, const char *msg)
{
	(void)ctx, (void)msg;
	errors++;
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

static struct sh_expander x = { lookup, params, assign, fake_glob, command, error, NULL, 0 };
static struct sh_strv out;

static void setup(void)
{
	ifs = NULL;
	nparams = 3;
	errors = 0;
	assigned[0] = '\0';
	x.nounset = 0;
}

static void teardown(void)
{
	sh_strv_free(&out);
}

/* Expands raw and checks the fields against want (NULL-terminated). */
static void expect(const char *raw, const char *const *want)
{
	sh_strv_free(&out);
	ck_assert_int_eq(sh_expand_word(raw, &x, &out), 0);
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

START_TEST(quoted_glob_characters_are_literal_but_substituted_ones_glob)
{
	last_pattern[0] = '\0';
	expect("\"*.c\"", (const char *[]){ "*.c", NULL });
	ck_assert_str_eq(last_pattern, "");
	expect("$STAR", (const char *[]){ "*", NULL });
	ck_assert_str_eq(last_pattern, "*");
	expect("\"$STAR\"x", (const char *[]){ "*x", NULL });
	ck_assert_str_eq(last_pattern, "*");
}
END_TEST

START_TEST(default_alternative_and_assigned_values)
{
	expect("${NOPE:-d e}", (const char *[]){ "d", "e", NULL });
	expect("\"${NOPE:-d e}\"", (const char *[]){ "d e", NULL });
	expect("${NOPE:-\"d e\"}", (const char *[]){ "d e", NULL });
	expect("${EMPTY-x}", (const char *[]){ NULL });
	expect("${EMPTY:-x}", (const char *[]){ "x", NULL });
	expect("${X:+alt}${NOPE:+no}${NOPE+no}", (const char *[]){ "alt", NULL });
	expect("${NOPE:=$X}", (const char *[]){ "x1", NULL });
	ck_assert_str_eq(assigned, "NOPE=x1");
	expect("${#X}.${#P}.${#NOPE}", (const char *[]){ "2.17.0", NULL });
}
END_TEST

START_TEST(prefix_and_suffix_patterns_are_removed)
{
	expect("${P%.*}:${P%%.*}", (const char *[]){ "/usr/lib/f.tar:/usr/lib/f", NULL });
	expect("${P#*/}:${P##*/}", (const char *[]){ "usr/lib/f.tar.gz:f.tar.gz", NULL });
	expect("${P%'.*'}:${X#x}", (const char *[]){ "/usr/lib/f.tar.gz:1", NULL });
	expect("\"${P##*[/.]}\"", (const char *[]){ "gz", NULL });
}
END_TEST

START_TEST(unset_parameter_errors_under_nounset_and_with_question_mark)
{
	struct sh_strv v = { 0 };
	ck_assert_int_eq(sh_expand_word("${NOPE?gone}", &x, &v), -1);
	ck_assert_int_eq(errors, 1);
	x.nounset = 1;
	ck_assert_int_eq(sh_expand_word("$NOPE", &x, &v), -1);
	ck_assert_int_eq(sh_expand_word("${NOPE%x}", &x, &v), -1);
	ck_assert_int_eq(errors, 3);
	ck_assert_int_eq(sh_expand_word("${NOPE:-ok}$X\"$@\"", &x, &v), 0);
	ck_assert_int_eq(sh_expand_word("${BAD:x}", &x, &v), -1);
	sh_strv_free(&v);
}
END_TEST

START_TEST(at_keeps_each_parameter_a_word_and_star_joins)
{
	expect("\"$@\"", (const char *[]){ "a b", "", "c", NULL });
	expect("x\"$@\"y", (const char *[]){ "xa b", "", "cy", NULL });
	expect("$@", (const char *[]){ "a", "b", "c", NULL });
	expect("\"$*\"", (const char *[]){ "a b  c", NULL });
	ifs = ":";
	expect("\"$*\"", (const char *[]){ "a b::c", NULL });
	expect("$#", (const char *[]){ NULL });
	nparams = 0;
	expect("\"$@\"", (const char *[]){ NULL });
	expect("\"$@\"''", (const char *[]){ "", NULL });
	expect("\"$*\"", (const char *[]){ "", NULL });
}
END_TEST

START_TEST(ifs_splits_white_space_runs_and_each_other_delimiter)
{
	ifs = ":";
	expect("$COLONS", (const char *[]){ "a", "b", "", "c", " d", NULL });
	ifs = ": ";
	expect("$COLONS", (const char *[]){ "a", "b", "", "c", "d", NULL });
	ifs = "";
	expect("$SP", (const char *[]){ " a  b ", NULL });
}
END_TEST

START_TEST(command_substitution_loses_trailing_newlines)
{
	expect("$(echo hi)", (const char *[]){ "[echo", "hi]", NULL });
	expect("\"$(echo  hi)\"", (const char *[]){ "[echo  hi]", NULL });
	expect("`a \\$b`", (const char *[]){ "[a", "$b]", NULL });
	expect("$(case a in a) b;; esac)", (const char *[]){ "[case", "a", "in", "a)", "b;;", "esac]", NULL });
}
END_TEST

START_TEST(arithmetic_uses_and_sets_variables)
{
	expect("$((N * 3 + 1))", (const char *[]){ "13", NULL });
	expect("$(( $N << 2 ))x", (const char *[]){ "16x", NULL });
	expect("$((N += 1))", (const char *[]){ "5", NULL });
	ck_assert_str_eq(assigned, "N=5");
	struct sh_strv v = { 0 };
	ck_assert_int_eq(sh_expand_word("$((1 / 0))", &x, &v), -1);
	ck_assert_int_eq(errors, 1);
	sh_strv_free(&v);
}
END_TEST

START_TEST(here_document_expands_but_keeps_quotes)
{
	char *s = sh_expand_heredoc("a $X \"q\" \\$ \\q 'b' $(c)\n", &x);
	ck_assert_str_eq(s, "a x1 \"q\" $ \\q 'b' [c]\n");
	free(s);
}
END_TEST

START_TEST(assignment_expands_tilde_after_each_colon)
{
	char *s = sh_expand_assignment("~/bin:~:a~:'~'", &x);
	ck_assert_str_eq(s, "/home/u/bin:/home/u:a~:~");
	free(s);
}
END_TEST

START_TEST(pattern_escapes_what_was_quoted)
{
	char *s = sh_expand_pattern("'*'a*\"?\"$STAR\\[", &x);
	ck_assert_str_eq(s, "\\*a*\\?*\\[");
	free(s);
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
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, removes_quotes_and_backslashes);
	tcase_add_test(tc, substitutes_variables_and_specials);
	tcase_add_test(tc, splits_unquoted_substitutions_only);
	tcase_add_test(tc, empty_unquoted_value_gives_no_field_but_quotes_keep_one);
	tcase_add_test(tc, expands_leading_tilde_to_home);
	tcase_add_test(tc, unquoted_glob_characters_go_to_the_glob_callback);
	tcase_add_test(tc, quoted_glob_characters_are_literal_but_substituted_ones_glob);
	tcase_add_test(tc, default_alternative_and_assigned_values);
	tcase_add_test(tc, prefix_and_suffix_patterns_are_removed);
	tcase_add_test(tc, unset_parameter_errors_under_nounset_and_with_question_mark);
	tcase_add_test(tc, at_keeps_each_parameter_a_word_and_star_joins);
	tcase_add_test(tc, ifs_splits_white_space_runs_and_each_other_delimiter);
	tcase_add_test(tc, command_substitution_loses_trailing_newlines);
	tcase_add_test(tc, arithmetic_uses_and_sets_variables);
	tcase_add_test(tc, here_document_expands_but_keeps_quotes);
	tcase_add_test(tc, pattern_escapes_what_was_quoted);
	tcase_add_test(tc, assignment_expands_tilde_after_each_colon);
	tcase_add_test(tc, expand_string_neither_splits_nor_globs);
	suite_add_tcase(s, tc);
	return s;
}
