// SPDX-License-Identifier: MIT
/* Parser for the shell (see parse.h): sh_parse, sh_program_free and
 * sh_is_assignment. Grammar:
 *   program  := [pipeline] { (";" | NEWLINE | "&&" | "||") [pipeline] }
 *   pipeline := command { "|" NEWLINE* command }
 *   command  := { assignment } { word | redirection }+
 * Empty statements between ; and newlines are allowed; && || | need a
 * command on both sides (a missing right side makes the input incomplete). */
#include <ctype.h>
#include <stdlib.h>
#include "parse.h"
#include "sh_buf.h"

struct cursor {
	const struct sh_tokens *t;
	size_t i;
	const char **err;
};

static const struct sh_token *peek(struct cursor *c)
{
	return c->i < c->t->n ? &c->t->v[c->i] : NULL;
}

static int peek_is(struct cursor *c, enum sh_tok_kind kind)
{
	const struct sh_token *tok = peek(c);
	return tok && tok->kind == kind;
}

int sh_is_assignment(const char *w, size_t *name_len)
{
	size_t n = 0;
	if (!isalpha((unsigned char)w[0]) && w[0] != '_')
		return 0;
	while (isalnum((unsigned char)w[n]) || w[n] == '_')
		n++;
	*name_len = n;
	return w[n] == '=';
}

static void add_word(char ***v, size_t *n, const char *w)
{
	*v = sh_xrealloc(*v, (*n + 1) * sizeof(**v));
	(*v)[(*n)++] = sh_xstrdup(w);
}

static int add_redir(struct cursor *c, struct sh_cmd *cmd, const struct sh_token *tok)
{
	struct sh_redir r = { tok->fd, tok->op, tok->dup_fd, NULL };
	if (tok->op != SH_REDIR_DUP) {
		if (!peek_is(c, SH_TOK_WORD)) {
			*c->err = peek(c) ? "syntax error: redirection without a file name"
					  : "syntax error: redirection at end of line";
			return SH_PARSE_ERROR;
		}
		r.word = sh_xstrdup(c->t->v[c->i++].text);
	}
	cmd->redirs = sh_xrealloc(cmd->redirs, (cmd->nredirs + 1) * sizeof(r));
	cmd->redirs[cmd->nredirs++] = r;
	return SH_PARSE_OK;
}

/* Parses one simple command; the caller saw a word or a redirection. */
static int command(struct cursor *c, struct sh_cmd *cmd)
{
	const struct sh_token *tok;
	size_t name_len;
	while ((tok = peek(c)) && (tok->kind == SH_TOK_WORD || tok->kind == SH_TOK_REDIR)) {
		c->i++;
		if (tok->kind == SH_TOK_REDIR) {
			if (add_redir(c, cmd, tok) != SH_PARSE_OK)
				return SH_PARSE_ERROR;
		} else if (!cmd->nwords && sh_is_assignment(tok->text, &name_len)) {
			add_word(&cmd->assigns, &cmd->nassigns, tok->text);
		} else {
			add_word(&cmd->words, &cmd->nwords, tok->text);
		}
	}
	return SH_PARSE_OK;
}

static int starts_command(struct cursor *c)
{
	return peek_is(c, SH_TOK_WORD) || peek_is(c, SH_TOK_REDIR);
}

/* Parses a pipeline into p; needs a command first (after && or ||). */
static int pipeline(struct cursor *c, struct sh_pipeline *p)
{
	for (;;) {
		while (p->ncmds && peek_is(c, SH_TOK_NEWLINE))
			c->i++;
		if (!starts_command(c)) {
			*c->err = "syntax error: missing command";
			return peek(c) ? SH_PARSE_ERROR : SH_PARSE_INCOMPLETE;
		}
		p->cmds = sh_xrealloc(p->cmds, (p->ncmds + 1) * sizeof(*p->cmds));
		p->cmds[p->ncmds] = (struct sh_cmd){ 0 };
		if (command(c, &p->cmds[p->ncmds++]) != SH_PARSE_OK)
			return SH_PARSE_ERROR;
		if (!peek_is(c, SH_TOK_PIPE))
			return SH_PARSE_OK;
		c->i++;
	}
}

/* Reads the connector before the next pipeline: SEQ after ; or newline. */
static enum sh_conn connector(struct cursor *c)
{
	enum sh_conn conn = SH_CONN_SEQ;
	if (peek_is(c, SH_TOK_AND) || peek_is(c, SH_TOK_OR)) {
		conn = peek_is(c, SH_TOK_AND) ? SH_CONN_AND : SH_CONN_OR;
		c->i++;
		while (peek_is(c, SH_TOK_NEWLINE))
			c->i++;
	}
	return conn;
}

int sh_parse(const struct sh_tokens *t, struct sh_program *prog, const char **err)
{
	struct cursor c = { t, 0, err };
	enum sh_conn conn = SH_CONN_SEQ;
	*prog = (struct sh_program){ 0 };
	while (c.i < t->n || conn != SH_CONN_SEQ) {
		if (conn == SH_CONN_SEQ && (peek_is(&c, SH_TOK_SEMI) || peek_is(&c, SH_TOK_NEWLINE))) {
			c.i++;
			continue;
		}
		if (peek_is(&c, SH_TOK_AND) || peek_is(&c, SH_TOK_OR)) {
			*err = "syntax error near && or ||";
			return SH_PARSE_ERROR;
		}
		prog->pipes = sh_xrealloc(prog->pipes, (prog->npipes + 1) * sizeof(*prog->pipes));
		struct sh_pipeline *p = &prog->pipes[prog->npipes++];
		*p = (struct sh_pipeline){ .conn = conn };
		int r = pipeline(&c, p);
		if (r != SH_PARSE_OK)
			return r;
		conn = connector(&c);
	}
	return SH_PARSE_OK;
}

static void free_words(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

void sh_program_free(struct sh_program *prog)
{
	for (size_t i = 0; i < prog->npipes; i++) {
		struct sh_pipeline *p = &prog->pipes[i];
		for (size_t j = 0; j < p->ncmds; j++) {
			struct sh_cmd *cmd = &p->cmds[j];
			free_words(cmd->assigns, cmd->nassigns);
			free_words(cmd->words, cmd->nwords);
			for (size_t k = 0; k < cmd->nredirs; k++)
				free(cmd->redirs[k].word);
			free(cmd->redirs);
		}
		free(p->cmds);
	}
	free(prog->pipes);
	*prog = (struct sh_program){ 0 };
}
