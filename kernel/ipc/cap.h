/* SPDX-License-Identifier: MIT */
/* Capability tables and the derivation tree (hardware-free).
 *
 * Kernel objects begin with a struct kobj: a reference count, the object's
 * cap_type, an ops table and a unique id. A capability holds one reference
 * to its object; kobj_put of the last reference calls ops->release, which
 * frees the object.
 *
 * Each process embeds a struct cap_table of CAP_SLOTS slots (no allocation
 * here). A slot is empty when obj == NULL. Every capability is a node of a
 * derivation tree that spans tables: cap_install makes a root, cap_derive a
 * child of its source (in any table), cap_install_child a child capability
 * to another object (e.g. a connection under the endpoint capability it was
 * made through). A revoke can therefore release objects other than the
 * revoked capability's own.
 *
 * Semantics:
 * - cap_delete removes one capability and re-attaches its children to its
 *   parent (roots' children become roots), so revoking an ancestor still
 *   reaches them. This matches seL4, where deleting a CDT node leaves its
 *   descendants under the node's parent. cap_table_clear deletes every slot
 *   the same way: copies given to other processes survive the process.
 * - cap_revoke deletes every descendant (in every table), never the
 *   capability itself; it needs CAP_R_MANAGE. It is iterative: O(subtree).
 * - Derived rights are a subset of the source's; a badge can be set once, on
 *   a copy of an unbadged capability with CAP_R_MANAGE; copying into another
 *   table needs CAP_R_GRANT; cap_derive_range narrows [arg0, arg0 + arg1) of
 *   an IRQ or IO-port capability (arg0 = first line/port, arg1 = count).
 * - Every operation validates first and changes nothing when it fails.
 *
 * Locking: the tree links tables together, so every cap_ function must run
 * under the kernel's single capability lock (the caller takes it). The
 * kobj_ functions are atomic and may be called without it.
 *
 * Hooks (kobj_ops) run with that lock held and must not call cap_
 * functions: on_delete(cap) runs just before a capability is removed (still
 * intact: obj, badge, args) - e.g. deleting a connection closes it;
 * release(obj) runs when the last reference goes. An object whose teardown
 * needs capability operations (a process clearing its table) must defer it,
 * e.g. queue itself for a reaper; a cap_table must be cleared before the
 * memory holding it is freed. */
#pragma once
#include "abi/cap.h"
#include "abi/errno.h"
#include "lib/types.h"

/* Errors; negative Linux errno values so the syscall layer returns them as is. */
enum cap_err {
	CAP_OK = 0,
	CAP_EPERM = -EPERM,     /* a missing right, more rights/range than the source */
	CAP_EBADSLOT = -EBADF,  /* slot out of range or empty */
	CAP_EEXIST = -EEXIST,   /* the destination slot is occupied */
	CAP_EINVAL = -EINVAL,   /* a bad argument (unknown rights bits, zero badge, ...) */
	CAP_ETYPE = -EINVAL,    /* the capability has the wrong type */
	CAP_ENOSPC = -ENOSPC,   /* the table has no free slot */
};

/* Pass as a destination slot to take the lowest free one. */
#define CAP_SLOT_ANY (-1)

struct kobj;
struct cap;
struct cap_table;

/* Per-type behaviour; each may be NULL (e.g. a static object has no release). */
struct kobj_ops {
	void (*release)(struct kobj *obj);   /* the last reference is gone: free */
	void (*on_delete)(struct cap *cap);  /* a capability to the object goes */
};

/* The header every kernel object begins with. */
struct kobj {
	uint32_t refs;
	uint8_t type;                 /* enum cap_type */
	const struct kobj_ops *ops;
	uint64_t id;                  /* unique, never reused; cap_info's object_id */
};

struct cap {
	struct kobj *obj;             /* NULL: the slot is empty */
	uint32_t rights;              /* CAP_R_* */
	uint64_t badge;               /* 0: unbadged */
	uint64_t arg0, arg1;          /* type-specific: IRQ line/port base, count; ... */
	struct cap *parent;           /* derivation tree; NULL for a root */
	struct cap *first_child;
	struct cap *next_sibling, *prev_sibling;
	struct cap_table *table;      /* the table holding this slot (set at init) */
};

struct cap_table {
	struct cap slots[CAP_SLOTS];
	void *owner;                  /* the process; not used here */
};

/* Sets refs to 1 (the caller's reference) and gives the object a fresh id. */
void kobj_init(struct kobj *obj, enum cap_type type, const struct kobj_ops *ops);
/* Takes one more reference; returns obj. */
struct kobj *kobj_get(struct kobj *obj);
/* Drops one reference; the last one calls ops->release. */
void kobj_put(struct kobj *obj);

/* Makes every slot empty. */
void cap_table_init(struct cap_table *t, void *owner);
/* Deletes every capability in t (as cap_delete: descendants elsewhere survive). */
void cap_table_clear(struct cap_table *t);

/* Returns the capability in slot if it has the type (CAP_NULL: any) and all
 * of need_rights; else NULL with *err (if err) set to EBADSLOT, ETYPE or EPERM. */
struct cap *cap_lookup(struct cap_table *t, int slot, enum cap_type type,
		       uint32_t need_rights, int *err);
/* Returns the slot number of c in its table. */
int cap_slot(const struct cap *c);

/* Puts a new root capability to obj in the lowest free slot, taking a
 * reference; returns the slot, EINVAL for unknown rights or ENOSPC. */
int cap_install(struct cap_table *t, struct kobj *obj, uint32_t rights,
		uint64_t badge, uint64_t arg0, uint64_t arg1);
/* As cap_install into slot (CAP_SLOT_ANY: lowest free); EBADSLOT when out of
 * range, EEXIST when occupied. */
int cap_install_at(struct cap_table *t, int slot, struct kobj *obj, uint32_t rights,
		   uint64_t badge, uint64_t arg0, uint64_t arg1);

/* Puts a new capability to obj (rights, no badge, args 0) in the lowest free
 * slot of t as a child of parent, which may name another object: revoking
 * parent then removes it too (a connection under its endpoint capability).
 * No rights check against parent (the kernel decides); takes a reference.
 * Returns the slot, EINVAL for unknown rights or obj == parent's object (use
 * cap_derive), or ENOSPC. */
int cap_install_child(struct cap_table *t, struct cap *parent, struct kobj *obj,
		      uint32_t rights);

/* What a derived capability differs in from its source. */
struct cap_mint {
	uint32_t rights;              /* a subset of the source's */
	bool set_badge;               /* give the copy badge (source unbadged, MANAGE) */
	uint64_t badge;               /* nonzero */
	bool set_range;               /* IRQ/IO-port: narrow to [arg0, arg0 + arg1) */
	uint64_t arg0, arg1;
	bool inherit;                 /* the kernel's copy at fork: CAP_R_INHERIT suffices */
};

/* Copies src into the lowest free slot of dst as a child of src; returns the
 * slot. EPERM for rights not in src, a badge on a badged source or without
 * MANAGE, another table without GRANT; EINVAL for unknown rights or a zero
 * badge; ENOSPC when dst is full. CAP_R_INHERIT may be set on any copy.
 * A fork's copy (m->inherit) of a source marked CAP_R_INHERIT needs no
 * GRANT. */
int cap_derive(struct cap_table *dst, struct cap *src, uint32_t rights,
	       uint64_t badge, bool set_badge);
/* As cap_derive, narrowing an IRQ/IO-port range to [base, base + count):
 * ETYPE for other types, EINVAL for count 0 or overflow, EPERM outside src. */
int cap_derive_range(struct cap_table *dst, struct cap *src, uint32_t rights,
		     uint64_t base, uint64_t count);
/* The general form: into dst_slot (CAP_SLOT_ANY: lowest free; EBADSLOT when
 * out of range, EEXIST when occupied). */
int cap_derive_at(struct cap_table *dst, int dst_slot, struct cap *src,
		  const struct cap_mint *m);

/* Removes the capability in slot; its children move to its parent. Returns 0
 * or EBADSLOT. */
int cap_delete(struct cap_table *t, int slot);
/* Deletes every capability derived from the one in slot (in every table),
 * keeping it. Returns 0, EBADSLOT or EPERM (no CAP_R_MANAGE). */
int cap_revoke(struct cap_table *t, int slot);
/* Deletes every descendant of c without a rights check (kernel use). */
void cap_revoke_descendants(struct cap *c);

/* Fills *out for the capability in slot; returns 0 or EBADSLOT. */
int cap_info_get(struct cap_table *t, int slot, struct cap_info *out);
