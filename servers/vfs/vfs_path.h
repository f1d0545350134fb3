/* SPDX-License-Identifier: MIT */
/* Path resolution (vfs_path.c): absolute or relative to a dirfd or the cwd,
 * "." and "..", repeated and trailing slashes, symlinks (at most
 * VFS_SYMLINK_MAX), search permission on every directory crossed, and the
 * lookup hook on every name. */
#pragma once
#include <stdbool.h>
#include <stddef.h>
#include "vfs_state.h"

#define VFS_WALK_FOLLOW 1 /* follow a symlink in the last component */
#define VFS_WALK_PARENT 2 /* the last component may be absent: return its directory */
#define VFS_WALK_EMPTY 4  /* an empty path names dirfd itself (AT_EMPTY_PATH) */
/* What the call will do with the object, for unveil (VFS_UV_* << 4). C
 * applies to an absent last component (creation) and, with REMOVE, to an
 * existing one (unlink, rmdir, rename's source). */
#define VFS_WALK_UV_SHIFT 4
#define VFS_WALK_R (1u << 4)
#define VFS_WALK_W (2u << 4)
#define VFS_WALK_X (4u << 4)
#define VFS_WALK_C (8u << 4)
#define VFS_WALK_REMOVE 0x100

/* The result of a walk. */
struct vfs_nd {
	struct vfs_inode *dir;   /* directory holding the last component */
	struct vfs_inode *ip;    /* what the path names; NULL if absent (PARENT) */
	const char *name;        /* last component, in buf; len 0 for "/" */
	size_t len;
	bool dot;                /* the last component is ".", ".." or the root */
	bool trailing;           /* the path ended in '/' */
	char buf[2 * VFS_PATH_MAX]; /* the path with symlinks spliced in */
};

/* Resolves path. Returns 0 with nd filled in, or -ENOENT, -ENOTDIR,
 * -ENAMETOOLONG, -ELOOP, -EACCES, -EBADF (dirfd), -ENOMEM or the hook's
 * error. Without VFS_WALK_PARENT a missing object is -ENOENT. A trailing
 * slash on an existing non-directory is -ENOTDIR. A symlink target spliced
 * before the rest of the path must fit in nd->buf (-ENAMETOOLONG). */
int vfs_walk(struct vfs_ctx *x, int dirfd, const char *path, unsigned flags, struct vfs_nd *nd);

/* Writes the path of directory dir backwards, ending at
 * tmp[VFS_PATH_MAX - 1]. Returns where it starts, or -ENOENT (removed) /
 * -ENAMETOOLONG. */
ssize_t vfs_dir_path(struct vfs_state *s, struct vfs_inode *dir, char *tmp);
/* The unveil check of a finished walk (a no-op for a process that never
 * called unveil): 0, -ENOENT (hidden) or -EACCES. */
int vfs_unveil_nd(struct vfs_ctx *x, const struct vfs_nd *nd, unsigned walk_flags);

/* The canonical absolute path of what a finished walk names, on the heap
 * (free it), or NULL (no memory, or its directory was removed). */
char *vfs_nd_path(struct vfs_ctx *x, const struct vfs_nd *nd);

/* Returns the directory that dirfd names (AT_FDCWD: the cwd) in *out, or
 * -EBADF / -ENOTDIR. */
int vfs_dirfd(struct vfs_ctx *x, int dirfd, struct vfs_inode **out);
