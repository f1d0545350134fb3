/* SPDX-License-Identifier: MIT */
/* The dentry cache (vfs_dcache.c): (directory inode, generation, name) ->
 * child inode number, 0 for a name known to be absent (a negative entry).
 * A hash table with an LRU list and an entry limit. Directory changes go
 * through vfs_dcache_set, which overwrites an entry in place, so a change
 * never leaves a stale entry even when memory runs out. */
#pragma once
#include <stddef.h>
#include <stdint.h>

struct vfs_dentry {
	struct vfs_dentry *hnext;
	struct vfs_dentry *lru_prev, *lru_next;
	uint32_t parent, pgen, child, hash;
	uint16_t len;
	char name[];
};

struct vfs_dcache {
	struct vfs_dentry **buckets;
	uint32_t nbuckets;       /* a power of two */
	struct vfs_dentry *lru_head, *lru_tail;
	uint32_t n, max;
	uint64_t hits, neg_hits, misses, evictions;
};

/* Returns 0 or -ENOMEM. */
int vfs_dcache_init(struct vfs_dcache *d, uint32_t max);
void vfs_dcache_destroy(struct vfs_dcache *d);
/* Returns 1 with *child (0: negative entry) on a hit, 0 on a miss. */
int vfs_dcache_lookup(struct vfs_dcache *d, uint32_t parent, uint32_t pgen, const char *name,
		      size_t len, uint32_t *child);
/* Records that name in parent is child (0: absent), evicting the least
 * recently used entry at the limit. Without memory, only drops any entry. */
void vfs_dcache_set(struct vfs_dcache *d, uint32_t parent, uint32_t pgen, const char *name,
		    size_t len, uint32_t child);
