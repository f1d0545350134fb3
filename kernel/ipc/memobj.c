// SPDX-License-Identifier: MIT
/* Memory objects, backed lazily (see memobj.h). */
#include "abi/errno.h"
#include "ipc/memobj.h"
#include "mm/frame.h"
#include "mm/phys.h"
#include "mm/slab.h"
#include "proc/proc.h"
#include "proc/rlimit.h"
#include "proc/uvm.h"
#include "proc/uvm_obj.h"
#include "lib/string.h"

#define MEMOBJ_MAX (4ull << 30)  /* 4 GiB: pages are taken only as they are used */

#define LEAF_SLOTS (PAGE_SIZE / sizeof(phys_t))

static size_t nleaves(const struct memobj *m)
{
	return (m->npages + LEAF_SLOTS - 1) / LEAF_SLOTS;
}

static void memobj_release(struct kobj *obj)
{
	struct memobj *m = (struct memobj *)obj;
	for (size_t l = 0; l < nleaves(m); l++) {
		phys_t *leaf = m->leaves[l];
		if (!leaf)
			continue;
		for (size_t i = 0; i < LEAF_SLOTS; i++)
			if (leaf[i])
				frame_unref(leaf[i]);
		frame_unref(virt_to_phys(leaf));
	}
	kfree(m->leaves);
	kfree(m);
}

static const struct kobj_ops memobj_ops = { .release = memobj_release };

struct memobj *memobj_create(uint64_t bytes)
{
	if (!bytes || bytes > MEMOBJ_MAX)
		return NULL;
	struct memobj *m = kmalloc(sizeof(*m));
	if (!m)
		return NULL;
	m->npages = ALIGN_UP(bytes, PAGE_SIZE) / PAGE_SIZE;
	m->leaves = kmalloc(nleaves(m) * sizeof(phys_t *));
	if (!m->leaves) {
		kfree(m);
		return NULL;
	}
	memset(m->leaves, 0, nleaves(m) * sizeof(phys_t *));
	kobj_init(&m->obj, CAP_MEMORY, &memobj_ops);
	return m;
}

phys_t memobj_page(struct memobj *m, size_t i)
{
	if (i >= m->npages)
		return FRAME_NONE;
	phys_t **leaf = &m->leaves[i / LEAF_SLOTS];
	if (!*leaf) {
		phys_t pa = frame_alloc_zeroed();
		if (pa == FRAME_NONE)
			return FRAME_NONE;
		*leaf = phys_to_virt(pa);
	}
	phys_t *slot = &(*leaf)[i % LEAF_SLOTS];
	if (!*slot) {
		phys_t pa = frame_alloc_zeroed();
		if (pa == FRAME_NONE)
			return FRAME_NONE;
		*slot = pa;
	}
	return *slot;
}

long memobj_populate(struct memobj *m)
{
	for (size_t i = 0; i < m->npages; i++)
		if (memobj_page(m, i) == FRAME_NONE)
			return -ENOMEM;
	return 0;
}

long memobj_map(struct proc *p, struct memobj *m, uint64_t hint, uint32_t prot)
{
	return memobj_map_range(p, m, 0, m->npages * PAGE_SIZE, hint, prot, false);
}

long memobj_map_range(struct proc *p, struct memobj *m, uint64_t offset, uint64_t len,
		      uint64_t addr, uint32_t prot, bool fixed)
{
	len = ALIGN_UP(len, PAGE_SIZE);
	if ((offset & (PAGE_SIZE - 1)) || !len || offset / PAGE_SIZE >= m->npages ||
	    len / PAGE_SIZE > m->npages - offset / PAGE_SIZE)
		return -EINVAL;
	bool in_range = !(addr & (PAGE_SIZE - 1)) && addr >= USER_MMAP_BOTTOM &&
			addr < USER_MMAP_TOP && len <= USER_MMAP_TOP - addr;
	if (fixed && !in_range)
		return -EINVAL;
	if (!rlimit_as_allows(p, len))
		return -ENOMEM;
	virt_t va = 0;
	if (fixed) {
		long err = uvm_munmap(p, addr, len);
		if (err)
			return err;
		va = addr;
	} else {
		va = in_range && vma_range_free(&p->vmas, addr, addr + len) ? addr
									  : vma_find_free(&p->vmas, len, 0);
	}
	if (!va)
		return -ENOMEM;
	long err = uvm_map_object(p, va, len, prot, &m->obj, offset / PAGE_SIZE);
	return err ? err : (long)va;
}

void memobj_decommit(struct memobj *m, size_t first, size_t n)
{
	for (size_t i = first; i < m->npages && i - first < n; i++) {
		phys_t *leaf = m->leaves[i / LEAF_SLOTS];
		if (!leaf) {
			i |= LEAF_SLOTS - 1;  /* none of this leaf's pages was touched */
			continue;
		}
		if (leaf[i % LEAF_SLOTS]) {
			frame_unref(leaf[i % LEAF_SLOTS]);
			leaf[i % LEAF_SLOTS] = 0;
		}
	}
}
