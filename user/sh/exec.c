// SPDX-License-Identifier: MIT
/* The executor (see sh.h): sh_run_program runs pipelines joined by ;, &&
 * and ||. A lone built-in or assignment runs in the shell itself (its
 * redirections saved and put back); everything else runs in children made
 * with fork and replaced with execve, found on $PATH (default /bin:/sbin).
 * On a system without process groups (getpgrp fails) the terminal's
 * signal target is the child being waited for, so ^C reaches it: the
 * console signals that one process. */
#include <errno.h>
#include <glob.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>
#include "sh.h"

#define DEFAULT_PATH "/bin:/sbin"

static const char *lookup(void *ctx, const char *name)
{
	struct sh_state *sh = ctx;
	if (name[0] >= '0' && name[0] <= '9' && !name[1])
		return name[0] - '0' < sh->nargs ? sh->args[name[0] - '0'] : NULL;
	long num;
	if (!strcmp(name, "?"))
		num = sh->status;
	else if (!strcmp(name, "$"))
		num = sh->pid;
	else if (!strcmp(name, "#"))
		num = sh->nargs > 0 ? sh->nargs - 1 : 0;
	else
		return sh_var_get(&sh->vars, name);
	snprintf(sh->num_buf, sizeof(sh->num_buf), "%ld", num);
	return sh->num_buf;
}

static int glob_paths(void *ctx, const char *pattern, struct sh_strv *out)
{
	glob_t g;
	(void)ctx;
	if (glob(pattern, 0, NULL, &g) != 0)
		return 0;
	for (size_t i = 0; i < g.gl_pathc; i++)
		sh_strv_push(out, sh_xstrdup(g.gl_pathv[i]));
	int n = (int)g.gl_pathc;
	globfree(&g);
	return n;
}

struct sh_expander sh_expander_of(struct sh_state *sh)
{
	return (struct sh_expander){ lookup, glob_paths, sh };
}

static void expand_words(struct sh_state *sh, const struct sh_cmd *cmd, struct sh_strv *argv)
{
	struct sh_expander x = sh_expander_of(sh);
	for (size_t i = 0; i < cmd->nwords; i++)
		sh_expand_word(cmd->words[i], &x, argv);
}

/* Sets the command's NAME=value words as variables (export: exported). */
static void assign(struct sh_state *sh, const struct sh_cmd *cmd, int export)
{
	struct sh_expander x = sh_expander_of(sh);
	for (size_t i = 0; i < cmd->nassigns; i++) {
		char *name = sh_xstrdup(cmd->assigns[i]);
		char *eq = strchr(name, '=');
		*eq = '\0';
		char *value = sh_expand_string(eq + 1, &x);
		sh_var_set(&sh->vars, name, value, export);
		free(name);
		free(value);
	}
}

/* Finds the program name on $PATH into *path; returns 0 or -1. */
static int find_program(struct sh_state *sh, const char *name, struct sh_str *path)
{
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

/* Replaces this child with the command argv; never returns. */
static void exec_program(struct sh_state *sh, const struct sh_cmd *cmd, char **argv)
{
	struct sh_str path = { 0 };
	struct sh_strv env = { 0 };
	assign(sh, cmd, 1);
	if (find_program(sh, argv[0], &path) < 0) {
		dprintf(2, "sh: %s: not found\n", argv[0]);
		_exit(127);
	}
	sh_vars_environ(&sh->vars, &env);
	execve(path.s, argv, env.v ? env.v : (char *[]){ NULL });
	if (errno == ENOEXEC)
		_exit(sh_run_script(sh, path.s, argv));
	dprintf(2, "sh: %s: %s\n", argv[0], strerror(errno));
	_exit(errno == ENOENT ? 127 : 126);
}

/* The body of a child running cmd, with argv expanded; never returns. */
static void run_child(struct sh_state *sh, const struct sh_cmd *cmd, struct sh_strv *argv)
{
	struct sh_expander x = sh_expander_of(sh);
	if (sh_redirect(cmd->redirs, cmd->nredirs, &x, NULL) < 0)
		_exit(1);
	if (!argv->n)
		_exit(0);
	sh_builtin_fn *fn = sh_builtin(argv->v[0]);
	if (fn) {
		int status = fn(sh, argv->v);
		fflush(NULL);
		_exit(status);
	}
	exec_program(sh, cmd, argv->v);
}

/* Makes pid (0: nobody) the target of the terminal's signal keys. */
static void give_terminal(struct sh_state *sh, pid_t pid)
{
	if (sh->hand_terminal)
		tcsetpgrp(0, pid);
}

static int wait_status(pid_t pid)
{
	int st;
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return 1;
	if (WIFEXITED(st))
		return WEXITSTATUS(st);
	if (WIFSIGNALED(st)) {
		int sig = WTERMSIG(st);
		if (sig != SIGINT && sig != SIGPIPE)
			dprintf(2, "%s\n", strsignal(sig));
		else if (sig == SIGINT)
			dprintf(2, "\n");
		return 128 + sig;
	}
	return 1;
}

/* Waits for pids[0..n), the last first; returns the last one's status. */
static int wait_all(struct sh_state *sh, const pid_t *pids, size_t n)
{
	int last = 0;
	for (size_t i = n; i-- > 0;) {
		if (pids[i] <= 0)
			continue;
		give_terminal(sh, pids[i]);
		int status = wait_status(pids[i]);
		if (i == n - 1)
			last = status;
	}
	give_terminal(sh, 0);
	return pids[n - 1] > 0 ? last : 1;
}

/* A lone built-in or assignment-only command, run in the shell. */
static int run_in_shell(struct sh_state *sh, const struct sh_cmd *cmd, struct sh_strv *argv,
			sh_builtin_fn *fn)
{
	struct sh_expander x = sh_expander_of(sh);
	struct sh_saved save = { 0 };
	assign(sh, cmd, 0);
	int status = sh_redirect(cmd->redirs, cmd->nredirs, &x, &save) < 0 ? 1
		     : fn ? fn(sh, argv->v) : 0;
	sh_restore(&save);
	return status;
}

static pid_t start_child(struct sh_state *sh, const struct sh_cmd *cmd, struct sh_strv *argv,
			 int in, const int out[2])
{
	fflush(NULL);
	pid_t pid = fork();
	if (pid < 0) {
		dprintf(2, "sh: fork: %s\n", strerror(errno));
		return -1;
	}
	if (pid > 0)
		return pid;
	if (in >= 0) {
		dup2(in, 0);
		close(in);
	}
	if (out[1] >= 0) {
		dup2(out[1], 1);
		close(out[1]);
		close(out[0]);
	}
	struct sh_strv own = { 0 };
	if (!argv) {
		expand_words(sh, cmd, &own);
		argv = &own;
	}
	run_child(sh, cmd, argv);
	return -1;
}

static int run_simple(struct sh_state *sh, const struct sh_cmd *cmd)
{
	struct sh_strv argv = { 0 };
	expand_words(sh, cmd, &argv);
	sh_builtin_fn *fn = argv.n ? sh_builtin(argv.v[0]) : NULL;
	int status;
	if (!argv.n || fn) {
		status = run_in_shell(sh, cmd, &argv, fn);
	} else {
		pid_t pid = start_child(sh, cmd, &argv, -1, (int[2]){ -1, -1 });
		status = wait_all(sh, &pid, 1);
	}
	sh_strv_free(&argv);
	return status;
}

static int run_pipeline(struct sh_state *sh, const struct sh_pipeline *p)
{
	if (p->ncmds == 1)
		return run_simple(sh, &p->cmds[0]);
	pid_t *pids = sh_xmalloc(p->ncmds * sizeof(*pids));
	int prev = -1;
	for (size_t i = 0; i < p->ncmds; i++) {
		int fds[2] = { -1, -1 };
		if (i + 1 < p->ncmds && pipe(fds) < 0) {
			dprintf(2, "sh: pipe: %s\n", strerror(errno));
			fds[0] = fds[1] = -1;
		}
		pids[i] = start_child(sh, &p->cmds[i], NULL, prev, fds);
		if (prev >= 0)
			close(prev);
		if (fds[1] >= 0)
			close(fds[1]);
		prev = fds[0];
	}
	int status = wait_all(sh, pids, p->ncmds);
	free(pids);
	return status;
}

int sh_run_program(struct sh_state *sh, const struct sh_program *prog)
{
	for (size_t i = 0; i < prog->npipes && !sh->exit_requested; i++) {
		const struct sh_pipeline *p = &prog->pipes[i];
		if ((p->conn == SH_CONN_AND && sh->status != 0) ||
		    (p->conn == SH_CONN_OR && sh->status == 0))
			continue;
		sh->status = run_pipeline(sh, p);
	}
	return sh->status;
}
