// SPDX-License-Identifier: MIT
/* Job control's side of the built-ins: jobs, fg, bg, wait and kill, with
 * the job specs (%n %+ %% %- %string %?string) and the reports of jobs
 * that changed (sh_jobs_notify, sh_job_print, sh_job_find of jobs.h). */
#include <ctype.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include "bi.h"
#include "sh.h"

static int better(const struct sh_job *a, const struct sh_job *b)
{
	int sa = sh_job_state(a) == SH_JOB_STOPPED, sb = b && sh_job_state(b) == SH_JOB_STOPPED;
	return !b || sa > sb || (sa == sb && a->touched > b->touched);
}

/* The current job (rank 0, %+) or the previous one (rank 1, %-): the
 * most recently stopped, else the most recently started. */
static struct sh_job *ranked(struct sh_state *sh, int rank)
{
	struct sh_job *best = NULL, *second = NULL;
	for (size_t i = 0; i < sh->jobs.n; i++) {
		struct sh_job *j = sh->jobs.v[i];
		if (j->fg)
			continue;
		if (better(j, best)) {
			second = best;
			best = j;
		} else if (better(j, second)) {
			second = j;
		}
	}
	return rank ? second : best;
}

static struct sh_job *by_text(struct sh_state *sh, const char *s, int anywhere)
{
	for (size_t i = 0; i < sh->jobs.n; i++) {
		const char *t = sh->jobs.v[i]->text;
		if (anywhere ? strstr(t, s) != NULL : !strncmp(t, s, strlen(s)))
			return sh->jobs.v[i];
	}
	return NULL;
}

struct sh_job *sh_job_find(struct sh_state *sh, const char *spec, const char *who)
{
	struct sh_job *job = NULL;
	if (spec[0] != '%') {
		long pid = atol(spec);
		for (size_t i = 0; i < sh->jobs.n && !job; i++)
			for (size_t k = 0; k < sh->jobs.v[i]->nprocs; k++)
				if (sh->jobs.v[i]->procs[k].pid == pid)
					job = sh->jobs.v[i];
	} else if (!spec[1] || !strcmp(spec, "%%") || !strcmp(spec, "%+")) {
		job = ranked(sh, 0);
	} else if (!strcmp(spec, "%-")) {
		job = ranked(sh, 1);
	} else if (isdigit((unsigned char)spec[1])) {
		for (size_t i = 0; i < sh->jobs.n; i++)
			if (sh->jobs.v[i]->id == atoi(spec + 1))
				job = sh->jobs.v[i];
	} else {
		job = spec[1] == '?' ? by_text(sh, spec + 2, 1) : by_text(sh, spec + 1, 0);
	}
	if (!job && who)
		sh_error(sh, "%s: %s: no such job", who, spec);
	return job;
}

static void state_text(const struct sh_job *job, char *buf, size_t size)
{
	int st = job->nprocs ? job->procs[job->nprocs - 1].status : 0;
	switch (sh_job_state(job)) {
	case SH_JOB_RUNNING: snprintf(buf, size, "Running"); break;
	case SH_JOB_STOPPED: snprintf(buf, size, "Stopped"); break;
	default:
		if (WIFSIGNALED(st))
			snprintf(buf, size, "%s", strsignal(WTERMSIG(st)));
		else if (WEXITSTATUS(st))
			snprintf(buf, size, "Done(%d)", WEXITSTATUS(st));
		else
			snprintf(buf, size, "Done");
	}
}

void sh_job_print(struct sh_state *sh, const struct sh_job *job, int fd, int with_pid)
{
	char state[64], pid[24] = "";
	char mark = job == ranked(sh, 0) ? '+' : job == ranked(sh, 1) ? '-' : ' ';
	state_text(job, state, sizeof(state));
	if (with_pid)
		snprintf(pid, sizeof(pid), "%ld ", (long)job->procs[job->nprocs - 1].pid);
	dprintf(fd, "[%d]%c  %s%-24s%s%s\n", job->id, mark, pid, state, job->text,
		sh_job_state(job) == SH_JOB_RUNNING ? " &" : "");
}

void sh_jobs_notify(struct sh_state *sh)
{
	sh_jobs_reap(sh, 0);
	for (size_t i = 0; i < sh->jobs.n; i++) {
		struct sh_job *job = sh->jobs.v[i];
		if (job->fg || job->reported)
			continue;
		enum sh_job_state st = sh_job_state(job);
		if (st != SH_JOB_RUNNING)
			sh_job_print(sh, job, 2, 0);
		job->reported = 1;
		if (st == SH_JOB_DONE) {
			sh_job_remove(sh, job);
			i--;
		}
	}
}

int sh_bi_jobs(struct sh_state *sh, char **argv)
{
	int with_pid = argv[1] && !strcmp(argv[1], "-l");
	int pids = argv[1] && !strcmp(argv[1], "-p");
	sh_jobs_reap(sh, 0);
	for (size_t i = 0; i < sh->jobs.n; i++) {
		struct sh_job *job = sh->jobs.v[i];
		if (job->fg)
			continue;
		if (pids)
			dprintf(1, "%ld\n", (long)(job->pgid ? job->pgid : job->procs[0].pid));
		else
			sh_job_print(sh, job, 1, with_pid);
		job->reported = 1;
		if (sh_job_state(job) == SH_JOB_DONE && sh->interactive) {
			sh_job_remove(sh, job);
			i--;
		}
	}
	return 0;
}

static int fg_bg(struct sh_state *sh, char **argv, int fg)
{
	const char *who = fg ? "fg" : "bg";
	if (!sh->opt.monitor) {
		sh_error(sh, "%s: no job control", who);
		return 1;
	}
	int st = 0;
	for (int i = 1; i == 1 || (!fg && argv[i]); i++) {
		struct sh_job *job = sh_job_find(sh, argv[i] ? argv[i] : "%%", who);
		if (!job)
			return 1;
		if (fg) {
			dprintf(1, "%s\n", job->text);
			return sh_job_continue(sh, job, 1);
		}
		dprintf(1, "[%d] %s &\n", job->id, job->text);
		st = sh_job_continue(sh, job, 0);
		if (!argv[i])
			break;
	}
	return st;
}

int sh_bi_fg(struct sh_state *sh, char **argv)
{
	return fg_bg(sh, argv, 1);
}

int sh_bi_bg(struct sh_state *sh, char **argv)
{
	return fg_bg(sh, argv, 0);
}

/* Waits until job is done (NULL: every job); returns its status, or
 * 128+sig (and sets *interrupted) when a trapped signal came first. */
static int wait_job(struct sh_state *sh, struct sh_job *job, int *interrupted)
{
	for (;;) {
		int busy = 0;
		for (size_t i = 0; i < sh->jobs.n && !job; i++)
			busy |= sh_job_state(sh->jobs.v[i]) == SH_JOB_RUNNING;
		if (job ? sh_job_state(job) == SH_JOB_DONE : !busy)
			break;
		if (sh_trap_pending()) {
			*interrupted = 1;
			return 128 + sh_traps_run(sh);
		}
		if (sh_jobs_reap(sh, 1) < 0)
			break;
	}
	int st = job ? sh_job_status(job) : 0;
	if (job && st > 128 && st != 128 + SIGINT && st != 128 + SIGPIPE && !sh->interactive)
		dprintf(2, "%s\n", strsignal(st - 128));
	for (size_t i = 0; i < sh->jobs.n; i++) {
		struct sh_job *j = sh->jobs.v[i];
		if ((!job || j == job) && sh_job_state(j) == SH_JOB_DONE)
			sh_job_remove(sh, j), i--;
	}
	return st;
}

int sh_bi_wait(struct sh_state *sh, char **argv)
{
	int st = 0, interrupted = 0;
	if (!argv[1])
		return wait_job(sh, NULL, &interrupted);
	for (int i = 1; argv[i] && !interrupted; i++) {
		struct sh_job *job = sh_job_find(sh, argv[i], argv[i][0] == '%' ? "wait" : NULL);
		st = job ? wait_job(sh, job, &interrupted) : 127;
	}
	return st;
}

/* kill -l [status]: the names of the signals, or of one. */
static int list_signals(struct sh_state *sh, char **argv)
{
	if (argv[2]) {
		int n = atoi(argv[2]);
		const char *name = sh_signal_name(n > 128 ? n - 128 : n);
		if (!name) {
			sh_error(sh, "kill: %s: invalid signal", argv[2]);
			return 1;
		}
		dprintf(1, "%s\n", name);
		return 0;
	}
	for (int sig = 1; sig < 32; sig++)
		if (sh_signal_name(sig))
			dprintf(1, "%s%c", sh_signal_name(sig), sig % 8 && sig < 31 ? ' ' : '\n');
	return 0;
}

/* Reads -s NAME, -NAME or -N before the targets; returns the index of
 * the first target, or -1 after an error. */
static int kill_signal(struct sh_state *sh, char **argv, int *sig)
{
	*sig = SIGTERM;
	if (!argv[1] || argv[1][0] != '-' || !argv[1][1])
		return 1;
	if (!strcmp(argv[1], "--"))
		return 2;
	const char *name = argv[1] + 1;
	int i = 2;
	if (!strcmp(argv[1], "-s") || !strcmp(argv[1], "-n")) {
		name = argv[2];
		i = 3;
	}
	*sig = name ? sh_signal_number(name) : -1;
	if (*sig < 0) {
		sh_error(sh, "kill: %s: invalid signal", name ? name : "");
		return -1;
	}
	return i;
}

int sh_bi_kill(struct sh_state *sh, char **argv)
{
	int sig, st = 0;
	if (argv[1] && !strcmp(argv[1], "-l"))
		return list_signals(sh, argv);
	int i = kill_signal(sh, argv, &sig);
	if (i < 0)
		return 2;
	if (!argv[i]) {
		sh_error(sh, "kill: usage: kill [-s sig | -sig] pid | %%job ...");
		return 2;
	}
	for (; argv[i]; i++) {
		long pid, cont = 0;
		if (argv[i][0] == '%') {
			struct sh_job *job = sh_job_find(sh, argv[i], "kill");
			if (!job) {
				st = 1;
				continue;
			}
			pid = job->pgid ? -job->pgid : job->procs[0].pid;
			/* As bash does: a stopped job gets SIGCONT too, so that a
			 * SIGTERM does not wait for someone to continue it. */
			if (sh_job_state(job) == SH_JOB_STOPPED && sig != SIGKILL && sig != SIGCONT)
				cont = pid;
		} else {
			char *end;
			pid = strtol(argv[i], &end, 10);
			if (!*argv[i] || *end) {
				sh_error(sh, "kill: %s: arguments must be process or job IDs", argv[i]);
				st = 1;
				continue;
			}
		}
		if (kill((pid_t)pid, sig) < 0) {
			sh_error(sh, "kill: %s: %s", argv[i], strerror(errno));
			st = 1;
		} else if (cont) {
			kill((pid_t)cont, SIGCONT);
		}
	}
	return st;
}
