/* SPDX-License-Identifier: MIT */
/* Virtual-memory-area bookkeeping for one user address space: a sorted array
 * of non-overlapping, page-aligned areas in caller-provided storage, kept
 * fully merged (no two adjacent areas have the same prot/flags/advice).
 * Pure: no page tables are touched; brk/mmap/munmap/mprotect/mremap/madvise/
 * mlock and the page-fault handler drive it. Entry points: vma_set_init,
 * vma_find, vma_insert, vma_remove, vma_protect, vma_update, vma_resize,
 * vma_find_free. Every mutator validates first and is all-or-nothing: on any
 * error the set is unchanged. Errors are negative Linux errno values. */
#pragma once
#include "lib/types.h"

#include "abi/errno.h"

#define VMA_EFAULT EFAULT
#define VMA_ENOMEM ENOMEM
#define VMA_EEXIST EEXIST
#define VMA_EINVAL EINVAL

/* Same bits as Linux PROT_*. */
#define VMA_PROT_READ 0x1u
#define VMA_PROT_WRITE 0x2u
#define VMA_PROT_EXEC 0x4u
#define VMA_PROT_ALL (VMA_PROT_READ | VMA_PROT_WRITE | VMA_PROT_EXEC)

#define VMA_ANON 0x01u        /* zero-filled on demand */
#define VMA_SHARED 0x02u      /* MAP_SHARED: not copied on fork */
#define VMA_STACK 0x04u       /* a thread or process stack */
#define VMA_LOCKED 0x08u      /* mlock: populate now, never evict */
#define VMA_NORESERVE 0x10u   /* MAP_NORESERVE: no commit accounting */
#define VMA_HEAP 0x20u        /* the brk heap */
#define VMA_FIXED_IMAGE 0x40u /* an ELF segment of the program image */
#define VMA_GROWSDOWN 0x80u   /* faults just below it extend it */
#define VMA_SEALED 0x100u     /* pages lent read-only (initrd, vDSO, grants, read-only
			       * memory objects): mprotect may not make them writable */
#define VMA_KERNEL 0x200u     /* the kernel maps its pages itself (a server's rings, a
			       * lent buffer): no demand paging, and the process may
			       * not unmap, re-protect or move it */
#define VMA_FLAGS_ALL 0x3ffu

/* Same values as Linux MADV_*; only the advice that is a lasting state. */
#define VMA_ADV_NORMAL 0
#define VMA_ADV_RANDOM 1
#define VMA_ADV_SEQUENTIAL 2
#define VMA_ADV_KEEP (-1)     /* vma_update: leave the advice alone */

struct vma {
	virt_t start, end;  /* page aligned, end exclusive */
	uint32_t prot;      /* VMA_PROT_* */
	uint32_t flags;     /* VMA_* flags */
	uint32_t advice;    /* VMA_ADV_* */
	void *obj;          /* the object whose pages back it (a memory object), or NULL */
	uint64_t pgoff;     /* the object's page at start (pieces keep their offsets) */
};

struct vma_set {
	struct vma *v;      /* sorted by start; v[0..n) in use */
	size_t n, cap;
	virt_t lo, hi;      /* window searched by vma_find_free */
};

/* Called by vma_remove for each removed piece [start,end) of area old. */
typedef void (*vma_unmap_fn_t)(virt_t start, virt_t end, const struct vma *old,
			       void *arg);

/* Makes s empty over storage of cap areas; vma_find_free searches [lo,hi)
 * (lo rounded up and hi down to pages; address 0 is never handed out). */
void vma_set_init(struct vma_set *s, struct vma *storage, size_t cap,
		  virt_t lo, virt_t hi);
/* Returns the number of areas. */
size_t vma_count(const struct vma_set *s);
/* Returns area i in address order (i < vma_count), or NULL. */
const struct vma *vma_at(const struct vma_set *s, size_t i);
/* Returns the area containing addr, or NULL; O(log n). */
const struct vma *vma_find(const struct vma_set *s, virt_t addr);
/* Returns whether no area overlaps [start,end); false for an invalid range. */
bool vma_range_free(const struct vma_set *s, virt_t start, virt_t end);
/* Returns whether every page of [start,end) is in some area (no holes);
 * false for an invalid range. */
bool vma_range_mapped(const struct vma_set *s, virt_t start, virt_t end);
/* Returns whether s is sorted, non-overlapping, aligned and fully merged. */
bool vma_set_valid(const struct vma_set *s);

/* Adds area [start,end) (must be free, else -EEXIST), merging it with equal
 * neighbours. Returns -ENOMEM if the set would exceed its capacity. */
int vma_insert(struct vma_set *s, virt_t start, virt_t end, uint32_t prot,
	       uint32_t flags);
/* The same, backed by object obj from its page pgoff on: it merges only
 * with a neighbour of the same object whose pages continue it. The set
 * keeps the pointer and nothing else (the caller counts references). */
int vma_insert_obj(struct vma_set *s, virt_t start, virt_t end, uint32_t prot,
		   uint32_t flags, void *obj, uint64_t pgoff);
/* Removes [start,end) wherever mapped (holes are fine, as munmap), splitting
 * partly covered areas. unmap (may be NULL) is called for each removed piece
 * in address order AFTER validation and BEFORE the set changes; old points
 * into the set and unmap must not modify it. Returns -ENOMEM, with no
 * callbacks and nothing changed, if a split would exceed the capacity. */
int vma_remove(struct vma_set *s, virt_t start, virt_t end,
	       vma_unmap_fn_t unmap, void *arg);
/* Sets prot over [start,end), splitting and merging. The whole range must be
 * mapped, else -ENOMEM (as mprotect); -ENOMEM also when over capacity. */
int vma_protect(struct vma_set *s, virt_t start, virt_t end, uint32_t prot);
/* For mlock/munlock/madvise: sets then clears flags and, unless advice is
 * VMA_ADV_KEEP, sets the advice over [start,end). Same rules as vma_protect. */
int vma_update(struct vma_set *s, virt_t start, virt_t end,
	       uint32_t set_flags, uint32_t clear_flags, int advice);
/* Moves the end of the mapped range [start,old_end) to new_end, in place (brk,
 * mremap without moving). [start,old_end) must lie within one area, else
 * -EFAULT. Growing needs that area to end at old_end and [old_end,new_end)
 * free, else -ENOMEM; the new pages take the area's attributes. Shrinking
 * removes [new_end,old_end) without callbacks: the caller unmaps the pages. */
int vma_resize(struct vma_set *s, virt_t start, virt_t old_end, virt_t new_end);
/* Returns a free page-aligned address for len bytes inside [lo,hi): hint
 * (rounded up to a page) if that range fits and is free, else the highest
 * fitting gap, searched top-down as Linux mmap does; 0 when none fits. */
virt_t vma_find_free(const struct vma_set *s, size_t len, virt_t hint);
