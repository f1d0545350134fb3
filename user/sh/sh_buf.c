// SPDX-License-Identifier: MIT
/* Growable strings and string arrays for the shell: sh_str_* and sh_strv_*,
 * plus the allocation wrappers that end the shell when memory runs out. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sh_buf.h"

static void out_of_memory(void)
{
	fputs("sh: out of memory\n", stderr);
	exit(2);
}

void *sh_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		out_of_memory();
	return p;
}

void *sh_xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		out_of_memory();
	return p;
}

char *sh_xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;
	return memcpy(sh_xmalloc(n), s, n);
}

void sh_str_add(struct sh_str *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		b->cap = (b->len + n + 1) * 2;
		b->s = sh_xrealloc(b->s, b->cap);
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void sh_str_addc(struct sh_str *b, char c)
{
	sh_str_add(b, &c, 1);
}

char *sh_str_take(struct sh_str *b)
{
	char *s = b->s ? b->s : sh_xstrdup("");
	*b = (struct sh_str){ 0 };
	return s;
}

void sh_str_free(struct sh_str *b)
{
	free(b->s);
	*b = (struct sh_str){ 0 };
}

void sh_strv_push(struct sh_strv *v, char *s)
{
	if (v->n + 2 > v->cap) {
		v->cap = (v->n + 2) * 2;
		v->v = sh_xrealloc(v->v, v->cap * sizeof(*v->v));
	}
	v->v[v->n++] = s;
	v->v[v->n] = NULL;
}

void sh_strv_free(struct sh_strv *v)
{
	for (size_t i = 0; i < v->n; i++)
		free(v->v[i]);
	free(v->v);
	*v = (struct sh_strv){ 0 };
}
