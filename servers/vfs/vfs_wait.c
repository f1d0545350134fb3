// SPDX-License-Identifier: MIT
/* The records of parked requests (see vfs_wait.h) and the wake counter
 * the glue watches. Entry points: vfs_wait_park, vfs_wait_count,
 * vfs_wait_drop_pid, vfs_wait_done, vfs_wait_reset, vfs_wake_count. */
#include <errno.h>
#include <stdlib.h>
#include "vfs_wait.h"

static struct vfs_waiter *find(const struct vfs_state *s, uint32_t id)
{
	for (struct vfs_waiter *w = s->waiters; w; w = w->next)
		if (w->id == id)
			return w;
	return NULL;
}

int vfs_wait_park(struct vfs_ctx *x, const struct vfs_waiter *w)
{
	uint32_t id = x->c->wait_id;
	if (!id || find(x->s, id))
		return VFS_WOULD_BLOCK;
	struct vfs_waiter *n = malloc(sizeof(*n));
	if (!n)
		return -ENOMEM;
	*n = *w;
	n->id = id;
	n->pid = x->c->pid;
	n->next = x->s->waiters;
	x->s->waiters = n;
	return VFS_WOULD_BLOCK;
}

unsigned vfs_wait_count(const struct vfs_state *s, uint8_t kind, uint32_t ino)
{
	unsigned n = 0;
	for (const struct vfs_waiter *w = s->waiters; w; w = w->next)
		n += w->kind == kind && w->ino == ino;
	return n;
}

/* Unlinks and frees the records match() picks. */
static void drop_if(struct vfs_state *s, bool (*match)(const struct vfs_waiter *, long), long arg)
{
	for (struct vfs_waiter **pp = &s->waiters; *pp;) {
		struct vfs_waiter *w = *pp;
		if (match(w, arg)) {
			*pp = w->next;
			free(w);
		} else {
			pp = &w->next;
		}
	}
}

static bool by_pid(const struct vfs_waiter *w, long pid)
{
	return w->pid == pid;
}

static bool by_id(const struct vfs_waiter *w, long id)
{
	return w->id == (uint32_t)id;
}

static bool any(const struct vfs_waiter *w, long unused)
{
	(void)w, (void)unused;
	return true;
}

void vfs_wait_drop_pid(struct vfs_state *s, int pid)
{
	drop_if(s, by_pid, pid);
}

void vfs_wait_done(struct vfs_state *s, uint32_t wait_id)
{
	if (s->waiters && wait_id && find(s, wait_id)) {
		drop_if(s, by_id, (long)wait_id);
		vfs_wake(s);  /* a FIFO opener that went may change a partner's answer */
	}
}

void vfs_wait_reset(struct vfs_state *s)
{
	drop_if(s, any, 0);
}

uint64_t vfs_wake_count(const struct vfs_state *s)
{
	return s->wake;
}
