// SPDX-License-Identifier: MIT
/* Areas backed by memory objects (vma.obj). A process holds one reference
 * on each object that backs any of its areas, whatever the number of
 * areas or pages: taken when the first area appears, dropped when the last
 * one goes (munmap, MAP_FIXED over it, exec, exit), taken again by a fork's
 * child. Each mapped page holds its own frame reference, as any page does,
 * so the object may drop a page while a mapping still shows it. */
#include "abi/errno.h"
#include "ipc/memobj.h"
#include "mm/frame.h"
#include "mm/paging.h"
#include "proc/proc.h"
#include "proc/uvm.h"
#include "proc/uvm_obj.h"

static bool set_has(const struct vma_set *s, const void *obj)
{
	for (size_t i = 0; i < s->n; i++)
		if (s->v[i].obj == obj)
			return true;
	return false;
}

/* Whether area i is the first of its object in s. */
static bool first_of(const struct vma_set *s, size_t i)
{
	for (size_t j = 0; j < i; j++)
		if (s->v[j].obj == s->v[i].obj)
			return false;
	return true;
}

int uvm_map_object(struct proc *p, virt_t va, uint64_t len, uint32_t prot, struct kobj *obj,
		   uint64_t pgoff)
{
	bool first = !set_has(&p->vmas, obj);
	int err = vma_insert_obj(&p->vmas, va, va + len, prot, VMA_SHARED, obj, pgoff);
	if (!err && first)
		kobj_get(obj);
	return err;
}

void uvm_objs_ref(const struct vma_set *s)
{
	for (size_t i = 0; i < s->n; i++)
		if (s->v[i].obj && first_of(s, i))
			kobj_get(s->v[i].obj);
}

void uvm_objs_put(const struct vma_set *s)
{
	for (size_t i = 0; i < s->n; i++)
		if (s->v[i].obj && first_of(s, i))
			kobj_put(s->v[i].obj);
}

void uvm_obj_leaving(const struct vma_set *s, const struct vma *old, virt_t start, virt_t end)
{
	for (size_t i = 0; i < s->n; i++) {
		const struct vma *w = &s->v[i];
		if (w->obj != old->obj)
			continue;
		if (w->start < start || w->end > end)
			return;  /* part of the object stays mapped */
		if (w < old)
			return;  /* an earlier area of it goes too: that one drops it */
	}
	kobj_put(old->obj);
}

int uvm_obj_fault(struct proc *p, const struct vma *v, virt_t va, bool write)
{
	uint64_t *pte = pt_lookup(p->pml4, va);
	if (pte)
		return -EACCES;  /* present: a protection fault the area forbids */
	(void)write;
	struct memobj *m = (struct memobj *)v->obj;
	uint64_t i = v->pgoff + (va - v->start) / PAGE_SIZE;
	if (i >= m->npages)
		return -ERANGE;  /* past the object's end: SIGBUS, as past a file's */
	phys_t pa = memobj_page(m, i);
	if (pa == FRAME_NONE)
		return -ENOMEM;
	if (pt_map(p->pml4, va, pa, uvm_pte_flags(v->prot)) < 0)
		return -ENOMEM;
	frame_ref(pa);
	if (++p->rss_pages > p->max_rss_pages)
		p->max_rss_pages = p->rss_pages;
	return 0;
}

int uvm_obj_unmap(struct proc *p, const void *obj, virt_t start, virt_t end)
{
	bool any = false;
	for (size_t i = 0; i < p->vmas.n; i++) {
		const struct vma *v = &p->vmas.v[i];
		if (v->end <= start || v->start >= end)
			continue;
		if (v->obj != obj)
			return -EINVAL;  /* not this object's: not the caller's to remove */
		any = true;
	}
	return any ? (int)uvm_munmap(p, start, end - start) : -EINVAL;
}

void uvm_obj_zap(struct proc *p, const void *obj, uint64_t first, uint64_t n)
{
	for (size_t i = 0; i < p->vmas.n; i++) {
		const struct vma *v = &p->vmas.v[i];
		uint64_t pages = (v->end - v->start) / PAGE_SIZE;
		if (v->obj != obj || v->pgoff >= first + n || v->pgoff + pages <= first)
			continue;
		uint64_t lo = MAX(v->pgoff, first), hi = MIN(v->pgoff + pages, first + n);
		proc_unmap_range(p, v->start + (lo - v->pgoff) * PAGE_SIZE,
				 v->start + (hi - v->pgoff) * PAGE_SIZE);
	}
}
