// SPDX-License-Identifier: MIT
/* Redirections (see sh.h): sh_redirect applies < > >| >> <> <& >& << <<-
 * in order, optionally saving the old descriptors so that commands run
 * in the shell can have them put back by sh_restore. A here-document
 * reaches its command through a pipe, filled at once when it fits or by
 * a forked writer when it is bigger than a pipe surely holds. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "sh.h"

#define PIPE_SURELY_HOLDS 4096

static int save_fd(struct sh_state *sh, struct sh_saved *save, int fd)
{
	if (save->n == SH_SAVED_MAX) {
		sh_error(sh, "too many redirections");
		return -1;
	}
	save->fd[save->n] = fd;
	save->copy[save->n++] = fcntl(fd, F_DUPFD_CLOEXEC, 10);
	return 0;
}

static int open_flags(struct sh_state *sh, enum sh_redir_op op, const char *path)
{
	struct stat st;
	switch (op) {
	case SH_REDIR_IN: return O_RDONLY;
	case SH_REDIR_RDWR: return O_RDWR | O_CREAT;
	case SH_REDIR_APPEND: return O_WRONLY | O_CREAT | O_APPEND;
	case SH_REDIR_OUT:
		if (sh->opt.noclobber && stat(path, &st) == 0 && S_ISREG(st.st_mode))
			return -1;
		/* fall through */
	default: return O_WRONLY | O_CREAT | O_TRUNC;
	}
}

/* Writes text into a new pipe; returns its read end, or -1. */
static int heredoc_fd(struct sh_state *sh, const char *text)
{
	int fds[2];
	size_t len = strlen(text);
	if (pipe(fds) < 0) {
		sh_error(sh, "here-document: %s", strerror(errno));
		return -1;
	}
	if (len <= PIPE_SURELY_HOLDS) {
		if (len && write(fds[1], text, len) < 0)
			sh_error(sh, "here-document: %s", strerror(errno));
	} else if (fork() == 0) {
		close(fds[0]);
		while (len > 0) {
			ssize_t w = write(fds[1], text, len);
			if (w <= 0)
				_exit(1);
			text += w;
			len -= (size_t)w;
		}
		_exit(0);
	}
	close(fds[1]);
	return fds[0];
}

/* The descriptor the redirection's source is, newly opened; -1 on error,
 * -2 for "close fd" (>&-), or the number to duplicate as -3 - n. */
static int source(struct sh_state *sh, const struct sh_redir *r)
{
	struct sh_expander x = sh_expander_of(sh);
	if (r->op == SH_REDIR_HEREDOC || r->op == SH_REDIR_HEREDOC_STRIP) {
		char *text = r->quoted ? sh_xstrdup(r->body) : sh_expand_heredoc(r->body, &x);
		int fd = text ? heredoc_fd(sh, text) : -1;
		free(text);
		return fd;
	}
	char *word = sh_expand_string(r->word, &x);
	if (!word)
		return -1;
	int fd;
	char *end;
	if (r->op == SH_REDIR_DUPIN || r->op == SH_REDIR_DUPOUT) {
		long n = strtol(word, &end, 10);
		fd = !strcmp(word, "-") ? -2 : *word && !*end && n >= 0 && n < 1024 ? -3 - (int)n : -1;
		if (fd == -1)
			sh_error(sh, "%s: bad file descriptor number", word);
	} else if (open_flags(sh, r->op, word) < 0) {
		sh_error(sh, "%s: cannot overwrite existing file", word);
		fd = -1;
	} else if ((fd = open(word, open_flags(sh, r->op, word), 0666)) < 0) {
		sh_error(sh, "%s: %s", word, strerror(errno));
	}
	free(word);
	return fd;
}

static int apply(struct sh_state *sh, const struct sh_redir *r, int target)
{
	int fd = source(sh, r);
	if (fd == -1)
		return -1;
	if (fd == -2)
		return close(target), 0;
	if (fd <= -3) {
		int from = -3 - fd;
		if (from != target && dup2(from, target) < 0) {
			sh_error(sh, "%d: %s", from, strerror(errno));
			return -1;
		}
		return 0;
	}
	if (fd != target) {
		int ok = dup2(fd, target) >= 0;
		if (!ok)
			sh_error(sh, "%d: %s", target, strerror(errno));
		close(fd);
		return ok ? 0 : -1;
	}
	return 0;
}

int sh_redirect(struct sh_state *sh, const struct sh_redir *r, size_t n, struct sh_saved *save)
{
	for (size_t i = 0; i < n; i++) {
		int in = r[i].op == SH_REDIR_IN || r[i].op == SH_REDIR_RDWR ||
			 r[i].op == SH_REDIR_DUPIN || r[i].op == SH_REDIR_HEREDOC ||
			 r[i].op == SH_REDIR_HEREDOC_STRIP;
		int target = r[i].fd >= 0 ? r[i].fd : !in;
		if (save && save_fd(sh, save, target) < 0)
			return -1;
		if (apply(sh, &r[i], target) < 0)
			return -1;
	}
	return 0;
}

void sh_restore(struct sh_saved *save)
{
	while (save->n > 0) {
		save->n--;
		int fd = save->fd[save->n], copy = save->copy[save->n];
		if (copy >= 0) {
			dup2(copy, fd);
			close(copy);
		} else {
			close(fd);
		}
	}
}
