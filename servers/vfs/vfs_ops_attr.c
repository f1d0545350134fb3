// SPDX-License-Identifier: MIT
/* Owners and times: chown (fchownat, fchown) and utimensat, with Linux's
 * rules (fs/attr.c): only uid 0 gives a file away; the owner may change
 * its group to one of its own; a chown of anything but a directory drops
 * set-user-ID, and set-group-ID when group-execute is set or the caller
 * is neither uid 0 nor in the file's group. Explicit times need the owner
 * (EPERM), "now" the owner or write permission (EACCES). Entry points:
 * vfs_fchownat, vfs_fchown, vfs_utimensat. */
#define _GNU_SOURCE /* AT_EMPTY_PATH */
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include "vfs_fd.h"
#include "vfs_path.h"

#define ID_KEEP 0xffffffffu
#define NS_PER_S 1000000000ull
#define NOW_NSEC ((1l << 30) - 1l)  /* UTIME_NOW */
#define OMIT_NSEC ((1l << 30) - 2l) /* UTIME_OMIT */

/* Returns 0 if cred may set ip's owner to uid and group to gid (ID_KEEP:
 * unchanged), else -EPERM. */
static int may_chown(const struct vfs_cred *cred, const struct vfs_inode *ip, uint32_t uid,
		     uint32_t gid)
{
	if (cred->uid == 0)
		return 0;
	if (uid != ID_KEEP && (cred->uid != ip->uid || uid != ip->uid))
		return -EPERM;
	if (gid != ID_KEEP && (cred->uid != ip->uid ||
			       (gid != ip->gid && !vfs_cred_in_group(cred, gid))))
		return -EPERM;
	return 0;
}

static int do_chown(struct vfs_ctx *x, struct vfs_inode *ip, uint32_t uid, uint32_t gid)
{
	const struct vfs_cred *cred = &x->c->cred;
	int r = may_chown(cred, ip, uid, gid);
	if (r < 0)
		return r;
	if (!S_ISDIR(ip->mode)) {
		bool sgid_goes = (ip->mode & S_IXGRP) ||
				 (cred->uid != 0 && !vfs_cred_in_group(cred, ip->gid));
		ip->mode &= ~(uint32_t)(S_ISUID | (sgid_goes ? S_ISGID : 0));
	}
	if (uid != ID_KEEP)
		ip->uid = uid;
	if (gid != ID_KEEP)
		ip->gid = gid;
	ip->ctime = vfs_now(x->s);
	vfs_inode_dirty(x->s, ip);
	return 0;
}

int vfs_fchownat(struct vfs_state *s, const struct vfs_caller *c, int dirfd, const char *path,
		 uint32_t uid, uint32_t gid, int flags)
{
	struct vfs_ctx x;
	int r = vfs_enter(&x, s, c);
	if (r < 0)
		return r;
	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	unsigned wf = VFS_WALK_W | ((flags & AT_SYMLINK_NOFOLLOW) ? 0 : VFS_WALK_FOLLOW) |
		      ((flags & AT_EMPTY_PATH) ? VFS_WALK_EMPTY : 0);
	struct vfs_nd nd;
	if ((r = vfs_walk(&x, dirfd, path, wf, &nd)) < 0)
		return r;
	return do_chown(&x, nd.ip, uid, gid);
}

int vfs_fchown(struct vfs_state *s, const struct vfs_caller *c, int fd, uint32_t uid,
	       uint32_t gid)
{
	struct vfs_ctx x;
	struct vfs_file *f;
	int r = vfs_enter_fd(&x, s, c, fd, &f);
	return r < 0 ? r : do_chown(&x, f->ip, uid, gid);
}

static bool nsec_valid(int64_t ns)
{
	return ns == NOW_NSEC || ns == OMIT_NSEC || (ns >= 0 && ns < (int64_t)NS_PER_S);
}

/* One new time: now, the old one (omit) or the one given. */
static uint64_t pick(const struct linux_timespec *t, uint64_t now, uint64_t old)
{
	if (t->tv_nsec == NOW_NSEC)
		return now;
	if (t->tv_nsec == OMIT_NSEC)
		return old;
	return (uint64_t)t->tv_sec * NS_PER_S + (uint64_t)t->tv_nsec;
}

/* times NULL, or both "now", is a touch: the owner, uid 0 or a writer may.
 * Anything else sets times: the owner or uid 0 only. */
static int set_times(struct vfs_ctx *x, struct vfs_inode *ip, const struct linux_timespec *t)
{
	const struct vfs_cred *cred = &x->c->cred;
	bool touch = !t || (t[0].tv_nsec == NOW_NSEC && t[1].tv_nsec == NOW_NSEC);
	if (!vfs_cred_owns(cred, ip)) {
		if (!touch)
			return -EPERM;
		int r = vfs_perm(cred, ip, VFS_MAY_WRITE);
		if (r < 0)
			return r;
	}
	uint64_t now = vfs_now(x->s);
	static const struct linux_timespec both_now[2] = { { 0, NOW_NSEC }, { 0, NOW_NSEC } };
	if (!t)
		t = both_now;
	ip->atime = pick(&t[0], now, ip->atime);
	ip->mtime = pick(&t[1], now, ip->mtime);
	ip->ctime = now;
	vfs_inode_dirty(x->s, ip);
	return 0;
}

int vfs_utimensat(struct vfs_state *s, const struct vfs_caller *c, int dirfd, const char *path,
		  const struct linux_timespec times[2], int flags)
{
	if (times && (!nsec_valid(times[0].tv_nsec) || !nsec_valid(times[1].tv_nsec)))
		return -EINVAL;
	if (times && times[0].tv_nsec == OMIT_NSEC && times[1].tv_nsec == OMIT_NSEC)
		return 0;  /* as Linux: nothing to do, not even the path is looked at */
	struct vfs_ctx x;
	int r = vfs_enter(&x, s, c);
	if (r < 0)
		return r;
	if (!path && dirfd != AT_FDCWD) {  /* futimens: the descriptor itself */
		if (flags)
			return -EINVAL;
		struct vfs_file *f = vfs_fd_get(x.p, dirfd);
		return f ? set_times(&x, f->ip, times) : -EBADF;
	}
	if (!path)
		return -EFAULT;
	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	unsigned wf = VFS_WALK_W | ((flags & AT_SYMLINK_NOFOLLOW) ? 0 : VFS_WALK_FOLLOW) |
		      ((flags & AT_EMPTY_PATH) ? VFS_WALK_EMPTY : 0);
	struct vfs_nd nd;
	if ((r = vfs_walk(&x, dirfd, path, wf, &nd)) < 0)
		return r;
	return set_times(&x, nd.ip, times);
}
