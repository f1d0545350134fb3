/* SPDX-License-Identifier: MIT */
/* Growable byte strings (struct sh_str) and NULL-terminated string arrays
 * (struct sh_strv) used by every part of the shell. Allocation failure
 * ends the shell with status 2 ("sh: out of memory"): nothing here fails. */
#pragma once
#include <stddef.h>

struct sh_str {
	char *s;        /* NUL-terminated; NULL until the first append */
	size_t len, cap;
};

struct sh_strv {
	char **v;       /* NULL-terminated; NULL until the first push */
	size_t n, cap;
};

void *sh_xmalloc(size_t n);
void *sh_xrealloc(void *p, size_t n);
char *sh_xstrdup(const char *s);

void sh_str_addc(struct sh_str *b, char c);
void sh_str_add(struct sh_str *b, const char *s, size_t n);
/* Returns the string (never NULL, "" when empty) and leaves b empty. */
char *sh_str_take(struct sh_str *b);
void sh_str_free(struct sh_str *b);

/* Appends s, which the array now owns. */
void sh_strv_push(struct sh_strv *v, char *s);
void sh_strv_free(struct sh_strv *v);
