// SPDX-License-Identifier: MIT
/* Buddy allocator over physical frames; see frame.h. Free blocks sit on
 * per-(node, order) doubly linked lists threaded through the metadata array
 * by index, so free memory itself is never touched. A block's first frame
 * (its head) holds the block's order, state and refcount; every other frame
 * of a block, free or allocated, is FRAME_TAIL. */
#include "mm/frame.h"
#include "lib/kprintf.h"
#include "lib/panic.h"
#include "lib/string.h"
#include "mm/phys.h"

#define NIL UINT32_MAX      /* end of a free list */
#define NO_IDX UINT64_MAX   /* "no frame" for metadata indices */

enum frame_state {
	FRAME_RESERVED = 0, /* never handed out; what a zeroed entry means */
	FRAME_FREE,         /* head of a free block (a candidate during init) */
	FRAME_KERNEL,       /* head of an allocated block */
	FRAME_TAIL,         /* any other frame of a block */
};

struct frame_info {
	uint32_t next, prev; /* free-list links, valid on FRAME_FREE heads */
	void *owner;         /* frame_set_owner tag, NULL outside owned blocks */
	uint32_t refcount;   /* FRAME_KERNEL heads */
	uint8_t order;       /* heads */
	uint8_t state;       /* enum frame_state */
	uint16_t node;
};

static struct {
	struct frame_info *meta; /* entry i describes frame base_pfn + i */
	uint64_t base_pfn, npfn;
	uint32_t head[FRAME_MAX_NODES][FRAME_MAX_ORDER + 1];
	size_t node_free[FRAME_MAX_NODES];
	unsigned nnodes;
	size_t total, nfree, meta_frames;
} fa;

static struct frame_info *fi(uint64_t idx)
{
	return &fa.meta[idx];
}

/* Returns the metadata index of the frame holding p, or NO_IDX. */
static uint64_t idx_of(phys_t p)
{
	uint64_t pfn = p >> PAGE_SHIFT;
	if (!fa.meta || pfn < fa.base_pfn || pfn - fa.base_pfn >= fa.npfn)
		return NO_IDX;
	return pfn - fa.base_pfn;
}

static phys_t phys_of(uint64_t idx)
{
	return (fa.base_pfn + idx) << PAGE_SHIFT;
}

/* Pushes the block at idx (order and node already set) on its free list. */
static void list_push(uint64_t idx)
{
	struct frame_info *f = fi(idx);
	uint32_t *head = &fa.head[f->node][f->order];
	f->state = FRAME_FREE;
	f->prev = NIL;
	f->next = *head;
	if (*head != NIL)
		fi(*head)->prev = (uint32_t)idx;
	*head = (uint32_t)idx;
	fa.node_free[f->node] += 1ull << f->order;
	fa.nfree += 1ull << f->order;
}

static void list_remove(uint64_t idx)
{
	struct frame_info *f = fi(idx);
	if (f->prev != NIL)
		fi(f->prev)->next = f->next;
	else
		fa.head[f->node][f->order] = f->next;
	if (f->next != NIL)
		fi(f->next)->prev = f->prev;
	fa.node_free[f->node] -= 1ull << f->order;
	fa.nfree -= 1ull << f->order;
}

/* Takes a 2^order block from node's lists, splitting a larger one if needed. */
static uint64_t alloc_on_node(unsigned node, unsigned order)
{
	unsigned o = order;
	while (o <= FRAME_MAX_ORDER && fa.head[node][o] == NIL)
		o++;
	if (o > FRAME_MAX_ORDER)
		return NO_IDX;
	uint64_t idx = fa.head[node][o];
	list_remove(idx);
	while (o > order) {
		o--;
		uint64_t half = idx + (1ull << o);
		fi(half)->order = (uint8_t)o;
		list_push(half);
	}
	struct frame_info *f = fi(idx);
	f->state = FRAME_KERNEL;
	f->order = (uint8_t)order;
	f->refcount = 1;
	return idx;
}

/* Returns the allocated block at idx to the free lists, merging buddies. */
static void release(uint64_t idx)
{
	struct frame_info *f = fi(idx);
	unsigned o = f->order;
	uint16_t node = f->node;
	if (f->owner)
		for (uint64_t i = 0; i < (1ull << o); i++)
			fi(idx + i)->owner = NULL;
	f->refcount = 0;
	f->state = FRAME_TAIL;
	for (; o < FRAME_MAX_ORDER; o++) {
		uint64_t buddy = idx_of(phys_of(idx) ^ (PAGE_SIZE << o));
		if (buddy == NO_IDX)
			break;
		struct frame_info *b = fi(buddy);
		if (b->state != FRAME_FREE || b->order != o || b->node != node)
			break;
		list_remove(buddy);
		b->state = FRAME_TAIL;
		idx = MIN(idx, buddy);
	}
	fi(idx)->order = (uint8_t)o;
	list_push(idx);
}

/* Returns the head of the block holding the FRAME_TAIL at idx, or NO_IDX. */
static uint64_t head_of(uint64_t idx)
{
	for (unsigned o = 1; o <= FRAME_MAX_ORDER; o++) {
		uint64_t h = idx_of(phys_of(idx) & ~((PAGE_SIZE << o) - 1));
		if (h == NO_IDX)
			return NO_IDX;
		struct frame_info *f = fi(h);
		if ((f->state == FRAME_FREE || f->state == FRAME_KERNEL) && f->order >= o)
			return h;
	}
	return NO_IDX;
}

/* Returns p's index if p starts an allocated block; panics (naming who) if not. */
static uint64_t allocated_head(phys_t p, const char *who)
{
	uint64_t idx = idx_of(p);
	if (p & (PAGE_SIZE - 1))
		panic("%s: 0x%lx is not frame-aligned", who, p);
	else if (idx == NO_IDX)
		panic("%s: 0x%lx is outside managed memory", who, p);
	else if (fi(idx)->state == FRAME_RESERVED)
		panic("%s: 0x%lx is a reserved frame", who, p);
	else if (fi(idx)->state == FRAME_FREE)
		panic("%s: 0x%lx is already free (double free?)", who, p);
	else if (fi(idx)->state == FRAME_KERNEL)
		return idx;
	else if (head_of(idx) != NO_IDX && fi(head_of(idx))->state == FRAME_FREE)
		panic("%s: 0x%lx is inside a free block (double free?)", who, p);
	else
		panic("%s: 0x%lx is inside an allocated block, not its start", who, p);
	return NO_IDX;
}

phys_t frame_alloc_order(unsigned order, int node)
{
	if (order > FRAME_MAX_ORDER || node < -1 || node >= FRAME_MAX_NODES)
		return FRAME_NONE;
	if (node == -1) {
		node = cpu_numa_node();
		if (node < 0 || node >= FRAME_MAX_NODES)
			node = 0;
	}
	for (unsigned i = 0; i < fa.nnodes; i++) {
		uint64_t idx = alloc_on_node(((unsigned)node + i) % fa.nnodes, order);
		if (idx != NO_IDX)
			return phys_of(idx);
	}
	return FRAME_NONE;
}

phys_t frame_alloc(void)
{
	return frame_alloc_order(0, -1);
}

phys_t frame_alloc_zeroed(void)
{
	phys_t p = frame_alloc();
	if (p != FRAME_NONE)
		memset(phys_to_virt(p), 0, PAGE_SIZE);
	return p;
}

void frame_free_order(phys_t p, unsigned order)
{
	uint64_t idx = allocated_head(p, "frame_free");
	if (idx == NO_IDX)
		return;
	struct frame_info *f = fi(idx);
	if (f->order != order)
		panic("frame_free: block 0x%lx has order %u, freed as order %u", p, f->order, order);
	else if (f->refcount != 1)
		panic("frame_free: block 0x%lx still has %u references", p, f->refcount);
	else
		release(idx);
}

void frame_free(phys_t p)
{
	uint64_t idx = allocated_head(p, "frame_free");
	if (idx != NO_IDX)
		frame_free_order(p, fi(idx)->order);
}

uint32_t frame_ref(phys_t p)
{
	uint64_t idx = allocated_head(p, "frame_ref");
	if (idx == NO_IDX)
		return 0;
	if (fi(idx)->refcount == UINT32_MAX)
		panic("frame_ref: reference count of 0x%lx overflows", p);
	return ++fi(idx)->refcount;
}

int frame_try_ref(phys_t p)
{
	uint64_t idx = idx_of(p);
	if ((p & (PAGE_SIZE - 1)) || idx == NO_IDX)
		return -1;
	struct frame_info *f = fi(idx);
	if (f->state == FRAME_RESERVED)
		return 0;
	if (f->state != FRAME_KERNEL || f->order != 0 || f->refcount == 0 || f->refcount == UINT32_MAX)
		return -1;  /* free, inside a block, a multi-frame block, or saturated */
	f->refcount++;
	return 1;
}

uint32_t frame_unref(phys_t p)
{
	uint64_t idx = allocated_head(p, "frame_unref");
	if (idx == NO_IDX)
		return 0;
	uint32_t n = --fi(idx)->refcount;
	if (n == 0)
		release(idx);
	return n;
}

uint32_t frame_refcount(phys_t p)
{
	uint64_t idx = idx_of(p);
	if (idx == NO_IDX || (p & (PAGE_SIZE - 1)) || fi(idx)->state != FRAME_KERNEL)
		return 0;
	return fi(idx)->refcount;
}

void frame_set_owner(phys_t p, void *owner)
{
	uint64_t idx = allocated_head(p, "frame_set_owner");
	if (idx == NO_IDX)
		return;
	for (uint64_t i = 0; i < (1ull << fi(idx)->order); i++)
		fi(idx + i)->owner = owner;
}

void *frame_owner(phys_t p)
{
	uint64_t idx = idx_of(p);
	return idx == NO_IDX ? NULL : fi(idx)->owner;
}

int frame_node_of(phys_t p)
{
	uint64_t idx = idx_of(p);
	return idx == NO_IDX ? -1 : fi(idx)->node;
}

uint64_t frame_nfree(void)
{
	return fa.nfree;
}

uint64_t frame_reserve(void)
{
	uint64_t r = fa.total / 64;
	return r < 256 ? 256 : r;
}

struct frame_stats frame_stats(void)
{
	struct frame_stats s = {
		.total = fa.total, .free = fa.nfree, .used = fa.total - fa.nfree,
		.meta = fa.meta_frames, .nnodes = fa.nnodes,
	};
	memcpy(s.node_free, fa.node_free, sizeof(s.node_free));
	return s;
}

/* ---- initialisation ---- */

/* First frame at or above p; last frame + 1 for an end address p. */
static uint64_t pfn_up(phys_t p)
{
	return (p >> PAGE_SHIFT) + ((p & (PAGE_SIZE - 1)) != 0);
}

/* Sets [lo_pfn, hi_pfn) clipped to the managed span to state. */
static void mark(uint64_t lo_pfn, uint64_t hi_pfn, uint8_t state)
{
	uint64_t end = fa.base_pfn + fa.npfn;
	for (uint64_t pfn = MAX(lo_pfn, fa.base_pfn); pfn < MIN(hi_pfn, end); pfn++)
		fi(pfn - fa.base_pfn)->state = state;
}

/* Finds [lo, hi) pfns spanning every usable range; false if none holds a frame. */
static bool usable_span(const struct mem_range *u, size_t n, uint64_t *lo, uint64_t *hi)
{
	*lo = UINT64_MAX;
	*hi = 0;
	for (size_t i = 0; i < n; i++) {
		uint64_t a = pfn_up(u[i].base), b = u[i].end >> PAGE_SHIFT;
		if (a < b) {
			*lo = MIN(*lo, a);
			*hi = MAX(*hi, b);
		}
	}
	return *lo < *hi;
}

/* Returns the end pfn of a reserved range (or frame 0) meeting [lo, hi), else 0. */
static uint64_t reserved_clash(uint64_t lo, uint64_t hi, const struct mem_range *r, size_t n)
{
	if (lo == 0)
		return 1;
	for (size_t i = 0; i < n; i++) {
		uint64_t a = r[i].base >> PAGE_SHIFT, b = pfn_up(r[i].end);
		if (r[i].base < r[i].end && a < hi && lo < b)
			return b;
	}
	return 0;
}

/* Returns the first pfn of npages usable, unreserved frames, or NO_IDX. */
static uint64_t place_meta(uint64_t npages, const struct mem_range *u, size_t nu,
			   const struct mem_range *r, size_t nr)
{
	for (size_t i = 0; i < nu; i++) {
		uint64_t lo = pfn_up(u[i].base), end = u[i].end >> PAGE_SHIFT;
		while (lo < end && end - lo >= npages) {
			uint64_t skip = reserved_clash(lo, lo + npages, r, nr);
			if (!skip)
				return lo;
			lo = skip;
		}
	}
	return NO_IDX;
}

static void assign_nodes(const struct numa_range *nodes, size_t n)
{
	fa.nnodes = 1;
	for (size_t i = 0; i < n; i++) {
		if (nodes[i].node >= FRAME_MAX_NODES) {
			pr_warn("frame: node %u out of range, using node 0\n", nodes[i].node);
			continue;
		}
		fa.nnodes = MAX(fa.nnodes, nodes[i].node + 1);
		uint64_t lo = MAX(pfn_up(nodes[i].base), fa.base_pfn);
		uint64_t hi = MIN(pfn_up(nodes[i].end), fa.base_pfn + fa.npfn);
		for (uint64_t pfn = lo; pfn < hi; pfn++)
			fi(pfn - fa.base_pfn)->node = (uint16_t)nodes[i].node;
	}
}

/* Largest order for a block at pfn that is aligned and fits in n frames. */
static unsigned fit_order(uint64_t pfn, uint64_t n)
{
	unsigned o = 0;
	while (o < FRAME_MAX_ORDER && !(pfn & ((2ull << o) - 1)) && (2ull << o) <= n)
		o++;
	return o;
}

/* Turns each run of candidate frames on one node into maximal free blocks. */
static void build_free_lists(void)
{
	for (uint64_t i = 0; i < fa.npfn;) {
		uint64_t end = i;
		while (end < fa.npfn && fi(end)->state == FRAME_FREE && fi(end)->node == fi(i)->node)
			end++;
		if (end == i) {
			i++;
			continue;
		}
		while (i < end) {
			unsigned o = fit_order(fa.base_pfn + i, end - i);
			mark(fa.base_pfn + i + 1, fa.base_pfn + i + (1ull << o), FRAME_TAIL);
			fi(i)->order = (uint8_t)o;
			list_push(i);
			i += 1ull << o;
		}
	}
}

void frame_init(const struct mem_range *usable, size_t nusable,
		const struct mem_range *reserved, size_t nreserved,
		const struct numa_range *nodes, size_t nnodes)
{
	uint64_t lo, hi;
	memset(&fa, 0, sizeof(fa));
	if (!usable_span(usable, nusable, &lo, &hi) || hi - lo >= NIL) {
		panic("frame_init: no usable frames, or more than 2^32 - 1 in the span");
		return;
	}
	uint64_t pages = pfn_up((hi - lo) * sizeof(struct frame_info));
	uint64_t meta = place_meta(pages, usable, nusable, reserved, nreserved);
	if (meta == NO_IDX) {
		panic("frame_init: no room for %lu frames of frame metadata", pages);
		return;
	}
	fa.meta = phys_to_virt(meta << PAGE_SHIFT);
	fa.base_pfn = lo;
	fa.npfn = hi - lo;
	fa.meta_frames = pages;
	memset(fa.meta, 0, fa.npfn * sizeof(struct frame_info));
	memset(fa.head, 0xff, sizeof(fa.head));
	assign_nodes(nodes, nnodes);
	for (size_t i = 0; i < nusable; i++)
		mark(pfn_up(usable[i].base), usable[i].end >> PAGE_SHIFT, FRAME_FREE);
	for (size_t i = 0; i < nreserved; i++)
		if (reserved[i].base < reserved[i].end)
			mark(reserved[i].base >> PAGE_SHIFT, pfn_up(reserved[i].end), FRAME_RESERVED);
	mark(meta, meta + pages, FRAME_RESERVED);
	mark(0, 1, FRAME_RESERVED);
	build_free_lists();
	fa.total = fa.nfree;
	pr_info("frame: %zu frames free (%lu MiB), %lu metadata frames, %u node(s)\n",
		fa.total, (uint64_t)(fa.total >> (20 - PAGE_SHIFT)), pages, fa.nnodes);
}
