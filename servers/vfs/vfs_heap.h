/* SPDX-License-Identifier: MIT */
/* A heap over one contiguous region that outlives the process (vfs_heap.c):
 * boundary-tagged blocks, free blocks merged with their free neighbours at
 * once, size-segregated free lists (exact for small sizes, one per power of
 * two above), and the untouched rest of the region (the "top") which a
 * block freed next to it rejoins. So freed space is whole again for any
 * size, and what the heap holds never grows past what is in use plus its
 * holes. Everything it keeps, lists included, lies inside the region and
 * is found by absolute addresses: the region must be mapped where it was
 * when the blocks were made. Single-threaded.
 *
 * vfs_arena.c puts one in the VFS's memory object and makes it the VFS's
 * malloc; the host tests run it over an ordinary buffer. */
#pragma once
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define VFS_HEAP_BINS 96

struct vfs_heap {
	uint64_t size;        /* bytes of the region, this header included */
	uint64_t start;       /* offset of the first block */
	uint64_t top;         /* offset where the untouched rest begins */
	uint64_t used;        /* bytes of blocks in use, headers included */
	uint64_t nused;       /* blocks in use */
	uint64_t binmap[2];   /* bit b: bin b is not empty */
	struct vfs_heap_block *bin[VFS_HEAP_BINS];
};

/* Makes an empty heap of the size bytes starting at h (16-byte aligned,
 * at least a page). */
void vfs_heap_init(struct vfs_heap *h, size_t size);
/* Returns n bytes, 16-byte aligned, or NULL when no free block or top is
 * large enough. */
void *vfs_heap_alloc(struct vfs_heap *h, size_t n);
void vfs_heap_free(struct vfs_heap *h, void *p);
/* Grows or shrinks p in place when it can (a free neighbour, the top),
 * else moves it. Returns NULL, leaving p as it was, when it cannot. */
void *vfs_heap_realloc(struct vfs_heap *h, void *p, size_t n);
/* Bytes usable at p (at least what was asked). */
size_t vfs_heap_usable(const void *p);
/* Bytes not in use: the free blocks and the top. */
uint64_t vfs_heap_free_bytes(const struct vfs_heap *h);
/* Walks every block and list; returns false at the first broken
 * invariant (for the tests, and a successor's sanity check). */
bool vfs_heap_check(const struct vfs_heap *h);
