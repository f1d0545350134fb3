// SPDX-License-Identifier: MIT
/* user/sh/lex.c: the shell's tokenizer. */
#include <string.h>
#include "harness.h"
#include "../../../user/sh/lex.h"

static struct sh_tokens toks;
static const char *err;

static void teardown(void)
{
	sh_tokens_free(&toks);
	err = NULL;
}

static void assert_word(size_t i, const char *text)
{
	ck_assert_uint_lt(i, toks.n);
	ck_assert_int_eq(toks.v[i].kind, SH_TOK_WORD);
	ck_assert_str_eq(toks.v[i].text, text);
}

static void assert_redir(size_t i, int fd, enum sh_redir_op op, int dup_fd)
{
	ck_assert_uint_lt(i, toks.n);
	ck_assert_int_eq(toks.v[i].kind, SH_TOK_REDIR);
	ck_assert_int_eq(toks.v[i].fd, fd);
	ck_assert_int_eq(toks.v[i].op, op);
	if (op == SH_REDIR_DUP)
		ck_assert_int_eq(toks.v[i].dup_fd, dup_fd);
}

START_TEST(splits_quoted_words_redirections_and_pipe)
{
	ck_assert_int_eq(sh_lex("a 'b c' \"$X d\" > f 2>&1 | g", &toks, &err), SH_LEX_OK);
	ck_assert_uint_eq(toks.n, 8);
	assert_word(0, "a");
	assert_word(1, "'b c'");
	assert_word(2, "\"$X d\"");
	assert_redir(3, 1, SH_REDIR_OUT, 0);
	assert_word(4, "f");
	assert_redir(5, 2, SH_REDIR_DUP, 1);
	ck_assert_int_eq(toks.v[6].kind, SH_TOK_PIPE);
	assert_word(7, "g");
}
END_TEST

START_TEST(reads_list_operators_and_newlines)
{
	ck_assert_int_eq(sh_lex("a&&b||c;d\ne", &toks, &err), SH_LEX_OK);
	ck_assert_uint_eq(toks.n, 9);
	ck_assert_int_eq(toks.v[1].kind, SH_TOK_AND);
	ck_assert_int_eq(toks.v[3].kind, SH_TOK_OR);
	ck_assert_int_eq(toks.v[5].kind, SH_TOK_SEMI);
	ck_assert_int_eq(toks.v[7].kind, SH_TOK_NEWLINE);
	assert_word(8, "e");
}
END_TEST

START_TEST(reads_every_redirection_form)
{
	ck_assert_int_eq(sh_lex("<in >>log 2>err 3<&0 >&- 12>x", &toks, &err), SH_LEX_OK);
	assert_redir(0, 0, SH_REDIR_IN, 0);
	assert_word(1, "in");
	assert_redir(2, 1, SH_REDIR_APPEND, 0);
	assert_redir(4, 2, SH_REDIR_OUT, 0);
	assert_redir(6, 3, SH_REDIR_DUP, 0);
	assert_redir(7, 1, SH_REDIR_DUP, -1);
	assert_redir(8, 12, SH_REDIR_OUT, 0);
	assert_word(9, "x");
}
END_TEST

START_TEST(digits_inside_a_word_are_not_a_descriptor)
{
	ck_assert_int_eq(sh_lex("echo a2>f", &toks, &err), SH_LEX_OK);
	assert_word(1, "a2");
	assert_redir(2, 1, SH_REDIR_OUT, 0);
}
END_TEST

START_TEST(operators_inside_quotes_and_escapes_stay_in_the_word)
{
	ck_assert_int_eq(sh_lex("x'a|b'\"c;d\"e\\|f", &toks, &err), SH_LEX_OK);
	ck_assert_uint_eq(toks.n, 1);
	assert_word(0, "x'a|b'\"c;d\"e\\|f");
}
END_TEST

START_TEST(comment_runs_to_end_of_line)
{
	ck_assert_int_eq(sh_lex("a # b | c\nd#e", &toks, &err), SH_LEX_OK);
	ck_assert_uint_eq(toks.n, 3);
	assert_word(0, "a");
	ck_assert_int_eq(toks.v[1].kind, SH_TOK_NEWLINE);
	assert_word(2, "d#e");
}
END_TEST

START_TEST(open_quote_or_trailing_backslash_is_incomplete)
{
	ck_assert_int_eq(sh_lex("echo 'abc", &toks, &err), SH_LEX_INCOMPLETE);
	sh_tokens_free(&toks);
	ck_assert_int_eq(sh_lex("echo \"a\\\"", &toks, &err), SH_LEX_INCOMPLETE);
	sh_tokens_free(&toks);
	ck_assert_int_eq(sh_lex("echo a\\", &toks, &err), SH_LEX_INCOMPLETE);
}
END_TEST

START_TEST(backslash_newline_between_words_is_skipped)
{
	ck_assert_int_eq(sh_lex("a \\\n b", &toks, &err), SH_LEX_OK);
	ck_assert_uint_eq(toks.n, 2);
	assert_word(1, "b");
}
END_TEST

START_TEST(background_here_documents_and_bad_dup_are_errors)
{
	ck_assert_int_eq(sh_lex("cat <<EOF", &toks, &err), SH_LEX_ERROR);
	ck_assert_ptr_nonnull(err);
	sh_tokens_free(&toks);
	err = NULL;
	ck_assert_int_eq(sh_lex("sleep 1 &", &toks, &err), SH_LEX_ERROR);
	ck_assert_ptr_nonnull(err);
	sh_tokens_free(&toks);
	err = NULL;
	ck_assert_int_eq(sh_lex("a >&x", &toks, &err), SH_LEX_ERROR);
	ck_assert_ptr_nonnull(err);
}
END_TEST

UNIT_SUITE(sh_lex_suite)
static Suite *sh_lex_suite(void)
{
	Suite *s = suite_create("sh_lex");
	TCase *tc = tcase_create("sh_lex");
	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_add_test(tc, splits_quoted_words_redirections_and_pipe);
	tcase_add_test(tc, reads_list_operators_and_newlines);
	tcase_add_test(tc, reads_every_redirection_form);
	tcase_add_test(tc, digits_inside_a_word_are_not_a_descriptor);
	tcase_add_test(tc, operators_inside_quotes_and_escapes_stay_in_the_word);
	tcase_add_test(tc, comment_runs_to_end_of_line);
	tcase_add_test(tc, open_quote_or_trailing_backslash_is_incomplete);
	tcase_add_test(tc, backslash_newline_between_words_is_skipped);
	tcase_add_test(tc, background_here_documents_and_bad_dup_are_errors);
	suite_add_tcase(s, tc);
	return s;
}
