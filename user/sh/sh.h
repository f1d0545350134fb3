/* SPDX-License-Identifier: MIT */
/* The shell's state and the entry points its parts share: running a
 * program (exec.c), redirections (redir.c), built-ins (builtins.c),
 * interactive line reading (term.c) and running text (main.c). */
#pragma once
#include "expand.h"
#include "history.h"
#include "parse.h"
#include "vars.h"

struct sh_state {
	struct sh_vars vars;
	struct sh_hist hist;
	int status;             /* $? */
	int interactive;        /* prompts and edits lines */
	int hand_terminal;      /* no process groups: name each waited-for
				 * child as the terminal's signal target */
	int exit_requested;     /* set by `exit`; stops the lists and the loop */
	long pid;               /* $$: the shell's pid, also in subshells */
	char **args;            /* $0, $1, ... */
	int nargs;
	char num_buf[24];       /* backs the value of $?, $$ or $# */
};

/* Runs prog; returns (and stores in sh->status) its status. */
int sh_run_program(struct sh_state *sh, const struct sh_program *prog);
/* Lexes, parses and runs text (any number of lines); returns the status,
 * 2 after a syntax error (nothing of text is run then). */
int sh_run_text(struct sh_state *sh, const char *text);
/* Runs the script at path with $0.. = argv; returns its status. */
int sh_run_script(struct sh_state *sh, const char *path, char **argv);
/* The expander for sh's variables and globbing. */
struct sh_expander sh_expander_of(struct sh_state *sh);

/* Saved descriptors, for redirections of commands run in the shell. */
#define SH_SAVED_MAX 16
struct sh_saved {
	int fd[SH_SAVED_MAX], copy[SH_SAVED_MAX]; /* copy -1: fd was closed */
	int n;
};
/* Applies redirections r[0..n) in order, saving the old descriptors in
 * *save unless save is NULL. Returns 0, or -1 after printing why. */
int sh_redirect(const struct sh_redir *r, size_t n, const struct sh_expander *x,
		struct sh_saved *save);
/* Puts back the descriptors saved by sh_redirect. */
void sh_restore(struct sh_saved *save);

typedef int sh_builtin_fn(struct sh_state *sh, char **argv);
/* Returns the built-in called name, or NULL. */
sh_builtin_fn *sh_builtin(const char *name);

/* Reads one line with editing and history from the terminal on fd 0.
 * Returns the line (the caller frees it), or NULL at EOF (^D) or when fd 0
 * is not a terminal after all (errno ENOTTY). */
char *sh_term_readline(struct sh_hist *h, const char *prompt);
