// SPDX-License-Identifier: MIT
/* unveil(2) in the VFS: the call (vfs_unveil_call) and the check every
 * path walk ends with (vfs_unveil_nd). The check looks at the canonical
 * path of what the walk reached — symlinks already followed, "." and ".."
 * already gone — so no spelling of a path reaches a hidden file. The rules
 * themselves are vfs_unveil.c's. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "vfs_fd.h"
#include "vfs_path.h"
#include "vfs_unveil.h"

/* The canonical path of the directory dir into buf (VFS_PATH_MAX bytes). */
static int dir_path(struct vfs_ctx *x, struct vfs_inode *dir, char *buf)
{
	char tmp[VFS_PATH_MAX];
	ssize_t pos = vfs_dir_path(x->s, dir, tmp);
	if (pos < 0)
		return (int)pos;
	memmove(buf, tmp + pos, VFS_PATH_MAX - (size_t)pos);
	return 0;
}

/* The canonical path of what nd names: its directory's path plus its
 * name, or for a directory its own path. */
static int nd_path(struct vfs_ctx *x, const struct vfs_nd *nd, char *path)
{
	bool is_dir = nd->ip && S_ISDIR(nd->ip->mode);
	int r = dir_path(x, is_dir ? nd->ip : nd->dir, path);
	if (r < 0 || is_dir)
		return r;
	size_t n = strlen(path);
	if (n + 1 + nd->len >= VFS_PATH_MAX)
		return -ENAMETOOLONG;
	if (n > 1)
		path[n++] = '/';
	memcpy(path + n, nd->name, nd->len);
	path[n + nd->len] = '\0';
	return 0;
}

int vfs_unveil_nd(struct vfs_ctx *x, const struct vfs_nd *nd, unsigned walk_flags)
{
	const struct vfs_unveil *u = x->p->unveil;
	if (!u || !vfs_unveil_active(u))
		return 0;
	uint8_t want = (uint8_t)((walk_flags >> VFS_WALK_UV_SHIFT) & VFS_UV_ALL);
	char path[VFS_PATH_MAX];
	int r;
	if (!nd->ip || (nd->len && !nd->dot && (walk_flags & VFS_WALK_REMOVE))) {
		char name[VFS_NAME_MAX + 1];  /* created or removed: c on the name */
		memcpy(name, nd->name, nd->len);
		name[nd->len] = '\0';
		if ((r = dir_path(x, nd->dir, path)) < 0 ||
		    (r = vfs_unveil_check_create(u, path, name)) < 0 || !nd->ip)
			return r;
	}
	want &= (uint8_t)~VFS_UV_C;
	if ((r = nd_path(x, nd, path)) < 0)
		return r;
	return vfs_unveil_check(u, path, want, S_ISDIR(nd->ip->mode));
}

/* Makes path canonical: the walk resolves it (its last component may be
 * absent), and the result is its directory's path plus the name. */
static int canonical(struct vfs_ctx *x, const char *path, char *out)
{
	struct vfs_nd *nd = malloc(sizeof(*nd));
	if (!nd)
		return -ENOMEM;
	struct vfs_unveil *saved = x->p->unveil;
	x->p->unveil = NULL;  /* unveil itself may name hidden paths */
	int r = vfs_walk(x, AT_FDCWD, path, VFS_WALK_FOLLOW | VFS_WALK_PARENT, nd);
	x->p->unveil = saved;
	if (!r)
		r = nd_path(x, nd, out);
	free(nd);
	return r;
}

int vfs_unveil_call(struct vfs_state *s, const struct vfs_caller *c, const char *path,
		    const char *perms)
{
	struct vfs_ctx x;
	int r = vfs_enter(&x, s, c);
	if (r < 0)
		return r;
	if (!path != !perms)
		return -EINVAL;
	if (!x.p->unveil) {
		if (!(x.p->unveil = malloc(sizeof(*x.p->unveil))))
			return -ENOMEM;
		vfs_unveil_init(x.p->unveil);
	}
	if (!path) {
		vfs_unveil_lock(x.p->unveil);
		return 0;
	}
	uint8_t bits;
	char canon[VFS_PATH_MAX];
	if ((r = vfs_unveil_perms(perms, &bits)) < 0)
		return r;
	if ((r = canonical(&x, path, canon)) < 0)
		return r;
	return vfs_unveil_add(x.p->unveil, canon, bits);
}

void vfs_unveil_forget(struct vfs_proc *p)
{
	free(p->unveil);
	p->unveil = NULL;
}
