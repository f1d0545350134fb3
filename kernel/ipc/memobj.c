// SPDX-License-Identifier: MIT
/* Memory objects. */
#include "abi/errno.h"
#include "ipc/memobj.h"
#include "mm/frame.h"
#include "mm/slab.h"
#include "proc/proc.h"
#include "proc/uvm.h"

#define MEMOBJ_MAX MiB(256)

static void memobj_release(struct kobj *obj)
{
	struct memobj *m = (struct memobj *)obj;
	for (size_t i = 0; i < m->npages; i++)
		frame_unref(m->frames[i]);
	kfree(m);
}

static const struct kobj_ops memobj_ops = { .release = memobj_release };

struct memobj *memobj_create(uint64_t bytes)
{
	if (!bytes || bytes > MEMOBJ_MAX)
		return NULL;
	size_t n = ALIGN_UP(bytes, PAGE_SIZE) / PAGE_SIZE;
	struct memobj *m = kmalloc(sizeof(*m) + n * sizeof(phys_t));
	if (!m)
		return NULL;
	kobj_init(&m->obj, CAP_MEMORY, &memobj_ops);
	for (m->npages = 0; m->npages < n; m->npages++) {
		phys_t pa = frame_alloc_zeroed();
		if (pa == FRAME_NONE) {
			memobj_release(&m->obj);
			return NULL;
		}
		m->frames[m->npages] = pa;
	}
	return m;
}

long memobj_map(struct proc *p, struct memobj *m, uint64_t hint, uint32_t prot)
{
	uint64_t len = m->npages * PAGE_SIZE;
	bool usable = !(hint & (PAGE_SIZE - 1)) && hint >= USER_MMAP_BOTTOM && hint < USER_MMAP_TOP &&
		      len <= USER_MMAP_TOP - hint;
	virt_t va = uvm_map_frames_at(p, usable ? hint : 0, m->frames, m->npages, prot, 0);
	return va ? (long)va : -ENOMEM;
}
