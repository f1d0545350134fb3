// SPDX-License-Identifier: MIT
/* user/sh lexer, parser, tree copy and expansions on random soups of shell
 * fragments: whatever the input, they answer (OK, incomplete or an error)
 * without a sanitizer report. A fixed seed keeps the run repeatable. */
#include <stdlib.h>
#include <string.h>
#include "harness.h"
#include "../../../user/sh/arith.h"
#include "../../../user/sh/expand.h"
#include "../../../user/sh/parse.h"

static const char *const frags[] = {
	"echo", " ", "'", "\"", "$", "{", "}", "(", ")", "$(", "$((", "`", "\\", "\n", ";", ";;",
	"&", "&&", "||", "|", "<", ">", "<<", "<<-", "EOF", "if", "then", "fi", "else", "elif",
	"while", "do", "done", "for", "in", "case", "esac", "x", "=", ":-", "#", "%", "%%", "##",
	"?", "*", "[", "]", "!", "-", "+", "1", "2>&1", ">&", "${x", "${#", "${@", "$@", "$*", "~",
	"\t", "))", "((", ":", "+=", "<<=", "0x", "09", "\"$(", ")\"", "f()", "${x:=", "${x%",
};

static const char *lookup(void *ctx, const char *name)
{
	(void)ctx;
	return !strcmp(name, "x") ? "a b*c" : !strcmp(name, "IFS") ? " :" : NULL;
}

static char *params_v[] = { "p 1", "", "q", NULL };

static char *const *params(void *ctx, int *n)
{
	(void)ctx;
	*n = 3;
	return params_v;
}

static int assign(void *ctx, const char *name, const char *value)
{
	(void)ctx, (void)name, (void)value;
	return 0;
}

static char *command(void *ctx, const char *text)
{
	(void)ctx;
	return sh_xstrdup(text);
}

static void error(void *ctx, const char *msg)
{
	(void)ctx, (void)msg;
}

static const struct sh_expander x = { lookup, params, assign, NULL, command, error, NULL, 0 };

static void soup(char *buf, size_t size, unsigned *seed)
{
	buf[0] = '\0';
	for (int n = rand_r(seed) % 20 + 1; n > 0; n--)
		strncat(buf, frags[rand_r(seed) % (sizeof(frags) / sizeof(frags[0]))],
			size - strlen(buf) - 1);
}

static void expand_all(const struct sh_tokens *t)
{
	for (size_t i = 0; i < t->n; i++) {
		if (t->v[i].kind != SH_TOK_WORD)
			continue;
		struct sh_strv v = { 0 };
		sh_expand_word(t->v[i].text, &x, &v);
		sh_strv_free(&v);
		free(sh_expand_pattern(t->v[i].text, &x));
		free(sh_expand_heredoc(t->v[i].text, &x));
	}
}

START_TEST(random_fragments_never_break_the_front_end)
{
	unsigned seed = 14;
	char buf[512];
	struct sh_arith_env env = { lookup, assign, NULL };
	for (int iter = 0; iter < 4000; iter++) {
		struct sh_tokens t = { 0 };
		struct sh_node *root = NULL;
		const char *err;
		long r;
		soup(buf, sizeof(buf), &seed);
		if (sh_lex(buf, &t, &err) == SH_LEX_OK) {
			if (sh_parse(&t, &root, &err) == SH_PARSE_OK) {
				struct sh_node *c = sh_node_copy(root);
				struct sh_str s = { 0 };
				sh_node_text(c, &s);
				sh_str_free(&s);
				sh_node_free(c);
			}
			expand_all(&t);
		}
		sh_node_free(root);
		sh_tokens_free(&t);
		sh_arith(buf, &env, &r, &err);
	}
}
END_TEST

START_TEST(deep_nesting_is_refused_not_overflowed)
{
	size_t n = 20000;
	char *s = malloc(4 * n + 16), *p = s;
	struct sh_tokens t = { 0 };
	const char *err;
	long r;
	struct sh_arith_env env = { lookup, assign, NULL };
	for (size_t i = 0; i < n; i++, p += 2)
		memcpy(p, "$(", 2);
	*p = '\0';
	ck_assert_int_ne(sh_lex(s, &t, &err), SH_LEX_OK);
	sh_tokens_free(&t);
	memset(s, '(', n);
	s[n] = '\0';
	ck_assert_int_eq(sh_arith(s, &env, &r, &err), -1);
	free(s);
}
END_TEST

UNIT_SUITE(sh_robust_suite)
static Suite *sh_robust_suite(void)
{
	Suite *s = suite_create("sh_robust");
	TCase *tc = tcase_create("sh_robust");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, random_fragments_never_break_the_front_end);
	tcase_add_test(tc, deep_nesting_is_refused_not_overflowed);
	suite_add_tcase(s, tc);
	return s;
}
