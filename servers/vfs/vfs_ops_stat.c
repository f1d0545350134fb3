// SPDX-License-Identifier: MIT
/* Metadata calls: the stat family (statx too), access checks, chmod,
 * umask, statfs. Entry points: vfs_fstat, vfs_newfstatat, vfs_statx,
 * vfs_faccessat, vfs_fchmodat, vfs_fchmod, vfs_umask, vfs_statfs,
 * vfs_fstatfs. */
#define _GNU_SOURCE /* AT_EMPTY_PATH, O_DIRECT, O_NOATIME in glibc */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "vfs_fd.h"
#include "vfs_path.h"

#define VFS_DEV_ID 1    /* st_dev of every inode: one file system */
#define VFS_BLOCK 4096
#define VFS_INODE_BYTES 256 /* about what a new empty file takes: statfs's free inodes */
#define VFS_UNLIMITED (1ull << 40) /* statfs's store without max_data_bytes */

/* Encodes a device number as Linux's new_encode_dev for the stat ABI. */
static uint64_t encode_dev(uint32_t rdev)
{
	uint32_t major = rdev >> 8, minor = rdev & 0xff;
	return (uint64_t)((minor & 0xff) | (major << 8) | ((minor & ~0xffu) << 12));
}

static void fill_stat(const struct vfs_inode *ip, struct linux_stat *st)
{
	memset(st, 0, sizeof(*st));
	st->st_dev = VFS_DEV_ID;  /* major 0, minor VFS_DEV_ID */
	st->st_ino = ip->ino;
	st->st_nlink = ip->nlink;
	st->st_mode = ip->mode;
	st->st_uid = ip->uid;
	st->st_gid = ip->gid;
	st->st_rdev = encode_dev(ip->rdev);
	st->st_size = S_ISDIR(ip->mode) ? VFS_BLOCK : (int64_t)ip->size;
	st->st_blksize = VFS_BLOCK;
	st->st_blocks = S_ISREG(ip->mode) || S_ISLNK(ip->mode) ? (int64_t)vfs_data_blocks(ip) : 0;
	st->st_atime_sec = ip->atime / 1000000000u;
	st->st_atime_nsec = ip->atime % 1000000000u;
	st->st_mtime_sec = ip->mtime / 1000000000u;
	st->st_mtime_nsec = ip->mtime % 1000000000u;
	st->st_ctime_sec = ip->ctime / 1000000000u;
	st->st_ctime_nsec = ip->ctime % 1000000000u;
}

int vfs_fstat(struct vfs_state *s, const struct vfs_caller *c, int fd, struct linux_stat *st)
{
	struct vfs_ctx x;
	struct vfs_file *f;
	int r = vfs_enter_fd(&x, s, c, fd, &f);
	if (r < 0)
		return r;
	fill_stat(f->ip, st);
	return 0;
}

/* Resolves (dirfd, path) for the *at calls that take AT_ flags. */
static int walk_at(struct vfs_ctx *x, int dirfd, const char *path, int flags,
		   struct vfs_nd *nd, unsigned want)
{
	unsigned wf = want | ((flags & AT_SYMLINK_NOFOLLOW) ? 0 : VFS_WALK_FOLLOW);
	if (flags & AT_EMPTY_PATH)
		wf |= VFS_WALK_EMPTY;
	return vfs_walk(x, dirfd, path, wf, nd);
}

int vfs_newfstatat(struct vfs_state *s, const struct vfs_caller *c, int dirfd, const char *path,
		   struct linux_stat *st, int flags)
{
	struct vfs_ctx x;
	int r = vfs_enter(&x, s, c);
	if (r < 0)
		return r;
	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH | AT_NO_AUTOMOUNT))
		return -EINVAL;
	struct vfs_nd nd;
	if ((r = walk_at(&x, dirfd, path, flags, &nd, 0)) < 0)
		return r;
	fill_stat(nd.ip, st);
	return 0;
}

#define VFS_STATX_BASIC 0x7ffu
#define VFS_STATX_MNT_ID 0x1000u
#define VFS_STATX_RESERVED 0x80000000u
#define VFS_AT_STATX_SYNC_TYPE 0x6000

static struct linux_statx_timestamp stamp(uint64_t ns)
{
	return (struct linux_statx_timestamp){ (int64_t)(ns / 1000000000u),
					       (uint32_t)(ns % 1000000000u), 0 };
}

/* statx: what stat knows, whatever the mask asks (the mask is a wish; the
 * answer's stx_mask says what is there), plus the mount id. */
static void fill_statx(const struct vfs_inode *ip, struct linux_statx *sx)
{
	struct linux_stat st;
	fill_stat(ip, &st);
	memset(sx, 0, sizeof(*sx));
	sx->stx_mask = VFS_STATX_BASIC | VFS_STATX_MNT_ID;
	sx->stx_blksize = (uint32_t)st.st_blksize;
	sx->stx_nlink = (uint32_t)st.st_nlink;
	sx->stx_uid = st.st_uid;
	sx->stx_gid = st.st_gid;
	sx->stx_mode = (uint16_t)st.st_mode;
	sx->stx_ino = st.st_ino;
	sx->stx_size = (uint64_t)st.st_size;
	sx->stx_blocks = (uint64_t)st.st_blocks;
	sx->stx_atime = stamp(ip->atime);
	sx->stx_mtime = stamp(ip->mtime);
	sx->stx_ctime = stamp(ip->ctime);
	sx->stx_rdev_major = ip->rdev >> 8;
	sx->stx_rdev_minor = ip->rdev & 0xff;
	sx->stx_dev_major = 0;
	sx->stx_dev_minor = VFS_DEV_ID;
	sx->stx_mnt_id = 1;
}

int vfs_statx(struct vfs_state *s, const struct vfs_caller *c, int dirfd, const char *path,
	      int flags, uint32_t mask, struct linux_statx *out)
{
	struct vfs_ctx x;
	int r = vfs_enter(&x, s, c);
	if (r < 0)
		return r;
	if ((flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH | AT_NO_AUTOMOUNT | VFS_AT_STATX_SYNC_TYPE)) ||
	    (flags & VFS_AT_STATX_SYNC_TYPE) == VFS_AT_STATX_SYNC_TYPE || (mask & VFS_STATX_RESERVED))
		return -EINVAL;
	struct vfs_nd nd;
	if ((r = walk_at(&x, dirfd, path, flags, &nd, 0)) < 0)
		return r;
	fill_statx(nd.ip, out);
	return 0;
}

int vfs_faccessat(struct vfs_state *s, const struct vfs_caller *c, int dirfd, const char *path,
		  int mode, int flags)
{
	struct vfs_ctx x;
	int r = vfs_enter(&x, s, c);
	if (r < 0)
		return r;
	if ((mode & ~(R_OK | W_OK | X_OK)) ||
	    (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EACCESS | AT_EMPTY_PATH)))
		return -EINVAL;
	struct vfs_nd nd;
	if ((r = walk_at(&x, dirfd, path, flags, &nd, 0)) < 0)
		return r;
	int mask = ((mode & R_OK) ? VFS_MAY_READ : 0) | ((mode & W_OK) ? VFS_MAY_WRITE : 0) |
		   ((mode & X_OK) ? VFS_MAY_EXEC : 0);
	return mask ? vfs_perm(&c->cred, nd.ip, mask) : 0;
}

int vfs_exec_check(struct vfs_state *s, const struct vfs_caller *c, const char *path)
{
	struct vfs_ctx x;
	struct vfs_nd nd;
	int r = vfs_enter(&x, s, c);
	if (r < 0 || (r = vfs_walk(&x, AT_FDCWD, path, VFS_WALK_FOLLOW | VFS_WALK_X, &nd)) < 0)
		return r;
	if (!S_ISREG(nd.ip->mode) || !(nd.ip->mode & 0111))
		return -EACCES;  /* not a file, or no one may run it (root neither) */
	if ((r = vfs_perm(&c->cred, nd.ip, VFS_MAY_EXEC)) < 0)
		return r;
	char *canon = vfs_nd_path(&x, &nd);  /* /proc/<pid>/exe once the exec is done */
	if (canon) {
		free(x.p->exe_checked);
		x.p->exe_checked = canon;
	}
	return 0;
}

/* chmod on ip: owner or root only; a non-member loses S_ISGID as on Linux. */
static int do_chmod(struct vfs_ctx *x, struct vfs_inode *ip, mode_t mode)
{
	const struct vfs_cred *cred = &x->c->cred;
	if (!vfs_cred_owns(cred, ip))
		return -EPERM;
	uint32_t bits = (uint32_t)mode & 07777;
	if (cred->uid != 0 && !S_ISDIR(ip->mode) && !vfs_cred_in_group(cred, ip->gid))
		bits &= ~(uint32_t)S_ISGID;
	ip->mode = (ip->mode & S_IFMT) | bits;
	ip->ctime = vfs_now(x->s);
	vfs_inode_dirty(x->s, ip);
	return 0;
}

int vfs_fchmodat(struct vfs_state *s, const struct vfs_caller *c, int dirfd, const char *path,
		 mode_t mode, int flags)
{
	struct vfs_ctx x;
	int r = vfs_enter(&x, s, c);
	if (r < 0)
		return r;
	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	struct vfs_nd nd;
	if ((r = walk_at(&x, dirfd, path, flags, &nd, VFS_WALK_W)) < 0)
		return r;  /* unveil: chmod needs "w" */
	if (S_ISLNK(nd.ip->mode))
		return -EOPNOTSUPP;
	return do_chmod(&x, nd.ip, mode);
}

int vfs_fchmod(struct vfs_state *s, const struct vfs_caller *c, int fd, mode_t mode)
{
	struct vfs_ctx x;
	int r = vfs_enter(&x, s, c);
	if (r < 0)
		return r;
	struct vfs_file *f = vfs_fd_get(x.p, fd);
	return f ? do_chmod(&x, f->ip, mode) : -EBADF;
}

int vfs_umask(struct vfs_state *s, const struct vfs_caller *c, mode_t mask)
{
	struct vfs_ctx x;
	int r = vfs_enter(&x, s, c);
	if (r < 0)
		return r;
	int old = (int)x.p->umask;
	x.p->umask = (uint32_t)mask & 0777;
	return old;
}

/* The store: max_data_bytes in all, less the chunks files hold; free
 * never more than the heap could still give (its metadata takes some). */
static void fill_statfs(const struct vfs_state *s, struct linux_statfs *out)
{
	const struct vfs_itable *t = &s->it;
	uint64_t total = t->heap_max ? t->heap_max : t->data_bytes + VFS_UNLIMITED;
	uint64_t avail = total > t->data_bytes ? total - t->data_bytes : 0;
	uint64_t heap = s->space ? s->space(s->space_ctx) : avail;
	if (heap < avail)
		avail = heap;
	memset(out, 0, sizeof(*out));
	out->f_type = VFS_TMPFS_MAGIC;
	out->f_bsize = VFS_BLOCK;
	out->f_frsize = VFS_BLOCK;
	out->f_blocks = total / VFS_BLOCK;
	out->f_bfree = out->f_bavail = avail / VFS_BLOCK;
	out->f_ffree = heap / VFS_INODE_BYTES; /* no inode table to run out of: memory */
	out->f_files = (uint64_t)t->used + out->f_ffree;
	out->f_fsid[0] = VFS_DEV_ID;
	out->f_namelen = VFS_NAME_MAX;
	out->f_flags = 0x20; /* ST_VALID: the mount flags are known, and none is set */
}

int vfs_statfs(struct vfs_state *s, const struct vfs_caller *c, const char *path,
	       struct linux_statfs *out)
{
	struct vfs_ctx x;
	int r = vfs_enter(&x, s, c);
	if (r < 0)
		return r;
	struct vfs_nd nd;
	if ((r = vfs_walk(&x, AT_FDCWD, path, VFS_WALK_FOLLOW, &nd)) < 0)
		return r;
	fill_statfs(s, out);
	return 0;
}

int vfs_fstatfs(struct vfs_state *s, const struct vfs_caller *c, int fd,
		struct linux_statfs *out)
{
	struct vfs_ctx x;
	int r = vfs_enter(&x, s, c);
	if (r < 0)
		return r;
	if (!vfs_fd_get(x.p, fd))
		return -EBADF;
	fill_statfs(s, out);
	return 0;
}
