// SPDX-License-Identifier: MIT
/* renameat with POSIX semantics: a file replaces a file, a directory an
 * empty directory; renaming a name onto itself (or a link of the same
 * inode) does nothing; a directory cannot move below itself (EINVAL). Every
 * check runs before the first change. Entry point: vfs_renameat. */
#include <errno.h>
#include <sys/stat.h>
#include "vfs_fd.h"
#include "vfs_path.h"

/* Returns true if dir is anc or lies below it. */
static bool is_below(struct vfs_state *s, const struct vfs_inode *anc, struct vfs_inode *dir)
{
	while (dir) {
		if (dir == anc)
			return true;
		if (dir->ino == VFS_ROOT_INO || dir->nlink == 0)
			return false;
		dir = vfs_iget(s, dir->u.dir.parent);
	}
	return false;
}

static int check_dir_move(struct vfs_ctx *x, const struct vfs_nd *o, const struct vfs_nd *n)
{
	if (is_below(x->s, o->ip, n->dir))
		return -EINVAL;
	if (n->ip && !S_ISDIR(n->ip->mode))
		return -ENOTDIR;
	if (n->ip && !vfs_dir_is_empty(n->ip))
		return -ENOTEMPTY;
	if (o->dir != n->dir) /* its ".." changes */
		return vfs_perm(&x->c->cred, o->ip, VFS_MAY_WRITE);
	return 0;
}

/* Checks everything. Returns 1 for a rename that changes nothing. */
static int check_rename(struct vfs_ctx *x, const struct vfs_nd *o, const struct vfs_nd *n)
{
	const struct vfs_cred *cred = &x->c->cred;
	if (o->dot || n->dot)
		return -EBUSY;
	if (!S_ISDIR(o->ip->mode) && n->trailing)
		return -ENOTDIR;
	if (o->ip == n->ip)
		return 1;
	int r = vfs_may_delete(cred, o->dir, o->ip);
	if (r == 0)
		r = n->ip ? vfs_may_delete(cred, n->dir, n->ip) : vfs_may_create(cred, n->dir);
	if (r < 0)
		return r;
	if (S_ISDIR(o->ip->mode))
		return check_dir_move(x, o, n);
	return n->ip && S_ISDIR(n->ip->mode) ? -EISDIR : 0;
}

/* Drops the inode a rename replaced. */
static void drop_replaced(struct vfs_state *s, struct vfs_inode *dir, struct vfs_inode *old)
{
	if (S_ISDIR(old->mode)) {
		old->nlink = 0;
		dir->nlink--;
	} else {
		old->nlink--;
	}
	old->ctime = vfs_now(s);
	vfs_inode_release(s, old);
}

static int do_rename(struct vfs_state *s, struct vfs_nd *o, struct vfs_nd *n)
{
	struct vfs_inode *src = o->ip;
	if (n->ip) {
		int idx = vfs_dir_find(n->dir, n->name, n->len);
		vfs_dir_retarget(s, n->dir, (uint32_t)idx, src->ino, src->mode);
	} else {
		int r = vfs_dir_add(s, n->dir, n->name, n->len, src->ino, src->mode);
		if (r < 0)
			return r; /* nothing changed yet */
	}
	vfs_dir_remove(s, o->dir, (uint32_t)vfs_dir_find(o->dir, o->name, o->len));
	if (S_ISDIR(src->mode) && o->dir != n->dir) {
		o->dir->nlink--;
		n->dir->nlink++;
		src->u.dir.parent = n->dir->ino;
	}
	src->ctime = vfs_now(s);
	vfs_inode_dirty(s, src);
	if (n->ip)
		drop_replaced(s, n->dir, n->ip);
	return 0;
}

int vfs_renameat(struct vfs_state *s, const struct vfs_caller *c, int olddirfd,
		 const char *oldpath, int newdirfd, const char *newpath)
{
	struct vfs_ctx x;
	int r = vfs_enter(&x, s, c);
	if (r < 0)
		return r;
	struct vfs_nd o, n;
	if ((r = vfs_walk(&x, olddirfd, oldpath, VFS_WALK_C | VFS_WALK_REMOVE, &o)) < 0)
		return r;
	if ((r = vfs_walk(&x, newdirfd, newpath, VFS_WALK_PARENT | VFS_WALK_C | VFS_WALK_REMOVE, &n)) < 0)
		return r;
	if ((r = check_rename(&x, &o, &n)) != 0)
		return r < 0 ? r : 0;
	return do_rename(s, &o, &n);
}
