// SPDX-License-Identifier: MIT
/* Slab allocator; see slab.h. A slab is a 2^order frame block whose first
 * bytes hold a struct slab (owning cache, list links, a bitmap of allocated
 * objects); objects follow at the cache's alignment. Every frame of a slab
 * carries the slab as its frame_owner() tag, which is how kfree and
 * kmem_cache_free find it; kmalloc's large blocks carry a private tag
 * instead. Cache descriptors themselves come from a static "kmem_cache". */
#include "mm/slab.h"
#include "lib/panic.h"
#include "lib/string.h"
#include "mm/frame.h"
#include "mm/phys.h"

#define SLAB_MAX_ORDER 3
#define SLAB_MAX_OBJS 512
#define SLAB_MAGIC 0x51ab51abu
#define NAME_LEN 32
#define NCLASSES 8 /* KMALLOC_MIN << 0 .. KMALLOC_MIN << 7 */

struct slab {
	struct kmem_cache *cache;
	struct slab *prev, *next;
	uint32_t magic;
	uint32_t inuse;
	uint64_t used[SLAB_MAX_OBJS / 64]; /* bit i: object i allocated */
};

struct slab_list {
	struct slab *head;
	size_t n;
};

struct kmem_cache {
	char name[NAME_LEN];
	size_t size;    /* object stride */
	size_t align;
	size_t first;   /* offset of object 0 from the slab start */
	uint32_t objs;  /* objects per slab */
	unsigned order; /* slab is 2^order frames */
	struct slab_list partial, full, empty;
	size_t in_use;
};

static struct kmem_cache cache_cache;
static struct kmem_cache kmalloc_caches[NCLASSES];
static char kmalloc_large_tag; /* frame_owner() of kmalloc's large blocks */

static const char *const class_names[NCLASSES] = {
	"kmalloc-16", "kmalloc-32", "kmalloc-64", "kmalloc-128",
	"kmalloc-256", "kmalloc-512", "kmalloc-1024", "kmalloc-2048",
};

static void list_add(struct slab_list *l, struct slab *s)
{
	s->prev = NULL;
	s->next = l->head;
	if (l->head)
		l->head->prev = s;
	l->head = s;
	l->n++;
}

static void list_del(struct slab_list *l, struct slab *s)
{
	if (s->prev)
		s->prev->next = s->next;
	else
		l->head = s->next;
	if (s->next)
		s->next->prev = s->prev;
	l->n--;
}

/* The list a slab belongs on, given how many of its objects are in use. */
static struct slab_list *list_for(struct kmem_cache *c, struct slab *s)
{
	if (s->inuse == 0)
		return &c->empty;
	return s->inuse == c->objs ? &c->full : &c->partial;
}

/* Fills in c's layout: the smallest slab order wasting at most 1/8 of the
 * slab, or else the largest that holds an object. False if none does. */
static bool cache_setup(struct kmem_cache *c, const char *name, size_t size, size_t align)
{
	memset(c, 0, sizeof(*c));
	memcpy(c->name, name, strnlen(name, NAME_LEN - 1));
	c->align = align ? align : 8;
	c->size = ALIGN_UP(size, c->align);
	c->first = ALIGN_UP(sizeof(struct slab), c->align);
	for (unsigned o = 0; o <= SLAB_MAX_ORDER; o++) {
		size_t bytes = PAGE_SIZE << o;
		if (c->first >= bytes)
			continue;
		size_t n = MIN((bytes - c->first) / c->size, SLAB_MAX_OBJS);
		if (n == 0)
			continue;
		c->objs = (uint32_t)n;
		c->order = o;
		if (n == SLAB_MAX_OBJS || (bytes - n * c->size) * 8 <= bytes)
			break;
	}
	return c->objs != 0;
}

static void *obj_at(struct kmem_cache *c, struct slab *s, uint32_t i)
{
	return (char *)s + c->first + (size_t)i * c->size;
}

/* Index of obj in s, or -1 if obj is not the start of one of s's objects. */
static long obj_index(struct kmem_cache *c, struct slab *s, const void *obj)
{
	uintptr_t off = (uintptr_t)obj - (uintptr_t)s;
	if (off < c->first || (off - c->first) % c->size)
		return -1;
	uintptr_t i = (off - c->first) / c->size;
	return i < c->objs ? (long)i : -1;
}

static struct slab *slab_grow(struct kmem_cache *c)
{
	phys_t p = frame_alloc_order(c->order, -1);
	if (p == FRAME_NONE)
		return NULL;
	struct slab *s = phys_to_virt(p);
	memset(s, 0, sizeof(*s));
	s->cache = c;
	s->magic = SLAB_MAGIC;
	frame_set_owner(p, s);
	list_add(&c->empty, s);
	return s;
}

static void slab_shrink(struct kmem_cache *c, struct slab *s)
{
	list_del(&c->empty, s);
	s->magic = 0;
	frame_free_order(virt_to_phys(s), c->order);
}

/* Returns the slab holding p, NULL if p is not in slab memory. */
static struct slab *slab_of(const void *p, const char *who)
{
	struct slab *s = frame_owner(virt_to_phys(p));
	if (!s || s == (void *)&kmalloc_large_tag)
		return NULL;
	if (s->magic != SLAB_MAGIC)
		panic("%s: slab header at %p is corrupt", who, (void *)s);
	return s;
}

void *kmem_cache_alloc(struct kmem_cache *c)
{
	struct slab *s = c->partial.head ? c->partial.head : c->empty.head;
	if (!s && !(s = slab_grow(c)))
		return NULL;
	uint32_t w = 0;
	while (s->used[w] == UINT64_MAX)
		w++; /* the slab is not full, so a clear bit below objs exists */
	uint32_t i = w * 64 + (uint32_t)__builtin_ctzll(~s->used[w]);
	list_del(list_for(c, s), s);
	s->used[w] |= 1ull << (i % 64);
	s->inuse++;
	list_add(list_for(c, s), s);
	c->in_use++;
	void *obj = obj_at(c, s, i);
	memset(obj, 0, c->size);
	return obj;
}

/* Frees obj from s (which belongs to c) after checking it is allocated. */
static void slab_release(struct kmem_cache *c, struct slab *s, void *obj, const char *who)
{
	long i = obj_index(c, s, obj);
	if (i < 0)
		panic("%s: %p is not the start of an object of cache %s", who, obj, c->name);
	if (!(s->used[i / 64] & (1ull << (i % 64))))
		panic("%s: double free of %p in cache %s", who, obj, c->name);
	list_del(list_for(c, s), s);
	s->used[i / 64] &= ~(1ull << (i % 64));
	s->inuse--;
	c->in_use--;
	list_add(list_for(c, s), s);
	if (s->inuse == 0 && c->empty.n > 1)
		slab_shrink(c, s);
}

void kmem_cache_free(struct kmem_cache *c, void *obj)
{
	if (!obj)
		return;
	struct slab *s = slab_of(obj, "kmem_cache_free");
	if (!s)
		panic("kmem_cache_free: %p is not a slab object (cache %s)", obj, c->name);
	else if (s->cache != c)
		panic("kmem_cache_free: %p belongs to cache %s, not %s", obj, s->cache->name, c->name);
	else
		slab_release(c, s, obj, "kmem_cache_free");
}

struct kmem_cache_stats kmem_cache_stats(const struct kmem_cache *c)
{
	return (struct kmem_cache_stats){
		.obj_size = c->size, .objs_per_slab = c->objs, .in_use = c->in_use,
		.slabs = c->partial.n + c->full.n + c->empty.n, .empty_slabs = c->empty.n,
	};
}

void slab_init(void)
{
	cache_setup(&cache_cache, "kmem_cache", sizeof(struct kmem_cache),
		    _Alignof(struct kmem_cache));
	for (unsigned i = 0; i < NCLASSES; i++)
		cache_setup(&kmalloc_caches[i], class_names[i], KMALLOC_MIN << i, KMALLOC_MIN << i);
}

/* Runs slab_init() on first use, for callers that never did. */
static void slab_ready(void)
{
	if (!cache_cache.objs)
		slab_init();
}

struct kmem_cache *kmem_cache_create(const char *name, size_t size, size_t align)
{
	struct kmem_cache tmp;
	if (!name || size == 0 || size > (PAGE_SIZE << SLAB_MAX_ORDER))
		return NULL;
	if ((align & (align - 1)) || align > PAGE_SIZE)
		return NULL;
	if (!cache_setup(&tmp, name, size, align))
		return NULL;
	slab_ready();
	struct kmem_cache *c = kmem_cache_alloc(&cache_cache);
	if (c)
		*c = tmp;
	return c;
}

static bool is_builtin(const struct kmem_cache *c)
{
	for (unsigned i = 0; i < NCLASSES; i++)
		if (c == &kmalloc_caches[i])
			return true;
	return c == &cache_cache;
}

void kmem_cache_destroy(struct kmem_cache *c)
{
	if (is_builtin(c)) {
		panic("kmem_cache_destroy: %s is a built-in cache", c->name);
		return;
	}
	if (c->in_use) {
		panic("kmem_cache_destroy: %s still has %zu objects in use", c->name, c->in_use);
		return;
	}
	while (c->empty.head)
		slab_shrink(c, c->empty.head);
	kmem_cache_free(&cache_cache, c);
}


static void *kmalloc_large(size_t size)
{
	unsigned order = 0;
	while ((PAGE_SIZE << order) < size)
		order++;
	phys_t p = frame_alloc_order(order, -1);
	if (p == FRAME_NONE)
		return NULL;
	frame_set_owner(p, &kmalloc_large_tag);
	void *v = phys_to_virt(p);
	memset(v, 0, PAGE_SIZE << order);
	return v;
}

void *kmalloc(size_t size)
{
	if (size == 0 || size > (PAGE_SIZE << FRAME_MAX_ORDER))
		return NULL;
	if (size > KMALLOC_MAX)
		return kmalloc_large(size);
	slab_ready();
	unsigned i = 0;
	while ((size_t)KMALLOC_MIN << i < size)
		i++;
	return kmem_cache_alloc(&kmalloc_caches[i]);
}

void kfree(void *p)
{
	if (!p)
		return;
	if (frame_owner(virt_to_phys(p)) == &kmalloc_large_tag) {
		frame_free(virt_to_phys(p)); /* panics unless p starts the block */
		return;
	}
	struct slab *s = slab_of(p, "kfree");
	if (!s)
		panic("kfree: %p was not returned by kmalloc", p);
	else if (!is_builtin(s->cache) || s->cache == &cache_cache)
		panic("kfree: %p belongs to cache %s; use kmem_cache_free", p, s->cache->name);
	else
		slab_release(s->cache, s, p, "kfree");
}
