/* SPDX-License-Identifier: MIT */
/* The shell's grammar: sh_parse turns tokens into a program, a list of
 * pipelines joined by ;/newline, && or ||, each pipeline a list of simple
 * commands (NAME=value assignments, words, redirections). Words stay raw
 * (quotes kept) until the executor expands them. */
#pragma once
#include <stddef.h>
#include "lex.h"

struct sh_redir {
	int fd;
	enum sh_redir_op op;
	int dup_fd;
	char *word;             /* the raw target (not for SH_REDIR_DUP) */
};

struct sh_cmd {
	char **assigns;         /* raw "NAME=value" words before the command */
	size_t nassigns;
	char **words;           /* raw words: the command and its arguments */
	size_t nwords;
	struct sh_redir *redirs;
	size_t nredirs;
};

enum sh_conn { SH_CONN_SEQ, SH_CONN_AND, SH_CONN_OR };

struct sh_pipeline {
	enum sh_conn conn;      /* how it follows the previous pipeline */
	struct sh_cmd *cmds;
	size_t ncmds;
};

struct sh_program {
	struct sh_pipeline *pipes;
	size_t npipes;
};

enum { SH_PARSE_ERROR = -1, SH_PARSE_OK = 0, SH_PARSE_INCOMPLETE = 1 };

/* Parses t into *prog (which the caller frees with sh_program_free, also on
 * error). Returns SH_PARSE_OK; SH_PARSE_INCOMPLETE when the input ends
 * after |, && or ||; SH_PARSE_ERROR with *err naming the bad token. */
int sh_parse(const struct sh_tokens *t, struct sh_program *prog, const char **err);
void sh_program_free(struct sh_program *prog);

/* Whether raw word w has the form NAME=...; stores the name's length. */
int sh_is_assignment(const char *w, size_t *name_len);
