// SPDX-License-Identifier: MIT
/* New names for files and new kinds of node: linkat (hard links: another
 * directory entry for the inode, whose link count grows) and mknodat
 * (regular files, FIFOs and socket nodes for anyone; device nodes for
 * uid 0). Checks and errors as Linux's fs/namei.c, including its
 * protected_hardlinks rule. Entry points: vfs_linkat, vfs_mknodat. */
#define _GNU_SOURCE /* AT_EMPTY_PATH */
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include "vfs_dev.h"
#include "vfs_fd.h"
#include "vfs_path.h"
#include "vfs_pipe.h"

#define VFS_LINK_MAX 0x7fffffffu /* links to one inode (EMLINK beyond) */

/* Linux's protected_hardlinks (on in Debian): someone who does not own a
 * file may link to it only if it is a regular file, not set-user-ID nor
 * executable set-group-ID, that they may read and write. */
static int may_link(const struct vfs_cred *cred, const struct vfs_inode *ip)
{
	if (vfs_cred_owns(cred, ip))
		return 0;
	if (!S_ISREG(ip->mode) || (ip->mode & S_ISUID) ||
	    (ip->mode & (S_ISGID | S_IXGRP)) == (S_ISGID | S_IXGRP) ||
	    vfs_perm(cred, ip, VFS_MAY_READ | VFS_MAY_WRITE) < 0)
		return -EPERM;
	return 0;
}

/* The new name must be absent, without a trailing slash. */
static int check_new(const struct vfs_nd *nd)
{
	if (nd->ip)
		return -EEXIST;
	return nd->trailing ? -ENOENT : 0;
}

int vfs_linkat(struct vfs_state *s, const struct vfs_caller *c, int olddirfd,
	       const char *oldpath, int newdirfd, const char *newpath, int flags)
{
	struct vfs_ctx x;
	int r = vfs_enter(&x, s, c);
	if (r < 0)
		return r;
	if (flags & ~(AT_SYMLINK_FOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	if ((flags & AT_EMPTY_PATH) && !*oldpath && c->cred.uid != 0)
		return -ENOENT;  /* needs CAP_DAC_READ_SEARCH */
	unsigned wf = ((flags & AT_SYMLINK_FOLLOW) ? VFS_WALK_FOLLOW : 0) |
		      ((flags & AT_EMPTY_PATH) ? VFS_WALK_EMPTY : 0);
	struct vfs_nd o, n;
	if ((r = vfs_walk(&x, olddirfd, oldpath, wf, &o)) < 0)
		return r;
	struct vfs_inode *ip = o.ip;
	if ((r = vfs_walk(&x, newdirfd, newpath, VFS_WALK_PARENT | VFS_WALK_C, &n)) < 0)
		return r;
	if ((r = check_new(&n)) < 0 || (r = may_link(&c->cred, ip)) < 0 ||
	    (r = vfs_may_create(&c->cred, n.dir)) < 0)
		return r;
	if (S_ISDIR(ip->mode))
		return -EPERM;
	if (ip->nlink == 0 || ip->anon)
		return -ENOENT;  /* removed, or a pipe: no name to add to */
	if (ip->nlink >= VFS_LINK_MAX)
		return -EMLINK;
	if ((r = vfs_dir_add(s, n.dir, n.name, n.len, ip->ino, ip->mode)) < 0)
		return r;
	ip->nlink++;
	ip->ctime = vfs_now(s);
	vfs_inode_dirty(s, ip);  /* the archive says one link: keep it resident */
	return 0;
}

/* Checks a node type as Linux's may_mknod: 0 is a regular file, a
 * directory is EPERM (mkdir makes those), anything unknown EINVAL. */
static int node_type(uint32_t mode, uint32_t *type)
{
	switch (mode & S_IFMT) {
	case 0:
		*type = S_IFREG;
		return 0;
	case S_IFREG: case S_IFIFO: case S_IFSOCK: case S_IFCHR: case S_IFBLK:
		*type = mode & S_IFMT;
		return 0;
	case S_IFDIR:
		return -EPERM;
	default:
		return -EINVAL;
	}
}

/* Linux's dev_t encoding (new_decode_dev) to this VFS's major << 8 | minor. */
static uint32_t decode_dev(uint64_t dev)
{
	uint32_t major = (uint32_t)((dev & 0xfff00) >> 8);
	uint32_t minor = (uint32_t)((dev & 0xff) | ((dev >> 12) & 0xfff00));
	return VFS_DEV(major, minor);
}

int vfs_mknodat(struct vfs_state *s, const struct vfs_caller *c, int dirfd, const char *path,
		uint32_t mode, uint64_t dev)
{
	struct vfs_ctx x;
	int r = vfs_enter(&x, s, c);
	if (r < 0)
		return r;
	uint32_t type;
	if ((r = node_type(mode, &type)) < 0)
		return r;
	struct vfs_nd nd;
	if ((r = vfs_walk(&x, dirfd, path, VFS_WALK_PARENT | VFS_WALK_C, &nd)) < 0)
		return r;
	if ((r = check_new(&nd)) < 0 || (r = vfs_may_create(&c->cred, nd.dir)) < 0)
		return r;
	if ((type == S_IFCHR || type == S_IFBLK) && c->cred.uid != 0)
		return -EPERM;  /* CAP_MKNOD */
	struct vfs_pipe *pipe = NULL;
	if (type == S_IFIFO && !(pipe = vfs_pipe_new()))
		return -ENOMEM;
	uint32_t gid = (nd.dir->mode & S_ISGID) ? nd.dir->gid : c->cred.gid;
	uint32_t bits = mode & 07777 & ~x.p->umask;
	struct vfs_inode *ip;
	if ((r = vfs_dir_create(s, nd.dir, nd.name, nd.len, type | bits, c->cred.uid, gid, &ip)) < 0) {
		vfs_pipe_free(pipe);
		return r;
	}
	if (type == S_IFIFO)
		ip->u.pipe = pipe;
	else if (type == S_IFCHR || type == S_IFBLK)
		ip->rdev = decode_dev(dev);
	return 0;
}
