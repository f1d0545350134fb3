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

static void assert_redir(size_t i, int fd, enum sh_redir_op op)
{
	ck_assert_uint_lt(i, toks.n);
	ck_assert_int_eq(toks.v[i].kind, SH_TOK_REDIR);
	ck_assert_int_eq(toks.v[i].fd, fd);
	ck_assert_int_eq(toks.v[i].op, op);
}

START_TEST(splits_quoted_words_redirections_and_pipe)
{
	ck_assert_int_eq(sh_lex("a 'b c' \"$X d\" > f 2>&1 | g", &toks, &err), SH_LEX_OK);
	ck_assert_uint_eq(toks.n, 9);
	assert_word(0, "a");
	assert_word(1, "'b c'");
	assert_word(2, "\"$X d\"");
	assert_redir(3, -1, SH_REDIR_OUT);
	assert_word(4, "f");
	assert_redir(5, 2, SH_REDIR_DUPOUT);
	assert_word(6, "1");
	ck_assert_int_eq(toks.v[7].kind, SH_TOK_PIPE);
	assert_word(8, "g");
}
END_TEST

START_TEST(reads_list_operators_and_newlines)
{
	ck_assert_int_eq(sh_lex("a&&b||c;d\ne&f;;(g)", &toks, &err), SH_LEX_OK);
	ck_assert_uint_eq(toks.n, 15);
	ck_assert_int_eq(toks.v[1].kind, SH_TOK_AND);
	ck_assert_int_eq(toks.v[3].kind, SH_TOK_OR);
	ck_assert_int_eq(toks.v[5].kind, SH_TOK_SEMI);
	ck_assert_int_eq(toks.v[7].kind, SH_TOK_NEWLINE);
	ck_assert_int_eq(toks.v[9].kind, SH_TOK_AMP);
	ck_assert_int_eq(toks.v[11].kind, SH_TOK_DSEMI);
	ck_assert_int_eq(toks.v[12].kind, SH_TOK_LPAREN);
	assert_word(13, "g");
	ck_assert_int_eq(toks.v[14].kind, SH_TOK_RPAREN);
}
END_TEST

START_TEST(reads_every_redirection_form)
{
	ck_assert_int_eq(sh_lex("<in >>log 2>err 3<&0 >&- 12>x >|c <>rw", &toks, &err), SH_LEX_OK);
	assert_redir(0, -1, SH_REDIR_IN);
	assert_word(1, "in");
	assert_redir(2, -1, SH_REDIR_APPEND);
	assert_redir(4, 2, SH_REDIR_OUT);
	assert_redir(6, 3, SH_REDIR_DUPIN);
	assert_word(7, "0");
	assert_redir(8, -1, SH_REDIR_DUPOUT);
	assert_word(9, "-");
	assert_redir(10, 12, SH_REDIR_OUT);
	assert_redir(12, -1, SH_REDIR_CLOBBER);
	assert_redir(14, -1, SH_REDIR_RDWR);
}
END_TEST

START_TEST(digits_inside_a_word_are_not_a_descriptor)
{
	ck_assert_int_eq(sh_lex("echo a2>f", &toks, &err), SH_LEX_OK);
	assert_word(1, "a2");
	assert_redir(2, -1, SH_REDIR_OUT);
}
END_TEST

START_TEST(operators_inside_quotes_and_escapes_stay_in_the_word)
{
	ck_assert_int_eq(sh_lex("x'a|b'\"c;d\"e\\|f", &toks, &err), SH_LEX_OK);
	ck_assert_uint_eq(toks.n, 1);
	assert_word(0, "x'a|b'\"c;d\"e\\|f");
}
END_TEST

START_TEST(substitutions_stay_whole_in_their_word)
{
	ck_assert_int_eq(sh_lex("a$(b | c; d)e `f;g` ${h:-i j} $((1 + (2))) \"$(k \")\")\"", &toks, &err),
			 SH_LEX_OK);
	ck_assert_uint_eq(toks.n, 5);
	assert_word(0, "a$(b | c; d)e");
	assert_word(1, "`f;g`");
	assert_word(2, "${h:-i j}");
	assert_word(3, "$((1 + (2)))");
	assert_word(4, "\"$(k \")\")\"");
}
END_TEST

START_TEST(case_pattern_parenthesis_does_not_end_a_command_substitution)
{
	ck_assert_int_eq(sh_lex("x=$(case a in a) echo y;; esac) z", &toks, &err), SH_LEX_OK);
	ck_assert_uint_eq(toks.n, 2);
	assert_word(0, "x=$(case a in a) echo y;; esac)");
	assert_word(1, "z");
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

START_TEST(open_quote_substitution_or_trailing_backslash_is_incomplete)
{
	static const char *const cases[] = { "echo 'abc", "echo \"a\\\"", "echo a\\",
					     "echo $(a", "echo ${a", "echo `a", "echo $((1+" };
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		sh_tokens_free(&toks);
		ck_assert_msg(sh_lex(cases[i], &toks, &err) == SH_LEX_INCOMPLETE, "%s", cases[i]);
	}
}
END_TEST

START_TEST(backslash_newline_between_words_is_skipped)
{
	ck_assert_int_eq(sh_lex("a \\\n b", &toks, &err), SH_LEX_OK);
	ck_assert_uint_eq(toks.n, 2);
	assert_word(1, "b");
}
END_TEST

START_TEST(here_document_body_is_read_after_the_line)
{
	ck_assert_int_eq(sh_lex("cat <<EOF; echo x\nline $v\nEOF\necho y", &toks, &err), SH_LEX_OK);
	assert_redir(1, -1, SH_REDIR_HEREDOC);
	ck_assert_str_eq(toks.v[1].text, "line $v\n");
	ck_assert_int_eq(toks.v[1].quoted, 0);
	assert_word(2, "EOF");
	ck_assert_int_eq(toks.v[6].kind, SH_TOK_NEWLINE);
	assert_word(7, "echo");
	assert_word(8, "y");
}
END_TEST

START_TEST(here_document_quoted_delimiter_and_tab_stripping)
{
	ck_assert_int_eq(sh_lex("cat <<-'E F'\n\ta\n\t\tb\n\tE F\n", &toks, &err), SH_LEX_OK);
	assert_redir(1, -1, SH_REDIR_HEREDOC_STRIP);
	ck_assert_str_eq(toks.v[1].text, "a\nb\n");
	ck_assert_int_eq(toks.v[1].quoted, 1);
}
END_TEST

START_TEST(here_document_without_its_delimiter_line_is_incomplete)
{
	ck_assert_int_eq(sh_lex("cat <<EOF", &toks, &err), SH_LEX_INCOMPLETE);
	sh_tokens_free(&toks);
	ck_assert_int_eq(sh_lex("cat <<EOF\nabc\n", &toks, &err), SH_LEX_INCOMPLETE);
	sh_tokens_free(&toks);
	ck_assert_int_eq(sh_lex("cat <<EOF\nabc\nEOF", &toks, &err), SH_LEX_OK);
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
	tcase_add_test(tc, substitutions_stay_whole_in_their_word);
	tcase_add_test(tc, case_pattern_parenthesis_does_not_end_a_command_substitution);
	tcase_add_test(tc, comment_runs_to_end_of_line);
	tcase_add_test(tc, open_quote_substitution_or_trailing_backslash_is_incomplete);
	tcase_add_test(tc, backslash_newline_between_words_is_skipped);
	tcase_add_test(tc, here_document_body_is_read_after_the_line);
	tcase_add_test(tc, here_document_quoted_delimiter_and_tab_stripping);
	tcase_add_test(tc, here_document_without_its_delimiter_line_is_incomplete);
	suite_add_tcase(s, tc);
	return s;
}
