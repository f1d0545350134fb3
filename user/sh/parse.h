/* SPDX-License-Identifier: MIT */
/* The shell's grammar: sh_parse turns tokens into a tree of nodes, as
 * POSIX's grammar has it: lists of and-or lists (each maybe run in the
 * background), pipelines, simple commands, { } and ( ) groups, if, while,
 * until, for, case and function definitions, with redirections on any
 * command. Words stay raw (quotes kept) until the executor expands them.
 * Node helpers (free, copy, text for job listings) are in node.c. */
#pragma once
#include <stddef.h>
#include "lex.h"

struct sh_redir {
	int fd;                 /* -1: the operator's default (0 or 1) */
	enum sh_redir_op op;
	char *word;             /* raw target; a here-document's delimiter */
	char *body;             /* a here-document's raw text, else NULL */
	int quoted;             /* here-document: taken literally */
};

enum sh_node_kind {
	SH_N_SIMPLE,    /* assigns, words, redirs */
	SH_N_PIPE,      /* kids: the commands, 2 or more */
	SH_N_AND,       /* kids[0] && kids[1] */
	SH_N_OR,        /* kids[0] || kids[1] */
	SH_N_NOT,       /* ! kids[0] */
	SH_N_LIST,      /* kids run in turn */
	SH_N_BG,        /* kids[0] & */
	SH_N_GROUP,     /* { kids[0]; } */
	SH_N_SUBSHELL,  /* ( kids[0] ) */
	SH_N_IF,        /* if kids[0] then kids[1] [else kids[2]] (elif: an IF) */
	SH_N_WHILE,     /* while kids[0] do kids[1] done */
	SH_N_UNTIL,     /* until kids[0] do kids[1] done */
	SH_N_FOR,       /* for name [in words] do kids[0] done */
	SH_N_CASE,      /* case words[0] in items esac */
	SH_N_FUNC,      /* name() kids[0] */
};

struct sh_node;

struct sh_case_item {
	char **pats;            /* raw patterns */
	size_t npats;
	struct sh_node *body;   /* NULL: empty */
};

struct sh_node {
	enum sh_node_kind kind;
	struct sh_node **kids;  /* an absent else is NULL */
	size_t nkids;
	char **words;           /* SIMPLE: command and arguments; FOR: the list */
	size_t nwords;
	char **assigns;         /* SIMPLE: raw NAME=value words */
	size_t nassigns;
	char *name;             /* FOR: the variable; FUNC: the function */
	int has_in;             /* FOR: "in" was given */
	struct sh_redir *redirs;
	size_t nredirs;
	struct sh_case_item *items;
	size_t nitems;
	int line;               /* the line the command starts on */
};

enum { SH_PARSE_ERROR = -1, SH_PARSE_OK = 0, SH_PARSE_INCOMPLETE = 1 };

/* Parses t into *root (NULL for empty input; the caller frees it with
 * sh_node_free, also on error). Returns SH_PARSE_OK; SH_PARSE_INCOMPLETE
 * when the tokens end inside a construct (after |, &&, an if without fi,
 * ...); SH_PARSE_ERROR with *err naming what is wrong. */
int sh_parse(const struct sh_tokens *t, struct sh_node **root, const char **err);

struct sh_node *sh_node_new(enum sh_node_kind kind);
void sh_node_add_kid(struct sh_node *n, struct sh_node *kid);
void sh_node_free(struct sh_node *n);
/* A deep copy (a function's body outlives the text that defined it). */
struct sh_node *sh_node_copy(const struct sh_node *n);
/* Appends a one-line rendering of n (for jobs and set -x) to out. */
struct sh_str;
void sh_node_text(const struct sh_node *n, struct sh_str *out);

/* Whether raw word w has the form NAME=...; stores the name's length. */
int sh_is_assignment(const char *w, size_t *name_len);
