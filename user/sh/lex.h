/* SPDX-License-Identifier: MIT */
/* The shell's tokenizer: sh_lex splits one input (one or more lines) into
 * words and operators. Words keep their raw text, quotes and backslashes
 * included; expand.c removes them. Pure: no state beyond its arguments. */
#pragma once
#include <stddef.h>

enum sh_tok_kind {
	SH_TOK_WORD,
	SH_TOK_PIPE,    /* | */
	SH_TOK_AND,     /* && */
	SH_TOK_OR,      /* || */
	SH_TOK_SEMI,    /* ; */
	SH_TOK_NEWLINE,
	SH_TOK_REDIR,   /* [n]< [n]> [n]>> [n]>&m [n]<&m [n]>&- */
};

enum sh_redir_op { SH_REDIR_IN, SH_REDIR_OUT, SH_REDIR_APPEND, SH_REDIR_DUP };

struct sh_token {
	enum sh_tok_kind kind;
	char *text;             /* SH_TOK_WORD: the raw word */
	int fd;                 /* SH_TOK_REDIR: the descriptor redirected */
	enum sh_redir_op op;
	int dup_fd;             /* SH_REDIR_DUP: the source, -1 to close fd */
};

struct sh_tokens {
	struct sh_token *v;
	size_t n, cap;
};

enum { SH_LEX_ERROR = -1, SH_LEX_OK = 0, SH_LEX_INCOMPLETE = 1 };

/* Appends the tokens of src to out. Returns SH_LEX_OK; SH_LEX_INCOMPLETE
 * when a quote is open or src ends in a backslash (the caller may read
 * another line and retry on the joined text); SH_LEX_ERROR with *err set
 * to a static message for input the shell does not accept. */
int sh_lex(const char *src, struct sh_tokens *out, const char **err);
void sh_tokens_free(struct sh_tokens *t);
