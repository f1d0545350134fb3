// SPDX-License-Identifier: MIT
/* Parser for the shell (see parse.h): sh_parse and sh_is_assignment. A
 * recursive descent over POSIX's grammar:
 *   list     := { and_or [";" | "&" | NEWLINE] }   (up to a terminator)
 *   and_or   := pipeline { ("&&" | "||") linebreak pipeline }
 *   pipeline := ["!"] command { "|" linebreak command }
 *   command  := simple | compound {redirection} | NAME "(" ")" linebreak command
 *   compound := "{" list "}" | "(" list ")" | if | while | until | for | case
 * Reserved words count only where a command may start. Running out of
 * tokens where more are needed makes the input incomplete, not wrong. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "parse.h"
#include "sh_buf.h"

#define DEPTH_MAX 200

struct cursor {
	const struct sh_tokens *t;
	size_t i;
	const char **err;
	int depth;
};

static int list(struct cursor *c, struct sh_node **out, int need);
static int command(struct cursor *c, struct sh_node **out);

static const struct sh_token *peek(struct cursor *c)
{
	return c->i < c->t->n ? &c->t->v[c->i] : NULL;
}

static int peek_is(struct cursor *c, enum sh_tok_kind kind)
{
	const struct sh_token *tok = peek(c);
	return tok && tok->kind == kind;
}

static int at_word(struct cursor *c, const char *w)
{
	const struct sh_token *tok = peek(c);
	return tok && tok->kind == SH_TOK_WORD && !strcmp(tok->text, w);
}

/* A missing token: incomplete at the end of input, else an error. */
static int fail(struct cursor *c, const char *what)
{
	static char msg[96];
	const struct sh_token *tok = peek(c);
	if (!tok) {
		*c->err = "syntax error: unexpected end of input";
		return SH_PARSE_INCOMPLETE;
	}
	static const char *const ops[] = {
		[SH_TOK_NEWLINE] = "newline", [SH_TOK_SEMI] = ";", [SH_TOK_DSEMI] = ";;",
		[SH_TOK_AMP] = "&", [SH_TOK_AND] = "&&", [SH_TOK_OR] = "||", [SH_TOK_PIPE] = "|",
		[SH_TOK_LPAREN] = "(", [SH_TOK_RPAREN] = ")", [SH_TOK_REDIR] = "redirection",
	};
	snprintf(msg, sizeof(msg), "syntax error: %s expected before '%.40s'", what,
		 tok->kind == SH_TOK_WORD ? tok->text : ops[tok->kind]);
	*c->err = msg;
	return SH_PARSE_ERROR;
}

static int expect(struct cursor *c, const char *w)
{
	if (!at_word(c, w))
		return fail(c, w);
	c->i++;
	return SH_PARSE_OK;
}

static void linebreak(struct cursor *c)
{
	while (peek_is(c, SH_TOK_NEWLINE))
		c->i++;
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

static int is_name(const char *w)
{
	size_t n;
	return (isalpha((unsigned char)w[0]) || w[0] == '_') &&
	       (sh_is_assignment(w, &n), w[n] == '\0');
}

static void add_word(char ***v, size_t *n, const char *w)
{
	*v = sh_xrealloc(*v, (*n + 1) * sizeof(**v));
	(*v)[(*n)++] = sh_xstrdup(w);
}

static int redirection(struct cursor *c, struct sh_node *n)
{
	const struct sh_token *tok = &c->t->v[c->i++];
	if (!peek_is(c, SH_TOK_WORD))
		return fail(c, "a file name");
	struct sh_redir r = { tok->fd, tok->op, sh_xstrdup(peek(c)->text), NULL, tok->quoted };
	if (tok->op == SH_REDIR_HEREDOC || tok->op == SH_REDIR_HEREDOC_STRIP)
		r.body = sh_xstrdup(tok->text ? tok->text : "");
	c->i++;
	n->redirs = sh_xrealloc(n->redirs, (n->nredirs + 1) * sizeof(r));
	n->redirs[n->nredirs++] = r;
	return SH_PARSE_OK;
}

static int redirections(struct cursor *c, struct sh_node *n)
{
	int r = SH_PARSE_OK;
	while (r == SH_PARSE_OK && peek_is(c, SH_TOK_REDIR))
		r = redirection(c, n);
	return r;
}

static int simple(struct cursor *c, struct sh_node **out)
{
	struct sh_node *n = *out = sh_node_new(SH_N_SIMPLE);
	size_t len;
	for (const struct sh_token *tok; (tok = peek(c));) {
		if (tok->kind == SH_TOK_REDIR) {
			int r = redirection(c, n);
			if (r != SH_PARSE_OK)
				return r;
			continue;
		}
		if (tok->kind != SH_TOK_WORD)
			break;
		if (!n->nwords && sh_is_assignment(tok->text, &len))
			add_word(&n->assigns, &n->nassigns, tok->text);
		else
			add_word(&n->words, &n->nwords, tok->text);
		c->i++;
	}
	if (!n->nwords && !n->nassigns && !n->nredirs)
		return fail(c, "a command");
	return SH_PARSE_OK;
}

/* Parses a list that must not be empty into a new kid of n. */
static int body(struct cursor *c, struct sh_node *n)
{
	struct sh_node *kid = NULL;
	int r = list(c, &kid, 1);
	sh_node_add_kid(n, kid);
	return r;
}

/* After "if" or "elif": cond "then" list [elif ... | else list]. */
static int if_rest(struct cursor *c, struct sh_node *n)
{
	int r;
	if ((r = body(c, n)) || (r = expect(c, "then")) || (r = body(c, n)))
		return r;
	if (at_word(c, "elif")) {
		c->i++;
		struct sh_node *elif = sh_node_new(SH_N_IF);
		sh_node_add_kid(n, elif);
		return if_rest(c, elif);
	}
	if (at_word(c, "else")) {
		c->i++;
		return body(c, n);
	}
	return SH_PARSE_OK;
}

static int loop(struct cursor *c, struct sh_node *n)
{
	int r;
	if ((r = body(c, n)) || (r = expect(c, "do")) || (r = body(c, n)))
		return r;
	return expect(c, "done");
}

static int for_clause(struct cursor *c, struct sh_node *n)
{
	if (!peek_is(c, SH_TOK_WORD) || !is_name(peek(c)->text))
		return fail(c, "a variable name");
	n->name = sh_xstrdup(peek(c)->text);
	c->i++;
	linebreak(c);
	if (at_word(c, "in")) {
		n->has_in = 1;
		for (c->i++; peek_is(c, SH_TOK_WORD); c->i++)
			add_word(&n->words, &n->nwords, peek(c)->text);
		if (!peek_is(c, SH_TOK_SEMI) && !peek_is(c, SH_TOK_NEWLINE))
			return fail(c, "; or newline");
		c->i++;
	} else if (peek_is(c, SH_TOK_SEMI)) {
		c->i++;
	}
	linebreak(c);
	int r = expect(c, "do");
	if (r || (r = body(c, n)))
		return r;
	return expect(c, "done");
}

/* One case item: [(] pattern {| pattern} ) list [;;]. */
static int case_item(struct cursor *c, struct sh_node *n)
{
	n->items = sh_xrealloc(n->items, (n->nitems + 1) * sizeof(*n->items));
	struct sh_case_item *it = &n->items[n->nitems++];
	*it = (struct sh_case_item){ 0 };
	if (peek_is(c, SH_TOK_LPAREN))
		c->i++;
	for (;;) {
		if (!peek_is(c, SH_TOK_WORD))
			return fail(c, "a pattern");
		add_word(&it->pats, &it->npats, peek(c)->text);
		c->i++;
		if (!peek_is(c, SH_TOK_PIPE))
			break;
		c->i++;
	}
	if (!peek_is(c, SH_TOK_RPAREN))
		return fail(c, ")");
	c->i++;
	int r = list(c, &it->body, 0);
	if (r != SH_PARSE_OK)
		return r;
	if (peek_is(c, SH_TOK_DSEMI)) {
		c->i++;
		linebreak(c);
	} else if (!at_word(c, "esac")) {
		return fail(c, ";;");
	}
	return SH_PARSE_OK;
}

static int case_clause(struct cursor *c, struct sh_node *n)
{
	if (!peek_is(c, SH_TOK_WORD))
		return fail(c, "a word");
	add_word(&n->words, &n->nwords, peek(c)->text);
	c->i++;
	linebreak(c);
	int r = expect(c, "in");
	linebreak(c);
	while (r == SH_PARSE_OK && !at_word(c, "esac"))
		r = case_item(c, n);
	return r ? r : expect(c, "esac");
}

static int compound(struct cursor *c, enum sh_node_kind kind, struct sh_node *n)
{
	int r;
	switch (kind) {
	case SH_N_GROUP:
		return (r = body(c, n)) ? r : expect(c, "}");
	case SH_N_SUBSHELL:
		if ((r = body(c, n)))
			return r;
		if (!peek_is(c, SH_TOK_RPAREN))
			return fail(c, ")");
		c->i++;
		return SH_PARSE_OK;
	case SH_N_IF:
		return (r = if_rest(c, n)) ? r : expect(c, "fi");
	case SH_N_WHILE: case SH_N_UNTIL:
		return loop(c, n);
	case SH_N_FOR:
		return for_clause(c, n);
	default:
		return case_clause(c, n);
	}
}

/* The kind of compound command starting at the cursor, or SH_N_SIMPLE. */
static enum sh_node_kind compound_kind(struct cursor *c)
{
	static const struct {
		const char *w;
		enum sh_node_kind kind;
	} words[] = {
		{ "{", SH_N_GROUP }, { "if", SH_N_IF }, { "while", SH_N_WHILE },
		{ "until", SH_N_UNTIL }, { "for", SH_N_FOR }, { "case", SH_N_CASE },
	};
	if (peek_is(c, SH_TOK_LPAREN))
		return SH_N_SUBSHELL;
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (at_word(c, words[i].w))
			return words[i].kind;
	return SH_N_SIMPLE;
}

static int is_funcdef(struct cursor *c)
{
	return peek_is(c, SH_TOK_WORD) && is_name(peek(c)->text) && c->i + 1 < c->t->n &&
	       c->t->v[c->i + 1].kind == SH_TOK_LPAREN;
}

static int funcdef(struct cursor *c, struct sh_node **out)
{
	struct sh_node *n = *out = sh_node_new(SH_N_FUNC);
	n->name = sh_xstrdup(peek(c)->text);
	c->i += 2;
	if (!peek_is(c, SH_TOK_RPAREN))
		return fail(c, ")");
	c->i++;
	linebreak(c);
	struct sh_node *fn = NULL;
	int r = command(c, &fn);
	sh_node_add_kid(n, fn);
	return r;
}

static int command(struct cursor *c, struct sh_node **out)
{
	if (!peek(c))
		return fail(c, "a command");
	if (++c->depth > DEPTH_MAX) {
		*c->err = "syntax error: commands nested too deeply";
		return SH_PARSE_ERROR;
	}
	int r, line = peek(c)->line;
	enum sh_node_kind kind = compound_kind(c);
	if (kind != SH_N_SIMPLE) {
		c->i++;
		*out = sh_node_new(kind);
		if ((r = compound(c, kind, *out)) == SH_PARSE_OK)
			r = redirections(c, *out);
	} else {
		r = is_funcdef(c) ? funcdef(c, out) : simple(c, out);
	}
	if (*out)
		(*out)->line = line;
	c->depth--;
	return r;
}

static int pipeline(struct cursor *c, struct sh_node **out)
{
	int bang = at_word(c, "!"), r;
	c->i += bang;
	struct sh_node *first = NULL;
	if ((r = command(c, &first)) != SH_PARSE_OK) {
		*out = first;
		return r;
	}
	*out = first;
	if (peek_is(c, SH_TOK_PIPE)) {
		*out = sh_node_new(SH_N_PIPE);
		sh_node_add_kid(*out, first);
		while (r == SH_PARSE_OK && peek_is(c, SH_TOK_PIPE)) {
			c->i++;
			linebreak(c);
			struct sh_node *next = NULL;
			r = command(c, &next);
			sh_node_add_kid(*out, next);
		}
	}
	if (bang) {
		struct sh_node *not = sh_node_new(SH_N_NOT);
		sh_node_add_kid(not, *out);
		*out = not;
	}
	return r;
}

static int and_or(struct cursor *c, struct sh_node **out)
{
	int r = pipeline(c, out);
	while (r == SH_PARSE_OK && (peek_is(c, SH_TOK_AND) || peek_is(c, SH_TOK_OR))) {
		struct sh_node *n = sh_node_new(peek_is(c, SH_TOK_AND) ? SH_N_AND : SH_N_OR);
		c->i++;
		linebreak(c);
		sh_node_add_kid(n, *out);
		struct sh_node *right = NULL;
		r = pipeline(c, &right);
		sh_node_add_kid(n, right);
		*out = n;
	}
	return r;
}

/* Whether the cursor is at what ends a list: the end, ")", ";;" or a
 * reserved word that closes a construct. */
static int list_ends(struct cursor *c)
{
	static const char *const words[] = { "then", "else", "elif", "fi", "do", "done",
					     "esac", "}" };
	if (!peek(c) || peek_is(c, SH_TOK_RPAREN) || peek_is(c, SH_TOK_DSEMI))
		return 1;
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (at_word(c, words[i]))
			return 1;
	return 0;
}

/* Parses and-or lists up to a terminator into *out (NULL if none, the
 * and-or list itself if one); need: an empty list is an error. */
static int list(struct cursor *c, struct sh_node **out, int need)
{
	struct sh_node *l = sh_node_new(SH_N_LIST);
	int r = SH_PARSE_OK;
	for (linebreak(c); r == SH_PARSE_OK && !list_ends(c); linebreak(c)) {
		struct sh_node *ao = NULL;
		r = and_or(c, &ao);
		if (r == SH_PARSE_OK && peek_is(c, SH_TOK_AMP)) {
			struct sh_node *bg = sh_node_new(SH_N_BG);
			sh_node_add_kid(bg, ao);
			ao = bg;
		}
		sh_node_add_kid(l, ao);
		if (r != SH_PARSE_OK)
			break;
		if (peek_is(c, SH_TOK_AMP) || peek_is(c, SH_TOK_SEMI))
			c->i++;
		else if (!peek_is(c, SH_TOK_NEWLINE))
			break;
	}
	if (r == SH_PARSE_OK && need && !l->nkids)
		r = fail(c, "a command");
	if (l->nkids == 1) {
		*out = l->kids[0];
		l->nkids = 0;
		sh_node_free(l);
	} else {
		*out = l->nkids ? l : (sh_node_free(l), NULL);
	}
	return r;
}

int sh_parse(const struct sh_tokens *t, struct sh_node **root, const char **err)
{
	struct cursor c = { t, 0, err, 0 };
	*root = NULL;
	int r = list(&c, root, 0);
	if (r == SH_PARSE_OK && peek(&c))
		r = fail(&c, "a command");
	return r;
}
