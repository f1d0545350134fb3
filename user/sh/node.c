// SPDX-License-Identifier: MIT
/* The parse tree's nodes (see parse.h): sh_node_new, sh_node_add_kid,
 * sh_node_free, sh_node_copy and sh_node_text. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "parse.h"
#include "sh_buf.h"

struct sh_node *sh_node_new(enum sh_node_kind kind)
{
	struct sh_node *n = sh_xmalloc(sizeof(*n));
	*n = (struct sh_node){ .kind = kind };
	return n;
}

void sh_node_add_kid(struct sh_node *n, struct sh_node *kid)
{
	n->kids = sh_xrealloc(n->kids, (n->nkids + 1) * sizeof(*n->kids));
	n->kids[n->nkids++] = kid;
}

static void free_words(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

void sh_node_free(struct sh_node *n)
{
	if (!n)
		return;
	for (size_t i = 0; i < n->nkids; i++)
		sh_node_free(n->kids[i]);
	free(n->kids);
	free_words(n->words, n->nwords);
	free_words(n->assigns, n->nassigns);
	free(n->name);
	for (size_t i = 0; i < n->nredirs; i++) {
		free(n->redirs[i].word);
		free(n->redirs[i].body);
	}
	free(n->redirs);
	for (size_t i = 0; i < n->nitems; i++) {
		free_words(n->items[i].pats, n->items[i].npats);
		sh_node_free(n->items[i].body);
	}
	free(n->items);
	free(n);
}

static char *dup_or_null(const char *s)
{
	return s ? sh_xstrdup(s) : NULL;
}

static char **copy_words(char *const *v, size_t n)
{
	if (!n)
		return NULL;
	char **c = sh_xmalloc(n * sizeof(*c));
	for (size_t i = 0; i < n; i++)
		c[i] = sh_xstrdup(v[i]);
	return c;
}

static void copy_items(struct sh_node *c, const struct sh_node *n)
{
	if (!n->nitems)
		return;
	c->items = sh_xmalloc(n->nitems * sizeof(*c->items));
	for (size_t i = 0; i < n->nitems; i++) {
		c->items[i].pats = copy_words(n->items[i].pats, n->items[i].npats);
		c->items[i].npats = n->items[i].npats;
		c->items[i].body = sh_node_copy(n->items[i].body);
	}
}

struct sh_node *sh_node_copy(const struct sh_node *n)
{
	if (!n)
		return NULL;
	struct sh_node *c = sh_node_new(n->kind);
	*c = *n;
	c->kids = NULL;
	c->nkids = 0;
	for (size_t i = 0; i < n->nkids; i++)
		sh_node_add_kid(c, sh_node_copy(n->kids[i]));
	c->words = copy_words(n->words, n->nwords);
	c->assigns = copy_words(n->assigns, n->nassigns);
	c->name = dup_or_null(n->name);
	c->redirs = n->nredirs ? sh_xmalloc(n->nredirs * sizeof(*c->redirs)) : NULL;
	for (size_t i = 0; i < n->nredirs; i++) {
		c->redirs[i] = n->redirs[i];
		c->redirs[i].word = dup_or_null(n->redirs[i].word);
		c->redirs[i].body = dup_or_null(n->redirs[i].body);
	}
	c->items = NULL;
	copy_items(c, n);
	return c;
}

static void add(struct sh_str *out, const char *s)
{
	sh_str_add(out, s, strlen(s));
}

static void simple_text(const struct sh_node *n, struct sh_str *out)
{
	static const char *const ops[] = {
		[SH_REDIR_IN] = "<", [SH_REDIR_OUT] = ">", [SH_REDIR_CLOBBER] = ">|",
		[SH_REDIR_APPEND] = ">>", [SH_REDIR_RDWR] = "<>", [SH_REDIR_DUPIN] = "<&",
		[SH_REDIR_DUPOUT] = ">&", [SH_REDIR_HEREDOC] = "<<",
		[SH_REDIR_HEREDOC_STRIP] = "<<-",
	};
	const char *sep = "";
	for (size_t i = 0; i < n->nassigns; i++, sep = " ")
		add(out, sep), add(out, n->assigns[i]);
	for (size_t i = 0; i < n->nwords; i++, sep = " ")
		add(out, sep), add(out, n->words[i]);
	for (size_t i = 0; i < n->nredirs; i++, sep = " ") {
		add(out, sep);
		if (n->redirs[i].fd >= 0) {
			char fd[16];
			sh_str_add(out, fd, (size_t)snprintf(fd, sizeof(fd), "%d", n->redirs[i].fd));
		}
		add(out, ops[n->redirs[i].op]);
		add(out, n->redirs[i].word);
	}
}

void sh_node_text(const struct sh_node *n, struct sh_str *out)
{
	static const char *const joins[] = {
		[SH_N_PIPE] = " | ", [SH_N_AND] = " && ", [SH_N_OR] = " || ", [SH_N_LIST] = "; ",
	};
	static const char *const names[] = {
		[SH_N_GROUP] = "{ ... }", [SH_N_SUBSHELL] = "( ... )", [SH_N_IF] = "if ... fi",
		[SH_N_WHILE] = "while ... done", [SH_N_UNTIL] = "until ... done",
		[SH_N_FOR] = "for ... done", [SH_N_CASE] = "case ... esac", [SH_N_FUNC] = "f() ...",
	};
	if (!n)
		return;
	switch (n->kind) {
	case SH_N_SIMPLE:
		simple_text(n, out);
		break;
	case SH_N_PIPE: case SH_N_AND: case SH_N_OR: case SH_N_LIST:
		for (size_t i = 0; i < n->nkids; i++) {
			if (i)
				add(out, joins[n->kind]);
			sh_node_text(n->kids[i], out);
		}
		break;
	case SH_N_NOT:
		add(out, "! ");
		sh_node_text(n->kids[0], out);
		break;
	case SH_N_BG:
		sh_node_text(n->kids[0], out);
		add(out, " &");
		break;
	default:
		add(out, names[n->kind]);
	}
}
