// SPDX-License-Identifier: MIT
/* Descriptor calls: dup, dup2, dup3 and fcntl (its lock commands are in
 * vfs_ops_lock.c). Entry points: vfs_dup, vfs_dup2, vfs_dup3, vfs_fcntl. */
#define _GNU_SOURCE /* AT_EMPTY_PATH, O_DIRECT, O_NOATIME in glibc; F_OFD_* */
#include <errno.h>
#include <fcntl.h>
#include "vfs_fd.h"

/* Status flags F_SETFL may change; the access mode never changes. */
#define SETFL_MASK (O_APPEND | O_NONBLOCK | O_ASYNC | O_DIRECT | O_NOATIME)

/* Makes newfd (known free or to be replaced) share fd's description. */
static int dup_to(struct vfs_ctx *x, struct vfs_file *f, int newfd, bool cloexec)
{
	f->refs++;
	vfs_fd_install(x->s, x->p, newfd, f, cloexec);
	return newfd;
}

/* F_DUPFD and dup: the lowest free descriptor >= min. */
static int dup_min(struct vfs_ctx *x, int fd, int min, bool cloexec)
{
	struct vfs_file *f = vfs_fd_get(x->p, fd);
	if (!f)
		return -EBADF;
	if (min < 0 || min >= VFS_FD_MAX)
		return -EINVAL;
	int newfd = vfs_fd_lowest_free(x->p, min);
	return newfd < 0 ? newfd : dup_to(x, f, newfd, cloexec);
}

int vfs_dup(struct vfs_state *s, const struct vfs_caller *c, int fd)
{
	struct vfs_ctx x;
	int r = vfs_enter(&x, s, c);
	return r < 0 ? r : dup_min(&x, fd, 0, false);
}

int vfs_dup3(struct vfs_state *s, const struct vfs_caller *c, int oldfd, int newfd, int flags)
{
	struct vfs_ctx x;
	int r = vfs_enter(&x, s, c);
	if (r < 0)
		return r;
	if (flags & ~O_CLOEXEC)
		return -EINVAL;
	struct vfs_file *f = vfs_fd_get(x.p, oldfd);
	if (!f)
		return -EBADF;
	if (newfd < 0 || newfd >= VFS_FD_MAX)
		return -EBADF;
	if (oldfd == newfd)
		return -EINVAL;
	return dup_to(&x, f, newfd, (flags & O_CLOEXEC) != 0);
}

int vfs_dup2(struct vfs_state *s, const struct vfs_caller *c, int oldfd, int newfd)
{
	if (oldfd == newfd) {
		struct vfs_ctx x;
		int r = vfs_enter(&x, s, c);
		if (r < 0)
			return r;
		return vfs_fd_get(x.p, oldfd) ? newfd : -EBADF;
	}
	return vfs_dup3(s, c, oldfd, newfd, 0);
}

static int setfl(struct vfs_file *f, unsigned long arg)
{
	f->flags = (f->flags & ~SETFL_MASK) | ((int)arg & SETFL_MASK);
	return 0;
}

int vfs_fcntl(struct vfs_state *s, const struct vfs_caller *c, int fd, int cmd,
	      unsigned long arg)
{
	switch (cmd) {
	case F_GETLK: case F_SETLK: case F_SETLKW:
	case F_OFD_GETLK: case F_OFD_SETLK: case F_OFD_SETLKW:
		return vfs_fcntl_lock(s, c, fd, cmd, (struct linux_flock *)arg);
	}
	struct vfs_ctx x;
	struct vfs_file *f;
	int r = vfs_enter_fd(&x, s, c, fd, &f);
	if (r < 0)
		return r;
	switch (cmd) {
	case F_DUPFD:
	case F_DUPFD_CLOEXEC:
		if (arg >= VFS_FD_MAX)
			return -EINVAL;
		return dup_min(&x, fd, (int)arg, cmd == F_DUPFD_CLOEXEC);
	case F_GETFD:
		return x.p->fd[fd].cloexec ? FD_CLOEXEC : 0;
	case F_SETFD:
		x.p->fd[fd].cloexec = (arg & FD_CLOEXEC) != 0;
		return 0;
	case F_GETFL:
		return f->flags;
	case F_SETFL:
		return setfl(f, arg);
	default:
		return -EINVAL;
	}
}
