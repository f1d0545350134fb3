// SPDX-License-Identifier: MIT
/* Data calls on descriptors: read, write, pread, pwrite, lseek, truncate,
 * ftruncate and poll, dispatching on the inode type (file, pipe, device).
 * Entry points: vfs_read, vfs_write, vfs_pread, vfs_pwrite, vfs_lseek,
 * vfs_truncate, vfs_ftruncate, vfs_poll. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdint.h>
#include <sys/stat.h>
#include <unistd.h>
#include "vfs_dev.h"
#include "vfs_fd.h"
#include "vfs_path.h"
#include "vfs_pipe.h"
#include "vfs_wait.h"

#define MAX_RW_COUNT 0x7ffff000ul /* as Linux: larger transfers are cut */

#ifndef SEEK_DATA
#define SEEK_DATA 3
#define SEEK_HOLE 4
#endif

static ssize_t file_read(struct vfs_file *f, void *buf, size_t len, uint64_t off)
{
	struct vfs_inode *ip = f->ip;
	if (len > MAX_RW_COUNT)
		len = MAX_RW_COUNT;
	if (S_ISREG(ip->mode))
		return (ssize_t)vfs_data_read(ip, off, buf, len);
	if (S_ISFIFO(ip->mode))
		return vfs_pipe_read(ip->u.pipe, buf, len, (f->flags & O_NONBLOCK) != 0);
	if (S_ISCHR(ip->mode))
		return vfs_dev_read(ip, buf, len);
	return S_ISDIR(ip->mode) ? -EISDIR : -EINVAL;
}

static ssize_t file_write(struct vfs_state *s, struct vfs_file *f, const void *buf, size_t len,
			  uint64_t off)
{
	struct vfs_inode *ip = f->ip;
	if (len > MAX_RW_COUNT)
		len = MAX_RW_COUNT;
	if (S_ISREG(ip->mode)) {
		if (f->flags & O_APPEND)
			off = ip->size;
		return vfs_data_write(s, ip, off, buf, len);
	}
	if (S_ISFIFO(ip->mode))
		return vfs_pipe_write(ip->u.pipe, buf, len, (f->flags & O_NONBLOCK) != 0);
	if (S_ISCHR(ip->mode))
		return vfs_dev_write(ip, buf, len);
	return S_ISDIR(ip->mode) ? -EISDIR : -EINVAL;
}

/* Enters the caller's context and finds the readable (or writable) file
 * behind fd: 0, or -EBADF when there is none. */
static int io_enter(struct vfs_ctx *x, struct vfs_state *s, const struct vfs_caller *c, int fd,
		    bool write, struct vfs_file **fp)
{
	int r = vfs_enter_fd(x, s, c, fd, fp);
	if (r < 0)
		return r;
	return (write ? vfs_file_writable(*fp) : vfs_file_readable(*fp)) ? 0 : -EBADF;
}

/* Pipes and the console have no file position. */
static bool unseekable(const struct vfs_inode *ip)
{
	return S_ISFIFO(ip->mode) || (S_ISCHR(ip->mode) && vfs_dev_is_console(ip));
}

ssize_t vfs_read(struct vfs_state *s, const struct vfs_caller *c, int fd, void *buf, size_t len)
{
	struct vfs_ctx x;
	struct vfs_file *f;
	int r = io_enter(&x, s, c, fd, false, &f);
	if (r < 0)
		return r;
	ssize_t n = file_read(f, buf, len, f->off);
	if (n > 0 && S_ISREG(f->ip->mode))
		f->off += (uint64_t)n;
	if (n > 0 && S_ISFIFO(f->ip->mode))
		vfs_wake(s);  /* room for a waiting writer */
	return n;
}

ssize_t vfs_write(struct vfs_state *s, const struct vfs_caller *c, int fd, const void *buf,
		  size_t len)
{
	struct vfs_ctx x;
	struct vfs_file *f;
	int r = io_enter(&x, s, c, fd, true, &f);
	if (r < 0)
		return r;
	if (S_ISREG(f->ip->mode) && (f->flags & O_APPEND))
		f->off = f->ip->size;
	ssize_t n = file_write(s, f, buf, len, f->off);
	if (n > 0 && S_ISREG(f->ip->mode))
		f->off += (uint64_t)n;
	if (n > 0 && S_ISFIFO(f->ip->mode))
		vfs_wake(s);  /* bytes for a waiting reader */
	return n;
}

/* Checks a positional transfer: a seekable file and a valid offset. */
static int positional(const struct vfs_file *f, int64_t off)
{
	if (unseekable(f->ip))
		return -ESPIPE;
	return off < 0 ? -EINVAL : 0;
}

ssize_t vfs_pread(struct vfs_state *s, const struct vfs_caller *c, int fd, void *buf, size_t len,
		  int64_t off)
{
	struct vfs_ctx x;
	struct vfs_file *f;
	int r = io_enter(&x, s, c, fd, false, &f);
	if (r < 0)
		return r;
	if ((r = positional(f, off)) < 0)
		return r;
	return file_read(f, buf, len, (uint64_t)off);
}

ssize_t vfs_pwrite(struct vfs_state *s, const struct vfs_caller *c, int fd, const void *buf,
		   size_t len, int64_t off)
{
	struct vfs_ctx x;
	struct vfs_file *f;
	int r = io_enter(&x, s, c, fd, true, &f);
	if (r < 0)
		return r;
	if ((r = positional(f, off)) < 0)
		return r;
	return file_write(s, f, buf, len, (uint64_t)off); /* O_APPEND appends, as on Linux */
}

/* The base an lseek offset is relative to, or -EINVAL. */
static int64_t seek_base(const struct vfs_file *f, int64_t off, int whence)
{
	uint64_t size = f->ip->size;
	bool reg = S_ISREG(f->ip->mode);
	switch (whence) {
	case SEEK_SET:
		return 0;
	case SEEK_CUR:
		return (int64_t)f->off;
	case SEEK_END:
		return reg ? (int64_t)size : -EINVAL;
	case SEEK_DATA:
	case SEEK_HOLE:
		if (!reg)
			return -EINVAL;
		if (off < 0)
			return -ENXIO;
		int64_t at = vfs_data_seek(f->ip, (uint64_t)off, whence == SEEK_HOLE);
		return at < 0 ? at : at - off;  /* a base the offset is added to */
	default:
		return -EINVAL;
	}
}

int64_t vfs_lseek(struct vfs_state *s, const struct vfs_caller *c, int fd, int64_t off,
		  int whence)
{
	struct vfs_ctx x;
	struct vfs_file *f;
	int r = vfs_enter_fd(&x, s, c, fd, &f);
	if (r < 0)
		return r;
	struct vfs_inode *ip = f->ip;
	if (unseekable(ip))
		return -ESPIPE;
	if (S_ISCHR(ip->mode))
		return f->off = 0; /* /dev/null and /dev/zero: always at 0 */
	int64_t base = seek_base(f, off, whence);
	if (base < 0)
		return base;
	if ((off > 0 && base > INT64_MAX - off) || base + off < 0)
		return -EINVAL;
	f->off = (uint64_t)(base + off);
	return (int64_t)f->off;
}

static int do_truncate(struct vfs_state *s, struct vfs_inode *ip, int64_t len)
{
	if (len < 0)
		return -EINVAL;
	if (S_ISDIR(ip->mode))
		return -EISDIR;
	if (!S_ISREG(ip->mode))
		return -EINVAL;
	return vfs_data_truncate(s, ip, (uint64_t)len);
}

int vfs_truncate(struct vfs_state *s, const struct vfs_caller *c, const char *path, int64_t len)
{
	struct vfs_ctx x;
	int r = vfs_enter(&x, s, c);
	if (r < 0)
		return r;
	struct vfs_nd nd;
	if ((r = vfs_walk(&x, AT_FDCWD, path, VFS_WALK_FOLLOW | VFS_WALK_W, &nd)) < 0)
		return r;
	if (!S_ISDIR(nd.ip->mode) && (r = vfs_perm(&c->cred, nd.ip, VFS_MAY_WRITE)) < 0)
		return r;
	return do_truncate(s, nd.ip, len);
}

int vfs_ftruncate(struct vfs_state *s, const struct vfs_caller *c, int fd, int64_t len)
{
	struct vfs_ctx x;
	struct vfs_file *f;
	int r = vfs_enter_fd(&x, s, c, fd, &f);
	if (r < 0)
		return r;
	if (!vfs_file_writable(f) || !S_ISREG(f->ip->mode))
		return -EINVAL;
	return do_truncate(s, f->ip, len);
}

int vfs_poll(struct vfs_state *s, const struct vfs_caller *c, int fd)
{
	struct vfs_ctx x;
	struct vfs_file *f;
	int r = vfs_enter_fd(&x, s, c, fd, &f);
	if (r < 0)
		return r;
	if (!S_ISFIFO(f->ip->mode))
		return POLLIN | POLLOUT;
	struct vfs_pipe *p = f->ip->u.pipe;
	int ev = 0;
	if (vfs_file_readable(f))
		ev |= vfs_pipe_poll(p, false);
	if (vfs_file_writable(f))
		ev |= vfs_pipe_poll(p, true);
	return ev;
}
