/* SPDX-License-Identifier: MIT */
/* Advisory locks on one inode (vfs_lock.c): byte-range locks, shared or
 * exclusive, each held by an owner. Classic POSIX locks (fcntl F_SETLK)
 * are owned by a process, open-file-description locks (F_OFD_SETLK) and
 * flock(2) locks by an open file description. POSIX and OFD locks live in
 * one space and conflict with each other; flock locks are a space of their
 * own, as on Linux. An owner's locks in a space never overlap: a new lock
 * replaces what the owner held in its range (converting, splitting) and
 * merges with its own locks of the same type that touch it.
 *
 * Ranges are inclusive, [start, end], with end VFS_LOCK_EOF for "to the
 * end of the file, whatever it grows to". Plain functions over a list,
 * with no waiting: the callers (vfs_ops_lock.c) turn a conflict into
 * EAGAIN or a parked request. */
#pragma once
#include <stdbool.h>
#include <stdint.h>

#define VFS_LOCK_EOF INT64_MAX

enum vfs_lock_space { VFS_LK_POSIX, VFS_LK_OFD, VFS_LK_FLOCK };
enum vfs_lock_type { VFS_LK_UNLOCK, VFS_LK_READ, VFS_LK_WRITE };

struct vfs_lock {
	struct vfs_lock *next;
	uint8_t kind;            /* enum vfs_lock_space */
	uint8_t type;            /* VFS_LK_READ or VFS_LK_WRITE */
	int32_t pid;             /* the process that set it (F_GETLK's l_pid) */
	uint64_t owner;          /* POSIX: the pid; OFD, FLOCK: the open file description */
	int64_t start, end;
};

/* A lock asked for (or a range asked about). */
struct vfs_lock_req {
	uint8_t kind, type;
	int32_t pid;
	uint64_t owner;
	int64_t start, end;
};

/* Whether a and b are the same owner in the same space. */
bool vfs_lock_same_owner(uint8_t kind_a, uint64_t owner_a, uint8_t kind_b, uint64_t owner_b);
/* The first lock of list that conflicts with r (another owner in r's
 * space, an overlapping range, one of the two exclusive), or NULL. */
const struct vfs_lock *vfs_lock_conflict(const struct vfs_lock *list,
					 const struct vfs_lock_req *r);
/* Sets r (VFS_LK_UNLOCK: removes r's owner's locks in r's range) without
 * looking at other owners. Returns 0, or -ENOLCK without memory, with the
 * list unchanged. Returns 1 when the owner's locks changed in a way that
 * could let a waiter through (something was removed or weakened). */
int vfs_lock_apply(struct vfs_lock **list, const struct vfs_lock_req *r);
/* Removes every lock of owner in space kind (for POSIX, owner is a pid).
 * Returns whether any went. */
bool vfs_lock_drop_owner(struct vfs_lock **list, uint8_t kind, uint64_t owner);
void vfs_lock_free_all(struct vfs_lock **list);
