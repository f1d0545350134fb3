// SPDX-License-Identifier: MIT
/* The job table (see jobs.h). With job control (set -m, interactive
 * shells) each job has a process group, set by the parent and by the
 * child alike so that neither waits on the other, and a foreground job
 * holds the terminal (tcsetpgrp) until it ends or stops. Children's
 * statuses are collected with waitpid(-1) and filed by pid, so a wait for
 * one job also records the others. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "sh.h"

struct sh_job *sh_job_new(struct sh_state *sh, const struct sh_node *n)
{
	struct sh_jobs *j = &sh->jobs;
	sh_jobs_reap(sh, 0);
	struct sh_job *job = sh_xmalloc(sizeof(*job));
	*job = (struct sh_job){ .id = 1 };
	for (size_t i = 0; i < j->n; i++)
		if (j->v[i]->id >= job->id)
			job->id = j->v[i]->id + 1;
	struct sh_str text = { 0 };
	sh_node_text(n, &text);
	job->text = sh_str_take(&text);
	j->v = sh_xrealloc(j->v, (j->n + 1) * sizeof(*j->v));
	j->v[j->n++] = job;
	return job;
}

void sh_job_remove(struct sh_state *sh, struct sh_job *job)
{
	struct sh_jobs *j = &sh->jobs;
	for (size_t i = 0; i < j->n; i++) {
		if (j->v[i] == job) {
			memmove(&j->v[i], &j->v[i + 1], (j->n - i - 1) * sizeof(*j->v));
			j->n--;
			break;
		}
	}
	free(job->procs);
	free(job->text);
	free(job);
}

/* A background child without job control: no ^C, no terminal input. */
static void detach(void)
{
	signal(SIGINT, SIG_IGN);
	signal(SIGQUIT, SIG_IGN);
	int fd = open("/dev/null", O_RDONLY);
	if (fd > 0) {
		dup2(fd, 0);
		close(fd);
	}
}

pid_t sh_job_fork(struct sh_state *sh, struct sh_job *job, int fg)
{
	int monitor = sh->opt.monitor && sh->tty >= 0, tty = sh->tty;
	sigset_t all, old;
	/* Signals wait until the child has its own dispositions: a kill %n
	 * right after the fork must not meet the shell's SIG_IGN. */
	sigfillset(&all);
	sigprocmask(SIG_BLOCK, &all, &old);
	fflush(NULL);
	pid_t pid = fork();
	if (pid == 0) {
		if (monitor) {
			setpgid(0, job->pgid);
			if (fg)
				tcsetpgrp(tty, job->pgid ? job->pgid : getpid());
		}
		sh_child_setup(sh);
		if (!fg && !monitor)
			detach();
		sigprocmask(SIG_SETMASK, &old, NULL);
		return 0;
	}
	sigprocmask(SIG_SETMASK, &old, NULL);
	if (pid < 0) {
		sh_error(sh, "fork: %s", strerror(errno));
		return -1;
	}
	if (monitor) {
		if (!job->pgid)
			job->pgid = pid;
		setpgid(pid, job->pgid);
	}
	job->procs = sh_xrealloc(job->procs, (job->nprocs + 1) * sizeof(*job->procs));
	job->procs[job->nprocs++] = (struct sh_proc){ pid, 0, SH_JOB_RUNNING };
	job->fg = fg;
	return pid;
}

enum sh_job_state sh_job_state(const struct sh_job *job)
{
	int stopped = 0;
	for (size_t i = 0; i < job->nprocs; i++) {
		if (job->procs[i].state == SH_JOB_RUNNING)
			return SH_JOB_RUNNING;
		stopped |= job->procs[i].state == SH_JOB_STOPPED;
	}
	return stopped ? SH_JOB_STOPPED : SH_JOB_DONE;
}

int sh_job_status(const struct sh_job *job)
{
	int st = job->nprocs ? job->procs[job->nprocs - 1].status : 0;
	if (sh_job_state(job) == SH_JOB_STOPPED) {
		for (size_t i = 0; i < job->nprocs; i++)
			if (job->procs[i].state == SH_JOB_STOPPED)
				return 128 + WSTOPSIG(job->procs[i].status);
	}
	if (WIFEXITED(st))
		return WEXITSTATUS(st);
	return WIFSIGNALED(st) ? 128 + WTERMSIG(st) : 1;
}

/* Files a wait status under the process it belongs to. */
static void record(struct sh_state *sh, pid_t pid, int st)
{
	for (size_t i = 0; i < sh->jobs.n; i++) {
		struct sh_job *job = sh->jobs.v[i];
		for (size_t k = 0; k < job->nprocs; k++) {
			struct sh_proc *p = &job->procs[k];
			if (p->pid != pid)
				continue;
			p->state = WIFSTOPPED(st) ? SH_JOB_STOPPED
				   : WIFCONTINUED(st) ? SH_JOB_RUNNING : SH_JOB_DONE;
			if (!WIFCONTINUED(st))
				p->status = st;
			job->reported = 0;
			return;
		}
	}
}

int sh_jobs_reap(struct sh_state *sh, int block)
{
	int flags = (block ? 0 : WNOHANG) | (sh->opt.monitor ? WUNTRACED | WCONTINUED : 0);
	for (;;) {
		int st;
		pid_t pid = waitpid(-1, &st, flags);
		if (pid < 0 && errno == EINTR)
			return 0;
		if (pid < 0)
			return -1;
		if (pid == 0)
			return 0;
		record(sh, pid, st);
		if (block)
			return 0;
	}
}

void sh_job_take_terminal(struct sh_state *sh)
{
	if (sh->tty < 0)
		return;
	tcsetpgrp(sh->tty, sh->pgid);
	tcsetattr(sh->tty, TCSADRAIN, &sh->tmodes);
}

/* What a foreground job's end says: the signal that killed it. */
static void say_end(struct sh_state *sh, const struct sh_job *job)
{
	int st = job->procs[job->nprocs - 1].status;
	if (!WIFSIGNALED(st))
		return;
	int sig = WTERMSIG(st);
	if (sig == SIGINT)
		dprintf(2, "\n");
	else if (sig != SIGPIPE)
		dprintf(2, "%s%s\n", strsignal(sig), WCOREDUMP(st) ? " (core dumped)" : "");
	(void)sh;
}

int sh_job_wait_fg(struct sh_state *sh, struct sh_job *job)
{
	while (sh_job_state(job) == SH_JOB_RUNNING)
		if (sh_jobs_reap(sh, 1) < 0)
			break;
	int st = sh_job_status(job);
	if (sh->opt.monitor && job->pgid) {
		if (sh_job_state(job) == SH_JOB_STOPPED)
			job->have_tmodes = tcgetattr(sh->tty, &job->tmodes) == 0;
		sh_job_take_terminal(sh);
	}
	/* An interactive shell gives up the rest of the command line when
	 * ^C ended or ^Z stopped what it waited for, as a loop would else go
	 * on with its next round. */
	if (sh->interactive && (sh_job_state(job) == SH_JOB_STOPPED || st == 128 + SIGINT))
		sh->ctl = SH_CTL_ABORT;
	if (sh_job_state(job) == SH_JOB_STOPPED) {
		job->fg = 0;
		job->touched = ++sh->jobs.clock;
		dprintf(2, "\n");
		sh_job_print(sh, job, 2, 0);
		job->reported = 1;
		return st;
	}
	say_end(sh, job);
	sh_job_remove(sh, job);
	return st;
}

void sh_job_background(struct sh_state *sh, struct sh_job *job)
{
	sh->last_bg = job->procs[job->nprocs - 1].pid;
	job->touched = ++sh->jobs.clock;
	job->fg = 0;
	if (sh->opt.monitor && sh->interactive)
		dprintf(2, "[%d] %ld\n", job->id, (long)sh->last_bg);
}

int sh_job_continue(struct sh_state *sh, struct sh_job *job, int fg)
{
	for (size_t i = 0; i < job->nprocs; i++)
		if (job->procs[i].state == SH_JOB_STOPPED)
			job->procs[i].state = SH_JOB_RUNNING;
	job->touched = ++sh->jobs.clock;
	job->fg = fg;
	if (fg && sh->tty >= 0 && job->pgid) {
		if (job->have_tmodes)
			tcsetattr(sh->tty, TCSADRAIN, &job->tmodes);
		tcsetpgrp(sh->tty, job->pgid);
	}
	if (job->pgid)
		kill(-job->pgid, SIGCONT);
	else
		for (size_t i = 0; i < job->nprocs; i++)
			kill(job->procs[i].pid, SIGCONT);
	return fg ? sh_job_wait_fg(sh, job) : 0;
}
