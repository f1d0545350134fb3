// SPDX-License-Identifier: MIT
/* Calls on names and directories: getdents64, mkdirat, unlinkat (and
 * rmdir), symlinkat, readlinkat. renameat is in vfs_ops_rename.c. Entry
 * points: vfs_getdents64, vfs_mkdirat, vfs_unlinkat, vfs_symlinkat,
 * vfs_readlinkat. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include "vfs_fd.h"
#include "vfs_path.h"
#include "vfs_procfs.h"

/* Writes one record at buf if it fits in room. Returns its length or 0. */
static size_t put_dirent(uint8_t *buf, size_t room, uint64_t ino, uint64_t off, uint8_t type,
			 const char *name, size_t len)
{
	size_t hdr = offsetof(struct linux_dirent64, d_name);
	size_t reclen = (hdr + len + 1 + 7) & ~(size_t)7;
	if (reclen > room)
		return 0;
	struct linux_dirent64 d = {
		.d_ino = ino, .d_off = (int64_t)off, .d_reclen = (uint16_t)reclen, .d_type = type,
	};
	memset(buf, 0, reclen);
	memcpy(buf, &d, hdr); /* the glue's buffer need not be aligned */
	memcpy(buf + hdr, name, len);
	return reclen;
}

/* Emits "." and ".." for positions 0 and 1, then the entries after pos. */
static size_t fill_dirents(struct vfs_inode *dir, uint8_t *buf, size_t len, uint64_t *pos)
{
	size_t used = 0, n;
	if (*pos == 0) {
		if (!(n = put_dirent(buf, len, dir->ino, 1, DT_DIR, ".", 1)))
			return 0;
		used += n;
		*pos = 1;
	}
	if (*pos == 1) {
		if (!(n = put_dirent(buf + used, len - used, dir->u.dir.parent, 2, DT_DIR, "..", 2)))
			return used;
		used += n;
		*pos = 2;
	}
	const struct vfs_dir *d = &dir->u.dir;
	for (uint32_t i = vfs_dir_seek(dir, *pos); i < d->n; i++) {
		const struct vfs_dirent *e = &d->ents[i];
		n = put_dirent(buf + used, len - used, e->ino, e->cookie, e->type, e->name, e->len);
		if (!n)
			break;
		used += n;
		*pos = e->cookie;
	}
	return used;
}

ssize_t vfs_getdents64(struct vfs_state *s, const struct vfs_caller *c, int fd, void *buf,
		       size_t len)
{
	struct vfs_ctx x;
	struct vfs_file *f;
	int r = vfs_enter_fd(&x, s, c, fd, &f);
	if (r < 0)
		return r;
	if (!S_ISDIR(f->ip->mode))
		return -ENOTDIR;
	if (f->ip->nlink == 0)
		return -ENOENT;
	if (f->ip->synth && (r = vfs_procfs_refresh(&x, f->ip, NULL, 0, true)) < 0)
		return r;
	uint64_t pos = f->off;
	size_t used = fill_dirents(f->ip, buf, len, &pos);
	bool at_end = pos >= 2 && vfs_dir_seek(f->ip, pos) == f->ip->u.dir.n;
	if (used == 0 && !at_end)
		return -EINVAL; /* the next record does not fit */
	f->off = pos;
	return (ssize_t)used;
}

/* The group of a new inode in dir: the directory's if it is set-group-ID. */
static uint32_t new_gid(const struct vfs_ctx *x, const struct vfs_inode *dir)
{
	return (dir->mode & S_ISGID) ? dir->gid : x->c->cred.gid;
}

int vfs_mkdirat(struct vfs_state *s, const struct vfs_caller *c, int dirfd, const char *path,
		mode_t mode)
{
	struct vfs_ctx x;
	int r = vfs_enter(&x, s, c);
	if (r < 0)
		return r;
	struct vfs_nd nd;
	if ((r = vfs_walk(&x, dirfd, path, VFS_WALK_PARENT | VFS_WALK_C, &nd)) < 0)
		return r;
	if (nd.ip)
		return -EEXIST;
	if ((r = vfs_may_create(&c->cred, nd.dir)) < 0)
		return r;
	uint32_t bits = (uint32_t)mode & (0777 | S_ISVTX) & ~x.p->umask;
	bits |= nd.dir->mode & S_ISGID;
	struct vfs_inode *ip;
	return vfs_dir_create(s, nd.dir, nd.name, nd.len, S_IFDIR | bits, c->cred.uid,
			      new_gid(&x, nd.dir), &ip);
}

/* Removes the name nd found; ip's link count drops and it may be freed. */
static void remove_name(struct vfs_state *s, struct vfs_nd *nd)
{
	struct vfs_inode *ip = nd->ip, *dir = nd->dir;
	int idx = vfs_dir_find(dir, nd->name, nd->len);
	vfs_dir_remove(s, dir, (uint32_t)idx);
	if (S_ISDIR(ip->mode)) {
		ip->nlink = 0;
		dir->nlink--;
	} else {
		ip->nlink--;
	}
	ip->ctime = vfs_now(s);
	vfs_inode_release(s, ip);
}

static int check_rmdir(const struct vfs_ctx *x, const struct vfs_nd *nd)
{
	if (nd->dot) {
		if (nd->len == 1)
			return -EINVAL;          /* "." */
		return nd->len == 2 ? -ENOTEMPTY : -EBUSY; /* "..", "/" */
	}
	if (!S_ISDIR(nd->ip->mode))
		return -ENOTDIR;
	if (!vfs_dir_is_empty(nd->ip))
		return -ENOTEMPTY;
	return vfs_may_delete(&x->c->cred, nd->dir, nd->ip);
}

int vfs_unlinkat(struct vfs_state *s, const struct vfs_caller *c, int dirfd, const char *path,
		 int flags)
{
	struct vfs_ctx x;
	int r = vfs_enter(&x, s, c);
	if (r < 0)
		return r;
	if (flags & ~AT_REMOVEDIR)
		return -EINVAL;
	struct vfs_nd nd;
	if ((r = vfs_walk(&x, dirfd, path, VFS_WALK_C | VFS_WALK_REMOVE, &nd)) < 0)
		return r;
	if (flags & AT_REMOVEDIR)
		r = check_rmdir(&x, &nd);
	else if (nd.dot || S_ISDIR(nd.ip->mode))
		r = -EISDIR;
	else
		r = vfs_may_delete(&c->cred, nd.dir, nd.ip);
	if (r < 0)
		return r;
	remove_name(s, &nd);
	return 0;
}

int vfs_symlinkat(struct vfs_state *s, const struct vfs_caller *c, const char *target,
		  int newdirfd, const char *linkpath)
{
	struct vfs_ctx x;
	int r = vfs_enter(&x, s, c);
	if (r < 0)
		return r;
	size_t tlen = strnlen(target, VFS_PATH_MAX);
	if (tlen == 0)
		return -ENOENT;
	if (tlen >= VFS_PATH_MAX)
		return -ENAMETOOLONG;
	struct vfs_nd nd;
	if ((r = vfs_walk(&x, newdirfd, linkpath, VFS_WALK_PARENT | VFS_WALK_C, &nd)) < 0)
		return r;
	if (nd.ip)
		return -EEXIST;
	if (nd.trailing)
		return -ENOENT;
	if ((r = vfs_may_create(&c->cred, nd.dir)) < 0)
		return r;
	struct vfs_inode *ip;
	r = vfs_dir_create(s, nd.dir, nd.name, nd.len, S_IFLNK | 0777, c->cred.uid,
			   new_gid(&x, nd.dir), &ip);
	if (r < 0)
		return r;
	ssize_t n = vfs_data_write(s, ip, 0, target, tlen);
	if (n < 0) {
		nd.ip = ip;
		remove_name(s, &nd);
		return (int)n;
	}
	return 0;
}

ssize_t vfs_readlinkat(struct vfs_state *s, const struct vfs_caller *c, int dirfd,
		       const char *path, char *buf, size_t size)
{
	struct vfs_ctx x;
	int r = vfs_enter(&x, s, c);
	if (r < 0)
		return r;
	if (size == 0 || size > INT32_MAX)
		return -EINVAL;
	struct vfs_nd nd;
	if ((r = vfs_walk(&x, dirfd, path, 0, &nd)) < 0)
		return r;
	if (!S_ISLNK(nd.ip->mode))
		return -EINVAL;
	return vfs_link_target(&x, nd.ip, buf, size);
}
