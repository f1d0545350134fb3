/* SPDX-License-Identifier: MIT */
/* Word expansion: removes quotes and backslashes, substitutes $NAME,
 * ${NAME}, $?, $$, $#, $0..$9 and a leading ~, splits unquoted
 * substitutions on blanks and hands words with unquoted * ? [ to a glob
 * callback. Pure: variables come from the caller's lookup callback. */
#pragma once
#include "sh_buf.h"

struct sh_expander {
	/* Returns the value of name ("?", "$", "HOME", "1", ...) or NULL. */
	const char *(*lookup)(void *ctx, const char *name);
	/* Appends the paths matching pattern (glob(3) syntax, quoted
	 * characters escaped by backslashes) and returns how many; may be NULL
	 * (no globbing). With no match the word is kept as written. */
	int (*glob)(void *ctx, const char *pattern, struct sh_strv *out);
	void *ctx;
};

/* Appends the fields raw expands to (none for an unquoted empty value). */
void sh_expand_word(const char *raw, const struct sh_expander *x, struct sh_strv *out);
/* Expands raw to one string, without splitting or globbing (assignment
 * values, redirection targets). The caller frees the result. */
char *sh_expand_string(const char *raw, const struct sh_expander *x);
