// SPDX-License-Identifier: MIT
/* Word expansion for the shell (see expand.h): sh_expand_word and
 * sh_expand_string. A field is built in two forms at once: its text, and
 * a glob pattern in which quoted characters are escaped, used only if an
 * unquoted glob character appeared. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include "expand.h"

struct builder {
	const struct sh_expander *x;
	struct sh_strv *out;    /* NULL: one string, no splitting or globbing */
	struct sh_str text, pat;
	int started;            /* a quote began the field: keep it if empty */
	int has_glob;
	int dq;                 /* inside double quotes */
};

static void add_char(struct builder *b, char c, int quoted)
{
	sh_str_addc(&b->text, c);
	if (quoted && strchr("*?[\\", c))
		sh_str_addc(&b->pat, '\\');
	else if (!quoted && strchr("*?[", c))
		b->has_glob = 1;
	sh_str_addc(&b->pat, c);
}

static void end_field(struct builder *b)
{
	if (b->started || b->text.len) {
		const struct sh_expander *x = b->x;
		if (!(b->has_glob && x->glob && x->glob(x->ctx, b->pat.s, b->out) > 0))
			sh_strv_push(b->out, sh_str_take(&b->text));
	}
	sh_str_free(&b->text);
	sh_str_free(&b->pat);
	b->started = b->has_glob = 0;
}

/* Adds a substituted value; unquoted, blanks in it separate fields. */
static void add_value(struct builder *b, const char *v)
{
	for (; v && *v; v++) {
		if (b->out && !b->dq && strchr(" \t\n", *v))
			end_field(b);
		else
			add_char(b, *v, 1);
	}
}

/* Copies the name after '$' at p into name[size]; returns its length in
 * the source (braces included) or 0 if no name follows. */
static size_t var_name(const char *p, char *name, size_t size)
{
	size_t n = 0, skip = 0;
	if (*p == '{') {
		const char *end = strchr(p, '}');
		if (!end || end == p + 1)
			return 0;
		n = (size_t)(end - p - 1);
		p++;
		skip = 2;
	} else if ((*p && strchr("?$#", *p)) || isdigit((unsigned char)*p)) {
		n = 1;
	} else {
		while (isalnum((unsigned char)p[n]) || p[n] == '_')
			n++;
		if (n && isdigit((unsigned char)p[0]))
			n = 1;
	}
	size_t copy = n < size ? n : size - 1;
	memcpy(name, p, copy);
	name[copy] = '\0';
	return n ? n + skip : 0;
}

/* Handles '$' at p; returns where scanning goes on. */
static const char *dollar(struct builder *b, const char *p)
{
	char name[128];
	size_t n = var_name(p + 1, name, sizeof(name));
	if (!n) {
		add_char(b, '$', 1);
		return p + 1;
	}
	add_value(b, b->x->lookup(b->x->ctx, name));
	return p + 1 + n;
}

/* Handles a backslash at p; returns where scanning goes on. */
static const char *backslash(struct builder *b, const char *p)
{
	char next = p[1];
	if (next == '\n')
		return p + 2;
	if (!next || (b->dq && !strchr("$`\"\\", next))) {
		add_char(b, '\\', 1);
		return p + 1;
	}
	add_char(b, next, 1);
	return p + 2;
}

static const char *single_quote(struct builder *b, const char *p)
{
	b->started = 1;
	for (p++; *p && *p != '\''; p++)
		add_char(b, *p, 1);
	return *p ? p + 1 : p;
}

static void scan(struct builder *b, const char *p)
{
	if (p[0] == '~' && (p[1] == '/' || !p[1])) {
		const char *home = b->x->lookup(b->x->ctx, "HOME");
		for (; home && *home; home++)
			add_char(b, *home, 1);
		b->started = 1;
		p++;
	}
	while (*p) {
		if (*p == '\'' && !b->dq) {
			p = single_quote(b, p);
		} else if (*p == '"') {
			b->dq = !b->dq;
			b->started = 1;
			p++;
		} else if (*p == '\\') {
			p = backslash(b, p);
		} else if (*p == '$') {
			p = dollar(b, p);
		} else {
			add_char(b, *p, b->dq);
			p++;
		}
	}
}

void sh_expand_word(const char *raw, const struct sh_expander *x, struct sh_strv *out)
{
	struct builder b = { .x = x, .out = out };
	scan(&b, raw);
	end_field(&b);
}

char *sh_expand_string(const char *raw, const struct sh_expander *x)
{
	struct builder b = { .x = x };
	scan(&b, raw);
	sh_str_free(&b.pat);
	return sh_str_take(&b.text);
}
