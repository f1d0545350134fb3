// SPDX-License-Identifier: MIT
/* The built-ins about variables and parameters: export, readonly, unset,
 * set (options and $1..), shift, local and getopts. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "bi.h"

/* Prints prefix name='value' with the value quoted for the shell. */
static void print_var(const char *prefix, const struct sh_var *v)
{
	struct sh_str s = { 0 };
	sh_str_add(&s, prefix, strlen(prefix));
	sh_str_add(&s, v->name, strlen(v->name));
	if (v->value) {
		sh_str_add(&s, "='", 2);
		for (const char *p = v->value; *p; p++)
			*p == '\'' ? sh_str_add(&s, "'\\''", 4) : sh_str_addc(&s, *p);
		sh_str_addc(&s, '\'');
	}
	dprintf(1, "%s\n", s.s);
	sh_str_free(&s);
}

static int by_name(const void *a, const void *b)
{
	return strcmp((*(const struct sh_var *const *)a)->name, (*(const struct sh_var *const *)b)->name);
}

/* Prints the variables in name order: all, or those exported/read-only. */
static void print_vars(struct sh_state *sh, const char *prefix, int exported, int readonly)
{
	const struct sh_var **v = sh_xmalloc((sh->vars.n + 1) * sizeof(*v));
	size_t n = 0;
	for (size_t i = 0; i < sh->vars.n; i++) {
		const struct sh_var *var = &sh->vars.v[i];
		if ((!exported || var->exported) && (!readonly || var->readonly) &&
		    (exported || readonly || var->value))
			v[n++] = var;
	}
	qsort(v, n, sizeof(*v), by_name);
	for (size_t i = 0; i < n; i++)
		print_var(prefix, v[i]);
	free(v);
}

/* export and readonly: name[=value]..., or -p / nothing to list. */
static int mark(struct sh_state *sh, char **argv, int readonly)
{
	int st = 0, i = 1;
	if (argv[i] && !strcmp(argv[i], "-p"))
		i++;
	if (!argv[i])
		print_vars(sh, readonly ? "readonly " : "export ", !readonly, readonly);
	for (; argv[i]; i++) {
		char *name = sh_xstrdup(argv[i]), *eq = strchr(name, '=');
		if (eq)
			*eq = '\0';
		if (!sh_var_name_ok(name)) {
			sh_error(sh, "%s: %s: bad variable name", argv[0], name);
			st = 1;
		} else if (eq && sh_var_set(&sh->vars, name, eq + 1, !readonly) < 0) {
			sh_error(sh, "%s: is read only", name);
			st = 1;
		} else if (readonly) {
			sh_var_readonly(&sh->vars, name);
		} else {
			sh_var_export(&sh->vars, name);
		}
		free(name);
	}
	if (st)
		sh_fatal(sh, 2);
	return st;
}

int sh_bi_export(struct sh_state *sh, char **argv)
{
	return mark(sh, argv, 0);
}

int sh_bi_readonly(struct sh_state *sh, char **argv)
{
	return mark(sh, argv, 1);
}

static void unset_func(struct sh_state *sh, const char *name)
{
	struct sh_func *f = sh_func_find(sh, name);
	if (!f)
		return;
	free(f->name);
	if (!sh->calls)
		sh_node_free(f->body);
	*f = sh->funcs[--sh->nfuncs];
}

int sh_bi_unset(struct sh_state *sh, char **argv)
{
	int i = 1, funcs = 0, st = 0;
	for (; argv[i] && (!strcmp(argv[i], "-f") || !strcmp(argv[i], "-v")); i++)
		funcs = argv[i][1] == 'f';
	for (; argv[i]; i++) {
		if (funcs) {
			unset_func(sh, argv[i]);
		} else if (sh_var_unset(&sh->vars, argv[i]) < 0) {
			sh_error(sh, "unset: %s: is read only", argv[i]);
			st = 1;
		}
	}
	if (st)
		sh_fatal(sh, 2);
	return st;
}

static const struct {
	char letter;
	const char *name;
	size_t offset;
} options[] = {
	{ 'e', "errexit", offsetof(struct sh_opts, errexit) },
	{ 'u', "nounset", offsetof(struct sh_opts, nounset) },
	{ 'x', "xtrace", offsetof(struct sh_opts, xtrace) },
	{ 'f', "noglob", offsetof(struct sh_opts, noglob) },
	{ 'C', "noclobber", offsetof(struct sh_opts, noclobber) },
	{ 'v', "verbose", offsetof(struct sh_opts, verbose) },
	{ 'n', "noexec", offsetof(struct sh_opts, noexec) },
	{ 'm', "monitor", offsetof(struct sh_opts, monitor) },
};

/* Sets option letter (or name) on or off; returns 0 or -1. */
int sh_set_option(struct sh_state *sh, char letter, const char *name, int on)
{
	for (size_t i = 0; i < sizeof(options) / sizeof(options[0]); i++) {
		if (name ? !strcmp(name, options[i].name) : letter == options[i].letter) {
			*(int *)((char *)&sh->opt + options[i].offset) = on;
			return 0;
		}
	}
	if (name)
		sh_error(sh, "set: %s: bad option name", name);
	else
		sh_error(sh, "set: -%c: bad option", letter);
	return -1;
}

/* $-: the letters of the options that are on. */
const char *sh_option_letters(struct sh_state *sh)
{
	size_t n = 0;
	for (size_t i = 0; i < sizeof(options) / sizeof(options[0]); i++)
		if (*(int *)((char *)&sh->opt + options[i].offset))
			sh->num_buf[n++] = options[i].letter;
	if (sh->interactive)
		sh->num_buf[n++] = 'i';
	sh->num_buf[n] = '\0';
	return sh->num_buf;
}

static void print_options(struct sh_state *sh)
{
	for (size_t i = 0; i < sizeof(options) / sizeof(options[0]); i++)
		dprintf(1, "%-16s%s\n", options[i].name,
			*(int *)((char *)&sh->opt + options[i].offset) ? "on" : "off");
}

/* Reads set's options from argv; returns the index of the first operand
 * (-1 after an error); *dashdash says "--" or "-" ended the options. */
static int set_options(struct sh_state *sh, char **argv, int *dashdash)
{
	int i = 1;
	*dashdash = 0;
	for (; argv[i] && (argv[i][0] == '-' || argv[i][0] == '+'); i++) {
		int on = argv[i][0] == '-';
		if (!strcmp(argv[i], "--") || !strcmp(argv[i], "-")) {
			*dashdash = 1;
			return i + 1;
		}
		for (const char *o = argv[i] + 1; *o; o++) {
			if (*o != 'o') {
				if (sh_set_option(sh, *o, NULL, on) < 0)
					return -1;
			} else if (!argv[i + 1]) {
				print_options(sh);
			} else if (sh_set_option(sh, 0, argv[++i], on) < 0) {
				return -1;
			}
		}
	}
	return i;
}

int sh_bi_set(struct sh_state *sh, char **argv)
{
	int dashdash;
	if (!argv[1]) {
		print_vars(sh, "", 0, 0);
		return 0;
	}
	int i = set_options(sh, argv, &dashdash);
	if (i < 0) {
		sh_fatal(sh, 2);
		return 2;
	}
	if (argv[i] || dashdash) {
		int n = 0;
		while (argv[i + n])
			n++;
		sh_set_params(sh, argv + i, n);
	}
	return 0;
}

int sh_bi_shift(struct sh_state *sh, char **argv)
{
	int n = argv[1] ? atoi(argv[1]) : 1;
	if (n < 0 || n > sh->nparams) {
		sh_error(sh, "shift: can't shift that many");
		sh_fatal(sh, 2);
		return 1;
	}
	char **rest = sh->params + n;
	int left = sh->nparams - n;
	char **keep = sh_xmalloc((size_t)(left + 1) * sizeof(*keep));
	for (int i = 0; i < left; i++)
		keep[i] = sh_xstrdup(rest[i]);
	keep[left] = NULL;
	sh_set_params(sh, keep, left);
	for (int i = 0; i < left; i++)
		free(keep[i]);
	free(keep);
	return 0;
}

int sh_bi_local(struct sh_state *sh, char **argv)
{
	int st = 0;
	if (!sh->scope) {
		sh_error(sh, "local: not in a function");
		return 1;
	}
	for (int i = 1; argv[i]; i++) {
		char *name = sh_xstrdup(argv[i]), *eq = strchr(name, '=');
		if (eq)
			*eq = '\0';
		if (!sh_var_name_ok(name)) {
			sh_error(sh, "local: %s: bad variable name", name);
			st = 1;
		} else {
			sh_scope_save(sh->scope, &sh->vars, name);
			if (eq && sh_var_set(&sh->vars, name, eq + 1, 0) < 0) {
				sh_error(sh, "%s: is read only", name);
				st = 1;
			}
		}
		free(name);
	}
	return st;
}
