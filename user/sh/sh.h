/* SPDX-License-Identifier: MIT */
/* The shell's state and the entry points its parts share: running text
 * and trees (main.c, exec.c), simple commands (exec_cmd.c), forks,
 * pipelines and background jobs (exec_fork.c, jobs.c), the expander's
 * callbacks (shexp.c), redirections (redir.c), signals and traps
 * (trap.c), built-ins (builtins.c and bi_*.c) and interactive line
 * reading (term.c). */
#pragma once
#include <sys/types.h>
#include <termios.h>
#include "expand.h"
#include "history.h"
#include "jobs.h"
#include "parse.h"
#include "vars.h"

#define SH_NSIG 65      /* signals 1..64; trap slot 0 is EXIT */

enum sh_ctl {
	SH_CTL_NONE,
	SH_CTL_BREAK,
	SH_CTL_CONTINUE,
	SH_CTL_RETURN,
	SH_CTL_ABORT,   /* ^C or ^Z reached a foreground job: drop the line */
};

struct sh_func {
	char *name;
	struct sh_node *body;
};

struct sh_opts {
	int errexit, nounset, xtrace, noglob, noclobber, verbose, noexec, monitor;
};

struct sh_state {
	struct sh_vars vars;
	struct sh_hist hist;
	struct sh_func *funcs;
	size_t nfuncs;
	struct sh_jobs jobs;
	struct sh_opts opt;
	int status;             /* $? */
	int lineno;             /* $LINENO: the line of the command running */
	int subst_status;       /* the last command substitution's, -1: none */
	int interactive;        /* prompts and edits lines */
	int started_interactive; /* so were we (children too): errors say "sh: " */
	int tested;             /* > 0: in a condition, where set -e is off */
	enum sh_ctl ctl;        /* a break, continue, return or abort under way */
	int ctl_n;              /* break/continue: loops still to leave */
	int loops;              /* loops running, for break and continue */
	int calls;              /* functions and . scripts running (return) */
	struct sh_scope *scope; /* the running function's locals, or NULL */
	long pid;               /* $$: the shell's pid, also in subshells */
	long last_bg;           /* $!: 0 until a background job starts */
	char *arg0;             /* $0 */
	char **params;          /* $1.. (owned, NULL-terminated) */
	int nparams;
	char *traps[SH_NSIG];   /* NULL: default; "": ignored; else a command */
	int in_trap;            /* a trap action is running */
	int subshell;           /* a forked copy of the shell */
	int exec_ok;            /* the next simple command may replace this
				 * process (the last thing a child does) */
	int tty;                /* the terminal (job control), or -1 */
	pid_t pgid;             /* the shell's own process group */
	struct termios tmodes;  /* the terminal as the shell keeps it */
	int exit_warned;        /* exit said there are stopped jobs: lines left
				 * before a second exit no longer counts */
	int getopts_pos;        /* getopts: the next character in an argument */
	int getopts_ind;        /* getopts: the OPTIND it set last */
	char num_buf[24];       /* backs the value of $?, $$, $#, ... */
};

/* main.c: parses and runs text (any number of lines), a command at a time
 * for scripts; returns the status, 2 after a syntax error. */
int sh_run_text(struct sh_state *sh, const char *text);
/* Runs the file at path as a script in this shell (. and scripts);
 * returns its status, 127 or 126 if it cannot be read. */
int sh_run_file(struct sh_state *sh, const char *path);
/* Runs the EXIT trap and leaves the process with status. */
_Noreturn void sh_exit(struct sh_state *sh, int status);

/* exec.c: runs a tree; returns (and stores in sh->status) its status. */
int sh_run_node(struct sh_state *sh, const struct sh_node *n);
/* After a command failed: leaves the shell under set -e, outside tests. */
void sh_check_errexit(struct sh_state *sh);
/* An error a non-interactive shell does not survive (POSIX 2.8.1). */
void sh_fatal(struct sh_state *sh, int status);
struct sh_func *sh_func_find(struct sh_state *sh, const char *name);
/* Calls function f with argv[1..] as its parameters. */
int sh_call_func(struct sh_state *sh, struct sh_func *f, char **argv);

/* exec_cmd.c */
int sh_run_simple(struct sh_state *sh, const struct sh_node *n);
/* Finds name on $PATH (default /bin:/sbin) into *path; returns 0 or -1. */
int sh_find_program(struct sh_state *sh, const char *name, struct sh_str *path);
/* Replaces this process with argv (the environment from the variables);
 * returns only on failure, with the status a shell gives for it. */
int sh_exec_program(struct sh_state *sh, char **argv);
/* Runs program argv in a child and waits (n: the command, for its
 * assignments, redirections and the job's text); exec_ok: in place. */
int sh_run_program(struct sh_state *sh, const struct sh_node *n, char **argv, int exec_ok);

/* exec_fork.c */
int sh_run_pipe(struct sh_state *sh, const struct sh_node *n);
int sh_run_subshell(struct sh_state *sh, const struct sh_node *n);
int sh_run_bg(struct sh_state *sh, const struct sh_node *n);
/* What a new child changes in its copy of the shell: no job control, no
 * terminal, traps reset (sh_signals_child). */
void sh_child_setup(struct sh_state *sh);
/* Forks a child that becomes a subshell; 0 in it, its pid or -1 here. */
pid_t sh_fork_subshell(struct sh_state *sh);

/* shexp.c: the expander of sh's variables, globbing and substitutions. */
struct sh_expander sh_expander_of(struct sh_state *sh);
/* Expands the command's words into argv; 0, or -1 after an error. */
int sh_expand_words(struct sh_state *sh, char *const *words, size_t n, struct sh_strv *argv);
/* Sets positional parameters $1.. to argv[0..n). */
void sh_set_params(struct sh_state *sh, char *const *argv, int n);

/* bi_vars.c: sets option letter (or the one called name) on or off;
 * returns 0 or -1 after saying why. */
int sh_set_option(struct sh_state *sh, char letter, const char *name, int on);
/* $-: the letters of the options that are on. */
const char *sh_option_letters(struct sh_state *sh);

/* Saved descriptors, for redirections of commands run in the shell. */
#define SH_SAVED_MAX 16
struct sh_saved {
	int fd[SH_SAVED_MAX], copy[SH_SAVED_MAX]; /* copy -1: fd was closed */
	int n;
};
/* Applies redirections r[0..n) in order, saving the old descriptors in
 * *save unless save is NULL. Returns 0, or -1 after printing why. */
int sh_redirect(struct sh_state *sh, const struct sh_redir *r, size_t n, struct sh_saved *save);
/* Puts back the descriptors saved by sh_redirect. */
void sh_restore(struct sh_saved *save);

/* trap.c */
void sh_signals_init(struct sh_state *sh);
/* In a new child: traps and the interactive shell's ignored signals back
 * to their defaults (ignored traps stay ignored). */
void sh_signals_child(struct sh_state *sh);
/* Runs the actions of trapped signals that arrived; returns the last
 * signal run (0: none). */
int sh_traps_run(struct sh_state *sh);
int sh_trap_pending(void);
/* Whether ^C reached the interactive shell itself since last asked. */
int sh_interrupted(void);
/* Signal numbers and names ("INT", "SIGINT", "2"); -1 if unknown. */
int sh_signal_number(const char *name);
const char *sh_signal_name(int sig);

typedef int sh_builtin_fn(struct sh_state *sh, char **argv);
struct sh_builtin {
	const char *name;
	sh_builtin_fn *fn;
	int special;            /* POSIX special built-in */
};
/* Returns the built-in called name, or NULL. */
const struct sh_builtin *sh_builtin(const char *name);
/* Prints the message to stderr after "sh: " (interactive) or, as dash
 * does, after "$0: LINE: " (scripts and sh -c). */
void sh_error(const struct sh_state *sh, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Reads one line with editing and history from the terminal on fd 0.
 * Returns the line (the caller frees it), or NULL at EOF (^D) or when fd 0
 * is not a terminal after all (errno ENOTTY). */
char *sh_term_readline(struct sh_hist *h, const char *prompt);
