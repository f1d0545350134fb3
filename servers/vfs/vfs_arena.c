// SPDX-License-Identifier: MIT
/* The arena allocator (see vfs_arena.h): size classes of powers of two from
 * 32 bytes to 1 MiB with a free list each, and larger blocks in page
 * multiples on one first-fit list; new space comes from a bump pointer.
 * Everything, free lists included, lives inside the arena and is located
 * by absolute addresses, which stay valid because a successor maps the
 * arena where its predecessor had it. Nothing is returned to the system.
 * Single-threaded, as the VFS is. */
#include <errno.h>
#include <stdbool.h>
#include <string.h>
#include <sys/mman.h>
#include "vfs_arena.h"

#define ARENA_MAGIC 0x414E4552415346ull  /* "FSARENA" */
#define MIN_SHIFT 5                      /* 32-byte blocks */
#define MAX_SHIFT 20                     /* 1 MiB: larger blocks are "large" */
#define NCLASSES (MAX_SHIFT - MIN_SHIFT + 1)
#define HDR 16
#define PAGE 4096
#define FALLBACK_BYTES (64u << 20)

struct block {
	uint64_t cap;         /* bytes usable after the header */
	struct block *next;   /* while free: the next free block of its list */
};

struct arena {
	uint64_t magic;
	uint32_t version;
	volatile uint32_t busy;
	uint64_t size, top;   /* bytes in all, bytes handed out by the bump pointer */
	uint64_t used;        /* bytes in blocks in use, headers included */
	void *root;
	struct block *free[NCLASSES];
	struct block *large;
};

static struct arena *a;

static void format(void *base, size_t size, uint32_t version)
{
	a = base;
	memset(a, 0, sizeof(*a));
	a->magic = ARENA_MAGIC;
	a->version = version;
	a->size = size;
	a->top = (sizeof(*a) + HDR - 1) / HDR * HDR;
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
	*used = a ? a->used : 0;
	*size = a ? a->size : 0;
}

volatile uint32_t *vfs_arena_busy(void)
{
	return ensure() ? &a->busy : NULL;
}

static int class_of(size_t n)
{
	int c = 0;
	while (((size_t)1 << (MIN_SHIFT + c)) < n)
		c++;
	return c;
}

static struct block *bump(uint64_t cap)
{
	if (a->size - a->top < HDR + cap)
		return NULL;
	struct block *b = (struct block *)((char *)a + a->top);
	a->top += HDR + cap;
	b->cap = cap;
	return b;
}

static struct block *take_large(size_t n)
{
	uint64_t cap = (n + HDR + PAGE - 1) / PAGE * PAGE - HDR;
	for (struct block **pp = &a->large; *pp; pp = &(*pp)->next) {
		struct block *b = *pp;
		if (b->cap < cap)
			continue;
		*pp = b->next;
		if (b->cap - cap >= (1u << MAX_SHIFT)) {  /* split off the tail */
			struct block *rest = (struct block *)((char *)b + HDR + cap);
			rest->cap = b->cap - cap - HDR;
			rest->next = a->large;
			a->large = rest;
			b->cap = cap;
		}
		return b;
	}
	return bump(cap);
}

void *malloc(size_t n)
{
	if (!ensure() || n > a->size) {
		errno = ENOMEM;
		return NULL;
	}
	struct block *b;
	if (n > ((size_t)1 << MAX_SHIFT)) {
		b = take_large(n);
	} else {
		int c = class_of(n);
		b = a->free[c];
		if (b)
			a->free[c] = b->next;
		else
			b = bump((uint64_t)1 << (MIN_SHIFT + c));
	}
	if (!b) {
		errno = ENOMEM;
		return NULL;
	}
	a->used += HDR + b->cap;
	return (char *)b + HDR;
}

void free(void *p)
{
	if (!p)
		return;
	struct block *b = (struct block *)((char *)p - HDR);
	a->used -= HDR + b->cap;
	if (b->cap > ((uint64_t)1 << MAX_SHIFT)) {
		b->next = a->large;
		a->large = b;
		return;
	}
	int c = class_of(b->cap);
	b->next = a->free[c];
	a->free[c] = b;
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
	struct block *b = (struct block *)((char *)p - HDR);
	if (n <= b->cap)
		return p;
	void *q = malloc(n);
	if (q) {
		memcpy(q, p, b->cap);
		free(p);
	}
	return q;
}

size_t malloc_usable_size(void *p)
{
	return p ? ((struct block *)((char *)p - HDR))->cap : 0;
}

/* Blocks are 16-byte aligned; larger alignments are not offered. */
void *aligned_alloc(size_t align, size_t n)
{
	if (align > HDR || (align & (align - 1))) {
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
