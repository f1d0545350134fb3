// SPDX-License-Identifier: MIT
/* The $ forms of word expansion (see expand_int.h): parameters, $@ and $*,
 * ${x-y} ${x:-y} ${x=y} ${x?y} ${x+y} (and their colon forms) ${#x}
 * ${x%y} ${x%%y} ${x#y} ${x##y}, command substitution and arithmetic. */
#include <ctype.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "arith.h"
#include "expand_int.h"
#include "lex.h"

#define NAME_MAX_LEN 128

static int assign_refused(void *ctx, const char *name, const char *value)
{
	(void)ctx, (void)name, (void)value;
	return -1;
}

/* "$*" and $@ outside splitting: the parameters joined by sep. */
static char *joined(struct sh_builder *b, char sep)
{
	int n;
	char *const *v = b->x->params(b->x->ctx, &n);
	struct sh_str s = { 0 };
	for (int i = 0; i < n; i++) {
		if (i && sep)
			sh_str_addc(&s, sep);
		sh_str_add(&s, v[i], strlen(v[i]));
	}
	return sh_str_take(&s);
}

static char ifs_sep(struct sh_builder *b)
{
	const char *ifs = b->x->lookup(b->x->ctx, "IFS");
	return ifs ? ifs[0] : ' ';
}

/* $@ or $* (c) without an operator. */
static void at_star(struct sh_builder *b, char c)
{
	int n;
	char *const *v = b->x->params(b->x->ctx, &n);
	if (b->out && (!b->dq || c == '@')) {
		if (!n && b->dq)
			b->dq_at_empty = 1;
		for (int i = 0; i < n; i++) {
			if (i && (b->dq || b->started || b->text.len)) {
				b->started |= b->dq;
				sh_xb_end_field(b);
			}
			sh_xb_value(b, v[i]);
		}
		return;
	}
	char *s = joined(b, c == '*' ? ifs_sep(b) : ' ');
	sh_xb_value(b, s);
	free(s);
}

/* The value of name (NULL: unset); *owned is set when the caller frees it. */
static const char *value_of(struct sh_builder *b, const char *name, char **owned)
{
	*owned = NULL;
	if (strcmp(name, "@") && strcmp(name, "*"))
		return b->x->lookup(b->x->ctx, name);
	int n;
	b->x->params(b->x->ctx, &n);
	return n ? (*owned = joined(b, name[0] == '*' ? ifs_sep(b) : ' ')) : NULL;
}

static void param(struct sh_builder *b, const char *name)
{
	if (!strcmp(name, "@") || !strcmp(name, "*")) {
		at_star(b, name[0]);
		return;
	}
	const char *v = b->x->lookup(b->x->ctx, name);
	if (!v && b->x->nounset)
		sh_xb_fail(b, "%s: parameter not set", name);
	else
		sh_xb_value(b, v);
}

/* The length of the parameter name at s (before end), 0 if none. */
static size_t name_len(const char *s, const char *end)
{
	size_t n = 0;
	if (s < end && strchr("@*#?-$!", *s))
		return 1;
	if (s < end && isdigit((unsigned char)*s)) {
		while (s + n < end && isdigit((unsigned char)s[n]))
			n++;
		return n;
	}
	if (s >= end || (!isalpha((unsigned char)*s) && *s != '_'))
		return 0;
	while (s + n < end && (isalnum((unsigned char)s[n]) || s[n] == '_'))
		n++;
	return n;
}

/* value with the shortest/longest (longest) prefix (prefix) or suffix
 * matching pat removed; returns a new string. */
static char *trim(const char *v, const char *pat, int prefix, int longest)
{
	size_t len = strlen(v);
	char *s = sh_xstrdup(v);
	for (size_t k = 0; k <= len; k++) {
		size_t cut = longest ? len - k : k;     /* characters removed */
		if (prefix) {
			char save = s[cut];
			s[cut] = '\0';
			int m = fnmatch(pat, s, 0) == 0;
			s[cut] = save;
			if (m) {
				memmove(s, s + cut, len - cut + 1);
				return s;
			}
		} else if (fnmatch(pat, s + len - cut, 0) == 0) {
			s[len - cut] = '\0';
			return s;
		}
	}
	return s;
}

struct op {
	const char *name;
	const char *v;          /* the value, NULL if unset */
	int colon;              /* ":": empty counts as unset */
	char op;                /* - = ? + % # */
	int twice;              /* %% or ## */
	const char *word, *end; /* the operand */
};

/* Expands the operand of ${x-y} or ${x+y} into b itself. */
static void operand(struct sh_builder *b, const struct op *o)
{
	int split = b->split_literal;
	b->split_literal = 1;
	sh_xb_scan(b, o->word, o->end);
	b->split_literal = split;
}

static void apply_op(struct sh_builder *b, const struct op *o)
{
	int unset = !o->v || (o->colon && !*o->v);
	char *w;
	switch (o->op) {
	case '-':
		unset ? operand(b, o) : sh_xb_value(b, o->v);
		return;
	case '+':
		if (!unset)
			operand(b, o);
		return;
	case '=':
		if (!unset)
			return sh_xb_value(b, o->v);
		if (!(w = sh_xb_sub(b, o->word, o->end, 0)))
			return;
		if (!isalpha((unsigned char)o->name[0]) && o->name[0] != '_')
			sh_xb_fail(b, "%s: cannot assign in this way", o->name);
		else if ((b->x->assign ? b->x->assign : assign_refused)(b->x->ctx, o->name, w) < 0)
			b->failed = 1;
		else
			sh_xb_value(b, w);
		free(w);
		return;
	case '?':
		if (!unset)
			return sh_xb_value(b, o->v);
		w = sh_xb_sub(b, o->word, o->end, 0);
		if (w)
			sh_xb_fail(b, "%s: %s", o->name, *w ? w : o->colon ? "parameter not set or null" : "parameter not set");
		free(w);
		return;
	}
	if (!o->v && b->x->nounset)
		return sh_xb_fail(b, "%s: parameter not set", o->name);
	if (!(w = sh_xb_sub(b, o->word, o->end, 1)))
		return;
	char *t = trim(o->v ? o->v : "", w, o->op == '#', o->twice);
	sh_xb_value(b, t);
	free(t);
	free(w);
}

static void length(struct sh_builder *b, const char *name)
{
	char num[24], *owned;
	const char *v = value_of(b, name, &owned);
	int n;
	if (!v && b->x->nounset && strcmp(name, "@") && strcmp(name, "*"))
		return sh_xb_fail(b, "%s: parameter not set", name);
	if (!strcmp(name, "@") || !strcmp(name, "*"))
		b->x->params(b->x->ctx, &n);
	else
		n = v ? (int)strlen(v) : 0;
	snprintf(num, sizeof(num), "%d", n);
	sh_xb_value(b, num);
	free(owned);
}

/* ${...}: p at '$', end after the closing brace. */
static void brace(struct sh_builder *b, const char *p, const char *end)
{
	const char *s = p + 2, *close = end - 1;
	char name[NAME_MAX_LEN];
	int len_form = *s == '#' && s + 1 < close && name_len(s + 1, close) == (size_t)(close - s - 1);
	s += len_form;
	size_t n = name_len(s, close);
	if (!n || n >= sizeof(name))
		return sh_xb_fail(b, "%.*s: bad substitution", (int)(end - p), p);
	memcpy(name, s, n);
	name[n] = '\0';
	s += n;
	if (len_form)
		return length(b, name);
	if (s == close)
		return param(b, name);
	struct op o = { .name = name, .colon = *s == ':' };
	s += o.colon;
	o.op = *s;
	if (!o.op || !strchr("-=?+%#", o.op) || (o.colon && strchr("%#", o.op)))
		return sh_xb_fail(b, "%.*s: bad substitution", (int)(end - p), p);
	o.twice = (o.op == '%' || o.op == '#') && s[1] == o.op;
	o.word = s + 1 + o.twice;
	o.end = close;
	char *owned;
	o.v = value_of(b, name, &owned);
	apply_op(b, &o);
	free(owned);
}

/* Adds the output of the command text, without its trailing newlines. */
static void command(struct sh_builder *b, const char *text, size_t n)
{
	if (!b->x->command) {
		sh_xb_value(b, NULL);
		return;
	}
	char *cmd = sh_xmalloc(n + 1);
	memcpy(cmd, text, n);
	cmd[n] = '\0';
	char *out = b->x->command(b->x->ctx, cmd);
	size_t len = strlen(out);
	while (len && out[len - 1] == '\n')
		out[--len] = '\0';
	sh_xb_value(b, out);
	free(out);
	free(cmd);
}

static void arith(struct sh_builder *b, const char *p, const char *end)
{
	char *expr = sh_xb_sub(b, p, end, 0);
	if (!expr)
		return;
	struct sh_arith_env env = { b->x->lookup, b->x->assign ? b->x->assign : assign_refused,
				    b->x->ctx };
	long v;
	const char *err;
	if (sh_arith(expr, &env, &v, &err) < 0) {
		sh_xb_fail(b, "arithmetic expression: %s: \"%s\"", err, expr);
	} else {
		char num[24];
		snprintf(num, sizeof(num), "%ld", v);
		sh_xb_value(b, num);
	}
	free(expr);
}

const char *sh_xb_dollar(struct sh_builder *b, const char *p)
{
	const char *end = p[1] == '{' || p[1] == '(' ? sh_lex_skip_subst(p, b->dq) : NULL;
	char name[NAME_MAX_LEN];
	if (end && p[1] == '{') {
		brace(b, p, end);
	} else if (end && sh_lex_is_arith(p)) {
		arith(b, p + 3, end - 2);
	} else if (end) {
		command(b, p + 2, (size_t)(end - p - 3));
	} else {
		size_t n = name_len(p + 1, p + 1 + strlen(p + 1));
		if (n && isdigit((unsigned char)p[1]))
			n = 1;
		if (!n || n >= sizeof(name)) {
			sh_xb_char(b, '$', 1);
			return p + 1;
		}
		memcpy(name, p + 1, n);
		name[n] = '\0';
		param(b, name);
		end = p + 1 + n;
	}
	return end;
}

const char *sh_xb_backquote(struct sh_builder *b, const char *p)
{
	const char *end = sh_lex_skip_subst(p, b->dq);
	if (!end) {
		sh_xb_char(b, '`', 1);
		return p + 1;
	}
	struct sh_str text = { 0 };
	for (const char *q = p + 1; q < end - 1; q++) {
		if (*q == '\\' && q + 1 < end - 1 && strchr(b->dq ? "$`\\\"" : "$`\\", q[1]))
			q++;
		sh_str_addc(&text, *q);
	}
	command(b, text.s ? text.s : "", text.len);
	sh_str_free(&text);
	return end;
}
