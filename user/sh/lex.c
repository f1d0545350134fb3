// SPDX-License-Identifier: MIT
/* Tokenizer for the shell (see lex.h): sh_lex, sh_tokens_free and
 * sh_lex_skip_subst. Comments (# at the start of a token) run to the end
 * of the line; a backslash-newline between tokens is skipped. The end of
 * a $(...) is found by tokenizing its inside with the same loop, counting
 * parentheses (a case pattern's ")" does not count), so that quotes,
 * comments and case items inside it are taken as the shell takes them. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include "lex.h"
#include "sh_buf.h"

#define HEREDOC_MAX 16
#define CASE_MAX 16
#define NEST_MAX 200    /* substitutions inside substitutions */

struct lexer {
	const char *p;
	struct sh_tokens *out;
	const char **err;
	size_t heredoc[HEREDOC_MAX];    /* here-document operators waiting */
	size_t nheredoc;
	int nested;     /* inside $(...): stop at the unmatched ")" */
	int done;       /* nested: that ")" was read */
	int depth;      /* nested: open parentheses */
	int case_depth[CASE_MAX];       /* nested: depth at each open case */
	int ncase;
	int line;               /* the line of line_at */
	const char *line_at;
};

/* The line p is on (p at or after the last place asked about). */
static int line_of(struct lexer *l, const char *p)
{
	for (; l->line_at < p; l->line_at++)
		l->line += *l->line_at == '\n';
	return l->line;
}

static struct sh_token *push(struct sh_tokens *t, enum sh_tok_kind kind)
{
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 16;
		t->v = sh_xrealloc(t->v, t->cap * sizeof(*t->v));
	}
	t->v[t->n] = (struct sh_token){ .kind = kind, .fd = -1 };
	return &t->v[t->n++];
}

static int is_delim(char c)
{
	return c == '\0' || strchr(" \t\n;|&<>()", c) != NULL;
}

/* p at '"': returns the character after the closing quote, or NULL. */
static const char *dquote_end(const char *p)
{
	for (p++; *p != '"';) {
		if (!*p)
			return NULL;
		if (*p == '\\') {
			if (!p[1])
				return NULL;
			p += 2;
		} else if (*p == '$' || *p == '`') {
			if (!(p = sh_lex_skip_subst(p, 1)))
				return NULL;
		} else {
			p++;
		}
	}
	return p + 1;
}

static const char *squote_end(const char *p)
{
	const char *q = strchr(p + 1, '\'');
	return q ? q + 1 : NULL;
}

static const char *backquote_end(const char *p)
{
	for (p++; *p != '`'; p++) {
		if (!*p)
			return NULL;
		if (*p == '\\' && p[1])
			p++;
	}
	return p + 1;
}

/* p just inside "${": returns the character after the matching "}". */
static const char *brace_end(const char *p, int dq)
{
	while (*p != '}') {
		if (!*p)
			return NULL;
		if (*p == '\\')
			p += p[1] ? 2 : 1;
		else if (*p == '\'' && !dq)
			p = squote_end(p);
		else if (*p == '"')
			p = dquote_end(p);
		else if (*p == '$' || *p == '`')
			p = sh_lex_skip_subst(p, dq);
		else
			p++;
		if (!p)
			return NULL;
	}
	return p + 1;
}

/* p just inside "$((": returns the character after the closing "))". */
static const char *arith_end(const char *p)
{
	for (int depth = 0; *p; p++) {
		if (*p == '(')
			depth++;
		else if (*p == ')' && depth > 0)
			depth--;
		else if (*p == ')')
			return p[1] == ')' ? p + 2 : NULL;
	}
	return NULL;
}

static int lex_run(struct lexer *l);

/* p just inside "$(": returns the character after the matching ")". */
static const char *cmdsubst_end(const char *p)
{
	struct sh_tokens toks = { 0 };
	const char *err;
	struct lexer l = { .p = p, .out = &toks, .err = &err, .nested = 1, .line_at = p };
	int r = lex_run(&l);
	sh_tokens_free(&toks);
	return r == SH_LEX_OK && l.done ? l.p : NULL;
}

int sh_lex_is_arith(const char *p)
{
	return p[0] == '$' && p[1] == '(' && p[2] == '(' && arith_end(p + 3);
}

const char *sh_lex_skip_subst(const char *p, int dq)
{
	static int nesting;     /* bounds the recursion, not shared state */
	const char *end = p + 1;
	if (nesting >= NEST_MAX)
		return NULL;
	nesting++;
	if (*p == '`')
		end = backquote_end(p);
	else if (p[1] == '{')
		end = brace_end(p + 2, dq);
	else if (sh_lex_is_arith(p))
		end = arith_end(p + 3);
	else if (p[1] == '(')
		end = cmdsubst_end(p + 2);
	nesting--;
	return end;
}

/* Returns the end of the raw word at s, or NULL if it is incomplete. */
static const char *word_end(const char *s)
{
	const char *p = s;
	while (p && !is_delim(*p)) {
		if (*p == '\\')
			p = p[1] && (p[1] != '\n' || p[2]) ? p + 2 : NULL;
		else if (*p == '\'')
			p = squote_end(p);
		else if (*p == '"')
			p = dquote_end(p);
		else if (*p == '$' || *p == '`')
			p = sh_lex_skip_subst(p, 0);
		else
			p++;
	}
	return p;
}

/* Reads a redirection operator at l->p (after its descriptor, fd). */
static int redir(struct lexer *l, int fd)
{
	static const struct {
		const char *s;
		enum sh_redir_op op;
	} ops[] = {
		{ "<<-", SH_REDIR_HEREDOC_STRIP }, { "<<", SH_REDIR_HEREDOC },
		{ "<&", SH_REDIR_DUPIN }, { "<>", SH_REDIR_RDWR }, { "<", SH_REDIR_IN },
		{ ">>", SH_REDIR_APPEND }, { ">&", SH_REDIR_DUPOUT },
		{ ">|", SH_REDIR_CLOBBER }, { ">", SH_REDIR_OUT },
	};
	size_t i = 0;
	while (strncmp(l->p, ops[i].s, strlen(ops[i].s)))
		i++;
	struct sh_token *t = push(l->out, SH_TOK_REDIR);
	t->fd = fd;
	t->op = ops[i].op;
	l->p += strlen(ops[i].s);
	if (t->op == SH_REDIR_HEREDOC || t->op == SH_REDIR_HEREDOC_STRIP) {
		if (l->nheredoc == HEREDOC_MAX) {
			*l->err = "too many here-documents on one line";
			return SH_LEX_ERROR;
		}
		l->heredoc[l->nheredoc++] = l->out->n - 1;
	}
	return SH_LEX_OK;
}

/* The delimiter of a here-document without its quotes; *quoted says
 * whether it had any. */
static char *unquote(const char *w, int *quoted)
{
	char *s = sh_xstrdup(w), *d = s;
	*quoted = 0;
	for (; *w; w++) {
		if (strchr("'\"\\", *w))
			*quoted = 1;
		if (*w == '\\' && w[1])
			*d++ = *++w;
		else if (*w != '\'' && *w != '"')
			*d++ = *w;
	}
	*d = '\0';
	return s;
}

/* Reads the body of here-document t, which ends at a line equal to delim. */
static int read_body(struct lexer *l, struct sh_token *t, const char *delim)
{
	struct sh_str body = { 0 };
	size_t dlen = strlen(delim);
	for (;;) {
		const char *p = l->p;
		if (t->op == SH_REDIR_HEREDOC_STRIP)
			p += strspn(p, "\t");
		size_t n = strcspn(p, "\n");
		if (n == dlen && !strncmp(p, delim, n)) {
			l->p = p + n + (p[n] == '\n');
			break;
		}
		if (!p[n]) {
			sh_str_free(&body);
			return SH_LEX_INCOMPLETE;
		}
		sh_str_add(&body, p, n + 1);
		l->p = p + n + 1;
	}
	free(t->text);
	t->text = sh_str_take(&body);
	return SH_LEX_OK;
}

/* At a newline: reads the bodies of the here-documents of the line. */
static int read_heredocs(struct lexer *l)
{
	for (size_t i = 0; i < l->nheredoc; i++) {
		size_t at = l->heredoc[i];
		if (at + 1 >= l->out->n || l->out->v[at + 1].kind != SH_TOK_WORD) {
			*l->err = "syntax error: here-document without a delimiter";
			return SH_LEX_ERROR;
		}
		int quoted;
		char *delim = unquote(l->out->v[at + 1].text, &quoted);
		l->out->v[at].quoted = quoted;
		int r = read_body(l, &l->out->v[at], delim);
		free(delim);
		if (r != SH_LEX_OK)
			return r;
	}
	l->nheredoc = 0;
	return SH_LEX_OK;
}

/* Reads "(" or ")"; inside $(...) they count, and the unmatched ")" ends. */
static int paren(struct lexer *l)
{
	int open = *l->p++ == '(';
	if (l->nested && open) {
		l->depth++;
	} else if (l->nested && !(l->ncase && l->depth == l->case_depth[l->ncase - 1])) {
		if (l->depth-- == 0) {
			l->done = 1;
			return SH_LEX_OK;
		}
	}
	push(l->out, open ? SH_TOK_LPAREN : SH_TOK_RPAREN);
	return SH_LEX_OK;
}

/* Reads one operator at l->p. */
static int operator(struct lexer *l)
{
	static const struct {
		const char *s;
		enum sh_tok_kind kind;
	} ops[] = {
		{ "&&", SH_TOK_AND }, { "||", SH_TOK_OR }, { ";;", SH_TOK_DSEMI },
		{ "&", SH_TOK_AMP }, { "|", SH_TOK_PIPE }, { ";", SH_TOK_SEMI },
	};
	char c = *l->p;
	if (c == '<' || c == '>')
		return redir(l, -1);
	if (c == '(' || c == ')')
		return paren(l);
	if (c == '\n') {
		l->p++;
		push(l->out, SH_TOK_NEWLINE);
		return read_heredocs(l);
	}
	for (size_t i = 0; i < sizeof(ops) / sizeof(ops[0]); i++) {
		size_t n = strlen(ops[i].s);
		if (!strncmp(l->p, ops[i].s, n)) {
			l->p += n;
			push(l->out, ops[i].kind);
			return SH_LEX_OK;
		}
	}
	*l->err = "syntax error: unexpected character";
	return SH_LEX_ERROR;
}

/* Whether the next word would be in command position (for case/esac
 * inside $(...), where only the paren count matters). */
static int command_position(const struct lexer *l)
{
	static const char *const words[] = { "then", "do", "else", "elif", "if", "while",
					     "until", "{", "!", "in" };
	if (!l->out->n)
		return 1;
	const struct sh_token *t = &l->out->v[l->out->n - 1];
	if (t->kind != SH_TOK_WORD)
		return t->kind != SH_TOK_REDIR;
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (!strcmp(t->text, words[i]))
			return 1;
	return 0;
}

static void track_case(struct lexer *l, const char *w)
{
	if (!l->nested || !command_position(l))
		return;
	if (!strcmp(w, "case") && l->ncase < CASE_MAX)
		l->case_depth[l->ncase++] = l->depth;
	else if (!strcmp(w, "esac") && l->ncase)
		l->ncase--;
}

/* Reads the token at l->p. */
static int token_at(struct lexer *l)
{
	size_t digits = strspn(l->p, "0123456789");
	if (digits && digits < 6 && (l->p[digits] == '<' || l->p[digits] == '>')) {
		int fd = atoi(l->p);
		l->p += digits;
		return redir(l, fd);
	}
	if (is_delim(*l->p))
		return operator(l);
	const char *end = word_end(l->p);
	if (!end)
		return SH_LEX_INCOMPLETE;
	size_t n = (size_t)(end - l->p);
	char *w = sh_xmalloc(n + 1);
	memcpy(w, l->p, n);
	w[n] = '\0';
	track_case(l, w);
	push(l->out, SH_TOK_WORD)->text = w;
	l->p = end;
	return SH_LEX_OK;
}

/* Reads the token at l->p and notes the line it starts on. */
static int token(struct lexer *l)
{
	size_t first = l->out->n;
	int line = line_of(l, l->p);
	int r = token_at(l);
	if (l->out->n > first)
		l->out->v[first].line = line;
	return r;
}

static int lex_run(struct lexer *l)
{
	while (!l->done) {
		const char *p = l->p;
		if (*p == ' ' || *p == '\t') {
			l->p++;
		} else if (p[0] == '\\' && p[1] == '\n') {
			if (!p[2])
				return SH_LEX_INCOMPLETE;
			l->p += 2;
		} else if (*p == '#') {
			l->p += strcspn(p, "\n");
		} else if (*p == '\0') {
			return l->nested || l->nheredoc ? SH_LEX_INCOMPLETE : SH_LEX_OK;
		} else {
			int r = token(l);
			if (r != SH_LEX_OK)
				return r;
		}
	}
	return SH_LEX_OK;
}

int sh_lex(const char *src, struct sh_tokens *out, const char **err)
{
	struct lexer l = { .p = src, .out = out, .err = err, .line_at = src };
	l.line = out->first_line > 0 ? out->first_line : 1;
	return lex_run(&l);
}

void sh_tokens_free(struct sh_tokens *t)
{
	for (size_t i = 0; i < t->n; i++)
		free(t->v[i].text);
	free(t->v);
	*t = (struct sh_tokens){ 0 };
}
