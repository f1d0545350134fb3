// SPDX-License-Identifier: MIT
/* The read and getopts built-ins. read [-r] [-p prompt] name...: one line
 * from fd 0, a byte at a time (so that what follows the line stays for
 * the next reader), split on $IFS; the last name takes the rest of the
 * line. Without -r a backslash quotes the next character and a
 * backslash-newline joins lines. Status 1 at the end of input. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "bi.h"

struct line {
	struct sh_str text;
	struct sh_str quoted;   /* one byte per text byte: 1 if escaped */
};

static void add(struct line *l, char c, int quoted)
{
	sh_str_addc(&l->text, c);
	sh_str_addc(&l->quoted, (char)quoted);
}

/* Reads a line into l; returns 0 at its newline, 1 at the end of input,
 * 130 after ^C (interactive shells). */
static int read_line(struct line *l, int raw)
{
	int escaped = 0;
	sh_interrupted();
	for (;;) {
		char c;
		ssize_t n = read(0, &c, 1);
		if (n < 0 && errno == EINTR && sh_interrupted())
			return 130;
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return 1;
		if (escaped) {
			escaped = 0;
			if (c != '\n')
				add(l, c, 1);
		} else if (c == '\\' && !raw) {
			escaped = 1;
		} else if (c == '\n') {
			return 0;
		} else {
			add(l, c, 0);
		}
	}
}

static int is_ifs(const struct line *l, size_t i, const char *ifs, int ws)
{
	char c = l->text.s[i];
	return !l->quoted.s[i] && strchr(ifs, c) && (ws < 0 || !!strchr(" \t\n", c) == ws);
}

/* Splits l over names as read does. */
static int assign(struct sh_state *sh, char **names, const struct line *l)
{
	const char *ifs = sh_var_get(&sh->vars, "IFS");
	size_t i = 0, len = l->text.len;
	int st = 0;
	if (!ifs)
		ifs = " \t\n";
	while (i < len && is_ifs(l, i, ifs, 1))
		i++;
	for (int k = 0; names[k]; k++) {
		size_t start = i, end;
		if (!names[k + 1]) {
			end = len;
			while (end > start && is_ifs(l, end - 1, ifs, 1))
				end--;
			i = len;
		} else {
			while (i < len && !is_ifs(l, i, ifs, -1))
				i++;
			end = i;
			while (i < len && is_ifs(l, i, ifs, 1))
				i++;
			if (i < len && is_ifs(l, i, ifs, 0))
				i++;
			while (i < len && is_ifs(l, i, ifs, 1))
				i++;
		}
		char *v = sh_xmalloc(end - start + 1);
		memcpy(v, l->text.s + start, end - start);
		v[end - start] = '\0';
		if (sh_var_set(&sh->vars, names[k], v, 0) < 0) {
			sh_error(sh, "read: %s: is read only", names[k]);
			st = 2;
		}
		free(v);
	}
	return st;
}

int sh_bi_read(struct sh_state *sh, char **argv)
{
	int i = 1, raw = 0;
	for (; argv[i] && argv[i][0] == '-' && argv[i][1]; i++) {
		if (!strcmp(argv[i], "--")) {
			i++;
			break;
		}
		if (!strcmp(argv[i], "-r")) {
			raw = 1;
		} else if (!strcmp(argv[i], "-p") && argv[i + 1]) {
			dprintf(2, "%s", argv[++i]);
		} else {
			sh_error(sh, "read: %s: bad option", argv[i]);
			return 2;
		}
	}
	char *reply[] = { "REPLY", NULL };
	char **names = argv[i] ? argv + i : reply;
	struct line l = { { 0 }, { 0 } };
	sh_str_add(&l.text, "", 0);
	sh_str_add(&l.quoted, "", 0);
	int st = read_line(&l, raw);
	int r = assign(sh, names, &l);
	sh_str_free(&l.text);
	sh_str_free(&l.quoted);
	return r ? r : st;
}

/* getopts: the arguments it scans, the positional parameters by default. */
static char **scanned(struct sh_state *sh, char **argv, int *n)
{
	*n = 0;
	if (argv[3]) {
		while (argv[3 + *n])
			(*n)++;
		return argv + 3;
	}
	*n = sh->nparams;
	return sh->params;
}

static void set_num(struct sh_state *sh, const char *name, long v)
{
	char buf[24];
	snprintf(buf, sizeof(buf), "%ld", v);
	sh_var_set(&sh->vars, name, buf, 0);
}

/* The option at args[*ind - 1][sh->getopts_pos]; returns getopts' status. */
static int next_option(struct sh_state *sh, const char *spec, const char *name, char **args,
		       int n, int *ind)
{
	const char *arg = args[*ind - 1];
	char c = arg[sh->getopts_pos++], opt[3] = { '?', 0, 0 };
	int silent = spec[0] == ':';
	const char *p = c != ':' ? strchr(spec + silent, c) : NULL;
	sh_var_unset(&sh->vars, "OPTARG");
	if (!p) {
		if (silent)
			sh_var_set(&sh->vars, "OPTARG", (char[]){ c, 0 }, 0);
		else
			sh_error(sh, "getopts: illegal option -- %c", c);
	} else if (p[1] != ':') {
		opt[0] = c;
	} else if (arg[sh->getopts_pos] || *ind < n) {
		sh_var_set(&sh->vars, "OPTARG", arg[sh->getopts_pos] ? arg + sh->getopts_pos : args[(*ind)++], 0);
		sh->getopts_pos = 0;
		(*ind)++;
		opt[0] = c;
	} else if (silent) {
		opt[0] = ':';
		sh_var_set(&sh->vars, "OPTARG", (char[]){ c, 0 }, 0);
	} else {
		sh_error(sh, "getopts: option requires an argument -- %c", c);
	}
	if (sh->getopts_pos && !arg[sh->getopts_pos]) {
		sh->getopts_pos = 0;
		(*ind)++;
	}
	sh_var_set(&sh->vars, name, opt, 0);
	return 0;
}

int sh_bi_getopts(struct sh_state *sh, char **argv)
{
	if (!argv[1] || !argv[2]) {
		sh_error(sh, "getopts: usage: getopts optstring name [arg...]");
		return 2;
	}
	int n;
	char **args = scanned(sh, argv, &n);
	const char *optind = sh_var_get(&sh->vars, "OPTIND");
	int ind = optind ? atoi(optind) : 1;
	if (ind < 1 || ind != sh->getopts_ind)
		sh->getopts_pos = 0;
	if (ind < 1)
		ind = 1;
	int st = 1;
	if (sh->getopts_pos) {
		st = next_option(sh, argv[1], argv[2], args, n, &ind);
	} else if (ind <= n && args[ind - 1][0] == '-' && args[ind - 1][1]) {
		if (!strcmp(args[ind - 1], "--")) {
			ind++;
		} else {
			sh->getopts_pos = 1;
			st = next_option(sh, argv[1], argv[2], args, n, &ind);
		}
	}
	if (st)
		sh_var_set(&sh->vars, argv[2], "?", 0);
	set_num(sh, "OPTIND", ind);
	sh->getopts_ind = ind;
	return st;
}
