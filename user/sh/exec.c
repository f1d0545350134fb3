// SPDX-License-Identifier: MIT
/* The executor's dispatch (see sh.h): sh_run_node runs a tree node by
 * kind. Lists, && ||, !, if, loops, case, { } and function definitions
 * run here; simple commands in exec_cmd.c; pipelines, ( ) and & in
 * exec_fork.c. break, continue and return travel up as sh->ctl; set -e
 * is off while sh->tested counts conditions being run. */
#include <fnmatch.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "sh.h"

void sh_error(const struct sh_state *sh, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (sh->started_interactive || !sh->arg0)
		dprintf(2, "sh: %s\n", msg);
	else
		dprintf(2, "%s: %d: %s\n", sh->arg0, sh->lineno, msg);
}

void sh_fatal(struct sh_state *sh, int status)
{
	sh->status = status;
	if (!sh->interactive)
		sh_exit(sh, status);
}

void sh_check_errexit(struct sh_state *sh)
{
	if (sh->opt.errexit && !sh->tested && sh->status != 0 && sh->ctl == SH_CTL_NONE)
		sh_exit(sh, sh->status);
}

/* Runs n as a condition: set -e does not apply inside it. */
static int test_node(struct sh_state *sh, const struct sh_node *n)
{
	sh->tested++;
	int st = sh_run_node(sh, n);
	sh->tested--;
	return st;
}

static int run_list(struct sh_state *sh, const struct sh_node *n)
{
	int st = 0;
	for (size_t i = 0; i < n->nkids && sh->ctl == SH_CTL_NONE; i++) {
		st = sh_run_node(sh, n->kids[i]);
		if (sh_trap_pending())
			sh_traps_run(sh);
	}
	return st;
}

static int run_and_or(struct sh_state *sh, const struct sh_node *n)
{
	int st = test_node(sh, n->kids[0]);
	if (sh->ctl == SH_CTL_NONE && (n->kind == SH_N_AND) == (st == 0))
		st = sh_run_node(sh, n->kids[1]);
	return st;
}

static int run_if(struct sh_state *sh, const struct sh_node *n)
{
	int c = test_node(sh, n->kids[0]);
	if (sh->ctl != SH_CTL_NONE)
		return c;
	if (c == 0)
		return sh_run_node(sh, n->kids[1]);
	return n->nkids > 2 && n->kids[2] ? sh_run_node(sh, n->kids[2]) : 0;
}

/* After part of a loop ran with sh->ctl set: 1 to leave the loop, 0 to
 * go on with its next round. */
static int loop_ctl(struct sh_state *sh)
{
	if (sh->ctl != SH_CTL_BREAK && sh->ctl != SH_CTL_CONTINUE)
		return 1;
	if (--sh->ctl_n > 0)
		return 1;
	int leave = sh->ctl == SH_CTL_BREAK;
	sh->ctl = SH_CTL_NONE;
	return leave;
}

static int run_loop(struct sh_state *sh, const struct sh_node *n)
{
	int st = 0;
	sh->loops++;
	for (;;) {
		int c = test_node(sh, n->kids[0]);
		if (sh->ctl != SH_CTL_NONE) {
			if (loop_ctl(sh))
				break;
			continue;
		}
		if ((c == 0) == (n->kind == SH_N_UNTIL))
			break;
		st = sh_run_node(sh, n->kids[1]);
		if (sh->ctl != SH_CTL_NONE && loop_ctl(sh))
			break;
	}
	sh->loops--;
	return st;
}

static int run_for(struct sh_state *sh, const struct sh_node *n)
{
	struct sh_strv list = { 0 };
	if (!n->has_in) {
		for (int i = 0; i < sh->nparams; i++)
			sh_strv_push(&list, sh_xstrdup(sh->params[i]));
	} else if (sh_expand_words(sh, n->words, n->nwords, &list) < 0) {
		sh_strv_free(&list);
		sh_fatal(sh, 2);
		return 2;
	}
	int st = 0;
	sh->loops++;
	for (size_t i = 0; i < list.n; i++) {
		if (sh_var_set(&sh->vars, n->name, list.v[i], 0) < 0) {
			sh_error(sh, "%s: is read only", n->name);
			st = 1;
			break;
		}
		st = sh_run_node(sh, n->kids[0]);
		if (sh->ctl != SH_CTL_NONE && loop_ctl(sh))
			break;
	}
	sh->loops--;
	sh_strv_free(&list);
	return st;
}

/* Whether any pattern of item matches word; -1 after an expansion error. */
static int item_matches(struct sh_state *sh, const struct sh_case_item *it, const char *word)
{
	struct sh_expander x = sh_expander_of(sh);
	for (size_t j = 0; j < it->npats; j++) {
		char *pat = sh_expand_pattern(it->pats[j], &x);
		if (!pat)
			return -1;
		int m = fnmatch(pat, word, 0) == 0;
		free(pat);
		if (m)
			return 1;
	}
	return 0;
}

static int run_case(struct sh_state *sh, const struct sh_node *n)
{
	struct sh_expander x = sh_expander_of(sh);
	char *word = sh_expand_string(n->words[0], &x);
	int st = 0, m = 0;
	if (!word) {
		sh_fatal(sh, 2);
		return 2;
	}
	for (size_t i = 0; i < n->nitems && !m; i++) {
		m = item_matches(sh, &n->items[i], word);
		if (m > 0)
			st = n->items[i].body ? sh_run_node(sh, n->items[i].body) : 0;
		else if (m < 0)
			st = 2, sh_fatal(sh, 2);
	}
	free(word);
	return st;
}

struct sh_func *sh_func_find(struct sh_state *sh, const char *name)
{
	for (size_t i = 0; i < sh->nfuncs; i++)
		if (!strcmp(sh->funcs[i].name, name))
			return &sh->funcs[i];
	return NULL;
}

/* Defines a function. A body replaced while functions run is not freed:
 * it may be the one running. */
static int define(struct sh_state *sh, const struct sh_node *n)
{
	struct sh_func *f = sh_func_find(sh, n->name);
	if (!f) {
		sh->funcs = sh_xrealloc(sh->funcs, (sh->nfuncs + 1) * sizeof(*sh->funcs));
		f = &sh->funcs[sh->nfuncs++];
		*f = (struct sh_func){ sh_xstrdup(n->name), NULL };
	} else if (!sh->calls) {
		sh_node_free(f->body);
	}
	f->body = sh_node_copy(n->kids[0]);
	return 0;
}

int sh_call_func(struct sh_state *sh, struct sh_func *f, char **argv)
{
	char **params = sh->params;
	int nparams = sh->nparams, loops = sh->loops;
	struct sh_scope scope = { 0 }, *outer = sh->scope;
	int n = 0;
	while (argv[n + 1])
		n++;
	sh->params = NULL;
	sh->nparams = 0;
	sh_set_params(sh, argv + 1, n);
	sh->scope = &scope;
	sh->loops = 0;
	sh->calls++;
	int st = sh_run_node(sh, f->body);
	if (sh->ctl == SH_CTL_RETURN) {
		sh->ctl = SH_CTL_NONE;
		st = sh->status;
	}
	sh->calls--;
	sh->loops = loops;
	sh_scope_restore(&scope, &sh->vars);
	sh->scope = outer;
	sh_set_params(sh, NULL, 0);
	free(sh->params);
	sh->params = params;
	sh->nparams = nparams;
	return st;
}

static int run_compound(struct sh_state *sh, const struct sh_node *n)
{
	switch (n->kind) {
	case SH_N_GROUP: return sh_run_node(sh, n->kids[0]);
	case SH_N_IF: return run_if(sh, n);
	case SH_N_WHILE: case SH_N_UNTIL: return run_loop(sh, n);
	case SH_N_FOR: return run_for(sh, n);
	default: return run_case(sh, n);
	}
}

/* A compound command run in the shell, with its redirections around it. */
static int run_redirected(struct sh_state *sh, const struct sh_node *n)
{
	struct sh_saved save = { 0 };
	if (sh_redirect(sh, n->redirs, n->nredirs, &save) < 0) {
		sh_restore(&save);
		return 1;
	}
	int st = run_compound(sh, n);
	sh_restore(&save);
	return st;
}

int sh_run_node(struct sh_state *sh, const struct sh_node *n)
{
	int st, checked = 0;
	if (!n)
		return sh->status = 0;
	if (n->line)
		sh->lineno = n->line;
	if (n->kind != SH_N_SIMPLE)
		sh->exec_ok = 0;
	switch (n->kind) {
	case SH_N_SIMPLE: st = sh_run_simple(sh, n), checked = 1; break;
	case SH_N_PIPE: st = sh_run_pipe(sh, n), checked = 1; break;
	case SH_N_SUBSHELL: st = sh_run_subshell(sh, n), checked = 1; break;
	case SH_N_AND: case SH_N_OR: st = run_and_or(sh, n); break;
	case SH_N_NOT: st = !test_node(sh, n->kids[0]); break;
	case SH_N_LIST: st = run_list(sh, n); break;
	case SH_N_BG: st = sh_run_bg(sh, n); break;
	case SH_N_FUNC: st = define(sh, n); break;
	default: st = run_redirected(sh, n);
	}
	if (sh->ctl == SH_CTL_ABORT) {
		sh->status = st;
		return st;
	}
	if (sh->ctl != SH_CTL_NONE)
		return sh->status;
	sh->status = st;
	if (checked && st)
		sh_check_errexit(sh);
	return st;
}
