/* SPDX-License-Identifier: MIT */
/* Memory objects: pages that can be mapped into processes, taken on first
 * touch (a fault in a mapping, or memobj_page for the kernel) and held by
 * the object until it is freed; each page also holds one reference per
 * mapping of it. A mapping is an area backed by the object (vma.obj): no
 * page is mapped when it is made, so mapping a large object costs the
 * same as a small one. Freed when the last capability and the last
 * mapping are gone. */
#pragma once
#include "ipc/cap.h"

struct proc;

struct memobj {
	struct kobj obj;
	size_t npages;
	/* Two levels, both taken as pages are touched: leaves[i] is a page of
	 * 512 frame addresses (0: not touched yet) or NULL when none of its
	 * pages was. A 4 GiB object costs 16 KiB until used. */
	phys_t **leaves;
};

/* A new object of bytes (rounded up to pages); NULL when bytes is 0 or
 * above MEMOBJ_MAX, or the page table does not fit. No page is taken. */
struct memobj *memobj_create(uint64_t bytes);
/* Page i of m, taken (zeroed) now if it was not; FRAME_NONE when i is out
 * of range or memory is short. */
phys_t memobj_page(struct memobj *m, size_t i);
/* Takes every page now (for objects the kernel writes itself). 0 or -ENOMEM. */
long memobj_populate(struct memobj *m);
/* Maps the whole object into p (an area backed by it, pages mapped as they
 * are touched), at hint if that range is free, else anywhere; returns the
 * address or a negative errno. */
long memobj_map(struct proc *p, struct memobj *m, uint64_t hint, uint32_t prot);
/* Maps [offset, offset+len) of m into p: at addr exactly when fixed
 * (replacing what is there), else at addr when free, else anywhere.
 * -EINVAL for a range outside the object or a bad fixed address, -ENOMEM
 * for no room or past RLIMIT_AS. */
long memobj_map_range(struct proc *p, struct memobj *m, uint64_t offset, uint64_t len,
		      uint64_t addr, uint32_t prot, bool fixed);
/* Gives back pages [first, first+n) (they read as zero at the next touch).
 * Mappings still showing them keep the old frames: unmap those first
 * (uvm_obj_zap). */
void memobj_decommit(struct memobj *m, size_t first, size_t n);
