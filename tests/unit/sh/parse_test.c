// SPDX-License-Identifier: MIT
/* user/sh/parse.c and node.c: the shell's grammar and its tree. */
#include <string.h>
#include "harness.h"
#include "../../../user/sh/parse.h"
#include "../../../user/sh/sh_buf.h"

static struct sh_tokens toks;
static struct sh_node *root;
static const char *err;

static int parse(const char *src)
{
	sh_tokens_free(&toks);
	sh_node_free(root);
	root = NULL;
	int r = sh_lex(src, &toks, &err);
	return r == SH_LEX_OK ? sh_parse(&toks, &root, &err) : -100 + r;
}

static void teardown(void)
{
	sh_tokens_free(&toks);
	sh_node_free(root);
	root = NULL;
}

/* The tree rendered as node.c renders it for jobs. */
static void assert_text(const struct sh_node *n, const char *want)
{
	struct sh_str s = { 0 };
	sh_node_text(n, &s);
	ck_assert_str_eq(s.s ? s.s : "", want);
	sh_str_free(&s);
}

START_TEST(pipeline_with_redirections_and_assignments)
{
	ck_assert_int_eq(parse("A=1 B='x y' cmd a >out 2>&1 | grep A=2"), SH_PARSE_OK);
	ck_assert_int_eq(root->kind, SH_N_PIPE);
	ck_assert_uint_eq(root->nkids, 2);
	const struct sh_node *c = root->kids[0];
	ck_assert_uint_eq(c->nassigns, 2);
	ck_assert_str_eq(c->assigns[1], "B='x y'");
	ck_assert_uint_eq(c->nwords, 2);
	ck_assert_str_eq(c->words[0], "cmd");
	ck_assert_uint_eq(c->nredirs, 2);
	ck_assert_str_eq(c->redirs[0].word, "out");
	ck_assert_int_eq(c->redirs[1].op, SH_REDIR_DUPOUT);
	ck_assert_str_eq(c->redirs[1].word, "1");
	ck_assert_uint_eq(root->kids[1]->nassigns, 0);
	ck_assert_str_eq(root->kids[1]->words[1], "A=2");
}
END_TEST

START_TEST(and_or_binds_left_and_lists_split_on_separators)
{
	ck_assert_int_eq(parse("a && b || c; d\ne & f"), SH_PARSE_OK);
	ck_assert_int_eq(root->kind, SH_N_LIST);
	ck_assert_uint_eq(root->nkids, 4);
	ck_assert_int_eq(root->kids[0]->kind, SH_N_OR);
	ck_assert_int_eq(root->kids[0]->kids[0]->kind, SH_N_AND);
	ck_assert_int_eq(root->kids[2]->kind, SH_N_BG);
	assert_text(root, "a && b || c; d; e &; f");
}
END_TEST

START_TEST(empty_input_and_blank_lines_are_allowed)
{
	ck_assert_int_eq(parse(""), SH_PARSE_OK);
	ck_assert_ptr_null(root);
	ck_assert_int_eq(parse("\n\n a;\n\n b;\n"), SH_PARSE_OK);
	ck_assert_uint_eq(root->nkids, 2);
}
END_TEST

START_TEST(redirection_alone_is_a_command)
{
	ck_assert_int_eq(parse("> f"), SH_PARSE_OK);
	ck_assert_int_eq(root->kind, SH_N_SIMPLE);
	ck_assert_uint_eq(root->nwords, 0);
	ck_assert_uint_eq(root->nredirs, 1);
}
END_TEST

START_TEST(open_constructs_are_incomplete)
{
	static const char *const cases[] = {
		"a |", "a &&", "a ||\n", "if true; then", "if a; then b; else", "while a; do b",
		"for i in 1 2; do", "case x in", "case x in a) b;;", "{ a;", "( a", "f() {", "!",
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		ck_assert_msg(parse(cases[i]) == SH_PARSE_INCOMPLETE, "%s", cases[i]);
	ck_assert_int_eq(parse("a |\n b"), SH_PARSE_OK);
	ck_assert_int_eq(parse("a &&\n\n b"), SH_PARSE_OK);
}
END_TEST

START_TEST(misplaced_tokens_are_syntax_errors)
{
	static const char *const cases[] = {
		"| a", "&& a", "a ; && b", "a | ; b", "a > | b", "a >\n", "; a", "fi", "then a",
		"if then fi", "a )", "{ }", "case x in a) b;; c esac", "for 1 in a; do b; done",
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		ck_assert_msg(parse(cases[i]) == SH_PARSE_ERROR, "%s", cases[i]);
	ck_assert_ptr_nonnull(err);
}
END_TEST

START_TEST(if_elif_else_nests_the_elif)
{
	ck_assert_int_eq(parse("if a; then b; elif c; then d; else e; fi >log"), SH_PARSE_OK);
	ck_assert_int_eq(root->kind, SH_N_IF);
	ck_assert_uint_eq(root->nkids, 3);
	ck_assert_int_eq(root->kids[2]->kind, SH_N_IF);
	ck_assert_str_eq(root->kids[2]->kids[2]->words[0], "e");
	ck_assert_uint_eq(root->nredirs, 1);
}
END_TEST

START_TEST(loops_and_for_lists)
{
	ck_assert_int_eq(parse("while a; do b; done"), SH_PARSE_OK);
	ck_assert_int_eq(root->kind, SH_N_WHILE);
	ck_assert_int_eq(parse("until a\ndo\nb\ndone"), SH_PARSE_OK);
	ck_assert_int_eq(root->kind, SH_N_UNTIL);
	ck_assert_int_eq(parse("for i in x \"y z\"; do echo $i; done"), SH_PARSE_OK);
	ck_assert_int_eq(root->kind, SH_N_FOR);
	ck_assert_str_eq(root->name, "i");
	ck_assert_int_eq(root->has_in, 1);
	ck_assert_uint_eq(root->nwords, 2);
	ck_assert_int_eq(parse("for i\ndo :; done"), SH_PARSE_OK);
	ck_assert_int_eq(root->has_in, 0);
}
END_TEST

START_TEST(case_items_with_alternatives_and_empty_bodies)
{
	ck_assert_int_eq(parse("case $x in\n(a|b*) echo 1;;\nc) ;;\n*) echo 3\nesac"), SH_PARSE_OK);
	ck_assert_int_eq(root->kind, SH_N_CASE);
	ck_assert_uint_eq(root->nitems, 3);
	ck_assert_uint_eq(root->items[0].npats, 2);
	ck_assert_str_eq(root->items[0].pats[1], "b*");
	ck_assert_ptr_null(root->items[1].body);
	ck_assert_str_eq(root->items[2].body->words[0], "echo");
}
END_TEST

START_TEST(reserved_words_count_only_where_a_command_starts)
{
	ck_assert_int_eq(parse("echo if then fi { }"), SH_PARSE_OK);
	ck_assert_int_eq(root->kind, SH_N_SIMPLE);
	ck_assert_uint_eq(root->nwords, 6);
}
END_TEST

START_TEST(function_groups_subshells_and_negation)
{
	ck_assert_int_eq(parse("f() { a; b; }; ! (c | d)"), SH_PARSE_OK);
	ck_assert_int_eq(root->kids[0]->kind, SH_N_FUNC);
	ck_assert_str_eq(root->kids[0]->name, "f");
	ck_assert_int_eq(root->kids[0]->kids[0]->kind, SH_N_GROUP);
	ck_assert_int_eq(root->kids[1]->kind, SH_N_NOT);
	ck_assert_int_eq(root->kids[1]->kids[0]->kind, SH_N_SUBSHELL);
}
END_TEST

START_TEST(here_document_reaches_its_redirection)
{
	ck_assert_int_eq(parse("cat <<E >out\nhi\nE\n"), SH_PARSE_OK);
	ck_assert_uint_eq(root->nredirs, 2);
	ck_assert_str_eq(root->redirs[0].body, "hi\n");
	ck_assert_str_eq(root->redirs[0].word, "E");
	ck_assert_ptr_null(root->redirs[1].body);
}
END_TEST

START_TEST(copy_is_deep_and_equal)
{
	ck_assert_int_eq(parse("f() { case a in b) c <<E;; esac; }\nx\nE\n"), SH_PARSE_OK);
	struct sh_node *c = sh_node_copy(root);
	sh_node_free(root);
	root = c;
	ck_assert_str_eq(c->name, "f");
	const struct sh_node *cs = c->kids[0]->kids[0];
	ck_assert_str_eq(cs->items[0].pats[0], "b");
	ck_assert_str_eq(cs->items[0].body->redirs[0].body, "x\n");
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
	tcase_add_test(tc, and_or_binds_left_and_lists_split_on_separators);
	tcase_add_test(tc, empty_input_and_blank_lines_are_allowed);
	tcase_add_test(tc, redirection_alone_is_a_command);
	tcase_add_test(tc, open_constructs_are_incomplete);
	tcase_add_test(tc, misplaced_tokens_are_syntax_errors);
	tcase_add_test(tc, if_elif_else_nests_the_elif);
	tcase_add_test(tc, loops_and_for_lists);
	tcase_add_test(tc, case_items_with_alternatives_and_empty_bodies);
	tcase_add_test(tc, reserved_words_count_only_where_a_command_starts);
	tcase_add_test(tc, function_groups_subshells_and_negation);
	tcase_add_test(tc, here_document_reaches_its_redirection);
	tcase_add_test(tc, copy_is_deep_and_equal);
	tcase_add_test(tc, assignment_needs_a_name_before_equals);
	suite_add_tcase(s, tc);
	return s;
}
