// SPDX-License-Identifier: MIT
/* The shell's entry point and input loop.
 *   sh [-eufxvCm] [-i]       interactive when fd 0 and fd 2 are terminals,
 *                            else reads commands from stdin
 *   sh [opts] -c 'cmds' [name [args]]  runs cmds ($0 = name), as system()
 *                            and popen() do
 *   sh [opts] script [args]  runs the script file
 * Input is run a complete command at a time: a line that leaves a quote,
 * a construct (if, while, {, ...) or a here-document open is continued on
 * the next one. An interactive shell has job control (jobs.c). */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "sh.h"

#define RUN_INCOMPLETE (-1)

extern char **environ;

/* Lexes, parses and runs text, whose first line is line; returns its
 * status, or RUN_INCOMPLETE (nothing run) if text needs more lines and
 * more may come (!final). */
static int run_chunk(struct sh_state *sh, const char *text, int line, int final)
{
	struct sh_tokens toks = { .first_line = line };
	struct sh_node *root = NULL;
	const char *err = "syntax error: unterminated quote or here-document";
	int status;
	_Static_assert((int)SH_LEX_INCOMPLETE == (int)SH_PARSE_INCOMPLETE &&
			       (int)SH_LEX_OK == (int)SH_PARSE_OK,
		       "lexer and parser results are handled alike");
	int r = sh_lex(text, &toks, &err);
	if (r == SH_LEX_OK)
		r = sh_parse(&toks, &root, &err);
	if (r == SH_PARSE_INCOMPLETE && !final) {
		status = RUN_INCOMPLETE;
	} else if (r != SH_PARSE_OK) {
		sh->lineno = line;
		sh_error(sh, "%s", err);
		sh_fatal(sh, 2);
		status = 2;
	} else if (sh->opt.noexec && !sh->interactive) {
		status = sh->status;
	} else {
		status = sh_run_node(sh, root);
	}
	sh_node_free(root);
	sh_tokens_free(&toks);
	return status;
}

int sh_run_text(struct sh_state *sh, const char *text)
{
	return run_chunk(sh, text, sh->lineno > 0 ? sh->lineno : 1, 1);
}

_Noreturn void sh_exit(struct sh_state *sh, int status)
{
	char *action = sh->traps[0];
	if (action) {
		sh->traps[0] = NULL;
		sh->status = status;
		sh->ctl = SH_CTL_NONE;
		sh_run_text(sh, action);
		free(action);
	}
	if (sh->interactive && sh->tty >= 0)
		tcsetattr(sh->tty, TCSADRAIN, &sh->tmodes);
	if (!sh->subshell)
		exit(status);
	/* A forked copy: exit would move the offset of a script it shares
	 * with its parent back to where its copy of the buffer stood. */
	fflush(stdout);
	fflush(stderr);
	_exit(status);
}

/* $PS1 (or $PS2) after parameter expansion; the caller frees it. */
static char *prompt(struct sh_state *sh, int continued)
{
	const char *ps = sh_var_get(&sh->vars, continued ? "PS2" : "PS1");
	if (!ps)
		return sh_xstrdup(continued ? "> " : geteuid() == 0 ? "# " : "$ ");
	struct sh_expander x = sh_expander_of(sh);
	char *p = sh_expand_string(ps, &x);
	return p ? p : sh_xstrdup(ps);
}

/* Reads one line, ending in a newline; NULL at the end of input. */
static char *read_line(struct sh_state *sh, FILE *in, int continued)
{
	if (sh->interactive) {
		if (!continued && sh->opt.monitor)
			sh_jobs_notify(sh);
		char *ps = prompt(sh, continued);
		char *line = sh_term_readline(&sh->hist, ps);
		free(ps);
		if (line) {
			size_t n = strlen(line);
			line = sh_xrealloc(line, n + 2);
			memcpy(line + n, "\n", 2);
		}
		if (line || errno != ENOTTY)
			return line;
		sh->interactive = 0;
	}
	char *line = NULL;
	size_t cap = 0;
	ssize_t n = getline(&line, &cap, in);
	if (n < 0) {
		free(line);
		return NULL;
	}
	if (n == 0 || line[n - 1] != '\n') {
		line = sh_xrealloc(line, (size_t)n + 2);
		memcpy(line + n, "\n", 2);
	}
	if (sh->opt.verbose)
		dprintf(2, "%s", line);
	return line;
}

/* Appends the next line to *text; returns 0, or -1 at EOF. */
static int continue_text(struct sh_state *sh, FILE *in, char **text)
{
	char *next = read_line(sh, in, 1);
	if (!next)
		return -1;
	size_t a = strlen(*text), b = strlen(next);
	*text = sh_xrealloc(*text, a + b + 1);
	memcpy(*text + a, next, b + 1);
	free(next);
	return 0;
}

static int run_stream(struct sh_state *sh, FILE *in)
{
	char *text;
	int line = 1;
	while ((text = read_line(sh, in, 0))) {
		int final = 0;
		while (run_chunk(sh, text, line, final) == RUN_INCOMPLETE)
			final = continue_text(sh, in, &text) < 0;
		for (const char *p = text; *p; p++)
			line += *p == '\n';
		if (sh->interactive) {
			text[strlen(text) - 1] = '\0';
			sh_hist_add(&sh->hist, text);
		}
		free(text);
		if (sh_trap_pending())
			sh_traps_run(sh);
		if (sh->exit_warned)
			sh->exit_warned--;
		if (sh->ctl == SH_CTL_RETURN && sh->calls)
			break;
		sh->ctl = SH_CTL_NONE;
	}
	return sh->status;
}

int sh_run_file(struct sh_state *sh, const char *path)
{
	/* Above the descriptors scripts use (0-9), so that exec 3>file
	 * does not take the script away from under the shell. */
	int fd = open(path, O_RDONLY | O_CLOEXEC), high = -1;
	if (fd >= 0) {
		high = fcntl(fd, F_DUPFD_CLOEXEC, 10);
		close(fd);
	}
	FILE *in = high >= 0 ? fdopen(high, "r") : NULL;
	if (!in) {
		int err = errno;
		sh_error(sh, "%s: %s", path, strerror(err));
		if (high >= 0)
			close(high);
		return err == ENOENT ? 127 : 126;
	}
	int interactive = sh->interactive;
	sh->interactive = 0;
	int status = run_stream(sh, in);
	sh->interactive = interactive;
	fclose(in);
	return status;
}

/* Job control for an interactive shell: wait to be in the foreground,
 * take a process group of its own and the terminal. Without a terminal
 * that answers tcgetpgrp, no job control. */
static void job_control_init(struct sh_state *sh)
{
	sh->tty = fcntl(0, F_DUPFD_CLOEXEC, 10);
	if (sh->tty < 0 || tcgetattr(sh->tty, &sh->tmodes) < 0) {
		sh->opt.monitor = 0;
		return;
	}
	for (;;) {
		pid_t fg = tcgetpgrp(sh->tty);
		if (fg < 0) {
			sh->opt.monitor = 0;
			break;
		}
		if (fg == getpgrp())
			break;
		kill(-getpgrp(), SIGTTIN);
	}
	sh_signals_init(sh);
	if (!sh->opt.monitor)
		return;
	if (getpgrp() != getpid())
		setpgid(0, 0);
	sh->pgid = getpgrp();
	tcsetpgrp(sh->tty, sh->pgid);
}

/* An interactive shell first runs the file named by $ENV (POSIX). */
static void run_env_file(struct sh_state *sh)
{
	const char *env = sh_var_get(&sh->vars, "ENV");
	if (!env)
		return;
	struct sh_expander x = sh_expander_of(sh);
	char *path = sh_expand_string(env, &x);
	if (path && *path && access(path, R_OK) == 0)
		sh_run_file(sh, path);
	free(path);
}

static int usage(void)
{
	dprintf(2, "usage: sh [-eufxvCm] [-c command [name [arg...]] | -s [arg...] | script [arg...]]\n");
	return 2;
}

struct invocation {
	int c, s, i;            /* -c, -s, -i */
	int first;              /* argv index of the first operand */
};

/* Reads the options before the operands; returns 0 or -1. */
static int options(struct sh_state *sh, int argc, char **argv, struct invocation *inv)
{
	int i = 1;
	for (; i < argc && (argv[i][0] == '-' || argv[i][0] == '+') && argv[i][1]; i++) {
		int on = argv[i][0] == '-';
		if (!strcmp(argv[i], "--")) {
			i++;
			break;
		}
		for (const char *o = argv[i] + 1; *o; o++) {
			if (*o == 'c' || *o == 's' || *o == 'i')
				*(*o == 'c' ? &inv->c : *o == 's' ? &inv->s : &inv->i) = on;
			else if (*o == 'o' && i + 1 < argc)
				sh_set_option(sh, 0, argv[++i], on);
			else if (sh_set_option(sh, *o, NULL, on) < 0)
				return -1;
		}
	}
	inv->first = i;
	return 0;
}

static void init_vars(struct sh_state *sh)
{
	char ppid[24];
	sh_vars_import(&sh->vars, environ);
	if (!sh_var_get(&sh->vars, "PATH"))
		sh_var_set(&sh->vars, "PATH", "/bin:/sbin", 1);
	snprintf(ppid, sizeof(ppid), "%ld", (long)getppid());
	sh_var_set(&sh->vars, "PPID", ppid, 0);
	sh_var_set(&sh->vars, "OPTIND", "1", 0);
	sh_var_set(&sh->vars, "PS2", "> ", 0);
	sh_var_set(&sh->vars, "PS4", "+ ", 0);
	sh_var_set(&sh->vars, "IFS", " \t\n", 0);
}

int main(int argc, char **argv)
{
	static struct sh_state sh = { .tty = -1, .subst_status = -1 };
	struct invocation inv = { 0 };
	init_vars(&sh);
	sh.pid = getpid();
	sh.arg0 = sh_xstrdup(argv[0]);
	if (options(&sh, argc, argv, &inv) < 0)
		return usage();
	char **ops = argv + inv.first;
	int nops = argc - inv.first;
	if (inv.c && !nops)
		return usage();
	const char *text = inv.c ? *ops++ : NULL, *script = NULL;
	nops -= inv.c;
	if (!inv.c && !inv.s && nops) {
		script = *ops;
		nops--;
		free(sh.arg0);
		sh.arg0 = sh_xstrdup(*ops++);
	} else if (inv.c && nops) {
		free(sh.arg0);
		sh.arg0 = sh_xstrdup(*ops++);
		nops--;
	}
	sh_set_params(&sh, ops, nops);
	sh.interactive = inv.i || (!text && !script && isatty(0) && isatty(2));
	sh.started_interactive = sh.interactive;
	if (sh.interactive) {
		sh.opt.monitor = 1;
		job_control_init(&sh);
	} else {
		sh_signals_init(&sh);
	}
	if (sh.interactive)
		run_env_file(&sh);
	if (text) {
		/* sh -c 'prog args', as system() runs it: prog takes the
		 * shell's place rather than being its child. */
		sh.exec_ok = !sh.interactive;
		sh_exit(&sh, sh_run_text(&sh, text));
	}
	if (script) {
		int st = sh_run_file(&sh, script);
		sh_exit(&sh, st);
	}
	setvbuf(stdin, NULL, _IONBF, 0);
	sh_exit(&sh, run_stream(&sh, stdin));
}
