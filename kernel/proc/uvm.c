// SPDX-License-Identifier: MIT
/* Demand-zero paging and the mapping calls; areas live in the process's
 * vma_set, pages in its page tables. Validation first (errno as Linux),
 * then changes. */
#include "abi/errno.h"
#include "cpufeat.h"
#include "mm/frame.h"
#include "mm/paging.h"
#include "mm/phys.h"
#include "proc/proc.h"
#include "proc/uvm.h"
#include "proc/uvm_obj.h"
#include "lib/string.h"

#define PROT_MASK 7
#define MAP_SHARED 0x01
#define MAP_PRIVATE 0x02
#define MAP_SHARED_VALIDATE 0x03
#define MAP_TYPE 0x0f
#define MAP_FIXED 0x10
#define MAP_ANONYMOUS 0x20
#define MAP_GROWSDOWN 0x100
#define MAP_NORESERVE 0x4000
#define MAP_POPULATE 0x8000
#define MAP_FIXED_NOREPLACE 0x100000
#define MREMAP_MAYMOVE 1
#define MREMAP_FIXED 2
#define MCL_CURRENT 1
#define MCL_FUTURE 2
#define MADV_NORMAL 0
#define MADV_RANDOM 1
#define MADV_SEQUENTIAL 2
#define MADV_WILLNEED 3
#define MADV_DONTNEED 4
#define MADV_FREE 8

static bool page_aligned(uint64_t v)
{
	return (v & (PAGE_SIZE - 1)) == 0;
}

/* Rounds len up to pages; false on overflow or a range leaving user space. */
static bool user_span(uint64_t addr, uint64_t len, uint64_t *end)
{
	if (len > USER_TOP)
		return false;
	uint64_t l = ALIGN_UP(len, PAGE_SIZE);
	if (addr > USER_TOP - l)
		return false;
	*end = addr + l;
	return true;
}

uint64_t uvm_pte_flags(uint32_t prot)
{
	uint64_t f = PTE_U;
	if (prot & VMA_PROT_WRITE)
		f |= PTE_W;
	if (!(prot & VMA_PROT_EXEC) && cpu_has(CPU_NX))
		f |= PTE_NX;
	return f;
}

static int map_zero_page(struct proc *p, virt_t va, uint32_t prot)
{
	phys_t pa = frame_alloc_zeroed();
	if (pa == FRAME_NONE)
		return -ENOMEM;
	if (pt_map(p->pml4, va, pa, uvm_pte_flags(prot)) < 0) {
		frame_unref(pa);
		return -ENOMEM;
	}
	if (++p->rss_pages > p->max_rss_pages)
		p->max_rss_pages = p->rss_pages;
	return 0;
}

/* The first write to a copy-on-write page: take it over when no one else
 * shares the frame, else copy it. */
static int break_cow(struct proc *p, virt_t va, uint64_t *pte, uint32_t prot)
{
	phys_t old = *pte & PTE_ADDR;
	if (frame_refcount(old) == 1) {
		*pte = (*pte & ~PTE_COW) | PTE_W;
		pt_flush(p->pml4, va);
		return 0;
	}
	phys_t pa = frame_alloc();
	if (pa == FRAME_NONE)
		return -ENOMEM;
	memcpy(phys_to_virt(pa), phys_to_virt(old), PAGE_SIZE);
	*pte = pa | PTE_P | uvm_pte_flags(prot);
	pt_flush(p->pml4, va);
	frame_unref(old);
	return 0;
}

int uvm_fault(struct proc *p, virt_t addr, bool write, bool exec)
{
	const struct vma *v = vma_find(&p->vmas, addr);
	if (!v || (v->flags & VMA_KERNEL))
		return -EFAULT;  /* none, or one whose pages only the kernel maps */
	if ((write && !(v->prot & VMA_PROT_WRITE)) || (exec && !(v->prot & VMA_PROT_EXEC)) ||
	    !(v->prot & (VMA_PROT_READ | VMA_PROT_WRITE | VMA_PROT_EXEC)))
		return -EACCES;
	virt_t va = ALIGN_DOWN(addr, PAGE_SIZE);
	if (v->obj)
		return uvm_obj_fault(p, v, va, write);
	uint64_t *pte = pt_lookup(p->pml4, va);
	if (pte && write && (*pte & PTE_COW))
		return break_cow(p, va, pte, v->prot);
	if (pte)
		return -EACCES;  /* present: a protection fault the area forbids */
	return map_zero_page(p, va, v->prot);
}

/* Maps the absent pages of one area's part [start, end). */
static int populate_area(struct proc *p, const struct vma *v, virt_t start, virt_t end)
{
	if (!(v->prot & VMA_PROT_ALL))
		return 0;  /* PROT_NONE: nothing may touch it, nothing to map */
	if ((end - start) / PAGE_SIZE > frame_stats().free)
		return -ENOMEM;  /* would empty the machine: refuse before taking anything */
	uint32_t prot = v->prot;
	for (virt_t va = start; va < end; va += PAGE_SIZE) {
		if (pt_lookup(p->pml4, va))
			continue;
		int err = v->obj ? uvm_obj_fault(p, v, va, false) : map_zero_page(p, va, prot);
		if (err == -ERANGE)
			return 0;  /* past the object's end: nothing there to map */
		if (err)
			return err;
	}
	return 0;
}

int uvm_populate(struct proc *p, virt_t start, virt_t end, bool write)
{
	(void)write;
	if (!vma_range_mapped(&p->vmas, start, end))
		return -ENOMEM;
	for (size_t i = 0; i < vma_count(&p->vmas); i++) {
		const struct vma v = *vma_at(&p->vmas, i);
		virt_t s = MAX(v.start, start), e = MIN(v.end, end);
		int err = s < e ? populate_area(p, &v, s, e) : 0;
		if (err)
			return err;
	}
	return 0;
}

struct removal {
	struct proc *p;
	virt_t start, end;
};

static void unmap_cb(virt_t start, virt_t end, const struct vma *old, void *arg)
{
	struct removal *r = arg;
	if (old->flags & VMA_LOCKED)
		r->p->locked_pages -= (end - start) / PAGE_SIZE;
	if (old->obj)
		uvm_obj_leaving(&r->p->vmas, old, r->start, r->end);
	proc_unmap_range(r->p, start, end);
}

/* Removes [start, end) from p's areas (holes are fine), freeing its pages
 * and what the areas held; -ENOMEM (nothing changed) when a split does not
 * fit. */
static int remove_range(struct proc *p, virt_t start, virt_t end)
{
	struct removal r = { p, start, end };
	return vma_remove(&p->vmas, start, end, unmap_cb, &r);
}

long uvm_brk(struct proc *p, uint64_t addr)
{
	if (addr < p->brk_start)
		return (long)p->brk_end;
	virt_t old_top = ALIGN_UP(p->brk_end, PAGE_SIZE);
	virt_t new_top = ALIGN_UP(addr, PAGE_SIZE);
	if (addr > USER_MMAP_BOTTOM)
		return (long)p->brk_end;
	int err = 0;
	if (new_top > old_top && (!rlimit_as_allows(p, new_top - old_top) ||
				  new_top - p->brk_start > p->rlim[RLIMIT_DATA_].cur))
		return (long)p->brk_end;
	if (new_top > old_top) {
		if (old_top == p->brk_start)
			err = vma_insert(&p->vmas, old_top, new_top, VMA_PROT_READ | VMA_PROT_WRITE,
					 VMA_ANON | VMA_HEAP);
		else
			err = vma_resize(&p->vmas, p->brk_start, old_top, new_top);
	} else if (new_top < old_top) {
		err = remove_range(p, new_top, old_top);
	}
	if (err)
		return (long)p->brk_end;
	p->brk_end = addr;
	return (long)addr;
}

static long mmap_checks(uint64_t addr, uint64_t len, uint64_t prot, uint64_t flags, int64_t fd)
{
	uint64_t type = flags & MAP_TYPE;
	if (len == 0 || (prot & ~(uint64_t)PROT_MASK))
		return -EINVAL;
	if (type != MAP_SHARED && type != MAP_PRIVATE && type != MAP_SHARED_VALIDATE)
		return -EINVAL;
	if ((flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) && !page_aligned(addr))
		return -EINVAL;
	if (!(flags & MAP_ANONYMOUS))
		return fd < 0 ? -EBADF : -EACCES;  /* no file mappings before the VFS */
	return 0;
}

static bool range_has_flag(struct proc *p, virt_t start, virt_t end, uint32_t flag);

/* True if [start, end) reaches into page tables every process shares (the
 * initrd's) or into an area the kernel maps itself: they are not the
 * process's to change. */
static bool range_shared(struct proc *p, virt_t start, virt_t end)
{
	const virt_t span = 1ull << 39;
	for (virt_t va = start & ~(span - 1); va < end; va += span)
		if (pt_in_shared(p->pml4, va))
			return true;
	return range_has_flag(p, start, end, VMA_KERNEL);
}

long uvm_mmap(struct proc *p, uint64_t addr, uint64_t len, uint64_t prot, uint64_t flags,
	      int64_t fd, uint64_t off)
{
	(void)off;
	long err = mmap_checks(addr, len, prot, flags, fd);
	if (err)
		return err;
	uint64_t end = 0;
	bool fixed = flags & (MAP_FIXED | MAP_FIXED_NOREPLACE);
	if (fixed && !user_span(addr, len, &end))
		return -ENOMEM;
	if (fixed && range_shared(p, addr, end))
		return -EINVAL;
	len = ALIGN_UP(len, PAGE_SIZE);
	if (len == 0 || len > USER_TOP || !rlimit_as_allows(p, len))
		return -ENOMEM;  /* MAP_FIXED over old pages counts them twice: conservative */
	if (flags & MAP_FIXED_NOREPLACE) {
		if (!vma_range_free(&p->vmas, addr, end))
			return -EEXIST;
	} else if (flags & MAP_FIXED) {
		if ((err = remove_range(p, addr, end)))
			return err;
	} else {
		addr = vma_find_free(&p->vmas, len, page_aligned(addr) ? addr : 0);
		if (!addr)
			return -ENOMEM;
		end = addr + len;
	}
	uint32_t vflags = VMA_ANON;
	if ((flags & MAP_TYPE) != MAP_PRIVATE)
		vflags |= VMA_SHARED;
	if (flags & MAP_NORESERVE)
		vflags |= VMA_NORESERVE;
	if ((err = vma_insert(&p->vmas, addr, end, (uint32_t)prot, vflags)))
		return err;
	if ((flags & MAP_POPULATE) || p->mlock_future) {
		if (p->mlock_future && uvm_mlock(p, addr, len, true) < 0) {
			remove_range(p, addr, end);
			return -EAGAIN;
		}
		uvm_populate(p, addr, end, prot & VMA_PROT_WRITE);
	}
	return (long)addr;
}

long uvm_munmap(struct proc *p, uint64_t addr, uint64_t len)
{
	uint64_t end = 0;
	if (!page_aligned(addr) || len == 0 || !user_span(addr, len, &end) || range_shared(p, addr, end))
		return -EINVAL;
	return remove_range(p, addr, end);
}

static void reprotect_pte(virt_t va, uint64_t *pte, void *arg)
{
	const uint64_t *flags = arg;
	(void)va;
	uint64_t keep = *pte & (PTE_ADDR | PTE_SHARED | PTE_P | PTE_COW);
	uint64_t f = *flags;
	if (keep & PTE_COW)
		f &= ~PTE_W;  /* still shared with another process: the first write copies */
	*pte = keep | f;
}

/* Rewrites the present pages of [start, end) with the flags of prot,
 * visiting only the page tables that exist. */
static void reprotect_pages(struct proc *p, virt_t start, virt_t end, uint32_t prot)
{
	uint64_t flags = uvm_pte_flags(prot);
	pt_walk_user(p->pml4, start, end, reprotect_pte, &flags);
	pt_flush_all();
}

/* True if an area with flag overlaps [start, end) (VMA_SEALED: pages lent
 * read-only; VMA_LOCKED: mlocked). */
static bool range_has_flag(struct proc *p, virt_t start, virt_t end, uint32_t flag)
{
	for (size_t i = 0; i < vma_count(&p->vmas); i++) {
		const struct vma *v = vma_at(&p->vmas, i);
		if (v->start < end && v->end > start && (v->flags & flag))
			return true;
	}
	return false;
}

long uvm_mprotect(struct proc *p, uint64_t addr, uint64_t len, uint64_t prot)
{
	uint64_t end = 0;
	if (!page_aligned(addr) || (prot & ~(uint64_t)PROT_MASK))
		return -EINVAL;
	if (len == 0)
		return 0;
	if (!user_span(addr, len, &end))
		return -ENOMEM;
	if (((prot & VMA_PROT_WRITE) && range_has_flag(p, addr, end, VMA_SEALED)) || range_shared(p, addr, end))
		return -EACCES;
	long err = vma_protect(&p->vmas, addr, end, (uint32_t)prot);
	if (err)
		return err;
	reprotect_pages(p, addr, end, (uint32_t)prot);
	return 0;
}

long uvm_madvise(struct proc *p, uint64_t addr, uint64_t len, int64_t advice)
{
	uint64_t end = 0;
	if (!page_aligned(addr))
		return -EINVAL;
	if (len == 0)
		return 0;
	if (!user_span(addr, len, &end) || range_shared(p, addr, end))
		return -EINVAL;
	if (!vma_range_mapped(&p->vmas, addr, end))
		return -ENOMEM;
	switch (advice) {
	case MADV_NORMAL:
	case MADV_RANDOM:
	case MADV_SEQUENTIAL:
		return vma_update(&p->vmas, addr, end, 0, 0, (int)advice);
	case MADV_WILLNEED:
		return 0;  /* anonymous memory: nothing to read ahead, as on Linux */
	case MADV_DONTNEED:
	case MADV_FREE:
		if (range_has_flag(p, addr, end, VMA_LOCKED))
			return -EINVAL;
		proc_unmap_range(p, addr, end);
		return 0;
	default:
		return -EINVAL;
	}
}

/* Pages of [start, end) not yet locked. */
static uint64_t unlocked_pages(struct proc *p, virt_t start, virt_t end)
{
	uint64_t n = 0;
	for (size_t i = 0; i < vma_count(&p->vmas); i++) {
		const struct vma *v = vma_at(&p->vmas, i);
		virt_t s = MAX(v->start, start), e = MIN(v->end, end);
		if (s < e && !(v->flags & VMA_LOCKED))
			n += (e - s) / PAGE_SIZE;
	}
	return n;
}

long uvm_mlock(struct proc *p, uint64_t addr, uint64_t len, bool lock)
{
	uint64_t end = 0;
	virt_t start = ALIGN_DOWN(addr, PAGE_SIZE);
	if (!user_span(start, len + (addr - start), &end))
		return -ENOMEM;
	if (!vma_range_mapped(&p->vmas, start, end))
		return -ENOMEM;
	if (!lock) {
		uint64_t was = (end - start) / PAGE_SIZE - unlocked_pages(p, start, end);
		long err = vma_update(&p->vmas, start, end, 0, VMA_LOCKED, VMA_ADV_KEEP);
		if (!err)
			p->locked_pages -= was;
		return err;
	}
	uint64_t more = unlocked_pages(p, start, end);
	if (p->locked_pages + more > PROC_MLOCK_LIMIT_PAGES)
		return -ENOMEM;
	if (uvm_populate(p, start, end, false))
		return -ENOMEM;
	long err = vma_update(&p->vmas, start, end, VMA_LOCKED, 0, VMA_ADV_KEEP);
	if (!err)
		p->locked_pages += more;
	return err;
}

long uvm_mlockall(struct proc *p, uint64_t flags)
{
	if (!flags || (flags & ~(uint64_t)(MCL_CURRENT | MCL_FUTURE)))
		return -EINVAL;
	if (flags & MCL_CURRENT) {
		for (size_t i = 0; i < vma_count(&p->vmas); i++) {
			const struct vma *v = vma_at(&p->vmas, i);
			if (v->flags & (VMA_STACK | VMA_NORESERVE))
				continue;  /* the 8 MiB stack reservation is not locked up front */
			long err = uvm_mlock(p, v->start, v->end - v->start, true);
			if (err)
				return err;
		}
	}
	p->mlock_future = flags & MCL_FUTURE;
	return 0;
}

long uvm_munlockall(struct proc *p)
{
	for (size_t i = 0; i < vma_count(&p->vmas); i++) {
		const struct vma *v = vma_at(&p->vmas, i);
		if (v->flags & VMA_LOCKED)
			vma_update(&p->vmas, v->start, v->end, 0, VMA_LOCKED, VMA_ADV_KEEP);
	}
	p->locked_pages = 0;
	p->mlock_future = false;
	return 0;
}

struct move_ctx {
	struct proc *p;
	virt_t old, new;
	int err;
};

static void move_pte(virt_t va, uint64_t *pte, void *arg)
{
	struct move_ctx *m = arg;
	uint64_t e = *pte;
	if (m->err)
		return;
	*pte = 0;
	pt_flush(m->p->pml4, va);
	if (pt_map(m->p->pml4, m->new + (va - m->old), e & PTE_ADDR, e & ~(PTE_ADDR | PTE_P)) < 0) {
		*pte = e;  /* out of memory for a table: the page stays where it was */
		m->err = -ENOMEM;
	}
}

/* Moves the pages of [old, old+len) to new (a free range), keeping their
 * frames; visits only the page tables that exist. */
static int move_pages(struct proc *p, virt_t old, virt_t new, uint64_t len)
{
	struct move_ctx m = { p, old, new, 0 };
	pt_walk_user(p->pml4, old, old + len, move_pte, &m);
	return m.err;
}

static long remap_move(struct proc *p, const struct vma *v, uint64_t old, uint64_t old_len,
		       uint64_t new_len)
{
	struct vma attrs = *v;
	virt_t dst = vma_find_free(&p->vmas, new_len, 0);
	if (!dst)
		return -ENOMEM;
	uint64_t pgoff = attrs.pgoff + (old - attrs.start) / PAGE_SIZE;
	long err = vma_insert_obj(&p->vmas, dst, dst + new_len, attrs.prot, attrs.flags, attrs.obj,
				  pgoff);
	if (err)
		return err;
	if (move_pages(p, old, dst, old_len) < 0)
		return -ENOMEM;
	vma_remove(&p->vmas, old, old + old_len, NULL, NULL);
	return (long)dst;
}

long uvm_mremap(struct proc *p, uint64_t old, uint64_t old_len, uint64_t new_len,
		uint64_t flags, uint64_t new_addr)
{
	(void)new_addr;
	uint64_t old_end, new_end;
	if (!page_aligned(old) || new_len == 0 || (flags & ~(uint64_t)(MREMAP_MAYMOVE | MREMAP_FIXED)))
		return -EINVAL;
	if (flags & MREMAP_FIXED)
		return -EINVAL;  /* not supported: callers fall back */
	if (!user_span(old, old_len, &old_end) || !user_span(old, new_len, &new_end) ||
	    range_shared(p, old, old_end > new_end ? old_end : new_end))
		return -EINVAL;
	const struct vma *v = vma_find(&p->vmas, old);
	if (!v || old_end > v->end)
		return -EFAULT;
	if (new_end <= old_end) {
		if (new_end < old_end)
			remove_range(p, new_end, old_end);
		return (long)old;
	}
	if (old_end == v->end && vma_range_free(&p->vmas, old_end, new_end) &&
	    rlimit_as_allows(p, new_end - old_end) &&
	    vma_resize(&p->vmas, v->start, v->end, new_end) == 0)
		return (long)old;
	if (!(flags & MREMAP_MAYMOVE))
		return -ENOMEM;
	if (!rlimit_as_allows(p, new_end - old_end))
		return -ENOMEM;
	return remap_move(p, v, old, old_end - old, new_end - old);
}

virt_t uvm_map_frames(struct proc *p, const phys_t *frames, size_t n, uint32_t prot, bool lent)
{
	return uvm_map_frames_at(p, 0, frames, n, prot, lent ? VMA_KERNEL : 0);
}

virt_t uvm_map_frames_at(struct proc *p, virt_t want, const phys_t *frames, size_t n,
			 uint32_t prot, uint32_t vflags)
{
	size_t len = n * PAGE_SIZE;
	virt_t va = want && vma_range_free(&p->vmas, want, want + len) ? want
									: vma_find_free(&p->vmas, len, 0);
	uint32_t flags = VMA_SHARED | vflags | ((prot & VMA_PROT_WRITE) ? 0 : VMA_SEALED);
	if (!va || vma_insert(&p->vmas, va, va + len, prot, flags) < 0)
		return 0;
	for (size_t i = 0; i < n; i++) {
		bool ref = !(frames[i] & UVM_FRAME_NOREF);
		uint64_t flags = uvm_pte_flags(prot) | (ref ? 0 : PTE_SHARED);
		if (pt_map(p->pml4, va + i * PAGE_SIZE, frames[i] & PTE_ADDR, flags) < 0) {
			remove_range(p, va, va + len);
			return 0;
		}
		if (ref)
			frame_ref(frames[i] & PTE_ADDR);
		p->rss_pages++;
	}
	return va;
}

void uvm_unmap_region(struct proc *p, virt_t va, size_t len)
{
	remove_range(p, va, va + ALIGN_UP(len, PAGE_SIZE));
}
