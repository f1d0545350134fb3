/* SPDX-License-Identifier: MIT */
/* Kernel object allocator: caches of fixed-size objects cut from slabs of
 * 1..8 frames, and kmalloc/kfree over power-of-two caches of 16..2048 bytes
 * (larger requests take a whole frame block). Each cache keeps partial, full
 * and empty slab lists and at most one empty slab. Entry points: slab_init,
 * kmem_cache_create/alloc/free/destroy, kmalloc, kfree.
 *
 * Cost: alloc and free O(1) (an 8-word bitmap scan), except when a slab is
 * taken from or returned to the frame allocator. Needs frame_init() first
 * and a page-aligned phys_map_base. Not locked: callers serialise. */
#pragma once
#include "lib/types.h"

#define KMALLOC_MIN 16
#define KMALLOC_MAX 2048

struct kmem_cache;

struct kmem_cache_stats {
	size_t obj_size;      /* bytes per object after rounding to the alignment */
	size_t objs_per_slab;
	size_t in_use;        /* objects allocated and not yet freed */
	size_t slabs;         /* slabs held, the empty one included */
	size_t empty_slabs;
};

/* Sets up the kmalloc caches; done on first use if not called. Calling it
 * again forgets every cache and slab (for tests). */
void slab_init(void);

/* Returns a cache of objects of size bytes aligned to align (a power of two
 * up to PAGE_SIZE; 0 means 8), or NULL if the arguments are invalid, the
 * object does not fit in an 8-frame slab, or memory is exhausted. The name
 * is copied (truncated to 31 characters). */
struct kmem_cache *kmem_cache_create(const char *name, size_t size, size_t align);
/* Frees an unused cache and its slabs. Panics if objects are still in use
 * or c is one of the kmalloc caches. */
void kmem_cache_destroy(struct kmem_cache *c);

/* Returns a zeroed object, or NULL when memory is exhausted. */
void *kmem_cache_alloc(struct kmem_cache *c);
/* Frees obj (NULL is ignored). Panics if obj is not an allocated object of c. */
void kmem_cache_free(struct kmem_cache *c, void *obj);

struct kmem_cache_stats kmem_cache_stats(const struct kmem_cache *c);

/* Returns size zeroed bytes aligned to the size class (page-aligned above
 * KMALLOC_MAX), or NULL for size 0, sizes above 4 MiB or no memory. */
void *kmalloc(size_t size);
/* Frees a kmalloc block (NULL is ignored); panics on anything else. */
void kfree(void *p);
