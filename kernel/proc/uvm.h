/* SPDX-License-Identifier: MIT */
/* A process's user memory: demand paging and the memory system calls
 * (brk, mmap, munmap, mprotect, madvise, mlock family, mremap). */
#pragma once
#include "lib/types.h"

struct proc;

/* Resolves a fault at addr (write/exec access); returns 0 when the page is
 * now mapped, or a negative reason: -EFAULT (no area), -EACCES (not allowed). */
int uvm_fault(struct proc *p, virt_t addr, bool write, bool exec);
/* Maps every page of [start, end) now (mlock, MAP_POPULATE). */
int uvm_populate(struct proc *p, virt_t start, virt_t end, bool write);
/* Whether a page may be taken for p now: always while free frames are
 * above frame_reserve(), below it only for init and the servers. */
bool uvm_may_allocate(const struct proc *p);
/* The page-table flags for an area's protection. */
uint64_t uvm_pte_flags(uint32_t prot);

long uvm_brk(struct proc *p, uint64_t addr);
long uvm_mmap(struct proc *p, uint64_t addr, uint64_t len, uint64_t prot, uint64_t flags,
	      int64_t fd, uint64_t off);
long uvm_munmap(struct proc *p, uint64_t addr, uint64_t len);
long uvm_mprotect(struct proc *p, uint64_t addr, uint64_t len, uint64_t prot);
long uvm_madvise(struct proc *p, uint64_t addr, uint64_t len, int64_t advice);
long uvm_mlock(struct proc *p, uint64_t addr, uint64_t len, bool lock);
long uvm_mlockall(struct proc *p, uint64_t flags);
long uvm_munlockall(struct proc *p);
long uvm_mremap(struct proc *p, uint64_t old, uint64_t old_len, uint64_t new_len,
		uint64_t flags, uint64_t new_addr);

/* Set in a frame address given to uvm_map_frames*: map that frame without
 * a reference (PTE_SHARED), for memory that outlives every mapping (the
 * initrd). */
#define UVM_FRAME_NOREF 1ull

/* Maps n frames (taking a reference on each) at a free address of p with
 * prot; returns the address or 0 when out of room or memory. lent: the
 * kernel unmaps it again (a grant), so the area is VMA_KERNEL and the
 * process may not unmap or re-protect it meanwhile. */
virt_t uvm_map_frames(struct proc *p, const phys_t *frames, size_t n, uint32_t prot, bool lent);
/* The same at address want when that range is free (else anywhere), with
 * extra area flags vflags. */
virt_t uvm_map_frames_at(struct proc *p, virt_t want, const phys_t *frames, size_t n,
			 uint32_t prot, uint32_t vflags);
/* Unmaps a region made by uvm_map_frames (dropping the references). */
void uvm_unmap_region(struct proc *p, virt_t va, size_t len);
