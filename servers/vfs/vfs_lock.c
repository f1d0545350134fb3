// SPDX-License-Identifier: MIT
/* Byte-range lock lists (see vfs_lock.h): conflicts, setting with
 * conversion, splitting and merging, and dropping an owner's locks.
 * Entry points: vfs_lock_same_owner, vfs_lock_conflict, vfs_lock_apply,
 * vfs_lock_drop_owner, vfs_lock_free_all. */
#include <errno.h>
#include <stdlib.h>
#include "vfs_lock.h"

bool vfs_lock_same_owner(uint8_t kind_a, uint64_t owner_a, uint8_t kind_b, uint64_t owner_b)
{
	return kind_a == kind_b && owner_a == owner_b;
}

static bool same_space(uint8_t a, uint8_t b)
{
	return (a == VFS_LK_FLOCK) == (b == VFS_LK_FLOCK);
}

static bool overlaps(const struct vfs_lock *l, int64_t start, int64_t end)
{
	return l->start <= end && l->end >= start;
}

/* Whether l ends just before start or begins just after end. */
static bool adjacent(const struct vfs_lock *l, int64_t start, int64_t end)
{
	return (l->end != VFS_LOCK_EOF && l->end + 1 == start) ||
	       (end != VFS_LOCK_EOF && end + 1 == l->start);
}

const struct vfs_lock *vfs_lock_conflict(const struct vfs_lock *list,
					 const struct vfs_lock_req *r)
{
	for (const struct vfs_lock *l = list; l; l = l->next) {
		if (!same_space(l->kind, r->kind) ||
		    vfs_lock_same_owner(l->kind, l->owner, r->kind, r->owner))
			continue;
		if (overlaps(l, r->start, r->end) &&
		    (l->type == VFS_LK_WRITE || r->type == VFS_LK_WRITE))
			return l;
	}
	return NULL;
}

/* Cuts r's range out of l, an overlapping lock of r's owner. *spare is
 * used (and set to NULL) when l must split in two. Returns whether l went. */
static bool cut(struct vfs_lock **pp, const struct vfs_lock_req *r, struct vfs_lock **spare)
{
	struct vfs_lock *l = *pp;
	if (l->start < r->start && l->end > r->end) {
		struct vfs_lock *tail = *spare;
		*spare = NULL;
		*tail = *l;
		tail->start = r->end + 1;
		l->end = r->start - 1;
		l->next = tail;
		return false;
	}
	if (l->start < r->start) {
		l->end = r->start - 1;
	} else if (l->end > r->end) {
		l->start = r->end + 1;
	} else {
		*pp = l->next;
		free(l);
		return true;
	}
	return false;
}

int vfs_lock_apply(struct vfs_lock **list, const struct vfs_lock_req *r)
{
	struct vfs_lock *fresh = NULL, *spare = malloc(sizeof(*spare));
	if (!spare || (r->type != VFS_LK_UNLOCK && !(fresh = malloc(sizeof(*fresh))))) {
		free(spare);
		return -ENOLCK;
	}
	int64_t start = r->start, end = r->end;
	int changed = 0;
	for (struct vfs_lock **pp = list; *pp;) {
		struct vfs_lock *l = *pp;
		bool mine = vfs_lock_same_owner(l->kind, l->owner, r->kind, r->owner);
		bool over = mine && overlaps(l, r->start, r->end);
		if (mine && r->type == l->type && (over || adjacent(l, r->start, r->end))) {
			start = l->start < start ? l->start : start;  /* merged into the new one */
			end = l->end > end ? l->end : end;
			*pp = l->next;
			free(l);
			continue;
		}
		if (!over) {
			pp = &l->next;
			continue;
		}
		changed = 1;
		if (!cut(pp, r, &spare))
			pp = &(*pp)->next;
	}
	if (fresh) {
		*fresh = (struct vfs_lock){ .next = *list, .kind = r->kind, .type = r->type,
					    .pid = r->pid, .owner = r->owner, .start = start, .end = end };
		*list = fresh;
	}
	free(spare);
	return changed;
}

bool vfs_lock_drop_owner(struct vfs_lock **list, uint8_t kind, uint64_t owner)
{
	bool any = false;
	for (struct vfs_lock **pp = list; *pp;) {
		struct vfs_lock *l = *pp;
		if (vfs_lock_same_owner(l->kind, l->owner, kind, owner)) {
			*pp = l->next;
			free(l);
			any = true;
		} else {
			pp = &l->next;
		}
	}
	return any;
}

void vfs_lock_free_all(struct vfs_lock **list)
{
	while (*list) {
		struct vfs_lock *l = *list;
		*list = l->next;
		free(l);
	}
}
