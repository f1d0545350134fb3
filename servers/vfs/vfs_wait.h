/* SPDX-License-Identifier: MIT */
/* Requests the glue has parked, as the logic knows them (vfs_wait.c): a
 * FIFO open waiting for the other end, an F_SETLKW waiting for a lock.
 * Each is named by the caller's wait_id (vfs_caller). A FIFO open waiting
 * for its partner counts as that end being there, so the partner's open
 * goes through (as Linux counts a sleeping opener); a lock waiter is what
 * deadlock detection follows. Pipe reads and writes need no record.
 *
 * The records are a hint kept with the state: the glue drops one when it
 * answers the request (vfs_wait_done) and all of them when a successor
 * starts (vfs_wait_reset), since the requests are then served again. */
#pragma once
#include "vfs_lock.h"
#include "vfs_state.h"

enum vfs_wait_kind { VFS_WAIT_FIFO_READ = 1, VFS_WAIT_FIFO_WRITE, VFS_WAIT_LOCK };

struct vfs_waiter {
	struct vfs_waiter *next;
	uint32_t id;             /* the caller's wait_id */
	int32_t pid;
	uint8_t kind;            /* enum vfs_wait_kind */
	uint32_t ino;            /* the FIFO, or the file of the lock */
	struct vfs_lock_req req; /* VFS_WAIT_LOCK: what it waits to take */
};

/* Records that the caller of x waits as w says (nothing when the caller
 * cannot wait, wait_id 0, or is already recorded). Returns
 * VFS_WOULD_BLOCK, or -ENOMEM. */
int vfs_wait_park(struct vfs_ctx *x, const struct vfs_waiter *w);
/* Returns how many recorded waiters wait as kind on ino. */
unsigned vfs_wait_count(const struct vfs_state *s, uint8_t kind, uint32_t ino);
/* Drops pid's records (its exit). */
void vfs_wait_drop_pid(struct vfs_state *s, int pid);
/* Notes a change that may let a parked request through. */
static inline void vfs_wake(struct vfs_state *s)
{
	s->wake++;
}
