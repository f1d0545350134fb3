// SPDX-License-Identifier: MIT
/* user/sh/parse.c: the shell's grammar. */
#include <string.h>
#include "harness.h"
#include "../../../user/sh/parse.h"

static struct sh_tokens toks;
static struct sh_program prog;
static const char *err;

static int parse(const char *src)
{
	sh_tokens_free(&toks);
	sh_program_free(&prog);
	int r = sh_lex(src, &toks, &err);
	return r == SH_LEX_OK ? sh_parse(&toks, &prog, &err) : -100 + r;
}

static void teardown(void)
{
	sh_tokens_free(&toks);
	sh_program_free(&prog);
}

START_TEST(pipeline_with_redirections_and_assignments)
{
	ck_assert_int_eq(parse("A=1 B='x y' cmd a >out 2>&1 | grep A=2"), SH_PARSE_OK);
	ck_assert_uint_eq(prog.npipes, 1);
	const struct sh_pipeline *p = &prog.pipes[0];
	ck_assert_uint_eq(p->ncmds, 2);
	ck_assert_uint_eq(p->cmds[0].nassigns, 2);
	ck_assert_str_eq(p->cmds[0].assigns[1], "B='x y'");
	ck_assert_uint_eq(p->cmds[0].nwords, 2);
	ck_assert_str_eq(p->cmds[0].words[0], "cmd");
	ck_assert_uint_eq(p->cmds[0].nredirs, 2);
	ck_assert_str_eq(p->cmds[0].redirs[0].word, "out");
	ck_assert_int_eq(p->cmds[0].redirs[1].op, SH_REDIR_DUP);
	ck_assert_uint_eq(p->cmds[1].nassigns, 0);
	ck_assert_str_eq(p->cmds[1].words[1], "A=2");
}
END_TEST

START_TEST(lists_record_how_each_pipeline_follows)
{
	ck_assert_int_eq(parse("a && b || c; d\ne"), SH_PARSE_OK);
	ck_assert_uint_eq(prog.npipes, 5);
	ck_assert_int_eq(prog.pipes[0].conn, SH_CONN_SEQ);
	ck_assert_int_eq(prog.pipes[1].conn, SH_CONN_AND);
	ck_assert_int_eq(prog.pipes[2].conn, SH_CONN_OR);
	ck_assert_int_eq(prog.pipes[3].conn, SH_CONN_SEQ);
	ck_assert_int_eq(prog.pipes[4].conn, SH_CONN_SEQ);
}
END_TEST

START_TEST(empty_statements_are_allowed)
{
	ck_assert_int_eq(parse(""), SH_PARSE_OK);
	ck_assert_uint_eq(prog.npipes, 0);
	ck_assert_int_eq(parse("; a;; \n b;"), SH_PARSE_OK);
	ck_assert_uint_eq(prog.npipes, 2);
}
END_TEST

START_TEST(redirection_alone_is_a_command)
{
	ck_assert_int_eq(parse("> f"), SH_PARSE_OK);
	ck_assert_uint_eq(prog.pipes[0].cmds[0].nwords, 0);
	ck_assert_uint_eq(prog.pipes[0].cmds[0].nredirs, 1);
}
END_TEST

START_TEST(trailing_operator_is_incomplete_and_continues_after_newline)
{
	ck_assert_int_eq(parse("a |"), SH_PARSE_INCOMPLETE);
	ck_assert_int_eq(parse("a &&"), SH_PARSE_INCOMPLETE);
	ck_assert_int_eq(parse("a ||\n"), SH_PARSE_INCOMPLETE);
	ck_assert_int_eq(parse("a |\n b"), SH_PARSE_OK);
	ck_assert_uint_eq(prog.pipes[0].ncmds, 2);
	ck_assert_int_eq(parse("a &&\n\n b"), SH_PARSE_OK);
	ck_assert_uint_eq(prog.npipes, 2);
}
END_TEST

START_TEST(missing_commands_are_syntax_errors)
{
	ck_assert_int_eq(parse("| a"), SH_PARSE_ERROR);
	ck_assert_int_eq(parse("&& a"), SH_PARSE_ERROR);
	ck_assert_int_eq(parse("a ; && b"), SH_PARSE_ERROR);
	ck_assert_int_eq(parse("a | ; b"), SH_PARSE_ERROR);
	ck_assert_int_eq(parse("a > | b"), SH_PARSE_ERROR);
	ck_assert_int_eq(parse("a >"), SH_PARSE_ERROR);
	ck_assert_ptr_nonnull(err);
}
END_TEST

START_TEST(assignment_needs_a_name_before_equals)
{
	size_t n;
	ck_assert(sh_is_assignment("A_1=x", &n));
	ck_assert_uint_eq(n, 3);
	ck_assert(!sh_is_assignment("1A=x", &n));
	ck_assert(!sh_is_assignment("=x", &n));
	ck_assert(!sh_is_assignment("'A'=x", &n));
	ck_assert(!sh_is_assignment("A", &n));
}
END_TEST

UNIT_SUITE(sh_parse_suite)
static Suite *sh_parse_suite(void)
{
	Suite *s = suite_create("sh_parse");
	TCase *tc = tcase_create("sh_parse");
	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_add_test(tc, pipeline_with_redirections_and_assignments);
	tcase_add_test(tc, lists_record_how_each_pipeline_follows);
	tcase_add_test(tc, empty_statements_are_allowed);
	tcase_add_test(tc, redirection_alone_is_a_command);
	tcase_add_test(tc, trailing_operator_is_incomplete_and_continues_after_newline);
	tcase_add_test(tc, missing_commands_are_syntax_errors);
	tcase_add_test(tc, assignment_needs_a_name_before_equals);
	suite_add_tcase(s, tc);
	return s;
}
