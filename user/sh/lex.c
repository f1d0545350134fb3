// SPDX-License-Identifier: MIT
/* Tokenizer for the shell (see lex.h): sh_lex and sh_tokens_free. Comments
 * (# at the start of a word) run to the end of the line; a backslash-newline
 * between words is skipped. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include "lex.h"
#include "sh_buf.h"

static struct sh_token *push(struct sh_tokens *t, enum sh_tok_kind kind)
{
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 16;
		t->v = sh_xrealloc(t->v, t->cap * sizeof(*t->v));
	}
	t->v[t->n] = (struct sh_token){ .kind = kind, .dup_fd = -1 };
	return &t->v[t->n++];
}

static int is_delim(char c)
{
	return c == '\0' || strchr(" \t\n;|&<>", c) != NULL;
}

/* Returns the length of the raw word at s, or -1 if a quote or a trailing
 * backslash leaves it incomplete. */
static long word_len(const char *s)
{
	const char *p = s;
	while (!is_delim(*p)) {
		if (*p == '\\') {
			if (!p[1])
				return -1;
			p += 2;
		} else if (*p == '\'') {
			const char *q = strchr(p + 1, '\'');
			if (!q)
				return -1;
			p = q + 1;
		} else if (*p == '"') {
			for (p++; *p && *p != '"'; p++)
				if (*p == '\\' && p[1])
					p++;
			if (!*p)
				return -1;
			p++;
		} else {
			p++;
		}
	}
	return p - s;
}

/* Parses a redirection operator at s (after an optional fd number); returns
 * the characters used or -1 with *err set. */
static long redir(const char *s, int fd, struct sh_token *tok, const char **err)
{
	const char *p = s;
	int out = *p++ == '>';
	tok->fd = fd >= 0 ? fd : out;
	tok->op = out ? SH_REDIR_OUT : SH_REDIR_IN;
	if (!out && *p == '<') {
		*err = "here-documents (<<) are not supported";
		return -1;
	}
	if (out && (*p == '>' || *p == '|'))
		tok->op = *p++ == '>' ? SH_REDIR_APPEND : SH_REDIR_OUT;
	else if (*p == '&') {
		p++;
		tok->op = SH_REDIR_DUP;
		if (*p == '-') {
			p++;
		} else if (isdigit((unsigned char)*p)) {
			tok->dup_fd = (int)strtol(p, (char **)&p, 10);
		} else {
			*err = "expected a descriptor number after >& or <&";
			return -1;
		}
	}
	return p - s;
}

/* Reads one operator at s into t; returns the characters used or -1. */
static long operator(const char *s, struct sh_tokens *t, const char **err)
{
	if (s[0] == '&' && s[1] == '&')
		return push(t, SH_TOK_AND), 2;
	if (s[0] == '|' && s[1] == '|')
		return push(t, SH_TOK_OR), 2;
	if (s[0] == '|')
		return push(t, SH_TOK_PIPE), 1;
	if (s[0] == ';')
		return push(t, SH_TOK_SEMI), 1;
	if (s[0] == '\n')
		return push(t, SH_TOK_NEWLINE), 1;
	if (s[0] == '<' || s[0] == '>')
		return redir(s, -1, push(t, SH_TOK_REDIR), err);
	*err = "background jobs (&) are not supported";
	return -1;
}

/* Reads the token at s; returns the characters used, -1 on error (*err
 * set) or -2 if incomplete. */
static long token(const char *s, struct sh_tokens *t, const char **err)
{
	size_t digits = strspn(s, "0123456789");
	if (digits && digits < 6 && (s[digits] == '<' || s[digits] == '>')) {
		long n = redir(s + digits, atoi(s), push(t, SH_TOK_REDIR), err);
		return n < 0 ? n : n + (long)digits;
	}
	if (is_delim(*s))
		return operator(s, t, err);
	long n = word_len(s);
	if (n < 0)
		return -2;
	char *w = sh_xmalloc((size_t)n + 1);
	memcpy(w, s, (size_t)n);
	w[n] = '\0';
	push(t, SH_TOK_WORD)->text = w;
	return n;
}

int sh_lex(const char *src, struct sh_tokens *out, const char **err)
{
	const char *p = src;
	for (;;) {
		if (*p == ' ' || *p == '\t') {
			p++;
		} else if (p[0] == '\\' && p[1] == '\n') {
			p += 2;
		} else if (*p == '#') {
			p += strcspn(p, "\n");
		} else if (*p == '\0') {
			return SH_LEX_OK;
		} else {
			long n = token(p, out, err);
			if (n == -2)
				return SH_LEX_INCOMPLETE;
			if (n < 0)
				return SH_LEX_ERROR;
			p += n;
		}
	}
}

void sh_tokens_free(struct sh_tokens *t)
{
	for (size_t i = 0; i < t->n; i++)
		free(t->v[i].text);
	free(t->v);
	*t = (struct sh_tokens){ 0 };
}
