// SPDX-License-Identifier: MIT
/* The working directory: chdir, fchdir, getcwd. getcwd climbs ".." links
 * and finds each directory's name in its parent. Entry points: vfs_chdir,
 * vfs_fchdir, vfs_getcwd. */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include "vfs_fd.h"
#include "vfs_path.h"

static int set_cwd(struct vfs_ctx *x, struct vfs_inode *ip)
{
	if (!S_ISDIR(ip->mode))
		return -ENOTDIR;
	int r = vfs_perm(&x->c->cred, ip, VFS_MAY_EXEC);
	if (r < 0)
		return r;
	struct vfs_inode *old = x->p->cwd;
	vfs_inode_ref(x->s, ip);
	x->p->cwd = ip;
	vfs_inode_unref(x->s, old);
	return 0;
}

int vfs_chdir(struct vfs_state *s, const struct vfs_caller *c, const char *path)
{
	struct vfs_ctx x;
	int r = vfs_enter(&x, s, c);
	if (r < 0)
		return r;
	struct vfs_nd nd;
	if ((r = vfs_walk(&x, AT_FDCWD, path, VFS_WALK_FOLLOW | VFS_WALK_R, &nd)) < 0)
		return r;
	return set_cwd(&x, nd.ip);
}

int vfs_fchdir(struct vfs_state *s, const struct vfs_caller *c, int fd)
{
	struct vfs_ctx x;
	int r = vfs_enter(&x, s, c);
	if (r < 0)
		return r;
	struct vfs_file *f = vfs_fd_get(x.p, fd);
	return f ? set_cwd(&x, f->ip) : -EBADF;
}

/* Returns the entry naming child in dir, or NULL. */
static const struct vfs_dirent *name_in(const struct vfs_inode *dir, uint32_t child)
{
	for (uint32_t i = 0; i < dir->u.dir.n; i++)
		if (dir->u.dir.ents[i].ino == child)
			return &dir->u.dir.ents[i];
	return NULL;
}

ssize_t vfs_dir_path(struct vfs_state *s, struct vfs_inode *dir, char *tmp)
{
	size_t pos = VFS_PATH_MAX - 1;
	tmp[pos] = '\0';
	while (dir->ino != VFS_ROOT_INO) {
		struct vfs_inode *parent = dir->nlink ? vfs_iget(s, dir->u.dir.parent) : NULL;
		const struct vfs_dirent *e = parent ? name_in(parent, dir->ino) : NULL;
		if (!e)
			return -ENOENT; /* removed */
		if (e->len + 1u > pos)
			return -ENAMETOOLONG;
		pos -= e->len;
		memcpy(tmp + pos, e->name, e->len);
		tmp[--pos] = '/';
		dir = parent;
	}
	if (pos == VFS_PATH_MAX - 1)
		tmp[--pos] = '/';
	return (ssize_t)pos;
}

ssize_t vfs_getcwd(struct vfs_state *s, const struct vfs_caller *c, char *buf, size_t size)
{
	struct vfs_ctx x;
	int r = vfs_enter(&x, s, c);
	if (r < 0)
		return r;
	char tmp[VFS_PATH_MAX];
	ssize_t pos = vfs_dir_path(s, x.p->cwd, tmp);
	if (pos < 0)
		return pos;
	size_t len = VFS_PATH_MAX - (size_t)pos; /* with the NUL */
	if (len > size)
		return -ERANGE;
	memcpy(buf, tmp + pos, len);
	return (ssize_t)len;
}
