// SPDX-License-Identifier: MIT
/* Redirections (see sh.h): sh_redirect applies <, >, >>, n>&m and n>&-
 * in order, optionally saving the old descriptors so that built-ins run
 * in the shell can have them put back by sh_restore. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "sh.h"

static int save_fd(struct sh_saved *save, int fd)
{
	if (save->n == SH_SAVED_MAX) {
		dprintf(2, "sh: too many redirections\n");
		return -1;
	}
	save->fd[save->n] = fd;
	save->copy[save->n++] = fcntl(fd, F_DUPFD_CLOEXEC, 10);
	return 0;
}

static int open_target(const struct sh_redir *r, const struct sh_expander *x)
{
	static const int flags[] = {
		[SH_REDIR_IN] = O_RDONLY,
		[SH_REDIR_OUT] = O_WRONLY | O_CREAT | O_TRUNC,
		[SH_REDIR_APPEND] = O_WRONLY | O_CREAT | O_APPEND,
	};
	char *path = sh_expand_string(r->word, x);
	int fd = open(path, flags[r->op], 0666);
	if (fd < 0)
		dprintf(2, "sh: %s: %s\n", path, strerror(errno));
	free(path);
	return fd;
}

static int apply(const struct sh_redir *r, const struct sh_expander *x)
{
	if (r->op == SH_REDIR_DUP) {
		if (r->dup_fd < 0)
			return close(r->fd), 0;
		if (r->dup_fd != r->fd && dup2(r->dup_fd, r->fd) < 0) {
			dprintf(2, "sh: %d: %s\n", r->dup_fd, strerror(errno));
			return -1;
		}
		return 0;
	}
	int fd = open_target(r, x);
	if (fd < 0)
		return -1;
	if (fd != r->fd) {
		int ok = dup2(fd, r->fd) >= 0;
		if (!ok)
			dprintf(2, "sh: %d: %s\n", r->fd, strerror(errno));
		close(fd);
		return ok ? 0 : -1;
	}
	return 0;
}

int sh_redirect(const struct sh_redir *r, size_t n, const struct sh_expander *x,
		struct sh_saved *save)
{
	for (size_t i = 0; i < n; i++) {
		if (save && save_fd(save, r[i].fd) < 0)
			return -1;
		if (apply(&r[i], x) < 0)
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
