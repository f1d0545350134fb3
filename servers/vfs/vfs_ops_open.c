// SPDX-License-Identifier: MIT
/* Calls that make descriptors: openat (FIFOs wait for their other end),
 * pipe2, and close. Entry points: vfs_openat, vfs_pipe2, vfs_close. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include "vfs_dev.h"
#include "vfs_fd.h"
#include "vfs_path.h"
#include "vfs_pipe.h"
#include "vfs_procfs.h"
#include "vfs_wait.h"

/* Open flags that describe the call, not the open file description. */
#define OPEN_CALL_FLAGS (O_CREAT | O_EXCL | O_NOCTTY | O_TRUNC | O_CLOEXEC | O_NOFOLLOW)

/* Checks opening an existing ip as flags ask. */
static int open_existing(struct vfs_ctx *x, struct vfs_inode *ip, int flags)
{
	int acc = flags & O_ACCMODE;
	if ((flags & O_CREAT) && (flags & O_EXCL))
		return -EEXIST;
	if (S_ISLNK(ip->mode))
		return -ELOOP; /* O_NOFOLLOW on a symlink */
	if (S_ISDIR(ip->mode) && ((flags & O_CREAT) || acc != O_RDONLY || (flags & O_TRUNC)))
		return -EISDIR;
	if ((flags & O_DIRECTORY) && !S_ISDIR(ip->mode))
		return -ENOTDIR;
	int mask = 0;
	if (acc != O_WRONLY)
		mask |= VFS_MAY_READ;
	if (acc != O_RDONLY || (flags & O_TRUNC))
		mask |= VFS_MAY_WRITE;
	return vfs_perm(&x->c->cred, ip, mask);
}

/* A FIFO opened for reading waits for a writer, for writing for a reader
 * (-ENXIO instead when nonblocking); read-write never waits. An opener
 * parked waiting for the other end counts as that end, as on Linux. */
static int fifo_open(struct vfs_ctx *x, struct vfs_inode *ip, int flags)
{
	const struct vfs_pipe *p = ip->u.pipe;
	int acc = flags & O_ACCMODE;
	if (acc == O_RDWR)
		return 0;
	if (acc == O_RDONLY) {
		if ((flags & O_NONBLOCK) || p->writers ||
		    vfs_wait_count(x->s, VFS_WAIT_FIFO_WRITE, ip->ino))
			return 0;
		struct vfs_waiter w = { .kind = VFS_WAIT_FIFO_READ, .ino = ip->ino };
		return vfs_wait_park(x, &w);
	}
	if (p->readers || vfs_wait_count(x->s, VFS_WAIT_FIFO_READ, ip->ino))
		return 0;
	if (flags & O_NONBLOCK)
		return -ENXIO;
	struct vfs_waiter w = { .kind = VFS_WAIT_FIFO_WRITE, .ino = ip->ino };
	return vfs_wait_park(x, &w);
}

/* Creates the regular file nd names: owner from the caller, group from the
 * caller or a set-group-ID directory, mode less the umask. */
static int open_create(struct vfs_ctx *x, struct vfs_nd *nd, mode_t mode,
		       struct vfs_inode **out)
{
	if (nd->trailing)
		return -EISDIR;
	int r = vfs_may_create(&x->c->cred, nd->dir);
	if (r < 0)
		return r;
	const struct vfs_cred *cred = &x->c->cred;
	uint32_t gid = (nd->dir->mode & S_ISGID) ? nd->dir->gid : cred->gid;
	uint32_t bits = (uint32_t)mode & 07777 & ~x->p->umask;
	return vfs_dir_create(x->s, nd->dir, nd->name, nd->len, S_IFREG | bits, cred->uid, gid, out);
}

static unsigned open_walk_flags(int flags)
{
	unsigned wf = (flags & O_CREAT) ? VFS_WALK_PARENT | VFS_WALK_C : 0;
	int acc = flags & O_ACCMODE;
	if (acc == O_RDONLY || acc == O_RDWR)
		wf |= VFS_WALK_R;
	if (acc == O_WRONLY || acc == O_RDWR || (flags & O_TRUNC))
		wf |= VFS_WALK_W;
	bool excl = (flags & O_CREAT) && (flags & O_EXCL);
	if (!(flags & O_NOFOLLOW) && !excl)
		wf |= VFS_WALK_FOLLOW;
	return wf;
}

/* An executable file opened for reading: the program this process may be
 * about to spawn (/proc/<pid>/exe of the child). */
static void remember_program(struct vfs_ctx *x, const struct vfs_nd *nd)
{
	char *path = vfs_nd_path(x, nd);
	if (path) {
		free(x->p->exe_opened);
		x->p->exe_opened = path;
	}
}

int vfs_openat(struct vfs_state *s, const struct vfs_caller *c, int dirfd, const char *path,
	       int flags, mode_t mode)
{
	struct vfs_ctx x;
	int r = vfs_enter(&x, s, c);
	if (r < 0)
		return r;
	if ((flags & O_ACCMODE) == O_ACCMODE || ((flags & O_CREAT) && (flags & O_DIRECTORY)))
		return -EINVAL;
	int fd = vfs_fd_lowest_free(x.p, 0);
	if (fd < 0)
		return fd;
	struct vfs_nd nd;
	if ((r = vfs_walk(&x, dirfd, path, open_walk_flags(flags), &nd)) < 0)
		return r;
	struct vfs_inode *ip = nd.ip;
	if (!ip) {
		r = open_create(&x, &nd, mode, &ip);
	} else {
		r = open_existing(&x, ip, flags);
		if (r == 0 && S_ISFIFO(ip->mode))
			r = fifo_open(&x, ip, flags);
		if (r == 0 && (S_ISSOCK(ip->mode) || S_ISBLK(ip->mode) ||
			       (S_ISCHR(ip->mode) && !vfs_dev_known(ip->rdev))))
			r = -ENXIO;  /* no sockets, block devices or other drivers behind such nodes */
		if (r == 0 && ip->synth == VFS_GEN_TEXT)
			r = vfs_procfs_open(&x, ip, flags);
		if (r == 0 && (flags & O_TRUNC) && S_ISREG(ip->mode) && ip->size)
			r = vfs_data_truncate(s, ip, 0);
	}
	if (r < 0)
		return r;
	struct vfs_file *f = vfs_file_new(s, ip, flags & ~OPEN_CALL_FLAGS);
	if (!f)
		return -ENOMEM;
	if (nd.dir) {
		f->dir_ino = nd.dir->ino;
		f->dir_gen = nd.dir->gen;
	}
	if (S_ISREG(ip->mode) && (ip->mode & 0111) && (flags & O_ACCMODE) == O_RDONLY)
		remember_program(&x, &nd);
	vfs_fd_install(s, x.p, fd, f, (flags & O_CLOEXEC) != 0);
	return fd;
}

int vfs_close(struct vfs_state *s, const struct vfs_caller *c, int fd)
{
	struct vfs_ctx x;
	int r = vfs_enter(&x, s, c);
	return r < 0 ? r : vfs_fd_close(s, x.p, fd);
}

/* Returns a new anonymous pipe inode, or NULL without memory. */
static struct vfs_inode *pipe_inode(struct vfs_ctx *x)
{
	struct vfs_inode *ip = vfs_inode_new(x->s, S_IFIFO | 0600, x->c->cred.uid, x->c->cred.gid);
	if (!ip)
		return NULL;
	ip->anon = true;
	ip->nlink = 1;
	ip->u.pipe = vfs_pipe_new();
	if (!ip->u.pipe) {
		vfs_inode_release(x->s, ip);
		return NULL;
	}
	return ip;
}

int vfs_pipe2(struct vfs_state *s, const struct vfs_caller *c, int fds[2], int flags)
{
	struct vfs_ctx x;
	int r = vfs_enter(&x, s, c);
	if (r < 0)
		return r;
	if (flags & ~(O_CLOEXEC | O_NONBLOCK))
		return -EINVAL;
	int rfd = vfs_fd_lowest_free(x.p, 0);
	int wfd = rfd < 0 ? rfd : vfs_fd_lowest_free(x.p, rfd + 1);
	if (wfd < 0)
		return wfd;
	struct vfs_inode *ip = pipe_inode(&x);
	if (!ip)
		return -ENOMEM;
	struct vfs_file *rf = vfs_file_new(s, ip, O_RDONLY | (flags & O_NONBLOCK));
	if (!rf) {
		vfs_inode_release(s, ip);
		return -ENOMEM;
	}
	struct vfs_file *wf = vfs_file_new(s, ip, O_WRONLY | (flags & O_NONBLOCK));
	if (!wf) {
		vfs_file_put(s, rf);
		return -ENOMEM;
	}
	vfs_fd_install(s, x.p, rfd, rf, (flags & O_CLOEXEC) != 0);
	vfs_fd_install(s, x.p, wfd, wf, (flags & O_CLOEXEC) != 0);
	fds[0] = rfd;
	fds[1] = wfd;
	return 0;
}
