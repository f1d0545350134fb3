// SPDX-License-Identifier: MIT
/* Page-table construction and address spaces. All 256 kernel-half PML4
 * entries are populated at boot, so every address space can copy them once
 * and kernel mappings made later are seen everywhere. */
#include "cpu.h"
#include "cpufeat.h"
#include "mm/frame.h"
#include "mm/paging.h"
#include "mm/phys.h"
#include "lib/kprintf.h"
#include "lib/panic.h"
#include "lib/string.h"

extern char _text_start[], _text_end[], _rodata_start[], _rodata_end[];
extern char _data_start[], _data_end[], boot_stack_guard[];

extern bool smap_enabled;
static phys_t kernel_pml4;
static uint64_t nx_bit;

static uint64_t *table(phys_t pa)
{
	return phys_to_virt(pa & PTE_ADDR);
}

static phys_t new_table(void)
{
	phys_t pa = frame_alloc_zeroed();
	if (pa == FRAME_NONE)
		return FRAME_NONE;
	return pa;
}

/* Returns the entry for va at the given level (3 = PDPT ... 0 = PT), creating
 * intermediate tables with flags; NULL when out of memory. */
static uint64_t *walk(phys_t pml4, virt_t va, int level, bool create, uint64_t flags)
{
	uint64_t *t = table(pml4);
	for (int l = 3; l > level; l--) {
		uint64_t *e = &t[(va >> (12 + 9 * l)) & 511];
		if (!(*e & PTE_P)) {
			if (!create)
				return NULL;
			phys_t pa = new_table();
			if (pa == FRAME_NONE)
				return NULL;
			*e = pa | PTE_P | PTE_W | (flags & PTE_U);
		} else if (*e & PTE_PS) {
			return NULL;
		} else if ((flags & PTE_U) && !(*e & PTE_U)) {
			*e |= PTE_U;
		}
		t = table(*e);
	}
	return &t[(va >> (12 + 9 * level)) & 511];
}

static void map_early(virt_t va, phys_t pa, uint64_t len, uint64_t flags)
{
	while (len) {
		bool big = !(va & (MiB(2) - 1)) && !(pa & (MiB(2) - 1)) && len >= MiB(2);
		uint64_t *e = walk(kernel_pml4, va, big ? 1 : 0, true, flags);
		if (!e)
			panic("paging: out of memory building the kernel tables");
		*e = pa | flags | PTE_P | (big ? PTE_PS : 0);
		uint64_t step = big ? MiB(2) : PAGE_SIZE;
		va += step, pa += step, len -= step;
	}
}

static void map_kernel_image(void)
{
	struct {
		char *start, *end;
		uint64_t flags;
	} secs[] = {
		{ _text_start, _text_end, PTE_G },
		{ _rodata_start, _rodata_end, PTE_G | nx_bit },
		{ _data_start, _data_end, PTE_G | PTE_W | nx_bit },
	};
	for (size_t i = 0; i < ARRAY_SIZE(secs); i++) {
		virt_t s = ALIGN_DOWN((virt_t)secs[i].start, PAGE_SIZE);
		virt_t e = ALIGN_UP((virt_t)secs[i].end, PAGE_SIZE);
		for (virt_t va = s; va < e; va += PAGE_SIZE) {
			if (va == (virt_t)boot_stack_guard)
				continue;
			map_early(va, va - KERNEL_VMA, PAGE_SIZE, secs[i].flags);
		}
	}
}

static void enable_protections(void)
{
	uint64_t cr4 = read_cr4();
	if (cpu_has(CPU_PGE))
		cr4 |= CR4_PGE;
	if (cpu_has(CPU_SMEP))
		cr4 |= CR4_SMEP;
	if (cpu_has(CPU_SMAP)) {
		cr4 |= CR4_SMAP;
		smap_enabled = true;
	}
	if (cpu_has(CPU_UMIP))
		cr4 |= CR4_UMIP;
	if (cpu_has(CPU_PCID))
		cr4 |= CR4_PCIDE;
	write_cr4(cr4);
	write_cr0(read_cr0() | CR0_WP);
	pr_info("paging: NX %s, SMEP %s, SMAP %s, UMIP %s, PCID %s\n",
		nx_bit ? "on" : "absent", cpu_has(CPU_SMEP) ? "on" : "absent",
		cpu_has(CPU_SMAP) ? "on" : "absent", cpu_has(CPU_UMIP) ? "on" : "absent",
		cpu_has(CPU_PCID) ? "on" : "absent");
}

void paging_init(const struct mem_range *ram, size_t nram)
{
	nx_bit = cpu_has(CPU_NX) ? PTE_NX : 0;
	kernel_pml4 = new_table();
	if (kernel_pml4 == FRAME_NONE)
		panic("paging: no frame for the kernel PML4");
	uint64_t *pml4 = table(kernel_pml4);
	for (int i = 256; i < 512; i++) {
		phys_t pa = new_table();
		if (pa == FRAME_NONE)
			panic("paging: no frame for kernel PDPTs");
		pml4[i] = pa | PTE_P | PTE_W;
	}
	uint64_t mapped = 0;
	for (size_t i = 0; i < nram; i++) {
		phys_t s = ALIGN_DOWN(ram[i].base, PAGE_SIZE);
		phys_t e = ALIGN_UP(ram[i].end, PAGE_SIZE);
		map_early(DIRECT_MAP_BASE + s, s, e - s, PTE_W | PTE_G | nx_bit);
		mapped += e - s;
	}
	map_kernel_image();
	enable_protections();
	write_cr3(kernel_pml4);
	pr_info("paging: kernel tables at 0x%lx, direct map of %lu MiB, kernel W^X, "
		"boot stack guard at %p\n", kernel_pml4, mapped >> 20, boot_stack_guard);
}

void *vm_map_mmio(phys_t phys, size_t len)
{
	phys_t s = ALIGN_DOWN(phys, PAGE_SIZE);
	phys_t e = ALIGN_UP(phys + len, PAGE_SIZE);
	for (phys_t pa = s; pa < e; pa += PAGE_SIZE) {
		uint64_t *pte = walk(kernel_pml4, DIRECT_MAP_BASE + pa, 0, true, 0);
		if (!pte)
			panic("paging: out of memory mapping MMIO at 0x%lx", pa);
		*pte = pa | PTE_P | PTE_W | PTE_PCD | PTE_PWT | PTE_G | nx_bit;
		invlpg(DIRECT_MAP_BASE + pa);
	}
	return phys_to_virt(phys);
}

phys_t as_kernel(void)
{
	return kernel_pml4;
}

phys_t as_create(void)
{
	phys_t pa = new_table();
	if (pa == FRAME_NONE)
		return FRAME_NONE;
	memcpy(table(pa) + 256, table(kernel_pml4) + 256, 256 * sizeof(uint64_t));
	return pa;
}


struct unmap_walk {
	void (*fn)(virt_t va, uint64_t pte, void *arg);
	void *arg;
	bool current;       /* pml4 is loaded: flush each page as it goes */
	bool freed_tables;
};

static bool top_shared(phys_t pml4, virt_t va)
{
	return (table(pml4)[(va >> 39) & 511] & (PTE_P | PTE_SUBTREE_SHARED)) ==
	       (PTE_P | PTE_SUBTREE_SHARED);
}

bool pt_in_shared(phys_t pml4, virt_t va)
{
	return va < USER_TOP && top_shared(pml4, va);
}

void pt_share_top(phys_t dst, phys_t src, virt_t va)
{
	unsigned i = (va >> 39) & 511;
	table(dst)[i] = table(src)[i] | PTE_SUBTREE_SHARED;
}

void pt_copy_shared_tops(phys_t dst, phys_t src)
{
	for (int i = 0; i < 256; i++)
		if (top_shared(src, (virt_t)i << 39))
			table(dst)[i] = table(src)[i];
}

int pt_map(phys_t pml4, virt_t va, phys_t pa, uint64_t flags)
{
	if (pt_in_shared(pml4, va))
		return -1;  /* a shared subtree is never changed through one process */
	uint64_t *e = walk(pml4, va, 0, true, flags);
	if (!e)
		return -1;
	bool was = *e & PTE_P;
	*e = (pa & PTE_ADDR) | flags | PTE_P;
	if (was)
		pt_flush(pml4, va);
	return 0;
}

uint64_t *pt_lookup(phys_t pml4, virt_t va)
{
	uint64_t *e = walk(pml4, va, 0, false, 0);
	return (e && (*e & PTE_P)) ? e : NULL;
}

uint64_t pt_unmap(phys_t pml4, virt_t va)
{
	if (pt_in_shared(pml4, va))
		return 0;
	uint64_t *e = pt_lookup(pml4, va);
	if (!e)
		return 0;
	uint64_t old = *e;
	*e = 0;
	pt_flush(pml4, va);
	return old;
}

void pt_flush(phys_t pml4, virt_t va)
{
	if ((read_cr3() & PTE_ADDR) == (pml4 & PTE_ADDR))
		invlpg(va);
}

static void free_level(phys_t t, int level, virt_t base,
		       void (*fn)(virt_t, uint64_t, void *), void *arg)
{
	uint64_t *e = table(t);
	for (int i = 0; i < 512; i++) {
		if (!(e[i] & PTE_P))
			continue;
		virt_t va = base + ((virt_t)i << (12 + 9 * level));
		if (level == 0) {
			if (fn)
				fn(va, e[i], arg);
		} else {
			free_level(e[i] & PTE_ADDR, level - 1, va, fn, arg);
		}
	}
	frame_free(t);
}

void pt_free_user(phys_t pml4, void (*fn)(virt_t va, uint64_t pte, void *arg), void *arg)
{
	uint64_t *top = table(pml4);
	for (int i = 0; i < 256; i++) {
		if ((top[i] & PTE_P) && !(top[i] & PTE_SUBTREE_SHARED))
			free_level(top[i] & PTE_ADDR, 2, (virt_t)i << 39, fn, arg);
		top[i] = 0;
	}
}

void as_destroy(phys_t pml4)
{
	pt_free_user(pml4, NULL, NULL);
	frame_free(pml4);
}

static void walk_level(phys_t t, int level, virt_t base, virt_t start, virt_t end,
		       void (*fn)(virt_t, uint64_t *, void *), void *arg)
{
	uint64_t *e = table(t);
	uint64_t span = 1ull << (12 + 9 * level);
	for (int i = 0; i < 512; i++) {
		virt_t va = base + (virt_t)i * span;
		if (va >= end || va + span <= start || !(e[i] & PTE_P))
			continue;
		if (level == 0)
			fn(va, &e[i], arg);
		else
			walk_level(e[i] & PTE_ADDR, level - 1, va, start, end, fn, arg);
	}
}

void pt_walk_user(phys_t pml4, virt_t start, virt_t end,
		  void (*fn)(virt_t va, uint64_t *pte, void *arg), void *arg)
{
	uint64_t *top = table(pml4);
	for (int i = 0; i < 256; i++) {
		virt_t va = (virt_t)i << 39;
		if ((top[i] & PTE_P) && !(top[i] & PTE_SUBTREE_SHARED) && va < end &&
		    va + (1ull << 39) > start)
			walk_level(top[i] & PTE_ADDR, 2, va, start, end, fn, arg);
	}
}

/* Clears the present leaves of [start, end) below table t (entries of
 * level `level`, based at base), calling fn for each; frees the tables that
 * end up empty. Returns whether t itself is now empty. Absent subtrees are
 * skipped whole, so the cost follows what is mapped, not the range. */
static bool unmap_level(phys_t t, int level, virt_t base, virt_t start, virt_t end,
			struct unmap_walk *w)
{
	uint64_t *e = table(t);
	unsigned shift = 12 + 9 * (unsigned)level;
	virt_t lo = MAX(start, base), hi = MIN(end - 1, base + (512ull << shift) - 1);
	for (unsigned i = (unsigned)((lo - base) >> shift); i <= (unsigned)((hi - base) >> shift); i++) {
		if (!(e[i] & PTE_P) || (e[i] & PTE_PS))
			continue;
		virt_t va = base + ((virt_t)i << shift);
		if (level == 0) {
			uint64_t old = e[i];
			e[i] = 0;
			if (w->current)
				invlpg(va);
			if (w->fn)
				w->fn(va, old, w->arg);
		} else if (unmap_level(e[i] & PTE_ADDR, level - 1, va, start, end, w)) {
			frame_free(e[i] & PTE_ADDR);
			e[i] = 0;
			w->freed_tables = true;
		}
	}
	for (unsigned i = 0; i < 512; i++)
		if (e[i])
			return false;
	return true;
}

void pt_unmap_range(phys_t pml4, virt_t start, virt_t end,
		    void (*fn)(virt_t va, uint64_t pte, void *arg), void *arg)
{
	if (start >= end || end > USER_TOP)
		return;
	uint64_t *top = table(pml4);
	struct unmap_walk w = { fn, arg, (read_cr3() & PTE_ADDR) == (pml4 & PTE_ADDR), false };
	for (unsigned i = (unsigned)(start >> 39); i <= (unsigned)((end - 1) >> 39); i++) {
		if (!(top[i] & PTE_P) || (top[i] & PTE_SUBTREE_SHARED))
			continue;
		if (unmap_level(top[i] & PTE_ADDR, 2, (virt_t)i << 39, start, end, &w)) {
			frame_free(top[i] & PTE_ADDR);
			top[i] = 0;
			w.freed_tables = true;
		}
	}
	if (w.freed_tables && w.current)
		pt_flush_all();  /* no stale paging-structure entries for freed tables */
}

void pt_flush_all(void)
{
	write_cr3(read_cr3());
}
