// SPDX-License-Identifier: MIT
/* Simple commands (see sh.h): sh_run_simple expands the words, then runs
 * a special built-in, a function, a built-in or a program found on $PATH,
 * in that order. Assignments before a special built-in stay; before a
 * function or a built-in they last for that command; before a program
 * they go to its environment only. A program runs in a forked child made
 * a job (jobs.c), or replaces this process when it is the last thing a
 * child shell does (sh->exec_ok). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "sh.h"

#define DEFAULT_PATH "/bin:/sbin"

int sh_find_program(struct sh_state *sh, const char *name, struct sh_str *path)
{
	path->len = 0;
	if (strchr(name, '/')) {
		sh_str_add(path, name, strlen(name));
		return 0;
	}
	const char *dirs = sh_var_get(&sh->vars, "PATH");
	for (dirs = dirs ? dirs : DEFAULT_PATH;; dirs++) {
		size_t n = strcspn(dirs, ":");
		struct stat st;
		path->len = 0;
		sh_str_add(path, n ? dirs : ".", n ? n : 1);
		sh_str_addc(path, '/');
		sh_str_add(path, name, strlen(name));
		if (stat(path->s, &st) == 0 && S_ISREG(st.st_mode))
			return 0;
		dirs += n;
		if (!*dirs)
			return -1;
	}
}

/* A file that execve refused as not a program: run it as a script here. */
static int run_as_script(struct sh_state *sh, const char *path, char **argv)
{
	int n = 0;
	while (argv[n + 1])
		n++;
	free(sh->arg0);
	sh->arg0 = sh_xstrdup(path);
	sh_set_params(sh, argv + 1, n);
	sh->nfuncs = 0;
	sh_exit(sh, sh_run_file(sh, path));
}

int sh_exec_program(struct sh_state *sh, char **argv)
{
	struct sh_str path = { 0 };
	struct sh_strv env = { 0 };
	if (sh_find_program(sh, argv[0], &path) < 0) {
		sh_error(sh, "%s: not found", argv[0]);
		sh_str_free(&path);
		return 127;
	}
	sh_vars_environ(&sh->vars, &env);
	execve(path.s, argv, env.v ? env.v : (char *[]){ NULL });
	int err = errno;
	sh_strv_free(&env);
	if (err == ENOEXEC)
		run_as_script(sh, path.s, argv);
	sh_error(sh, "%s: %s", argv[0], strerror(err));
	sh_str_free(&path);
	return err == ENOENT ? 127 : 126;
}

/* Sets the command's NAME=value words (export: exported, scope: saving
 * the old values there first). Returns 0, or -1 after an error. */
static int assign(struct sh_state *sh, const struct sh_node *n, int export, struct sh_scope *scope)
{
	struct sh_expander x = sh_expander_of(sh);
	for (size_t i = 0; i < n->nassigns; i++) {
		char *name = sh_xstrdup(n->assigns[i]);
		char *eq = strchr(name, '=');
		*eq = '\0';
		char *value = sh_expand_assignment(eq + 1, &x);
		int r = value ? 0 : -2;
		if (value && scope)
			sh_scope_save(scope, &sh->vars, name);
		if (value && sh_var_set(&sh->vars, name, value, export) < 0) {
			sh_error(sh, "%s: is read only", name);
			r = -1;
		}
		free(name);
		free(value);
		if (r < 0)
			return r;
	}
	return 0;
}

/* set -x: the command as it runs, its assignments expanded. */
static void trace(struct sh_state *sh, const struct sh_node *n, const struct sh_strv *argv)
{
	if (!sh->opt.xtrace || (!n->nassigns && !argv->n))
		return;
	struct sh_expander x = sh_expander_of(sh);
	const char *ps4 = sh_var_get(&sh->vars, "PS4");
	struct sh_str s = { 0 };
	sh_str_add(&s, ps4 ? ps4 : "+ ", strlen(ps4 ? ps4 : "+ "));
	for (size_t i = 0; i < n->nassigns + argv->n; i++) {
		/* Expanded again only where that has no side effect. */
		int plain = i < n->nassigns && !strpbrk(n->assigns[i], "`(");
		char *w = plain ? sh_expand_string(n->assigns[i], &x) : NULL;
		const char *word = i < n->nassigns ? (w ? w : n->assigns[i]) : argv->v[i - n->nassigns];
		if (i)
			sh_str_addc(&s, ' ');
		sh_str_add(&s, word, strlen(word));
		free(w);
	}
	sh_str_addc(&s, '\n');
	(void)!write(2, s.s, s.len);
	sh_str_free(&s);
}

/* The body of a child (or of the shell itself, if exec_ok) that runs a
 * program; never returns. */
static _Noreturn void exec_child(struct sh_state *sh, const struct sh_node *n, char **argv)
{
	if (assign(sh, n, 1, NULL) < 0 || sh_redirect(sh, n->redirs, n->nredirs, NULL) < 0)
		_exit(1);
	int st = sh_exec_program(sh, argv);
	fflush(NULL);
	_exit(st);
}

int sh_run_program(struct sh_state *sh, const struct sh_node *n, char **argv, int exec_ok)
{
	if (exec_ok)
		exec_child(sh, n, argv);
	struct sh_job *job = sh_job_new(sh, n);
	pid_t pid = sh_job_fork(sh, job, 1);
	if (pid == 0)
		exec_child(sh, n, argv);
	if (pid < 0) {
		sh_job_remove(sh, job);
		return 2;
	}
	return sh_job_wait_fg(sh, job);
}

/* A built-in or function run in the shell, with its assignments and
 * redirections around it (kept for special built-ins and for exec
 * without a command). */
static int run_in_shell(struct sh_state *sh, const struct sh_node *n, char **argv,
			const struct sh_builtin *bi, struct sh_func *f)
{
	struct sh_saved save = { 0 };
	struct sh_scope scope = { 0 };
	int special = !f && bi->special, st;
	int keep = special && !strcmp(bi->name, "exec") && !argv[1];
	if (assign(sh, n, 0, special ? NULL : &scope) < 0) {
		st = 1;
		sh_fatal(sh, 2);
	} else if (sh_redirect(sh, n->redirs, n->nredirs, keep ? NULL : &save) < 0) {
		st = 1;
		if (special)
			sh_fatal(sh, 1);
	} else {
		st = f ? sh_call_func(sh, f, argv) : bi->fn(sh, argv);
	}
	sh_restore(&save);
	sh_scope_restore(&scope, &sh->vars);
	return st;
}

/* Assignments and redirections without a command. */
static int assign_only(struct sh_state *sh, const struct sh_node *n)
{
	struct sh_saved save = { 0 };
	if (assign(sh, n, 0, NULL) < 0) {
		sh_fatal(sh, 2);
		return 1;
	}
	int st = sh->subst_status >= 0 ? sh->subst_status : 0;
	if (sh_redirect(sh, n->redirs, n->nredirs, &save) < 0)
		st = 1;
	sh_restore(&save);
	return st;
}

int sh_run_simple(struct sh_state *sh, const struct sh_node *n)
{
	struct sh_strv argv = { 0 };
	int exec_ok = sh->exec_ok, st;
	sh->exec_ok = 0;
	sh->subst_status = -1;
	if (sh_expand_words(sh, n->words, n->nwords, &argv) < 0) {
		sh_strv_free(&argv);
		sh_fatal(sh, 2);
		return 2;
	}
	trace(sh, n, &argv);
	if (!argv.n) {
		st = assign_only(sh, n);
	} else {
		const struct sh_builtin *bi = sh_builtin(argv.v[0]);
		struct sh_func *f = bi && bi->special ? NULL : sh_func_find(sh, argv.v[0]);
		if (bi || f)
			st = run_in_shell(sh, n, argv.v, bi, f);
		else
			st = sh_run_program(sh, n, argv.v, exec_ok);
	}
	sh_strv_free(&argv);
	return st;
}
