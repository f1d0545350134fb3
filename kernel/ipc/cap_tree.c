// SPDX-License-Identifier: MIT
/* Capabilities, part two: removal from the derivation tree. cap_delete
 * (children move up to the parent), cap_revoke (all descendants, iterative,
 * so chains of any length use constant stack) and cap_table_clear.
 * Semantics and locking: see cap.h. */
#include "ipc/cap.h"
#include "lib/panic.h"

/* Gives c's children to c's parent; a root's children become roots.
 * Returns the last child, or NULL when c has none. */
static struct cap *cap_adopt_children(struct cap *c)
{
	struct cap *last = NULL;

	for (struct cap *ch = c->first_child, *next; ch; ch = next) {
		next = ch->next_sibling;
		ch->parent = c->parent;
		if (!c->parent)
			ch->prev_sibling = ch->next_sibling = NULL;
		last = ch;
	}
	return last;
}

/* Takes c out of the tree, putting its children where it was among its
 * siblings. */
static void cap_unlink(struct cap *c)
{
	struct cap *parent = c->parent, *head = c->first_child;
	struct cap *before = c->prev_sibling, *after = c->next_sibling;
	struct cap *tail = cap_adopt_children(c);
	struct cap *left = after, *right = before;  /* what replaces c on each side */

	if (!parent) {
		kassert(!before && !after);
		return;
	}
	if (head) {
		head->prev_sibling = before;
		tail->next_sibling = after;
		left = head;
		right = tail;
	}
	if (before)
		before->next_sibling = left;
	else
		parent->first_child = left;
	if (after)
		after->prev_sibling = right;
}

/* Removes the capability c: hook, tree, slot, then the object reference. */
static void cap_destroy(struct cap *c)
{
	struct kobj *obj = c->obj;
	struct cap_table *t = c->table;

	kassert(obj);
	if (obj->ops && obj->ops->on_delete)
		obj->ops->on_delete(c);
	if (c->obj != obj)
		panic("cap: on_delete changed the capability in slot %d", cap_slot(c));
	cap_unlink(c);
	*c = (struct cap){ .table = t };
	kobj_put(obj);
}

int cap_delete(struct cap_table *t, int slot)
{
	int err;
	struct cap *c = cap_lookup(t, slot, CAP_NULL, 0, &err);
	if (!c)
		return err;
	cap_destroy(c);
	return CAP_OK;
}

/* Post-order walk: descend to a leaf, delete it, continue from its parent.
 * Each edge is walked down and up once, so the cost is O(subtree). */
void cap_revoke_descendants(struct cap *root)
{
	struct cap *cur = root->first_child;

	while (cur) {
		while (cur->first_child)
			cur = cur->first_child;
		struct cap *up = cur->parent;
		kassert(up);
		cap_destroy(cur);
		cur = (up == root) ? root->first_child : up;
	}
}

int cap_revoke(struct cap_table *t, int slot)
{
	int err;
	struct cap *c = cap_lookup(t, slot, CAP_NULL, CAP_R_MANAGE, &err);
	if (!c)
		return err;
	cap_revoke_descendants(c);
	return CAP_OK;
}

void cap_table_clear(struct cap_table *t)
{
	for (int i = 0; i < CAP_SLOTS; i++)
		if (t->slots[i].obj)
			cap_destroy(&t->slots[i]);
}
