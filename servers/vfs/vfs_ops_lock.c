// SPDX-License-Identifier: MIT
/* Advisory locks as programs ask for them: flock(2) and fcntl's F_GETLK,
 * F_SETLK, F_SETLKW and their F_OFD_ forms, with Linux's checks and
 * errors. A lock that must wait parks the request (VFS_WOULD_BLOCK, with
 * a waiter record), unless waiting would close a cycle of classic POSIX
 * lock owners each waiting for the next: EDEADLK. Locks go when their
 * owner lets go: classic ones at any close of the file by their process
 * (vfs_fd.c), the others with their open file description. Entry points:
 * vfs_flock, vfs_fcntl_lock. */
#define _GNU_SOURCE /* F_OFD_* */
#include <errno.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include "vfs_fd.h"
#include "vfs_wait.h"

#define DEADLOCK_DEPTH 10  /* owners followed, as Linux's MAX_DEADLK_ITERATIONS */
#define DEADLOCK_PIDS 64

/* Takes r on ip, or says why not: 0, -EAGAIN (a conflict and no waiting),
 * -EDEADLK, VFS_WOULD_BLOCK (parked), -ENOLCK. */
static int take(struct vfs_ctx *x, struct vfs_inode *ip, const struct vfs_lock_req *r, bool wait);

/* Adds the POSIX owners of the locks on ip that block r to set. */
static void blockers(const struct vfs_inode *ip, const struct vfs_lock_req *r, int *set, int *n)
{
	for (const struct vfs_lock *l = ip->locks; l; l = l->next) {
		struct vfs_lock one = *l;
		one.next = NULL;
		if (l->kind != VFS_LK_POSIX || !vfs_lock_conflict(&one, r))
			continue;
		bool seen = false;
		for (int i = 0; i < *n; i++)
			seen |= set[i] == (int)l->owner;
		if (!seen && *n < DEADLOCK_PIDS)
			set[(*n)++] = (int)l->owner;
	}
}

/* Whether r's process waiting on ip would wait, through a chain of POSIX
 * owners each parked on a lock of the next, for itself. */
static bool deadlock(struct vfs_state *s, const struct vfs_inode *ip,
		     const struct vfs_lock_req *r)
{
	int set[DEADLOCK_PIDS], n = 0;
	if (r->kind != VFS_LK_POSIX)
		return false;  /* Linux checks classic locks only */
	blockers(ip, r, set, &n);
	for (int depth = 0, from = 0; depth < DEADLOCK_DEPTH && from < n; depth++) {
		int to = n;
		for (int i = from; i < to; i++) {
			if (set[i] == r->pid)
				return true;
			for (const struct vfs_waiter *w = s->waiters; w; w = w->next) {
				const struct vfs_inode *wip;
				if (w->kind != VFS_WAIT_LOCK || w->req.kind != VFS_LK_POSIX ||
				    w->pid != set[i] || !(wip = vfs_iget(s, w->ino)))
					continue;
				blockers(wip, &w->req, set, &n);
			}
		}
		from = to;
	}
	for (int i = 0; i < n; i++)
		if (set[i] == r->pid)
			return true;
	return false;
}

static int take(struct vfs_ctx *x, struct vfs_inode *ip, const struct vfs_lock_req *r, bool wait)
{
	if (r->type != VFS_LK_UNLOCK && vfs_lock_conflict(ip->locks, r)) {
		if (!wait)
			return -EAGAIN;
		if (deadlock(x->s, ip, r))
			return -EDEADLK;
		struct vfs_waiter w = { .kind = VFS_WAIT_LOCK, .ino = ip->ino, .req = *r };
		return vfs_wait_park(x, &w);
	}
	int changed = vfs_lock_apply(&ip->locks, r);
	if (changed < 0)
		return changed;
	if (changed)
		vfs_wake(x->s);
	return 0;
}

int vfs_flock(struct vfs_state *s, const struct vfs_caller *c, int fd, int op)
{
	struct vfs_ctx x;
	struct vfs_file *f;
	int r = vfs_enter_fd(&x, s, c, fd, &f);
	if (r < 0)
		return r;
	bool nb = (op & LOCK_NB) != 0;
	int type;
	switch (op & ~LOCK_NB) {
	case LOCK_SH: type = VFS_LK_READ; break;
	case LOCK_EX: type = VFS_LK_WRITE; break;
	case LOCK_UN: type = VFS_LK_UNLOCK; break;
	default: return -EINVAL;
	}
	struct vfs_lock_req req = { .kind = VFS_LK_FLOCK, .type = (uint8_t)type, .pid = c->pid,
				    .owner = (uintptr_t)f, .start = 0, .end = VFS_LOCK_EOF };
	for (const struct vfs_lock *l = f->ip->locks; l; l = l->next)
		if (l->kind == VFS_LK_FLOCK && l->owner == req.owner && l->type == type)
			return 0;  /* held already as asked */
	if (type != VFS_LK_UNLOCK && vfs_lock_conflict(f->ip->locks, &req)) {
		/* As Linux, a conversion lets go of the old lock before it waits. */
		req.type = VFS_LK_UNLOCK;
		take(&x, f->ip, &req, false);
		req.type = (uint8_t)type;
	}
	return take(&x, f->ip, &req, !nb);
}

/* The range of a struct flock as Linux reads it (flock_to_posix_lock). */
static int flock_range(const struct vfs_file *f, const struct linux_flock *fl, int64_t *start,
		       int64_t *end)
{
	int64_t base;
	switch (fl->l_whence) {
	case SEEK_SET: base = 0; break;
	case SEEK_CUR: base = (int64_t)f->off; break;
	case SEEK_END: base = (int64_t)f->ip->size; break;
	default: return -EINVAL;
	}
	if (fl->l_start > VFS_LOCK_EOF - base)
		return -EOVERFLOW;
	*start = base + fl->l_start;
	if (*start < 0)
		return -EINVAL;
	if (fl->l_len > 0) {
		if (fl->l_len - 1 > VFS_LOCK_EOF - *start)
			return -EOVERFLOW;
		*end = *start + fl->l_len - 1;
	} else if (fl->l_len < 0) {
		if (*start + fl->l_len < 0)
			return -EINVAL;
		*end = *start - 1;
		*start += fl->l_len;
	} else {
		*end = VFS_LOCK_EOF;
	}
	return 0;
}

static int lock_type(int16_t l_type)
{
	switch (l_type) {
	case F_RDLCK: return VFS_LK_READ;
	case F_WRLCK: return VFS_LK_WRITE;
	case F_UNLCK: return VFS_LK_UNLOCK;
	default: return -EINVAL;
	}
}

/* F_GETLK: the first lock that would block fl, or F_UNLCK. */
static int get_lock(const struct vfs_file *f, const struct vfs_lock_req *req,
		    struct linux_flock *fl)
{
	const struct vfs_lock *l = vfs_lock_conflict(f->ip->locks, req);
	if (!l) {
		fl->l_type = F_UNLCK;
		return 0;
	}
	fl->l_type = l->type == VFS_LK_WRITE ? F_WRLCK : F_RDLCK;
	fl->l_whence = SEEK_SET;
	fl->l_start = l->start;
	fl->l_len = l->end == VFS_LOCK_EOF ? 0 : l->end - l->start + 1;
	fl->l_pid = l->kind == VFS_LK_OFD ? -1 : l->pid;
	return 0;
}

int vfs_fcntl_lock(struct vfs_state *s, const struct vfs_caller *c, int fd, int cmd,
		   struct linux_flock *fl)
{
	struct vfs_ctx x;
	struct vfs_file *f;
	int r = vfs_enter_fd(&x, s, c, fd, &f);
	if (r < 0)
		return r;
	if (!fl)
		return -EFAULT;
	bool ofd = cmd == F_OFD_GETLK || cmd == F_OFD_SETLK || cmd == F_OFD_SETLKW;
	bool get = cmd == F_GETLK || cmd == F_OFD_GETLK;
	int type = lock_type(fl->l_type);
	if (type < 0 || (get && type == VFS_LK_UNLOCK) || (ofd && fl->l_pid != 0))
		return -EINVAL;
	struct vfs_lock_req req = { .kind = ofd ? VFS_LK_OFD : VFS_LK_POSIX, .type = (uint8_t)type,
				    .pid = c->pid,
				    .owner = ofd ? (uintptr_t)f : (uint64_t)c->pid };
	if ((r = flock_range(f, fl, &req.start, &req.end)) < 0)
		return r;
	if (get)
		return get_lock(f, &req, fl);
	if ((type == VFS_LK_READ && !vfs_file_readable(f)) ||
	    (type == VFS_LK_WRITE && !vfs_file_writable(f)))
		return -EBADF;
	return take(&x, f->ip, &req, cmd == F_SETLKW || cmd == F_OFD_SETLKW);
}
