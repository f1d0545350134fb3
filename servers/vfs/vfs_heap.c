// SPDX-License-Identifier: MIT
/* The region heap (see vfs_heap.h). A block is a 16-byte header and its
 * payload; its size (header included, a multiple of 16) carries two
 * flags: INUSE, and PREV_FREE, set when the block just before is free,
 * whose size is then in this block's prev_size. A free block is never next
 * to another free block nor to the top: freeing merges them. Free blocks
 * sit in bins: one per 16-byte size below SMALL_MAX, one per power of two
 * above. Entry points: vfs_heap_init, vfs_heap_alloc, vfs_heap_free,
 * vfs_heap_realloc, vfs_heap_usable, vfs_heap_free_bytes, vfs_heap_check. */
#include <string.h>
#include "vfs_heap.h"

#define HDR 16u
#define ALIGN 16u
#define MIN_BLOCK 32u          /* a header and the two list links */
#define SMALL_MAX 1024u        /* exact bins below, power-of-two bins from here */
#define NSMALL ((SMALL_MAX - MIN_BLOCK) / ALIGN)
#define INUSE 1ull
#define PREV_FREE 2ull
#define FLAGS (INUSE | PREV_FREE)

struct vfs_heap_block {
	uint64_t prev_size;    /* the block before, when it is free (PREV_FREE) */
	uint64_t size;         /* this block's bytes | flags */
	struct vfs_heap_block *next, *prev;  /* while free: its bin's list */
};

static uint64_t size_of(const struct vfs_heap_block *b)
{
	return b->size & ~FLAGS;
}

static struct vfs_heap_block *at(const struct vfs_heap *h, uint64_t off)
{
	return (struct vfs_heap_block *)((char *)h + off);
}

static uint64_t off_of(const struct vfs_heap *h, const struct vfs_heap_block *b)
{
	return (uint64_t)((const char *)b - (const char *)h);
}

static struct vfs_heap_block *after(const struct vfs_heap_block *b)
{
	return (struct vfs_heap_block *)((char *)b + size_of(b));
}

static int bin_of(uint64_t size)
{
	if (size < SMALL_MAX)
		return (int)((size - MIN_BLOCK) / ALIGN);
	int lg = 63 - __builtin_clzll(size);
	int b = (int)NSMALL + lg - 10;
	return b < VFS_HEAP_BINS ? b : VFS_HEAP_BINS - 1;
}

static void bin_insert(struct vfs_heap *h, struct vfs_heap_block *b)
{
	int i = bin_of(size_of(b));
	b->prev = NULL;
	b->next = h->bin[i];
	if (b->next)
		b->next->prev = b;
	h->bin[i] = b;
	h->binmap[i / 64] |= 1ull << (i % 64);
}

static void bin_remove(struct vfs_heap *h, struct vfs_heap_block *b)
{
	int i = bin_of(size_of(b));
	if (b->prev)
		b->prev->next = b->next;
	else
		h->bin[i] = b->next;
	if (b->next)
		b->next->prev = b->prev;
	if (!h->bin[i])
		h->binmap[i / 64] &= ~(1ull << (i % 64));
}

void vfs_heap_init(struct vfs_heap *h, size_t size)
{
	memset(h, 0, sizeof(*h));
	h->size = size & ~(uint64_t)(ALIGN - 1);
	h->start = (sizeof(*h) + ALIGN - 1) / ALIGN * ALIGN;
	h->top = h->start;
}

/* The block size that holds n bytes, or 0 if none could. */
static uint64_t need_for(const struct vfs_heap *h, size_t n)
{
	if (n > h->size)
		return 0;
	uint64_t need = ((uint64_t)n + HDR + ALIGN - 1) / ALIGN * ALIGN;
	return need < MIN_BLOCK ? MIN_BLOCK : need;
}

/* Marks the block at b (size bytes, the block before it in use) as free:
 * into its bin, the block after told. */
static void make_free(struct vfs_heap *h, struct vfs_heap_block *b, uint64_t size)
{
	b->size = size;
	bin_insert(h, b);
	struct vfs_heap_block *n = after(b);
	n->prev_size = size;
	n->size |= PREV_FREE;
}

/* Cuts b (in use, keeping its PREV_FREE) down to need bytes when the rest
 * makes a block; the rest is freed and merged with what follows. */
static void trim(struct vfs_heap *h, struct vfs_heap_block *b, uint64_t need)
{
	uint64_t size = size_of(b);
	if (size - need < MIN_BLOCK)
		return;
	b->size = need | (b->size & FLAGS);
	struct vfs_heap_block *rest = at(h, off_of(h, b) + need);
	rest->size = (size - need) | INUSE;  /* counted in use with b until freed */
	h->nused++;
	vfs_heap_free(h, (char *)rest + HDR);
}

/* The first free block of at least need bytes: best fit in need's own bin,
 * anything in a larger one. NULL if none. */
static struct vfs_heap_block *find(struct vfs_heap *h, uint64_t need)
{
	int i = bin_of(need);
	struct vfs_heap_block *best = NULL;
	for (struct vfs_heap_block *b = h->bin[i]; b; b = b->next)
		if (size_of(b) >= need && (!best || size_of(b) < size_of(best))) {
			best = b;
			if (size_of(b) == need)
				break;
		}
	if (best)
		return best;
	for (int w = (i + 1) / 64; w < 2; w++) {
		uint64_t bits = h->binmap[w];
		if (w == (i + 1) / 64)
			bits &= ~0ull << ((i + 1) % 64);
		if (bits)
			return h->bin[w * 64 + __builtin_ctzll(bits)];
	}
	return NULL;
}

void *vfs_heap_alloc(struct vfs_heap *h, size_t n)
{
	uint64_t need = need_for(h, n);
	if (!need)
		return NULL;
	struct vfs_heap_block *b = find(h, need);
	if (b) {
		bin_remove(h, b);
		b->size = size_of(b) | INUSE;  /* the block before a free one is in use */
		after(b)->size &= ~PREV_FREE;
	} else {
		if (h->size - h->top < need)
			return NULL;
		b = at(h, h->top);
		b->size = need | INUSE;
		h->top += need;
	}
	h->used += size_of(b);
	h->nused++;
	trim(h, b, need);
	return (char *)b + HDR;
}

void vfs_heap_free(struct vfs_heap *h, void *p)
{
	if (!p)
		return;
	struct vfs_heap_block *b = (struct vfs_heap_block *)((char *)p - HDR);
	uint64_t size = size_of(b);
	h->used -= size;
	h->nused--;
	struct vfs_heap_block *n = after(b);
	bool next_is_top = off_of(h, n) == h->top;
	if (!next_is_top && !(n->size & INUSE)) {
		bin_remove(h, n);
		size += size_of(n);
		next_is_top = off_of(h, b) + size == h->top;
	}
	if (b->size & PREV_FREE) {
		struct vfs_heap_block *prev = at(h, off_of(h, b) - b->prev_size);
		bin_remove(h, prev);
		size += size_of(prev);
		b = prev;
	}
	if (next_is_top)
		h->top = off_of(h, b);
	else
		make_free(h, b, size);
}

/* Grows b in place to need bytes from the top or a free block after it.
 * Returns false when neither has room. */
static bool grow_in_place(struct vfs_heap *h, struct vfs_heap_block *b, uint64_t need)
{
	uint64_t size = size_of(b);
	struct vfs_heap_block *n = after(b);
	if (off_of(h, n) == h->top) {
		if (h->size - h->top < need - size)
			return false;
		h->top += need - size;
	} else if (!(n->size & INUSE) && size + size_of(n) >= need) {
		bin_remove(h, n);
		uint64_t got = size_of(n);
		after(n)->size &= ~PREV_FREE;
		h->used += got;
		b->size += got;
		trim(h, b, need);
		return true;
	} else {
		return false;
	}
	h->used += need - size;
	b->size += need - size;
	return true;
}

void *vfs_heap_realloc(struct vfs_heap *h, void *p, size_t n)
{
	if (!p)
		return vfs_heap_alloc(h, n);
	struct vfs_heap_block *b = (struct vfs_heap_block *)((char *)p - HDR);
	uint64_t need = need_for(h, n);
	if (!need)
		return NULL;
	if (need <= size_of(b)) {
		trim(h, b, need);
		return p;
	}
	if (grow_in_place(h, b, need))
		return p;
	void *q = vfs_heap_alloc(h, n);
	if (!q)
		return NULL;
	memcpy(q, p, size_of(b) - HDR);
	vfs_heap_free(h, p);
	return q;
}

size_t vfs_heap_usable(const void *p)
{
	return p ? (size_t)(size_of((const struct vfs_heap_block *)((const char *)p - HDR)) - HDR)
		 : 0;
}

uint64_t vfs_heap_free_bytes(const struct vfs_heap *h)
{
	return h->size - h->start - h->used;
}

/* Every block from start to top: sizes in range, flags agreeing with the
 * neighbours, no two free blocks together; the totals match. */
static bool check_blocks(const struct vfs_heap *h, uint64_t *nfree)
{
	uint64_t off = h->start, used = 0, nused = 0;
	bool prev_free = false;
	uint64_t prev_size = 0;
	*nfree = 0;
	while (off < h->top) {
		const struct vfs_heap_block *b = at(h, off);
		uint64_t size = size_of(b);
		bool free_now = !(b->size & INUSE);
		if (size < MIN_BLOCK || size % ALIGN || size > h->top - off)
			return false;
		if (((b->size & PREV_FREE) != 0) != prev_free || (prev_free && b->prev_size != prev_size))
			return false;
		if (free_now && prev_free)
			return false;
		if (free_now)
			(*nfree)++;
		else
			used += size, nused++;
		prev_free = free_now;
		prev_size = size;
		off += size;
	}
	return off == h->top && !prev_free && used == h->used && nused == h->nused;
}

bool vfs_heap_check(const struct vfs_heap *h)
{
	uint64_t nfree, listed = 0;
	if (h->top > h->size || h->start > h->top || !check_blocks(h, &nfree))
		return false;
	for (int i = 0; i < VFS_HEAP_BINS; i++) {
		bool mapped = (h->binmap[i / 64] >> (i % 64)) & 1;
		if (mapped != (h->bin[i] != NULL))
			return false;
		for (const struct vfs_heap_block *b = h->bin[i]; b; b = b->next, listed++) {
			uint64_t off = off_of(h, b);
			if (off < h->start || off >= h->top || (b->size & INUSE) ||
			    bin_of(size_of(b)) != i || (b->next && b->next->prev != b))
				return false;
		}
	}
	return listed == nfree;
}
