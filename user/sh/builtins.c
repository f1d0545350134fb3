// SPDX-License-Identifier: MIT
/* The shell's built-in commands: cd, pwd, exit, export, unset, history.
 * Entry point sh_builtin(name). They write with dprintf (no stdio
 * buffering), so their output lands in order around redirections. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "sh.h"

static int bi_cd(struct sh_state *sh, char **argv)
{
	const char *dir = argv[1];
	int print = 0;
	if (!dir) {
		dir = sh_var_get(&sh->vars, "HOME");
		dir = dir && *dir ? dir : "/";
	} else if (!strcmp(dir, "-")) {
		dir = sh_var_get(&sh->vars, "OLDPWD");
		print = 1;
		if (!dir) {
			dprintf(2, "sh: cd: OLDPWD not set\n");
			return 1;
		}
	}
	char old[PATH_MAX], now[PATH_MAX];
	if (!getcwd(old, sizeof(old)))
		old[0] = '\0';
	if (chdir(dir) < 0) {
		dprintf(2, "sh: cd: %s: %s\n", dir, strerror(errno));
		return 1;
	}
	sh_var_set(&sh->vars, "OLDPWD", old, 0);
	if (getcwd(now, sizeof(now))) {
		sh_var_set(&sh->vars, "PWD", now, 0);
		if (print)
			dprintf(1, "%s\n", now);
	}
	return 0;
}

static int bi_pwd(struct sh_state *sh, char **argv)
{
	char buf[PATH_MAX];
	(void)sh;
	(void)argv;
	if (!getcwd(buf, sizeof(buf))) {
		dprintf(2, "sh: pwd: %s\n", strerror(errno));
		return 1;
	}
	dprintf(1, "%s\n", buf);
	return 0;
}

static int bi_exit(struct sh_state *sh, char **argv)
{
	int status = sh->status;
	if (argv[1]) {
		char *end;
		long n = strtol(argv[1], &end, 10);
		if (!*argv[1] || *end) {
			dprintf(2, "sh: exit: %s: numeric argument required\n", argv[1]);
			n = 2;
		}
		status = (int)(n & 255);
	}
	sh->exit_requested = 1;
	return status;
}

static void print_exports(const struct sh_vars *vars)
{
	for (size_t i = 0; i < vars->n; i++)
		if (vars->v[i].exported && vars->v[i].value)
			dprintf(1, "export %s=%s\n", vars->v[i].name, vars->v[i].value);
}

static int bi_export(struct sh_state *sh, char **argv)
{
	int status = 0;
	if (!argv[1])
		print_exports(&sh->vars);
	for (int i = 1; argv[i]; i++) {
		char *name = sh_xstrdup(argv[i]);
		char *eq = strchr(name, '=');
		if (eq)
			*eq = '\0';
		if (!sh_var_name_ok(name)) {
			dprintf(2, "sh: export: %s: not a valid identifier\n", argv[i]);
			status = 1;
		} else if (eq) {
			sh_var_set(&sh->vars, name, eq + 1, 1);
		} else {
			sh_var_export(&sh->vars, name);
		}
		free(name);
	}
	return status;
}

static int bi_unset(struct sh_state *sh, char **argv)
{
	for (int i = 1; argv[i]; i++)
		sh_var_unset(&sh->vars, argv[i]);
	return 0;
}

static int bi_history(struct sh_state *sh, char **argv)
{
	(void)argv;
	for (size_t i = sh->hist.count; i-- > 0;)
		dprintf(1, "%5zu  %s\n", sh->hist.count - i, sh_hist_get(&sh->hist, i));
	return 0;
}

static const struct {
	const char *name;
	sh_builtin_fn *fn;
} builtins[] = {
	{ "cd", bi_cd },
	{ "pwd", bi_pwd },
	{ "exit", bi_exit },
	{ "export", bi_export },
	{ "unset", bi_unset },
	{ "history", bi_history },
};

sh_builtin_fn *sh_builtin(const char *name)
{
	for (size_t i = 0; i < sizeof(builtins) / sizeof(builtins[0]); i++)
		if (!strcmp(builtins[i].name, name))
			return builtins[i].fn;
	return NULL;
}
