// SPDX-License-Identifier: MIT
/* The shell's entry point and input loop.
 *   sh                       interactive when fd 0 is a terminal, else
 *                            reads commands from stdin
 *   sh -c 'cmds' [name args] runs cmds ($0 = name), as system()/popen() do
 *   sh script [args]         runs the script file
 * Input is run a line at a time; a line with an open quote, a trailing
 * backslash or a trailing |, && or || is continued on the next one. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "sh.h"

#define RUN_INCOMPLETE (-1)

extern char **environ;

/* Lexes, parses and runs text; returns its status, or RUN_INCOMPLETE
 * (nothing run) if text needs more lines and more may come (!final). */
static int run_chunk(struct sh_state *sh, const char *text, int final)
{
	struct sh_tokens toks = { 0 };
	struct sh_program prog = { 0 };
	const char *err = "syntax error: unterminated quote";
	int status;
	_Static_assert((int)SH_LEX_INCOMPLETE == (int)SH_PARSE_INCOMPLETE &&
			       (int)SH_LEX_OK == (int)SH_PARSE_OK,
		       "lexer and parser results are handled alike");
	int r = sh_lex(text, &toks, &err);
	if (r == SH_LEX_OK)
		r = sh_parse(&toks, &prog, &err);
	if (r == SH_PARSE_INCOMPLETE && !final) {
		status = RUN_INCOMPLETE;
	} else if (r != SH_PARSE_OK) {
		dprintf(2, "sh: %s\n", err);
		status = sh->status = 2;
	} else {
		status = sh_run_program(sh, &prog);
	}
	sh_program_free(&prog);
	sh_tokens_free(&toks);
	return status;
}

int sh_run_text(struct sh_state *sh, const char *text)
{
	return run_chunk(sh, text, 1);
}

static const char *prompt(struct sh_state *sh, int continued)
{
	const char *ps1 = sh_var_get(&sh->vars, "PS1");
	if (continued)
		return "> ";
	return ps1 ? ps1 : geteuid() == 0 ? "# " : "$ ";
}

/* Reads one line without its newline; NULL at the end of input. */
static char *read_line(struct sh_state *sh, FILE *in, int continued)
{
	if (sh->interactive) {
		char *line = sh_term_readline(&sh->hist, prompt(sh, continued));
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
	if (n > 0 && line[n - 1] == '\n')
		line[n - 1] = '\0';
	return line;
}

/* Appends "\n" and the next line to *text; returns 0, or -1 at EOF. */
static int continue_text(struct sh_state *sh, FILE *in, char **text)
{
	char *next = read_line(sh, in, 1);
	if (!next)
		return -1;
	size_t a = strlen(*text), b = strlen(next);
	*text = sh_xrealloc(*text, a + b + 2);
	(*text)[a] = '\n';
	memcpy(*text + a + 1, next, b + 1);
	free(next);
	return 0;
}

static int run_stream(struct sh_state *sh, FILE *in)
{
	char *text;
	while (!sh->exit_requested && (text = read_line(sh, in, 0))) {
		int final = 0;
		while (run_chunk(sh, text, final) == RUN_INCOMPLETE)
			final = continue_text(sh, in, &text) < 0;
		if (sh->interactive)
			sh_hist_add(&sh->hist, text);
		free(text);
	}
	return sh->status;
}

int sh_run_script(struct sh_state *sh, const char *path, char **argv)
{
	FILE *in = fopen(path, "re");
	if (!in) {
		dprintf(2, "sh: %s: %s\n", path, strerror(errno));
		return errno == ENOENT ? 127 : 126;
	}
	sh->args = argv;
	for (sh->nargs = 0; argv[sh->nargs]; sh->nargs++)
		;
	sh->interactive = 0;
	sh->pid = getpid();
	int status = run_stream(sh, in);
	fclose(in);
	return status;
}

static int usage(void)
{
	dprintf(2, "usage: sh [-c command [name [arg...]] | script [arg...]]\n");
	return 2;
}

int main(int argc, char **argv)
{
	static struct sh_state sh;
	sh_vars_import(&sh.vars, environ);
	if (!sh_var_get(&sh.vars, "PATH"))
		sh_var_set(&sh.vars, "PATH", "/bin:/sbin", 1);
	sh.pid = getpid();
	sh.args = argv;
	sh.nargs = 1;
	if (argc > 1 && !strcmp(argv[1], "-c")) {
		if (argc < 3)
			return usage();
		if (argc > 3) {
			sh.args = argv + 3;
			sh.nargs = argc - 3;
		}
		return sh_run_text(&sh, argv[2]);
	}
	if (argc > 1 && argv[1][0] == '-')
		return usage();
	if (argc > 1)
		return sh_run_script(&sh, argv[1], argv + 1);
	sh.interactive = isatty(0);
	/* musl's getpgrp returns the raw -ENOSYS where there are no groups. */
	sh.hand_terminal = sh.interactive && getpgrp() < 0;
	return run_stream(&sh, stdin);
}
