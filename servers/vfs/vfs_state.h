/* SPDX-License-Identifier: MIT */
/* The state behind struct vfs_state and what every call starts with
 * (vfs_state.c), and the permission rules (vfs_perm.c). Each public call
 * opens with vfs_enter(), which trims the inode cache while no inode pointer
 * is held and finds the caller's process. */
#pragma once
#include "vfs.h"
#include "vfs_dcache.h"
#include "vfs_inode.h"

#define VFS_PROC_BUCKETS 64
#define VFS_ROOT_INO 1

struct vfs_proc;
struct vfs_waiter;

struct vfs_state {
	struct vfs_itable it;
	struct vfs_dcache dc;
	struct vfs_proc *procs[VFS_PROC_BUCKETS];
	vfs_clock_t clock;
	void *clock_ctx;
	vfs_space_t space;
	void *space_ctx;
	vfs_proc_text_t proc_text;
	void *proc_ctx;
	vfs_lookup_hook_t hook;
	void *hook_ctx;
	struct vfs_waiter *waiters; /* parked requests (vfs_wait.h) */
	uint64_t wake;              /* bumped by changes that may let one through */
};

/* One call in progress. */
struct vfs_ctx {
	struct vfs_state *s;
	struct vfs_proc *p;
	const struct vfs_caller *c;
};

/* Returns 0 with x filled in, or -ENOMEM if the caller's table cannot be made. */
int vfs_enter(struct vfs_ctx *x, struct vfs_state *s, const struct vfs_caller *c);
struct vfs_file;
/* vfs_enter, then the open file behind fd: 0 with *fp set, -EBADF or -ENOMEM. */
int vfs_enter_fd(struct vfs_ctx *x, struct vfs_state *s, const struct vfs_caller *c, int fd,
		 struct vfs_file **fp);
uint64_t vfs_now(const struct vfs_state *s);
struct vfs_inode *vfs_root(struct vfs_state *s);

/* vfs_perm.c. mask: VFS_MAY_READ | VFS_MAY_WRITE | VFS_MAY_EXEC. */
#define VFS_MAY_EXEC 1
#define VFS_MAY_WRITE 2
#define VFS_MAY_READ 4

/* Returns 0 if cred may access ip as mask asks, else -EACCES. uid 0 may do
 * anything except execute a non-directory without any x bit (as Linux). */
int vfs_perm(const struct vfs_cred *cred, const struct vfs_inode *ip, int mask);
bool vfs_cred_in_group(const struct vfs_cred *cred, uint32_t gid);
/* Returns true for the owner of ip or uid 0. */
bool vfs_cred_owns(const struct vfs_cred *cred, const struct vfs_inode *ip);
/* Returns 0 if cred may add a name to dir, -EACCES, or -ENOENT for a
 * directory already removed. */
int vfs_may_create(const struct vfs_cred *cred, const struct vfs_inode *dir);
/* Returns 0 if cred may remove ip's name from dir (sticky bit: -EPERM). */
int vfs_may_delete(const struct vfs_cred *cred, const struct vfs_inode *dir,
		   const struct vfs_inode *ip);
