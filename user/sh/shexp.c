// SPDX-License-Identifier: MIT
/* The expander's view of the shell (see sh.h): sh_expander_of hands
 * expand.c callbacks for the variables and special parameters, $@, ${x=y}
 * assignments, globbing and command substitution (run in a forked
 * subshell, its output read through a pipe). */
#include <errno.h>
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "sh.h"

static const char *number(struct sh_state *sh, long n)
{
	snprintf(sh->num_buf, sizeof(sh->num_buf), "%ld", n);
	return sh->num_buf;
}

static const char *lookup(void *ctx, const char *name)
{
	struct sh_state *sh = ctx;
	if (name[0] >= '0' && name[0] <= '9') {
		long n = atol(name);
		return n == 0 ? sh->arg0 : n <= sh->nparams ? sh->params[n - 1] : NULL;
	}
	if (!strcmp(name, "LINENO"))
		return number(sh, sh->lineno);
	if (name[1])
		return sh_var_get(&sh->vars, name);
	switch (name[0]) {
	case '?': return number(sh, sh->status);
	case '$': return number(sh, sh->pid);
	case '#': return number(sh, sh->nparams);
	case '!': return sh->last_bg ? number(sh, sh->last_bg) : NULL;
	case '-': return sh_option_letters(sh);
	default: return sh_var_get(&sh->vars, name);
	}
}

static char *const *params(void *ctx, int *n)
{
	struct sh_state *sh = ctx;
	*n = sh->nparams;
	return sh->params;
}

static int assign(void *ctx, const char *name, const char *value)
{
	struct sh_state *sh = ctx;
	if (sh_var_set(&sh->vars, name, value, 0) < 0) {
		sh_error(sh, "%s: is read only", name);
		return -1;
	}
	return 0;
}

static int glob_paths(void *ctx, const char *pattern, struct sh_strv *out)
{
	struct sh_state *sh = ctx;
	glob_t g;
	if (sh->opt.noglob || glob(pattern, 0, NULL, &g) != 0)
		return 0;
	for (size_t i = 0; i < g.gl_pathc; i++)
		sh_strv_push(out, sh_xstrdup(g.gl_pathv[i]));
	int n = (int)g.gl_pathc;
	globfree(&g);
	return n;
}

static int wait_child(pid_t pid)
{
	int st;
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return 1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : WIFSIGNALED(st) ? 128 + WTERMSIG(st) : 1;
}

static char *command(void *ctx, const char *text)
{
	struct sh_state *sh = ctx;
	struct sh_str out = { 0 };
	int fds[2];
	if (pipe(fds) < 0) {
		sh_error(sh, "pipe: %s", strerror(errno));
		return sh_xstrdup("");
	}
	pid_t pid = sh_fork_subshell(sh);
	if (pid == 0) {
		close(fds[0]);
		if (fds[1] != 1) {
			dup2(fds[1], 1);
			close(fds[1]);
		}
		sh_exit(sh, sh_run_text(sh, text));
	}
	close(fds[1]);
	char buf[4096];
	for (;;) {
		ssize_t n = read(fds[0], buf, sizeof(buf));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		sh_str_add(&out, buf, (size_t)n);
	}
	close(fds[0]);
	if (pid > 0)
		sh->subst_status = wait_child(pid);
	return sh_str_take(&out);
}

static void error(void *ctx, const char *msg)
{
	struct sh_state *sh = ctx;
	sh_error(sh, "%s", msg);
}

struct sh_expander sh_expander_of(struct sh_state *sh)
{
	return (struct sh_expander){ lookup, params, assign, glob_paths, command, error, sh,
				     sh->opt.nounset };
}

int sh_expand_words(struct sh_state *sh, char *const *words, size_t n, struct sh_strv *argv)
{
	struct sh_expander x = sh_expander_of(sh);
	for (size_t i = 0; i < n; i++)
		if (sh_expand_word(words[i], &x, argv) < 0)
			return -1;
	return 0;
}

void sh_set_params(struct sh_state *sh, char *const *argv, int n)
{
	for (int i = 0; i < sh->nparams; i++)
		free(sh->params[i]);
	sh->params = sh_xrealloc(sh->params, (size_t)(n + 1) * sizeof(*sh->params));
	for (int i = 0; i < n; i++)
		sh->params[i] = sh_xstrdup(argv[i]);
	sh->params[n] = NULL;
	sh->nparams = n;
}
