/* SPDX-License-Identifier: MIT */
/* Word expansion as POSIX orders it: tilde, parameters ($NAME, ${NAME},
 * the special parameters and the ${x:-y} family), command substitution
 * ($(...) and `...`), arithmetic ($((...))), then field splitting on
 * $IFS, pathname expansion and quote removal. Pure: variables, the
 * positional parameters, commands and globbing go through callbacks. */
#pragma once
#include "sh_buf.h"

struct sh_expander {
	/* Returns the value of a variable or a special parameter other than
	 * @ and * ("?", "$", "#", "1", "HOME", ...), or NULL if unset. */
	const char *(*lookup)(void *ctx, const char *name);
	/* The positional parameters $1..$n, for $@ and $*. */
	char *const *(*params)(void *ctx, int *n);
	/* Sets a variable (${x=y}, arithmetic); returns 0 or -1 (read-only,
	 * after saying so). May be NULL: nothing can be set. */
	int (*assign)(void *ctx, const char *name, const char *value);
	/* Appends the paths matching pattern (glob(3) syntax, quoted
	 * characters escaped by backslashes) and returns how many; may be NULL
	 * (no globbing). With no match the word is kept as written. */
	int (*glob)(void *ctx, const char *pattern, struct sh_strv *out);
	/* Runs text as a command substitution; returns its output, which the
	 * caller frees. May be NULL: substitutions give nothing. */
	char *(*command)(void *ctx, const char *text);
	/* Reports an expansion error (the message has no "sh: " prefix). */
	void (*error)(void *ctx, const char *msg);
	void *ctx;
	int nounset;            /* set -u: an unset parameter is an error */
};

/* Appends the fields raw expands to (none for an unquoted empty value).
 * Returns 0, or -1 after an error was reported (fields may be partial). */
int sh_expand_word(const char *raw, const struct sh_expander *x, struct sh_strv *out);
/* Expands raw to one string, without splitting or globbing (assignment
 * values, redirection targets, case words). NULL after an error. */
char *sh_expand_string(const char *raw, const struct sh_expander *x);
/* As sh_expand_string, for the value of an assignment: a ~ after an
 * unquoted : is expanded too (PATH=~/bin:~/sbin). */
char *sh_expand_assignment(const char *raw, const struct sh_expander *x);
/* Expands raw into a pattern for fnmatch: what was quoted is escaped with
 * backslashes (case patterns, ${x%pattern}). NULL after an error. */
char *sh_expand_pattern(const char *raw, const struct sh_expander *x);
/* Expands the body of an unquoted here-document: parameters, command
 * substitution and arithmetic; a backslash only quotes $ ` \ and newline. */
char *sh_expand_heredoc(const char *body, const struct sh_expander *x);
