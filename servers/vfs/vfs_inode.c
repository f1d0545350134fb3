// SPDX-License-Identifier: MIT
/* The inode table and inode cache (see vfs_inode.h): numbers, materializing
 * initrd inodes from their archive headers, references, freeing, and the
 * LRU of clean inodes that vfs_itable_trim() drops when over its limits.
 * Entry points: vfs_itable_init/destroy, vfs_inode_new, vfs_inode_new_backed,
 * vfs_iget, vfs_inode_ref/unref/release/dirty, vfs_itable_trim. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "vfs_cpio.h"
#include "vfs_lock.h"
#include "vfs_pipe.h"
#include "vfs_state.h"

int vfs_itable_init(struct vfs_itable *t, uint32_t max_inodes, uint64_t max_bytes)
{
	memset(t, 0, sizeof(*t));
	t->cap = 64;
	t->slots = calloc(t->cap, sizeof(*t->slots));
	if (!t->slots)
		return -ENOMEM;
	t->n = 1; /* 0 means "no inode" */
	t->max_inodes = max_inodes;
	t->max_bytes = max_bytes;
	return 0;
}

/* Returns a free slot number, or 0 without memory. */
static uint32_t slot_alloc(struct vfs_itable *t)
{
	uint32_t ino = t->free_head;
	if (ino) {
		t->free_head = t->slots[ino].next_free;
	} else {
		if (t->n == t->cap) {
			if (t->cap >= (1u << 30))
				return 0;
			uint32_t cap = t->cap * 2;
			struct vfs_islot *ns = realloc(t->slots, cap * sizeof(*ns));
			if (!ns)
				return 0;
			memset(ns + t->cap, 0, (cap - t->cap) * sizeof(*ns));
			t->slots = ns;
			t->cap = cap;
		}
		ino = t->n++;
	}
	struct vfs_islot *sl = &t->slots[ino];
	sl->used = true;
	t->used++;
	sl->ip = NULL;
	sl->src = NULL;
	return ino;
}

static void slot_release(struct vfs_itable *t, uint32_t ino)
{
	struct vfs_islot *sl = &t->slots[ino];
	sl->used = false;
	t->used--;
	sl->ip = NULL;
	sl->src = NULL;
	sl->gen++;
	sl->next_free = t->free_head;
	t->free_head = ino;
}

static void lru_remove(struct vfs_itable *t, struct vfs_inode *ip)
{
	if (!ip->in_lru)
		return;
	if (ip->lru_prev)
		ip->lru_prev->lru_next = ip->lru_next;
	else
		t->lru_head = ip->lru_next;
	if (ip->lru_next)
		ip->lru_next->lru_prev = ip->lru_prev;
	else
		t->lru_tail = ip->lru_prev;
	ip->lru_prev = ip->lru_next = NULL;
	ip->in_lru = false;
}

static void lru_push_head(struct vfs_itable *t, struct vfs_inode *ip)
{
	ip->lru_prev = NULL;
	ip->lru_next = t->lru_head;
	if (t->lru_head)
		t->lru_head->lru_prev = ip;
	else
		t->lru_tail = ip;
	t->lru_head = ip;
	ip->in_lru = true;
}

/* Puts ip in the LRU list exactly when it could be dropped and rebuilt. */
static void lru_update(struct vfs_itable *t, struct vfs_inode *ip)
{
	bool evictable = !ip->dirty && !ip->anon && ip->refs == 0 && ip->nlink > 0 &&
			 !S_ISDIR(ip->mode) && t->slots[ip->ino].src;
	if (evictable && !ip->in_lru)
		lru_push_head(t, ip);
	else if (!evictable && ip->in_lru)
		lru_remove(t, ip);
}

static bool has_data(uint32_t mode)
{
	return S_ISREG(mode) || S_ISLNK(mode);
}

/* Allocates a zeroed inode for slot ino and accounts it as resident. */
static struct vfs_inode *inode_alloc(struct vfs_itable *t, uint32_t ino)
{
	struct vfs_inode *ip = calloc(1, sizeof(*ip));
	if (!ip)
		return NULL;
	ip->ino = ino;
	ip->gen = t->slots[ino].gen;
	t->slots[ino].ip = ip;
	t->resident++;
	return ip;
}

struct vfs_inode *vfs_inode_new(struct vfs_state *s, uint32_t mode, uint32_t uid, uint32_t gid)
{
	struct vfs_itable *t = &s->it;
	uint32_t ino = slot_alloc(t);
	if (!ino)
		return NULL;
	struct vfs_inode *ip = inode_alloc(t, ino);
	if (!ip) {
		slot_release(t, ino);
		return NULL;
	}
	ip->mode = mode;
	ip->uid = uid;
	ip->gid = gid;
	ip->atime = ip->mtime = ip->ctime = vfs_now(s);
	ip->dirty = true;
	t->dirty++;
	if (S_ISDIR(mode))
		ip->u.dir.next_cookie = VFS_DIR_FIRST_COOKIE;
	return ip;
}

uint32_t vfs_inode_new_backed(struct vfs_state *s, const uint8_t *hdr)
{
	uint32_t ino = slot_alloc(&s->it);
	if (ino)
		s->it.slots[ino].src = hdr;
	return ino;
}

/* Rebuilds the inode of slot ino from its archive header (a miss). */
static struct vfs_inode *materialize(struct vfs_itable *t, uint32_t ino)
{
	struct vfs_cpio_entry e;
	if (vfs_cpio_parse(t->slots[ino].src, SIZE_MAX, &e) < 0)
		return NULL; /* validated when loaded: cannot happen */
	struct vfs_inode *ip = inode_alloc(t, ino);
	if (!ip)
		return NULL;
	ip->mode = e.mode;
	ip->uid = e.uid;
	ip->gid = e.gid;
	ip->nlink = 1;
	ip->atime = ip->mtime = ip->ctime = (uint64_t)e.mtime * 1000000000ull;
	ip->size = e.size;
	ip->u.data.ro = e.data;
	t->bytes += e.size;
	t->misses++;
	lru_update(t, ip);
	return ip;
}

struct vfs_inode *vfs_iget(struct vfs_state *s, uint32_t ino)
{
	struct vfs_itable *t = &s->it;
	if (ino == 0 || ino >= t->n || !t->slots[ino].used)
		return NULL;
	struct vfs_inode *ip = t->slots[ino].ip;
	if (!ip)
		return t->slots[ino].src ? materialize(t, ino) : NULL;
	t->hits++;
	if (ip->in_lru) {
		lru_remove(t, ip);
		lru_push_head(t, ip);
	}
	return ip;
}

void vfs_inode_ref(struct vfs_state *s, struct vfs_inode *ip)
{
	ip->refs++;
	lru_update(&s->it, ip);
}

void vfs_inode_unref(struct vfs_state *s, struct vfs_inode *ip)
{
	ip->refs--;
	vfs_inode_release(s, ip);
	/* ip may be gone now */
}

void vfs_inode_dirty(struct vfs_state *s, struct vfs_inode *ip)
{
	if (ip->dirty)
		return;
	ip->dirty = true;
	s->it.dirty++;
	lru_update(&s->it, ip);
}

void vfs_inode_clean(struct vfs_state *s, struct vfs_inode *ip)
{
	if (!ip->dirty)
		return;
	ip->dirty = false;
	s->it.dirty--;
	lru_update(&s->it, ip);
}

/* Frees everything ip holds and the inode itself, not its number. */
static void inode_free(struct vfs_state *s, struct vfs_inode *ip)
{
	struct vfs_itable *t = &s->it;
	lru_remove(t, ip);
	vfs_lock_free_all(&ip->locks);
	if (has_data(ip->mode)) {
		vfs_data_free(s, ip);
		t->bytes -= ip->size;
	} else if (S_ISDIR(ip->mode)) {
		vfs_dir_free(ip);
	} else if (S_ISFIFO(ip->mode)) {
		vfs_pipe_free(ip->u.pipe);
	}
	if (ip->dirty)
		t->dirty--;
	t->resident--;
	t->slots[ip->ino].ip = NULL;
	free(ip);
}

void vfs_inode_release(struct vfs_state *s, struct vfs_inode *ip)
{
	if (ip->refs > 0 || (ip->nlink > 0 && !ip->anon)) {
		lru_update(&s->it, ip);
		return;
	}
	uint32_t ino = ip->ino;
	inode_free(s, ip);
	slot_release(&s->it, ino);
}

static bool over_limits(const struct vfs_itable *t)
{
	return (t->max_inodes && t->resident > t->max_inodes) ||
	       (t->max_bytes && t->bytes > t->max_bytes);
}

void vfs_itable_trim(struct vfs_state *s)
{
	struct vfs_itable *t = &s->it;
	while (over_limits(t) && t->lru_tail) {
		inode_free(s, t->lru_tail); /* the slot keeps its archive header */
		t->evictions++;
	}
}

void vfs_itable_destroy(struct vfs_state *s)
{
	struct vfs_itable *t = &s->it;
	for (uint32_t i = 1; i < t->n; i++) {
		struct vfs_inode *ip = t->slots[i].ip;
		if (!ip)
			continue;
		if (S_ISDIR(ip->mode))
			vfs_dir_free(ip);
		else if (S_ISFIFO(ip->mode))
			vfs_pipe_free(ip->u.pipe);
		else if (has_data(ip->mode))
			vfs_data_free(s, ip);
		vfs_lock_free_all(&ip->locks);
		free(ip);
	}
	free(t->slots);
	memset(t, 0, sizeof(*t));
}
