// SPDX-License-Identifier: MIT
/* The dentry cache (see vfs_dcache.h): chained hash buckets, an LRU list,
 * at most max entries. Keys carry the directory's generation, so entries of
 * a removed directory whose number is reused can never match; they age out.
 * Entry points: vfs_dcache_init/destroy, vfs_dcache_lookup, vfs_dcache_set. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "vfs_dcache.h"

#define DCACHE_DEFAULT_MAX 1024

int vfs_dcache_init(struct vfs_dcache *d, uint32_t max)
{
	memset(d, 0, sizeof(*d));
	d->max = max ? max : DCACHE_DEFAULT_MAX;
	d->nbuckets = 16;
	while (d->nbuckets < d->max && d->nbuckets < (1u << 20))
		d->nbuckets <<= 1;
	d->buckets = calloc(d->nbuckets, sizeof(*d->buckets));
	return d->buckets ? 0 : -ENOMEM;
}

void vfs_dcache_destroy(struct vfs_dcache *d)
{
	struct vfs_dentry *e = d->lru_head;
	while (e) {
		struct vfs_dentry *next = e->lru_next;
		free(e);
		e = next;
	}
	free(d->buckets);
	memset(d, 0, sizeof(*d));
}

/* FNV-1a over the name, mixed with the directory. */
static uint32_t hash_key(uint32_t parent, uint32_t pgen, const char *name, size_t len)
{
	uint32_t h = 2166136261u ^ (parent * 2654435761u) ^ pgen;
	for (size_t i = 0; i < len; i++)
		h = (h ^ (uint8_t)name[i]) * 16777619u;
	return h;
}

static struct vfs_dentry **find_link(struct vfs_dcache *d, uint32_t h, uint32_t parent,
				     uint32_t pgen, const char *name, size_t len)
{
	struct vfs_dentry **pp = &d->buckets[h & (d->nbuckets - 1)];
	for (; *pp; pp = &(*pp)->hnext) {
		struct vfs_dentry *e = *pp;
		if (e->hash == h && e->parent == parent && e->pgen == pgen && e->len == len &&
		    memcmp(e->name, name, len) == 0)
			return pp;
	}
	return pp;
}

static void lru_unlink(struct vfs_dcache *d, struct vfs_dentry *e)
{
	if (e->lru_prev)
		e->lru_prev->lru_next = e->lru_next;
	else
		d->lru_head = e->lru_next;
	if (e->lru_next)
		e->lru_next->lru_prev = e->lru_prev;
	else
		d->lru_tail = e->lru_prev;
}

static void lru_push(struct vfs_dcache *d, struct vfs_dentry *e)
{
	e->lru_prev = NULL;
	e->lru_next = d->lru_head;
	if (d->lru_head)
		d->lru_head->lru_prev = e;
	else
		d->lru_tail = e;
	d->lru_head = e;
}

int vfs_dcache_lookup(struct vfs_dcache *d, uint32_t parent, uint32_t pgen, const char *name,
		      size_t len, uint32_t *child)
{
	uint32_t h = hash_key(parent, pgen, name, len);
	struct vfs_dentry *e = *find_link(d, h, parent, pgen, name, len);
	if (!e) {
		d->misses++;
		return 0;
	}
	d->hits++;
	if (!e->child)
		d->neg_hits++;
	lru_unlink(d, e);
	lru_push(d, e);
	*child = e->child;
	return 1;
}

/* Drops the least recently used entry. */
static void evict_one(struct vfs_dcache *d)
{
	struct vfs_dentry *e = d->lru_tail;
	struct vfs_dentry **pp = find_link(d, e->hash, e->parent, e->pgen, e->name, e->len);
	*pp = e->hnext;
	lru_unlink(d, e);
	free(e);
	d->n--;
	d->evictions++;
}

void vfs_dcache_set(struct vfs_dcache *d, uint32_t parent, uint32_t pgen, const char *name,
		    size_t len, uint32_t child)
{
	uint32_t h = hash_key(parent, pgen, name, len);
	struct vfs_dentry **pp = find_link(d, h, parent, pgen, name, len);
	if (*pp) {
		(*pp)->child = child;
		return;
	}
	struct vfs_dentry *e = malloc(sizeof(*e) + len);
	if (!e)
		return;
	e->hash = h;
	e->parent = parent;
	e->pgen = pgen;
	e->child = child;
	e->len = (uint16_t)len;
	memcpy(e->name, name, len);
	e->hnext = *pp;
	*pp = e;
	lru_push(d, e);
	if (++d->n > d->max)
		evict_one(d);
}
