// SPDX-License-Identifier: MIT
/* The table of built-in commands (sh_builtin) and the small ones: : true
 * false cd pwd exit eval . exec return break continue command type test [
 * echo printf. Output goes out with write(2), not stdio,
 * so that it lands in order around redirections and forks. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "bi.h"
#include "printf.h"
#include "test.h"

static int write_all(int fd, const char *s, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, s, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		s += w;
		n -= (size_t)w;
	}
	return 0;
}

int sh_bi_colon(struct sh_state *sh, char **argv)
{
	(void)sh, (void)argv;
	return 0;
}

int sh_bi_false(struct sh_state *sh, char **argv)
{
	(void)sh, (void)argv;
	return 1;
}

int sh_bi_cd(struct sh_state *sh, char **argv)
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
			sh_error(sh, "cd: OLDPWD not set");
			return 1;
		}
	}
	char old[PATH_MAX], now[PATH_MAX];
	if (!getcwd(old, sizeof(old)))
		old[0] = '\0';
	if (chdir(dir) < 0) {
		sh_error(sh, "cd: %s: %s", dir, strerror(errno));
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

int sh_bi_pwd(struct sh_state *sh, char **argv)
{
	char buf[PATH_MAX];
	(void)sh, (void)argv;
	if (!getcwd(buf, sizeof(buf))) {
		sh_error(sh, "pwd: %s", strerror(errno));
		return 1;
	}
	dprintf(1, "%s\n", buf);
	return 0;
}

/* The numeric operand of exit, return, break, shift...; -1 if bad. */
static int count_arg(struct sh_state *sh, const char *who, const char *s)
{
	char *end;
	long n = strtol(s, &end, 10);
	if (!*s || *end || n < 0) {
		sh_error(sh, "%s: %s: numeric argument required", who, s);
		return -1;
	}
	return (int)(n > INT_MAX ? INT_MAX : n);
}

/* Whether an interactive shell has a stopped job it would leave behind. */
static int stopped_jobs(struct sh_state *sh)
{
	for (size_t i = 0; i < sh->jobs.n; i++)
		if (sh_job_state(sh->jobs.v[i]) == SH_JOB_STOPPED)
			return 1;
	return 0;
}

int sh_bi_exit(struct sh_state *sh, char **argv)
{
	int status = sh->status;
	if (sh->interactive && !sh->exit_warned && stopped_jobs(sh)) {
		sh_error(sh, "there are stopped jobs (exit again to leave them)");
		sh->exit_warned = 2;
		return 1;
	}
	if (argv[1]) {
		int n = count_arg(sh, "exit", argv[1]);
		status = n < 0 ? 2 : n & 255;
	}
	sh_exit(sh, status);
}

/* The arguments joined by spaces (eval, and trap's actions). */
static char *joined(char **argv)
{
	struct sh_str s = { 0 };
	for (int i = 0; argv[i]; i++) {
		if (i)
			sh_str_addc(&s, ' ');
		sh_str_add(&s, argv[i], strlen(argv[i]));
	}
	return sh_str_take(&s);
}

int sh_bi_eval(struct sh_state *sh, char **argv)
{
	char *text = joined(argv + 1);
	int st = sh_run_text(sh, text);
	free(text);
	return st;
}

int sh_bi_dot(struct sh_state *sh, char **argv)
{
	struct sh_str path = { 0 };
	if (!argv[1]) {
		sh_error(sh, ".: filename argument required");
		return 2;
	}
	if (sh_find_program(sh, argv[1], &path) < 0) {
		sh_error(sh, ".: %s: not found", argv[1]);
		sh_str_free(&path);
		sh_fatal(sh, 2);
		return 2;
	}
	sh->calls++;
	int st = sh_run_file(sh, path.s);
	if (sh->ctl == SH_CTL_RETURN) {
		sh->ctl = SH_CTL_NONE;
		st = sh->status;
	}
	sh->calls--;
	sh_str_free(&path);
	return st;
}

int sh_bi_exec(struct sh_state *sh, char **argv)
{
	if (!argv[1])
		return 0;
	sh_signals_child(sh);
	int st = sh_exec_program(sh, argv + 1);
	if (!sh->interactive)
		sh_exit(sh, st);
	return st;
}

int sh_bi_return(struct sh_state *sh, char **argv)
{
	int n = argv[1] ? count_arg(sh, "return", argv[1]) : sh->status;
	if (!sh->calls) {
		sh_error(sh, "return: not in a function or a . script");
		return 1;
	}
	sh->ctl = SH_CTL_RETURN;
	sh->status = n < 0 ? 2 : n & 255;
	return sh->status;
}

static int loop_ctl(struct sh_state *sh, char **argv, enum sh_ctl ctl)
{
	int n = argv[1] ? count_arg(sh, argv[0], argv[1]) : 1;
	if (n < 1) {
		if (n == 0)
			sh_error(sh, "%s: %s: loop count out of range", argv[0], argv[1]);
		return 1;
	}
	if (!sh->loops)
		return 0;
	sh->ctl = ctl;
	sh->ctl_n = n > sh->loops ? sh->loops : n;
	return 0;
}

int sh_bi_break(struct sh_state *sh, char **argv)
{
	return loop_ctl(sh, argv, SH_CTL_BREAK);
}

int sh_bi_continue(struct sh_state *sh, char **argv)
{
	return loop_ctl(sh, argv, SH_CTL_CONTINUE);
}

/* command -v / -V (verbose) name: how the shell would run name. */
static int describe(struct sh_state *sh, const char *name, int verbose)
{
	static const char *const reserved[] = { "if", "then", "else", "elif", "fi", "do",
						"done", "case", "esac", "while", "until",
						"for", "{", "}", "!", "in" };
	struct sh_str path = { 0 };
	for (size_t i = 0; i < sizeof(reserved) / sizeof(reserved[0]); i++)
		if (!strcmp(name, reserved[i]))
			return dprintf(1, verbose ? "%s is a reserved word\n" : "%s\n", name), 0;
	if (sh_func_find(sh, name))
		return dprintf(1, verbose ? "%s is a function\n" : "%s\n", name), 0;
	const struct sh_builtin *bi = sh_builtin(name);
	if (bi)
		return dprintf(1, verbose ? "%s is a %sshell builtin\n" : "%s\n", name,
			       bi->special ? "special " : ""), 0;
	struct stat st;
	int found = sh_find_program(sh, name, &path) == 0 && stat(path.s, &st) == 0;
	if (found && verbose)
		dprintf(1, "%s is %s\n", name, path.s);
	else if (found)
		dprintf(1, "%s\n", path.s);
	else if (verbose)
		sh_error(sh, "%s: not found", name);
	sh_str_free(&path);
	return !found;
}

int sh_bi_command(struct sh_state *sh, char **argv)
{
	int i = 1, verbose = -1, st = 0;
	for (; argv[i] && argv[i][0] == '-' && argv[i][1]; i++) {
		if (!strcmp(argv[i], "--")) {
			i++;
			break;
		}
		for (const char *o = argv[i] + 1; *o; o++)
			verbose = *o == 'v' ? 0 : *o == 'V' ? 1 : verbose;
	}
	if (!argv[i])
		return 0;
	if (verbose >= 0) {
		for (; argv[i]; i++)
			st |= describe(sh, argv[i], verbose);
		return st ? 127 : 0;
	}
	const struct sh_builtin *bi = sh_builtin(argv[i]);
	if (bi)
		return bi->fn(sh, argv + i);
	size_t n = 0;
	while (argv[i + n])
		n++;
	struct sh_node cmd = { .kind = SH_N_SIMPLE, .words = argv + i, .nwords = n };
	return sh_run_program(sh, &cmd, argv + i, 0);
}

static int bi_type(struct sh_state *sh, char **argv)
{
	int st = 0;
	for (int i = 1; argv[i]; i++)
		st |= describe(sh, argv[i], 1);
	return st;
}

int sh_bi_test(struct sh_state *sh, char **argv)
{
	int n = 0;
	(void)sh;
	while (argv[n + 1])
		n++;
	return sh_test(n, argv + 1);
}

int sh_bi_bracket(struct sh_state *sh, char **argv)
{
	int n = 0;
	(void)sh;
	while (argv[n + 1])
		n++;
	if (!n || strcmp(argv[n], "]")) {
		sh_error(sh, "[: missing ]");
		return 2;
	}
	return sh_test(n - 1, argv + 1);
}

/* echo [-n] args: as XSI and dash have it, backslash escapes are done
 * (\c ends the output); -n leaves out the newline. */
int sh_bi_echo(struct sh_state *sh, char **argv)
{
	struct sh_str s = { 0 };
	int i = 1, newline = 1, stop = 0;
	(void)sh;
	for (; argv[i] && !strcmp(argv[i], "-n"); i++)
		newline = 0;
	for (int first = i; argv[i] && !stop; i++) {
		if (i > first)
			sh_str_addc(&s, ' ');
		stop = sh_printf_escapes(argv[i], &s);
	}
	if (newline && !stop)
		sh_str_addc(&s, '\n');
	int r = s.len ? write_all(1, s.s, s.len) : 0;
	sh_str_free(&s);
	if (r < 0)
		sh_error(sh, "echo: write error: %s", strerror(errno));
	return r < 0;
}

int sh_bi_printf(struct sh_state *sh, char **argv)
{
	struct sh_str s = { 0 };
	(void)sh;
	int st = sh_printf(argv + 1, &s);
	if (s.len && write_all(1, s.s, s.len) < 0) {
		sh_error(sh, "printf: write error: %s", strerror(errno));
		st = 1;
	}
	sh_str_free(&s);
	return st;
}

static const struct sh_builtin builtins[] = {
	{ ":", sh_bi_colon, 1 }, { ".", sh_bi_dot, 1 }, { "break", sh_bi_break, 1 },
	{ "continue", sh_bi_continue, 1 }, { "eval", sh_bi_eval, 1 }, { "exec", sh_bi_exec, 1 },
	{ "exit", sh_bi_exit, 1 }, { "export", sh_bi_export, 1 },
	{ "readonly", sh_bi_readonly, 1 }, { "return", sh_bi_return, 1 },
	{ "set", sh_bi_set, 1 }, { "shift", sh_bi_shift, 1 }, { "trap", sh_bi_trap, 1 },
	{ "unset", sh_bi_unset, 1 },
	{ "[", sh_bi_bracket, 0 }, { "bg", sh_bi_bg, 0 }, { "cd", sh_bi_cd, 0 },
	{ "command", sh_bi_command, 0 }, { "echo", sh_bi_echo, 0 }, { "false", sh_bi_false, 0 },
	{ "fg", sh_bi_fg, 0 }, { "getopts", sh_bi_getopts, 0 }, { "history", sh_bi_history, 0 },
	{ "jobs", sh_bi_jobs, 0 }, { "kill", sh_bi_kill, 0 }, { "local", sh_bi_local, 0 },
	{ "printf", sh_bi_printf, 0 }, { "pwd", sh_bi_pwd, 0 }, { "read", sh_bi_read, 0 },
	{ "test", sh_bi_test, 0 }, { "true", sh_bi_colon, 0 }, { "type", bi_type, 0 },
	{ "umask", sh_bi_umask, 0 }, { "wait", sh_bi_wait, 0 }, { "times", sh_bi_times, 1 },
	{ "hash", sh_bi_hash, 0 },
};

const struct sh_builtin *sh_builtin(const char *name)
{
	for (size_t i = 0; i < sizeof(builtins) / sizeof(builtins[0]); i++)
		if (!strcmp(builtins[i].name, name))
			return &builtins[i];
	return NULL;
}
