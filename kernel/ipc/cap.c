// SPDX-License-Identifier: MIT
/* Capabilities, part one: object references (kobj_*), tables, lookup,
 * install, derive and info. Removal (delete, revoke, clear) lives in
 * cap_tree.c. Semantics and locking: see cap.h. */
#include "ipc/cap.h"
#include "ipc/memobj.h"
#include "lib/panic.h"

static uint64_t kobj_next_id = 1;

void kobj_init(struct kobj *obj, enum cap_type type, const struct kobj_ops *ops)
{
	kassert(type > CAP_NULL && type < CAP_NTYPES);
	obj->refs = 1;
	obj->type = (uint8_t)type;
	obj->ops = ops;
	obj->id = __atomic_fetch_add(&kobj_next_id, 1, __ATOMIC_RELAXED);
}

struct kobj *kobj_get(struct kobj *obj)
{
	uint32_t old = __atomic_fetch_add(&obj->refs, 1, __ATOMIC_RELAXED);
	if (old == 0 || old == UINT32_MAX)
		panic("kobj_get: object %lu has %u references", (unsigned long)obj->id, old);
	return obj;
}

void kobj_put(struct kobj *obj)
{
	uint32_t old = __atomic_fetch_sub(&obj->refs, 1, __ATOMIC_ACQ_REL);
	if (old == 0)
		panic("kobj_put: object %lu has no references", (unsigned long)obj->id);
	if (old == 1 && obj->ops && obj->ops->release)
		obj->ops->release(obj);
}

void cap_table_init(struct cap_table *t, void *owner)
{
	for (int i = 0; i < CAP_SLOTS; i++)
		t->slots[i] = (struct cap){ .table = t };
	t->owner = owner;
}

int cap_slot(const struct cap *c)
{
	kassert(c->table && c >= c->table->slots && c < c->table->slots + CAP_SLOTS);
	return (int)(c - c->table->slots);
}

struct cap *cap_lookup(struct cap_table *t, int slot, enum cap_type type,
		       uint32_t need_rights, int *err)
{
	struct cap *c = NULL;
	int e = CAP_OK;

	if (slot < 0 || slot >= CAP_SLOTS || !t->slots[slot].obj)
		e = CAP_EBADSLOT;
	else if (type != CAP_NULL && t->slots[slot].obj->type != type)
		e = CAP_ETYPE;
	else if ((t->slots[slot].rights & need_rights) != need_rights)
		e = CAP_EPERM;
	else
		c = &t->slots[slot];
	if (err)
		*err = e;
	return c;
}

/* Returns slot if it is free (or the lowest free slot for CAP_SLOT_ANY),
 * else EBADSLOT, EEXIST or ENOSPC. */
static int cap_pick_slot(const struct cap_table *t, int slot)
{
	if (slot == CAP_SLOT_ANY) {
		for (int i = 0; i < CAP_SLOTS; i++)
			if (!t->slots[i].obj)
				return i;
		return CAP_ENOSPC;
	}
	if (slot < 0 || slot >= CAP_SLOTS)
		return CAP_EBADSLOT;
	return t->slots[slot].obj ? CAP_EEXIST : slot;
}

/* Fills an empty slot as a root holding a new reference to obj. */
static void cap_fill(struct cap *c, struct kobj *obj, uint32_t rights,
		     uint64_t badge, uint64_t arg0, uint64_t arg1)
{
	kassert(!c->obj && !c->parent && !c->first_child);
	c->obj = kobj_get(obj);
	c->rights = rights;
	c->badge = badge;
	c->arg0 = arg0;
	c->arg1 = arg1;
}

/* Makes child the first child of parent. */
static void cap_link_child(struct cap *parent, struct cap *child)
{
	child->parent = parent;
	child->prev_sibling = NULL;
	child->next_sibling = parent->first_child;
	if (parent->first_child)
		parent->first_child->prev_sibling = child;
	parent->first_child = child;
}

int cap_install_at(struct cap_table *t, int slot, struct kobj *obj, uint32_t rights,
		   uint64_t badge, uint64_t arg0, uint64_t arg1)
{
	kassert(obj && obj->type > CAP_NULL && obj->type < CAP_NTYPES);
	if (rights & ~(uint32_t)CAP_R_VALID)
		return CAP_EINVAL;
	slot = cap_pick_slot(t, slot);
	if (slot < 0)
		return slot;
	cap_fill(&t->slots[slot], obj, rights, badge, arg0, arg1);
	return slot;
}

int cap_install(struct cap_table *t, struct kobj *obj, uint32_t rights,
		uint64_t badge, uint64_t arg0, uint64_t arg1)
{
	return cap_install_at(t, CAP_SLOT_ANY, obj, rights, badge, arg0, arg1);
}

int cap_install_child(struct cap_table *t, struct cap *parent, struct kobj *obj,
		      uint32_t rights)
{
	kassert(parent->obj && obj && obj->type > CAP_NULL && obj->type < CAP_NTYPES);
	if ((rights & ~(uint32_t)CAP_R_VALID) || obj == parent->obj)
		return CAP_EINVAL;  /* a copy of parent's object is cap_derive's job */
	int slot = cap_pick_slot(t, CAP_SLOT_ANY);
	if (slot < 0)
		return slot;
	cap_fill(&t->slots[slot], obj, rights, 0, 0, 0);
	cap_link_child(parent, &t->slots[slot]);
	return slot;
}

/* Checks that [base, base + count) lies inside src's range. */
static int cap_range_check(const struct cap *src, uint64_t base, uint64_t count)
{
	if (src->obj->type != CAP_IRQ && src->obj->type != CAP_IOPORT)
		return CAP_ETYPE;
	if (count == 0 || base + count < base)
		return CAP_EINVAL;
	if (base < src->arg0 || base - src->arg0 > src->arg1 ||
	    count > src->arg1 - (base - src->arg0))
		return CAP_EPERM;
	return CAP_OK;
}

/* Checks that src may be copied into dst as m describes. */
static int cap_mint_check(const struct cap_table *dst, const struct cap *src,
			  const struct cap_mint *m)
{
	if (m->rights & ~(uint32_t)CAP_R_VALID)
		return CAP_EINVAL;
	if (m->rights & ~src->rights & ~(uint32_t)CAP_R_INHERIT)
		return CAP_EPERM;
	if (dst != src->table && !(src->rights & CAP_R_GRANT) &&
	    !(m->inherit && (src->rights & CAP_R_INHERIT)))
		return CAP_EPERM;
	if (m->set_badge && m->badge == 0)
		return CAP_EINVAL;
	if (m->set_badge && (src->badge || !(src->rights & CAP_R_MANAGE)))
		return CAP_EPERM;
	if (m->set_range)
		return cap_range_check(src, m->arg0, m->arg1);
	return CAP_OK;
}

int cap_derive_at(struct cap_table *dst, int dst_slot, struct cap *src,
		  const struct cap_mint *m)
{
	kassert(src->obj && src->table);
	int err = cap_mint_check(dst, src, m);
	if (err)
		return err;
	int slot = cap_pick_slot(dst, dst_slot);
	if (slot < 0)
		return slot;

	struct cap *c = &dst->slots[slot];
	cap_fill(c, src->obj, m->rights, m->set_badge ? m->badge : src->badge,
		 m->set_range ? m->arg0 : src->arg0, m->set_range ? m->arg1 : src->arg1);
	cap_link_child(src, c);
	return slot;
}

int cap_derive(struct cap_table *dst, struct cap *src, uint32_t rights,
	       uint64_t badge, bool set_badge)
{
	struct cap_mint m = { .rights = rights, .set_badge = set_badge, .badge = badge };
	return cap_derive_at(dst, CAP_SLOT_ANY, src, &m);
}

int cap_derive_range(struct cap_table *dst, struct cap *src, uint32_t rights,
		     uint64_t base, uint64_t count)
{
	struct cap_mint m = { .rights = rights, .set_range = true, .arg0 = base, .arg1 = count };
	return cap_derive_at(dst, CAP_SLOT_ANY, src, &m);
}

int cap_info_get(struct cap_table *t, int slot, struct cap_info *out)
{
	int err;
	struct cap *c = cap_lookup(t, slot, CAP_NULL, 0, &err);
	if (!c)
		return err;
	*out = (struct cap_info){
		.type = c->obj->type,
		.rights = c->rights,
		.badge = c->badge,
		.object_id = c->obj->id,
		.arg0 = c->arg0,
		.arg1 = c->arg1,
	};
	if (c->obj->type == CAP_MEMORY) {  /* bytes, and references to the object */
		out->arg0 = ((const struct memobj *)c->obj)->npages * PAGE_SIZE;
		out->arg1 = (uint64_t)c->obj->refs;
	}
	return CAP_OK;
}
