// SPDX-License-Identifier: MIT
/* The calls about keeping bytes: fsync, fdatasync and syncfs (the store is
 * memory, so there is nothing to flush: they succeed after Linux's
 * checks) and fallocate (tmpfs's modes: allocate, FALLOC_FL_KEEP_SIZE and
 * FALLOC_FL_PUNCH_HOLE with it; EOPNOTSUPP for the rest). Entry points:
 * vfs_fsync, vfs_syncfs, vfs_fallocate. */
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include "vfs_fd.h"

#define FL_KEEP_SIZE 0x01
#define FL_PUNCH_HOLE 0x02
#define FL_COLLAPSE_RANGE 0x08
#define FL_ZERO_RANGE 0x10
#define FL_INSERT_RANGE 0x20
#define FL_UNSHARE_RANGE 0x40
#define FL_MODES (FL_PUNCH_HOLE | FL_COLLAPSE_RANGE | FL_ZERO_RANGE | FL_INSERT_RANGE | \
		  FL_UNSHARE_RANGE)
#define FILE_MAX (1ll << 32)

int vfs_fsync(struct vfs_state *s, const struct vfs_caller *c, int fd)
{
	struct vfs_ctx x;
	struct vfs_file *f;
	int r = vfs_enter_fd(&x, s, c, fd, &f);
	if (r < 0)
		return r;
	/* Pipes, FIFOs and character devices have no fsync on Linux. */
	return S_ISREG(f->ip->mode) || S_ISDIR(f->ip->mode) || S_ISLNK(f->ip->mode) ? 0 : -EINVAL;
}

int vfs_syncfs(struct vfs_state *s, const struct vfs_caller *c, int fd)
{
	struct vfs_ctx x;
	struct vfs_file *f;
	return vfs_enter_fd(&x, s, c, fd, &f);
}

/* vfs_fallocate's checks of mode alone (Linux's vfs_fallocate). */
static int check_mode(int mode)
{
	if (mode & ~(FL_MODES | FL_KEEP_SIZE))
		return -EOPNOTSUPP;
	switch (mode & FL_MODES) {
	case 0: case FL_UNSHARE_RANGE: case FL_ZERO_RANGE:
		return 0;
	case FL_PUNCH_HOLE:
		return (mode & FL_KEEP_SIZE) ? 0 : -EOPNOTSUPP;
	case FL_COLLAPSE_RANGE: case FL_INSERT_RANGE:
		return (mode & FL_KEEP_SIZE) ? -EOPNOTSUPP : 0;
	default:
		return -EOPNOTSUPP;
	}
}

int vfs_fallocate(struct vfs_state *s, const struct vfs_caller *c, int fd, int mode,
		  int64_t off, int64_t len)
{
	struct vfs_ctx x;
	struct vfs_file *f;
	int r = vfs_enter_fd(&x, s, c, fd, &f);
	if (r < 0)
		return r;
	if (off < 0 || len <= 0)
		return -EINVAL;
	if ((r = check_mode(mode)) < 0)
		return r;
	if (!vfs_file_writable(f))
		return -EBADF;
	struct vfs_inode *ip = f->ip;
	if (S_ISFIFO(ip->mode))
		return -ESPIPE;
	if (S_ISDIR(ip->mode))
		return -EISDIR;
	if (!S_ISREG(ip->mode))
		return -ENODEV;
	if (len > FILE_MAX || off > FILE_MAX - len)
		return -EFBIG;
	if (mode & ~(FL_KEEP_SIZE | FL_PUNCH_HOLE))
		return -EOPNOTSUPP;  /* what tmpfs does not do either */
	if (mode & FL_PUNCH_HOLE)
		return vfs_data_punch(s, ip, (uint64_t)off, (uint64_t)len);
	return vfs_data_allocate(s, ip, (uint64_t)off, (uint64_t)len, (mode & FL_KEEP_SIZE) != 0);
}
