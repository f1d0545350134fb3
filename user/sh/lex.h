/* SPDX-License-Identifier: MIT */
/* The shell's tokenizer: sh_lex splits one input (one or more lines) into
 * words and operators as POSIX's token recognition does. Words keep their
 * raw text, quotes, $(...), `...`, ${...} and $((...)) included; expand.c
 * takes them apart. Here-document bodies are read at the newline after
 * their operator and stored in the operator's token. Reserved words are
 * plain words here: the parser knows where they count. Pure. */
#pragma once
#include <stddef.h>

enum sh_tok_kind {
	SH_TOK_WORD,
	SH_TOK_NEWLINE,
	SH_TOK_SEMI,    /* ; */
	SH_TOK_DSEMI,   /* ;; */
	SH_TOK_AMP,     /* & */
	SH_TOK_AND,     /* && */
	SH_TOK_OR,      /* || */
	SH_TOK_PIPE,    /* | */
	SH_TOK_LPAREN,  /* ( */
	SH_TOK_RPAREN,  /* ) */
	SH_TOK_REDIR,   /* [n]< > >> >| <> <& >& << <<- */
};

enum sh_redir_op {
	SH_REDIR_IN,            /* < */
	SH_REDIR_OUT,           /* > (refused under set -C) */
	SH_REDIR_CLOBBER,       /* >| */
	SH_REDIR_APPEND,        /* >> */
	SH_REDIR_RDWR,          /* <> */
	SH_REDIR_DUPIN,         /* <& word */
	SH_REDIR_DUPOUT,        /* >& word */
	SH_REDIR_HEREDOC,       /* << word */
	SH_REDIR_HEREDOC_STRIP, /* <<- word: leading tabs removed */
};

struct sh_token {
	enum sh_tok_kind kind;
	char *text;             /* WORD: the raw word; here-document: body */
	int fd;                 /* REDIR: the descriptor, -1 for the default */
	enum sh_redir_op op;
	int quoted;             /* here-document: its delimiter had quotes */
	int line;               /* the line it starts on */
};

struct sh_tokens {
	struct sh_token *v;
	size_t n, cap;
	int first_line;         /* set by the caller: src's first line (0: 1) */
};

enum { SH_LEX_ERROR = -1, SH_LEX_OK = 0, SH_LEX_INCOMPLETE = 1 };

/* Appends the tokens of src to out. Returns SH_LEX_OK; SH_LEX_INCOMPLETE
 * when a quote, a substitution or a here-document is open or src ends in
 * a backslash (the caller may read another line and retry on the joined
 * text); SH_LEX_ERROR with *err set to a static message. */
int sh_lex(const char *src, struct sh_tokens *out, const char **err);
void sh_tokens_free(struct sh_tokens *t);

/* p points at '$' or '`' starting $(...), $((...)), ${...} or `...`;
 * returns the character after its end, or NULL when src ends first. dq
 * says p is inside double quotes. */
const char *sh_lex_skip_subst(const char *p, int dq);
/* Whether p (at '$') starts an arithmetic expansion $((...)) rather than
 * a command substitution of a subshell. */
int sh_lex_is_arith(const char *p);
