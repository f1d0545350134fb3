// SPDX-License-Identifier: MIT
/* The arena (see vfs_arena.h): a header (magic, layout version, the busy
 * word, the root) and a vfs_heap over the rest of the memory object, which
 * this file makes the VFS's malloc, calloc, realloc and free. Freed blocks
 * merge with their neighbours (vfs_heap.c), so deleted files give their
 * space back for anything. Single-threaded, as the VFS is. */
#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <string.h>
#include <sys/mman.h>
#include "vfs_arena.h"
#include "vfs_heap.h"

#define ARENA_MAGIC 0x414E4552415346ull  /* "FSARENA" */
#define FALLBACK_BYTES (64u << 20)

struct arena {
	uint64_t magic;
	uint32_t version;
	volatile uint32_t busy;
	uint64_t size;        /* bytes of the whole object */
	void *root;
	struct vfs_heap heap; /* over the rest of the object */
};

static struct arena *a;

static void format(void *base, size_t size, uint32_t version)
{
	a = base;
	a->magic = ARENA_MAGIC;
	a->version = version;
	a->busy = 0;
	a->size = size;
	a->root = NULL;
	vfs_heap_init(&a->heap, size - offsetof(struct arena, heap));
}

int vfs_arena_attach(void *base, size_t size, uint32_t version)
{
	struct arena *old = base;
	if (old->magic == ARENA_MAGIC && old->version == version && old->size == size) {
		a = old;
		return 1;
	}
	format(base, size, version);
	return 0;
}

uint32_t vfs_arena_found_version(void *base)
{
	const struct arena *old = base;
	return old->magic == ARENA_MAGIC ? old->version : 0;
}

/* Without a memory object: a private heap (lost with the process). */
static bool ensure(void)
{
	if (a)
		return true;
	void *p = mmap(NULL, FALLBACK_BYTES, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (p == MAP_FAILED)
		return false;
	format(p, FALLBACK_BYTES, VFS_ARENA_VERSION);
	return true;
}

void *vfs_arena_root(void)
{
	return ensure() ? a->root : NULL;
}

void vfs_arena_set_root(void *root)
{
	if (ensure())
		a->root = root;
}

void vfs_arena_usage(size_t *used, size_t *size)
{
	*used = a ? a->heap.used : 0;
	*size = a ? a->heap.size - a->heap.start : 0;
}

uint64_t vfs_arena_free_bytes(void)
{
	return a ? vfs_heap_free_bytes(&a->heap) : 0;
}

bool vfs_arena_check(void)
{
	return a && vfs_heap_check(&a->heap);
}

volatile uint32_t *vfs_arena_busy(void)
{
	return ensure() ? &a->busy : NULL;
}

void *malloc(size_t n)
{
	void *p = ensure() ? vfs_heap_alloc(&a->heap, n) : NULL;
	if (!p)
		errno = ENOMEM;
	return p;
}

void free(void *p)
{
	if (p)
		vfs_heap_free(&a->heap, p);
}

void *calloc(size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size) {
		errno = ENOMEM;
		return NULL;
	}
	/* Through a pointer: the compiler would turn malloc+memset into calloc. */
	static void *(*volatile zero)(void *, int, size_t) = memset;
	void *p = malloc(n * size);
	if (p)
		zero(p, 0, n * size);
	return p;
}

void *realloc(void *p, size_t n)
{
	if (!p)
		return malloc(n);
	void *q = vfs_heap_realloc(&a->heap, p, n);
	if (!q)
		errno = ENOMEM;
	return q;
}

size_t malloc_usable_size(void *p)
{
	return vfs_heap_usable(p);
}

/* Blocks are 16-byte aligned; larger alignments are not offered. */
void *aligned_alloc(size_t align, size_t n)
{
	if (align > 16 || (align & (align - 1))) {
		errno = EINVAL;
		return NULL;
	}
	return malloc(n);
}

int posix_memalign(void **out, size_t align, size_t n)
{
	void *p = aligned_alloc(align, n);
	if (!p)
		return errno;
	*out = p;
	return 0;
}

void *memalign(size_t align, size_t n)
{
	return aligned_alloc(align, n);
}
