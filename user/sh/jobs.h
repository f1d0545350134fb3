/* SPDX-License-Identifier: MIT */
/* Jobs: the processes of one pipeline (or one background command), with
 * their process group when job control is on. jobs.c keeps the table,
 * forks into it, waits and reports; bi_jobs.c has the built-ins (jobs,
 * fg, bg, wait, kill). */
#pragma once
#include <sys/types.h>
#include <termios.h>

enum sh_job_state { SH_JOB_RUNNING, SH_JOB_STOPPED, SH_JOB_DONE };

struct sh_proc {
	pid_t pid;
	int status;             /* the wait status once it changed */
	enum sh_job_state state;
};

struct sh_job {
	int id;                 /* the n of %n */
	pid_t pgid;             /* 0 without job control */
	struct sh_proc *procs;
	size_t nprocs;
	char *text;             /* the command as jobs shows it */
	int fg;                 /* the shell is waiting for it */
	int reported;           /* its latest state was shown */
	unsigned long touched;  /* when it last started or stopped: %+ %- */
	struct termios tmodes;  /* the terminal as it left it when stopped */
	int have_tmodes;
};

struct sh_jobs {
	struct sh_job **v;
	size_t n;
	unsigned long clock;
};

struct sh_state;
struct sh_node;

/* A new job for the command n (not yet with any process). */
struct sh_job *sh_job_new(struct sh_state *sh, const struct sh_node *n);
/* Forks a process of job: in its process group (setpgid in both), the
 * terminal's if fg, signals reset. Returns 0 in the child, the pid in
 * the parent, -1 after printing why. */
pid_t sh_job_fork(struct sh_state *sh, struct sh_job *job, int fg);
/* Waits for a foreground job to end or stop; gives the terminal back to
 * the shell. Returns its status (128+sig when stopped; the job stays). */
int sh_job_wait_fg(struct sh_state *sh, struct sh_job *job);
/* Lets job run in the background: $!, and "[n] pid" when interactive. */
void sh_job_background(struct sh_state *sh, struct sh_job *job);
/* Continues job (SIGCONT to it), in the foreground (waits) or not. */
int sh_job_continue(struct sh_state *sh, struct sh_job *job, int fg);
/* Collects the status of children that changed, without blocking (block:
 * waits for one change). Returns -1 when there is no child to wait for. */
int sh_jobs_reap(struct sh_state *sh, int block);
/* Prints the jobs that finished or stopped since last said, and forgets
 * the finished ones (interactive shells, before a prompt). */
void sh_jobs_notify(struct sh_state *sh);
enum sh_job_state sh_job_state(const struct sh_job *job);
/* The status of the job's last process (0x7f-style raw status to $?). */
int sh_job_status(const struct sh_job *job);
void sh_job_remove(struct sh_state *sh, struct sh_job *job);
/* The job spec names: %n %+ %% %- %string %?string, or a pid. NULL after
 * printing why (who: the built-in's name). */
struct sh_job *sh_job_find(struct sh_state *sh, const char *spec, const char *who);
/* Prints "[n]+  State  text" to fd as jobs does (with_pid: -l). */
void sh_job_print(struct sh_state *sh, const struct sh_job *job, int fd, int with_pid);
/* Makes the terminal the shell's again, with its settings. */
void sh_job_take_terminal(struct sh_state *sh);
