/* SPDX-License-Identifier: MIT */
/* Shared by expand.c (words, quotes, fields) and expand_param.c (the
 * $ forms): the builder that a word is expanded into. Not for other parts
 * of the shell. */
#pragma once
#include "expand.h"

struct sh_builder {
	const struct sh_expander *x;
	struct sh_strv *out;    /* NULL: one string, no splitting or globbing */
	struct sh_str text;     /* the field so far */
	struct sh_str pat;      /* the same with quoted characters escaped */
	int started;            /* a quote began the field: keep it if empty */
	int has_glob;           /* an unquoted * ? [ is in the field */
	int dq;                 /* inside double quotes */
	int heredoc;            /* a here-document body: quotes are literal */
	int after_ws;           /* the last field ended at IFS white space */
	int dq_other;           /* these quotes hold something besides "$@" */
	int dq_at_empty;        /* these quotes hold a "$@" with no parameters */
	int split_literal;      /* an operand of ${x-y}: unquoted text splits */
	int assignment;         /* an assignment's value: ~ also after each : */
	int failed;             /* an error was reported: stop */
};

void sh_xb_char(struct sh_builder *b, char c, int quoted);
void sh_xb_end_field(struct sh_builder *b);
/* Adds a substituted value: quoted inside "", else split on $IFS. */
void sh_xb_value(struct sh_builder *b, const char *v);
/* Adds one character of a substituted value, as sh_xb_value does. */
void sh_xb_value_char(struct sh_builder *b, char c);
/* Expands [p, end) into b. */
void sh_xb_scan(struct sh_builder *b, const char *p, const char *end);
/* Expands [p, end) on its own: to a string (pattern 0) or to a pattern. */
char *sh_xb_sub(struct sh_builder *parent, const char *p, const char *end, int pattern);
/* Reports an error (printf format) and marks b failed. */
void sh_xb_fail(struct sh_builder *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The $ forms (expand_param.c): p at '$' or '`'; return where to go on. */
const char *sh_xb_dollar(struct sh_builder *b, const char *p);
const char *sh_xb_backquote(struct sh_builder *b, const char *p);
