/* SPDX-License-Identifier: MIT */
/* 4-level page tables: the kernel's own tables (direct map of RAM, W^X kernel
 * image, uncached MMIO windows) and address spaces that share the kernel
 * half. Entry points: paging_init, vm_map_mmio, as_create/as_destroy,
 * pt_map/pt_unmap/pt_lookup. */
#pragma once
#include "cpu.h"
#include "lib/types.h"

#define PTE_P (1ull << 0)
#define PTE_W (1ull << 1)
#define PTE_U (1ull << 2)
#define PTE_PWT (1ull << 3)
#define PTE_PCD (1ull << 4)
#define PTE_A (1ull << 5)
#define PTE_D (1ull << 6)
#define PTE_PS (1ull << 7)
#define PTE_G (1ull << 8)
#define PTE_COW (1ull << 9)      /* software: copy on write */
#define PTE_SHARED (1ull << 10)  /* software: frame shared, not owned */
#define PTE_NX (1ull << 63)
#define PTE_ADDR 0x000FFFFFFFFFF000ull

#define USER_TOP 0x0000800000000000ull

struct mem_range;

/* Builds and loads the kernel's tables: direct map of the given RAM ranges,
 * the kernel image W^X, the boot-stack guard page unmapped. Turns on NX,
 * SMEP, SMAP, UMIP, global pages and PCID where the CPU has them. */
void paging_init(const struct mem_range *ram, size_t nram);
/* Maps len bytes of device memory at phys uncached; returns its virtual address. */
void *vm_map_mmio(phys_t phys, size_t len);

/* An address space: a PML4 whose upper half is the kernel's. */
phys_t as_create(void);
/* Frees the user half's tables (not the frames they map: callers unmap those). */
void as_destroy(phys_t pml4);
static inline void as_switch(phys_t pml4)
{
	if (read_cr3() != pml4)
		write_cr3(pml4);
}
phys_t as_kernel(void);

/* Maps one 4 KiB page; allocates intermediate tables. Returns 0, or -1 when
 * out of memory. Replaces an existing mapping (flushing it). */
int pt_map(phys_t pml4, virt_t va, phys_t pa, uint64_t flags);
/* A top-level entry whose whole subtree every address space shares (the
 * initrd's read-only pages): pt_map and pt_unmap refuse to change it,
 * pt_walk_user and pt_free_user pass over it, so fork and exit cost
 * nothing for it. An available bit of the entry. */
#define PTE_SUBTREE_SHARED (1ull << 9)
/* Points dst's top entry covering va at src's subtree, marked shared. */
void pt_share_top(phys_t dst, phys_t src, virt_t va);
/* Copies every shared top entry of src to dst (fork). */
void pt_copy_shared_tops(phys_t dst, phys_t src);
/* Whether the user address va lies in a shared subtree of pml4. */
bool pt_in_shared(phys_t pml4, virt_t va);
/* Removes a mapping; returns the old entry (0 if none) and flushes the TLB. */
uint64_t pt_unmap(phys_t pml4, virt_t va);
/* Returns a pointer to the leaf entry for va, or NULL if a level is missing. */
uint64_t *pt_lookup(phys_t pml4, virt_t va);
/* Invalidates va in the current TLB if pml4 is loaded. */
void pt_flush(phys_t pml4, virt_t va);
/* Calls fn for every present user leaf (4 KiB) entry, then frees the user
 * half's page-table pages. */
void pt_free_user(phys_t pml4, void (*fn)(virt_t va, uint64_t pte, void *arg), void *arg);
/* Calls fn for each present 4 KiB user entry in [start, end), skipping
 * absent tables. */
void pt_walk_user(phys_t pml4, virt_t start, virt_t end,
		  void (*fn)(virt_t va, uint64_t *pte, void *arg), void *arg);
/* Removes every present 4 KiB user entry of [start, end), calling fn (may
 * be NULL) with each old entry after it is cleared and flushed, and frees
 * the page tables left empty. Shared subtrees are passed over. Costs what
 * is mapped in the range, not its size. */
void pt_unmap_range(phys_t pml4, virt_t start, virt_t end,
		    void (*fn)(virt_t va, uint64_t pte, void *arg), void *arg);
/* Flushes the non-global TLB entries of the current address space. */
void pt_flush_all(void);
