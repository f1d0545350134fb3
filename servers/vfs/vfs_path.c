// SPDX-License-Identifier: MIT
/* Path resolution (see vfs_path.h). The path is copied into nd->buf and a
 * symlink met on the way is spliced in place of the components consumed so
 * far, so the walk is one loop with no recursion. Entry points: vfs_walk,
 * vfs_dirfd. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "vfs_fd.h"
#include "vfs_path.h"
#include "vfs_procfs.h"

int vfs_dirfd(struct vfs_ctx *x, int dirfd, struct vfs_inode **out)
{
	if (dirfd == AT_FDCWD) {
		*out = x->p->cwd;
		return 0;
	}
	struct vfs_file *f = vfs_fd_get(x->p, dirfd);
	if (!f)
		return -EBADF;
	if (!S_ISDIR(f->ip->mode))
		return -ENOTDIR;
	*out = f->ip;
	return 0;
}

/* An empty path with AT_EMPTY_PATH: the object dirfd names, of any type. */
static int walk_empty(struct vfs_ctx *x, int dirfd, struct vfs_nd *nd)
{
	if (dirfd == AT_FDCWD) {
		nd->ip = x->p->cwd;
		return 0;
	}
	struct vfs_file *f = vfs_fd_get(x->p, dirfd);
	if (!f)
		return -EBADF;
	nd->ip = f->ip;
	return 0;
}

static int hook(struct vfs_ctx *x, struct vfs_inode *dir, const char *name, size_t len,
		struct vfs_inode *child)
{
	if (!x->s->hook)
		return 0;
	return x->s->hook(x->s->hook_ctx, x->c, dir->ino, name, len, child ? child->ino : 0);
}

/* Replaces buf[0, end) (consumed components and the link's name) with the
 * target of symlink ln. Returns 0, -ENOENT (empty target), -ENAMETOOLONG
 * or the error of a generated target. */
static int splice_link(struct vfs_ctx *x, char *buf, size_t size, size_t end,
		       const struct vfs_inode *ln)
{
	static char target[VFS_PATH_MAX];
	ssize_t tlen = vfs_link_target(x, ln, target, sizeof(target));
	size_t rest = strlen(buf + end);
	if (tlen <= 0)
		return tlen < 0 ? (int)tlen : -ENOENT;
	if ((size_t)tlen + rest >= size)
		return -ENAMETOOLONG;
	memmove(buf + tlen, buf + end, rest + 1);
	memcpy(buf, target, (size_t)tlen);
	return 0;
}

static bool is_dot(const char *name, size_t len)
{
	return (len == 1 && name[0] == '.') || (len == 2 && name[0] == '.' && name[1] == '.');
}

/* One component: name (len bytes) in cur. Sets *next to the inode it names,
 * following "." and "..". */
static int step(struct vfs_ctx *x, struct vfs_inode *cur, const char *name, size_t len,
		struct vfs_inode **next)
{
	if (len > VFS_NAME_MAX)
		return -ENAMETOOLONG;
	if (!S_ISDIR(cur->mode))
		return -ENOTDIR;
	int r = vfs_perm(&x->c->cred, cur, VFS_MAY_EXEC);
	if (r < 0)
		return r;
	if (cur->synth && (r = vfs_procfs_refresh(x, cur, name, len, false)) < 0)
		return r;
	if (len == 1 && name[0] == '.')
		*next = cur;
	else if (len == 2 && name[0] == '.' && name[1] == '.')
		*next = cur->nlink ? vfs_iget(x->s, cur->u.dir.parent) : NULL;
	else if ((r = vfs_dir_lookup(x->s, cur, name, len, next)) < 0)
		return r;
	if (is_dot(name, len) && !*next)
		return -ENOENT; /* ".." of a removed directory */
	return hook(x, cur, name, len, *next);
}

/* Fills nd for a last component. */
static int finish(struct vfs_nd *nd, unsigned flags, struct vfs_inode *dir, const char *name,
		  size_t len, struct vfs_inode *ip, bool trailing)
{
	if (!ip && !(flags & VFS_WALK_PARENT))
		return -ENOENT;
	if (ip && trailing && !S_ISDIR(ip->mode))
		return -ENOTDIR;
	nd->dir = dir;
	nd->ip = ip;
	nd->name = name;
	nd->len = len;
	nd->trailing = trailing;
	nd->dot = len == 0 || is_dot(name, len);
	return 0;
}

static int walk_loop(struct vfs_ctx *x, struct vfs_inode *cur, unsigned flags, struct vfs_nd *nd)
{
	char *buf = nd->buf;
	size_t pos = 0;
	int links = 0;
	for (;;) {
		while (buf[pos] == '/')
			pos++;
		if (buf[pos] == '\0') /* "/" alone, or a link to it */
			return finish(nd, flags, cur, buf + pos, 0, cur, false);
		size_t start = pos;
		while (buf[pos] && buf[pos] != '/')
			pos++;
		size_t next = pos;
		while (buf[next] == '/')
			next++;
		bool last = buf[next] == '\0', trailing = last && next != pos;
		struct vfs_inode *child;
		int r = step(x, cur, buf + start, pos - start, &child);
		if (r < 0)
			return r;
		if (child && S_ISLNK(child->mode) && (!last || trailing || (flags & VFS_WALK_FOLLOW))) {
			if (++links > VFS_SYMLINK_MAX)
				return -ELOOP;
			if ((r = splice_link(x, buf, sizeof(nd->buf), pos, child)) < 0)
				return r;
			if (buf[0] == '/')
				cur = vfs_root(x->s);
			pos = 0;
			continue;
		}
		if (last)
			return finish(nd, flags, cur, buf + start, pos - start, child, trailing);
		if (!child)
			return -ENOENT;
		cur = child;
		pos = next;
	}
}

int vfs_walk(struct vfs_ctx *x, int dirfd, const char *path, unsigned flags, struct vfs_nd *nd)
{
	nd->dir = nd->ip = NULL;
	nd->name = nd->buf;
	nd->len = 0;
	nd->dot = nd->trailing = false;
	size_t n = strnlen(path, VFS_PATH_MAX);
	if (n >= VFS_PATH_MAX)
		return -ENAMETOOLONG;
	if (n == 0)
		return (flags & VFS_WALK_EMPTY) ? walk_empty(x, dirfd, nd) : -ENOENT;
	memcpy(nd->buf, path, n + 1);
	struct vfs_inode *start = vfs_root(x->s);
	if (path[0] != '/') {
		int r = vfs_dirfd(x, dirfd, &start);
		if (r < 0)
			return r;
	}
	int r = walk_loop(x, start, flags, nd);
	return r < 0 ? r : vfs_unveil_nd(x, nd, flags);
}

char *vfs_nd_path(struct vfs_ctx *x, const struct vfs_nd *nd)
{
	static char tmp[VFS_PATH_MAX];
	bool dir = nd->ip && S_ISDIR(nd->ip->mode);
	ssize_t pos = vfs_dir_path(x->s, dir ? nd->ip : nd->dir, tmp);
	if (pos < 0)
		return NULL;
	size_t dlen = strlen(tmp + pos), extra = dir ? 0 : nd->len + (dlen > 1);
	char *path = malloc(dlen + extra + 1);
	if (!path)
		return NULL;
	memcpy(path, tmp + pos, dlen);
	if (!dir) {
		if (dlen > 1)
			path[dlen++] = '/';
		memcpy(path + dlen, nd->name, nd->len);
		dlen += nd->len;
	}
	path[dlen] = '\0';
	return path;
}
