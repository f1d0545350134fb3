// SPDX-License-Identifier: MIT
/* Word expansion for the shell (see expand.h): sh_expand_word,
 * sh_expand_string, sh_expand_pattern and sh_expand_heredoc, with quote
 * removal and field splitting. A field is built in two forms at once: its
 * text, and a pattern in which quoted characters are escaped, used for
 * globbing only if an unquoted glob character appeared. The $ forms are
 * in expand_param.c. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "expand_int.h"

void sh_xb_char(struct sh_builder *b, char c, int quoted)
{
	sh_str_addc(&b->text, c);
	if (quoted && strchr("*?[]\\", c))
		sh_str_addc(&b->pat, '\\');
	else if (!quoted && strchr("*?[", c))
		b->has_glob = 1;
	sh_str_addc(&b->pat, c);
	b->after_ws = 0;
	if (b->dq)
		b->dq_other = 1;
}

void sh_xb_end_field(struct sh_builder *b)
{
	if (b->out && (b->started || b->text.len)) {
		const struct sh_expander *x = b->x;
		if (!(b->has_glob && x->glob && x->glob(x->ctx, b->pat.s, b->out) > 0))
			sh_strv_push(b->out, sh_str_take(&b->text));
	}
	sh_str_free(&b->text);
	sh_str_free(&b->pat);
	b->started = b->has_glob = 0;
}

void sh_xb_fail(struct sh_builder *b, const char *fmt, ...)
{
	char msg[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (!b->failed && b->x->error)
		b->x->error(b->x->ctx, msg);
	b->failed = 1;
}

/* One character of an unquoted value being split on ifs. */
static void split_char(struct sh_builder *b, char c, const char *ifs)
{
	int content = b->started || b->text.len;
	if (!strchr(ifs, c)) {
		sh_xb_char(b, c, 0);
	} else if (strchr(" \t\n", c)) {
		if (content) {
			sh_xb_end_field(b);
			b->after_ws = 1;
		}
	} else {
		if (content || !b->after_ws) {
			b->started = 1;
			sh_xb_end_field(b);
		}
		b->after_ws = 0;
	}
}

void sh_xb_value_char(struct sh_builder *b, char c)
{
	if (b->out && !b->dq) {
		const char *ifs = b->x->lookup(b->x->ctx, "IFS");
		split_char(b, c, ifs ? ifs : " \t\n");
	} else {
		sh_xb_char(b, c, b->dq);
	}
}

void sh_xb_value(struct sh_builder *b, const char *v)
{
	if (b->dq)
		b->dq_other = 1;
	for (; v && *v; v++)
		sh_xb_value_char(b, *v);
}

/* A backslash at p; returns where scanning goes on. */
static const char *backslash(struct sh_builder *b, const char *p)
{
	char next = p[1];
	if (next == '\n')
		return p + 2;
	int escapes = !b->dq || (next && strchr(b->heredoc ? "$`\\" : "$`\"\\", next));
	if (!next || !escapes) {
		sh_xb_char(b, '\\', 1);
		return p + 1;
	}
	sh_xb_char(b, next, 1);
	return p + 2;
}

static const char *single_quote(struct sh_builder *b, const char *p, const char *end)
{
	b->started = 1;
	for (p++; p < end && *p != '\''; p++)
		sh_xb_char(b, *p, 1);
	return p < end ? p + 1 : p;
}

static const char *double_quote(struct sh_builder *b, const char *p)
{
	b->dq = !b->dq;
	if (b->dq) {
		b->dq_other = b->dq_at_empty = 0;
	} else if (b->dq_other || !b->dq_at_empty) {
		b->started = 1;
	}
	return p + 1;
}

static const char *tilde(struct sh_builder *b, const char *p, const char *end)
{
	if (p < end && p[0] == '~' &&
	    (p + 1 == end || p[1] == '/' || (b->assignment && p[1] == ':'))) {
		const char *home = b->x->lookup(b->x->ctx, "HOME");
		for (; home && *home; home++)
			sh_xb_char(b, *home, 1);
		b->started = 1;
		return p + 1;
	}
	return p;
}

void sh_xb_scan(struct sh_builder *b, const char *p, const char *end)
{
	if (!b->dq)
		p = tilde(b, p, end);
	while (p < end && *p && !b->failed) {
		if (*p == '\'' && !b->dq)
			p = single_quote(b, p, end);
		else if (*p == '"' && !b->heredoc)
			p = double_quote(b, p);
		else if (*p == '\\')
			p = backslash(b, p);
		else if (*p == '$')
			p = sh_xb_dollar(b, p);
		else if (*p == '`')
			p = sh_xb_backquote(b, p);
		else if (*p == ':' && b->assignment && !b->dq)
			sh_xb_char(b, *p, 0), p = tilde(b, p + 1, end);
		else if (b->split_literal && !b->dq)
			sh_xb_value_char(b, *p++);
		else
			sh_xb_char(b, *p++, b->dq);
	}
}

char *sh_xb_sub(struct sh_builder *parent, const char *p, const char *end, int pattern)
{
	struct sh_builder b = { .x = parent->x, .assignment = parent->assignment };
	sh_xb_scan(&b, p, end);
	if (b.failed) {
		parent->failed = 1;
		sh_str_free(&b.text);
		sh_str_free(&b.pat);
		return NULL;
	}
	struct sh_str *keep = pattern ? &b.pat : &b.text;
	sh_str_free(pattern ? &b.text : &b.pat);
	return sh_str_take(keep);
}

int sh_expand_word(const char *raw, const struct sh_expander *x, struct sh_strv *out)
{
	struct sh_builder b = { .x = x, .out = out };
	sh_xb_scan(&b, raw, raw + strlen(raw));
	sh_xb_end_field(&b);
	return b.failed ? -1 : 0;
}

char *sh_expand_string(const char *raw, const struct sh_expander *x)
{
	struct sh_builder b = { .x = x };
	return sh_xb_sub(&b, raw, raw + strlen(raw), 0);
}

char *sh_expand_assignment(const char *raw, const struct sh_expander *x)
{
	struct sh_builder b = { .x = x, .assignment = 1 };
	return sh_xb_sub(&b, raw, raw + strlen(raw), 0);
}

char *sh_expand_pattern(const char *raw, const struct sh_expander *x)
{
	struct sh_builder b = { .x = x };
	return sh_xb_sub(&b, raw, raw + strlen(raw), 1);
}

char *sh_expand_heredoc(const char *body, const struct sh_expander *x)
{
	struct sh_builder b = { .x = x, .dq = 1, .heredoc = 1 };
	sh_xb_scan(&b, body, body + strlen(body));
	sh_str_free(&b.pat);
	if (b.failed) {
		sh_str_free(&b.text);
		return NULL;
	}
	return sh_str_take(&b.text);
}
