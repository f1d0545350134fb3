/* SPDX-License-Identifier: MIT */
/* OpenBSD's unveil(2) for one process (vfs_unveil.c): a fixed table of
 * canonical absolute paths with r/w/x/c permissions, and the decision
 * whether an access to a canonical path is allowed. The VFS resolves every
 * path first (symlinks followed, "." and ".." gone), so matching is plain
 * component-wise prefix comparison; names, not inodes, are remembered.
 *
 * The state is plain data without pointers: it lives in a memory object that
 * survives a VFS restart, and fork copies it byte for byte. execve resets it
 * (vfs_unveil_init), as OpenBSD drops the unveil list on exec.
 *
 * Rules (OpenBSD unveil(2)):
 * - Before the first successful vfs_unveil_add everything is allowed.
 * - Then the most specific entry (longest whole-component prefix) governs,
 *   even if it grants less than an entry above it.
 * - No governing entry, or one with no permissions: -ENOENT. The exception:
 *   a directory on the way to an entry that grants something may be
 *   inspected (want 0: stat, access F_OK, readlink) but nothing more.
 * - A governing entry lacking a wanted bit: -EACCES.
 * - Adding the same path again may drop permissions, not add them (-EPERM).
 * - vfs_unveil_lock forbids further adds; it never hides anything itself. */
#pragma once
#include <stdbool.h>
#include <stdint.h>

#define VFS_UNVEIL_MAX 64         /* entries per process (E2BIG beyond) */
#define VFS_UNVEIL_PATH 256       /* bytes of an entry's path, NUL included */
#define VFS_UNVEIL_JOIN_MAX 4096  /* bytes of parent/name in check_create */

#define VFS_UV_R 1  /* read: open for reading, readdir */
#define VFS_UV_W 2  /* write: open for writing, truncate, chmod, chown */
#define VFS_UV_X 4  /* execute: execve */
#define VFS_UV_C 8  /* create and remove: the name itself, see check_create */
#define VFS_UV_ALL (VFS_UV_R | VFS_UV_W | VFS_UV_X | VFS_UV_C)

#define VFS_UNVEIL_ACTIVE 1  /* a path was unveiled: the restriction is on */
#define VFS_UNVEIL_LOCKED 2  /* unveil(NULL, NULL) was called */

struct vfs_unveil_entry {
	uint8_t perms;                /* VFS_UV_* bits; 0 hides the subtree */
	char path[VFS_UNVEIL_PATH];   /* canonical, absolute, NUL-terminated */
};

struct vfs_unveil {
	uint32_t count;               /* entries in use, e[0..count) */
	uint32_t flags;               /* VFS_UNVEIL_ACTIVE, VFS_UNVEIL_LOCKED */
	struct vfs_unveil_entry e[VFS_UNVEIL_MAX];
};
_Static_assert(sizeof(struct vfs_unveil_entry) == 257, "unveil entry layout");
_Static_assert(sizeof(struct vfs_unveil) == 8 + 257 * VFS_UNVEIL_MAX, "unveil state layout");

/* Empties u: nothing unveiled, not locked (a new process, or after execve). */
void vfs_unveil_init(struct vfs_unveil *u);
/* Copies the parent's state to a forked child. A plain struct copy is
 * enough: the state holds no pointers. */
void vfs_unveil_copy(struct vfs_unveil *child, const struct vfs_unveil *parent);
/* Returns whether a path was ever unveiled; if not, every check passes and
 * the VFS may skip building canonical paths. */
bool vfs_unveil_active(const struct vfs_unveil *u);

/* Parses a permission string of 'r', 'w', 'x', 'c' in any order (repeats
 * allowed); "" is no permission. Returns 0 with *out, or -EINVAL. */
int vfs_unveil_perms(const char *s, uint8_t *out);
/* unveil(canon_path, perms). Returns 0, -EPERM (locked, or an attempt to add
 * a permission to a path already unveiled), -ENAMETOOLONG (VFS_UNVEIL_PATH
 * bytes or more), -EINVAL (not absolute and canonical, or unknown bits) or
 * -E2BIG (table full). Only a success turns the restriction on. */
int vfs_unveil_add(struct vfs_unveil *u, const char *canon_path, uint8_t perms);
/* unveil(NULL, NULL): later adds fail with -EPERM. Does not activate. */
void vfs_unveil_lock(struct vfs_unveil *u);

/* Whether an access wanting the VFS_UV_* bits in want (0: inspect only) to
 * canon_path, a directory if is_dir, is allowed. Returns 0, -ENOENT (hidden),
 * -EACCES (visible, a wanted bit missing) or -EINVAL (path not canonical, or
 * unknown bits; only while active). */
int vfs_unveil_check(const struct vfs_unveil *u, const char *canon_path, uint8_t want,
		     bool is_dir);
/* Whether entry name may be created, removed or renamed in directory
 * canon_parent: needs VFS_UV_C on parent/name. Returns as vfs_unveil_check,
 * or -EINVAL (name empty, ".", ".." or with a '/'), -ENAMETOOLONG (the
 * joined path exceeds VFS_UNVEIL_JOIN_MAX). */
int vfs_unveil_check_create(const struct vfs_unveil *u, const char *canon_parent,
			    const char *name);
