// SPDX-License-Identifier: MIT
/* Commands that run in forked copies of the shell (see sh.h): pipelines,
 * ( ) subshells and background (&) lists, each made a job (jobs.c), and
 * sh_fork_subshell for command substitution. A child runs its command and
 * exits; a simple command there replaces the child instead of forking
 * again (sh->exec_ok). */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "sh.h"

void sh_child_setup(struct sh_state *sh)
{
	sh->subshell = 1;
	sh->interactive = 0;
	sh->opt.monitor = 0;
	sh->jobs.n = 0;
	if (sh->tty >= 0)
		close(sh->tty);
	sh->tty = -1;
	sh_signals_child(sh);
}

pid_t sh_fork_subshell(struct sh_state *sh)
{
	fflush(NULL);
	pid_t pid = fork();
	if (pid < 0)
		sh_error(sh, "fork: %s", strerror(errno));
	if (pid == 0)
		sh_child_setup(sh);
	return pid;
}

/* In a child: runs n as the whole of this process, then exits. */
static _Noreturn void child_run(struct sh_state *sh, const struct sh_node *n)
{
	if (n->kind == SH_N_SUBSHELL) {
		if (sh_redirect(sh, n->redirs, n->nredirs, NULL) < 0)
			sh_exit(sh, 1);
		n = n->kids[0];
	}
	sh->exec_ok = n && n->kind == SH_N_SIMPLE;
	sh_exit(sh, sh_run_node(sh, n));
}

/* Starts cmds[0..n) as one job, joined by pipes; waits if fg. */
static int launch(struct sh_state *sh, const struct sh_node *whole,
		  struct sh_node *const *cmds, size_t n, int fg)
{
	struct sh_job *job = sh_job_new(sh, whole);
	int prev = -1;
	for (size_t i = 0; i < n; i++) {
		int fds[2] = { -1, -1 };
		if (i + 1 < n && pipe(fds) < 0) {
			sh_error(sh, "pipe: %s", strerror(errno));
			break;
		}
		pid_t pid = sh_job_fork(sh, job, fg);
		if (pid == 0) {
			if (prev >= 0 && (dup2(prev, 0), close(prev), 1))
				prev = -1;
			if (fds[1] >= 0) {
				dup2(fds[1], 1);
				close(fds[1]);
				close(fds[0]);
			}
			child_run(sh, cmds[i]);
		}
		if (prev >= 0)
			close(prev);
		if (fds[1] >= 0)
			close(fds[1]);
		prev = fds[0];
		if (pid < 0)
			break;
	}
	if (prev >= 0)
		close(prev);
	if (!job->nprocs) {
		sh_job_remove(sh, job);
		return 2;
	}
	if (fg)
		return sh_job_wait_fg(sh, job);
	sh_job_background(sh, job);
	return 0;
}

int sh_run_pipe(struct sh_state *sh, const struct sh_node *n)
{
	return launch(sh, n, n->kids, n->nkids, 1);
}

int sh_run_subshell(struct sh_state *sh, const struct sh_node *n)
{
	struct sh_node *cmd = (struct sh_node *)n;
	return launch(sh, n, &cmd, 1, 1);
}

int sh_run_bg(struct sh_state *sh, const struct sh_node *n)
{
	struct sh_node *cmd = n->kids[0];
	if (cmd->kind == SH_N_PIPE)
		return launch(sh, cmd, cmd->kids, cmd->nkids, 0);
	return launch(sh, cmd, &cmd, 1, 0);
}
