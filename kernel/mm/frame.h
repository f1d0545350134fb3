/* SPDX-License-Identifier: MIT */
/* Physical frame allocator: a binary buddy allocator over 4 KiB frames,
 * orders 0..FRAME_MAX_ORDER, with free lists per NUMA node and a metadata
 * array (one entry per frame, 24 bytes) carved out of usable RAM by
 * frame_init(). Blocks never straddle a node boundary. Entry points:
 * frame_init, frame_alloc*, frame_free*, frame_ref/unref, frame_stats.
 *
 * Cost: frame_alloc_order O(FRAME_MAX_ORDER * nodes); frame_free and the
 * last frame_unref O(FRAME_MAX_ORDER) for coalescing (plus the block's size
 * when it has an owner); the rest O(1); frame_init O(frames + ranges^2).
 * Not locked: callers serialise (boot runs on one CPU). */
#pragma once
#include "lib/types.h"

#define FRAME_NONE ((phys_t)-1)

/* Free frames right now (frame_stats without the copy). */
uint64_t frame_nfree(void);
/* Frames kept for the system's own processes (init and the servers): a
 * user page fault or lent page that would dip below it fails instead, so
 * one process filling memory cannot starve the servers. */
uint64_t frame_reserve(void);
#define FRAME_MAX_ORDER 10 /* largest block: 2^10 frames = 4 MiB */
#define FRAME_MAX_NODES 8

struct mem_range {
	phys_t base, end; /* end exclusive */
};

struct numa_range {
	phys_t base, end; /* end exclusive */
	uint32_t node;    /* < FRAME_MAX_NODES, else treated as node 0 */
};

struct frame_stats {
	size_t total;     /* frames the allocator manages */
	size_t free;
	size_t used;      /* total - free */
	size_t meta;      /* frames holding the metadata array (not in total) */
	unsigned nnodes;  /* highest node id seen + 1 */
	size_t node_free[FRAME_MAX_NODES];
};

/* The NUMA node of the calling CPU; defined by the per-CPU code. */
int cpu_numa_node(void);

/* Takes over the frames inside usable (rounded inward to whole frames) minus
 * reserved (rounded outward) and frame 0, then places the metadata in the
 * first gap that fits. nnodes 0 puts everything on node 0. May be called
 * again to start over. Panics when no usable frame or no room for metadata. */
void frame_init(const struct mem_range *usable, size_t nusable,
		const struct mem_range *reserved, size_t nreserved,
		const struct numa_range *nodes, size_t nnodes);

/* Returns one frame (not zeroed) with refcount 1, or FRAME_NONE. */
phys_t frame_alloc(void);
/* As frame_alloc, but the frame is zero-filled. */
phys_t frame_alloc_zeroed(void);
/* Returns a 2^order-frame block aligned to its size, from node (-1: the
 * calling CPU's node), falling back to the other nodes; FRAME_NONE when
 * order > FRAME_MAX_ORDER, node is out of range or memory is exhausted. */
phys_t frame_alloc_order(unsigned order, int node);

/* Frees the block starting at p, whatever its order. Panics on a double
 * free, a reserved or unmanaged frame, a frame inside a block, or a block
 * that still has more than one reference. */
void frame_free(phys_t p);
/* As frame_free, and also panics if the block's order is not order. */
void frame_free_order(phys_t p, unsigned order);

/* Take and drop references to an allocated block (p is its first frame);
 * both return the new count and panic if p is not allocated. The block is
 * freed when the count reaches zero. */
uint32_t frame_ref(phys_t p);
uint32_t frame_unref(phys_t p);
/* For frames named by an untrusted caller (a user page lent to a server):
 * takes a reference and returns 1 when p is an allocated one-frame block;
 * returns
 * 0, taking nothing, for a reserved frame (RAM the allocator never hands
 * out, such as the initrd: it lives as long as the machine); returns -1 for
 * anything else. Never panics. */
int frame_try_ref(phys_t p);
/* Returns the block's reference count; 0 when p is not an allocated block. */
uint32_t frame_refcount(phys_t p);

/* Tags every frame of the allocated block at p with owner (e.g. a slab); the
 * tag is cleared when the block is freed. Panics if p is not allocated. */
void frame_set_owner(phys_t p, void *owner);
/* Returns the owner tag of the frame holding any address p, or NULL. */
void *frame_owner(phys_t p);

/* Returns the NUMA node of the frame holding p, or -1 if it is not managed. */
int frame_node_of(phys_t p);

struct frame_stats frame_stats(void);
