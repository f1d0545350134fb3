// SPDX-License-Identifier: MIT
/* The vDSO and the time page: built once at boot, mapped read-only into
 * every process (abi/timepage.h, kernel/vdso/). The time server publishes
 * the wall-clock offset here when it starts and at clock_settime. */
#include "abi/errno.h"
#include "tsc.h"
#include "tsc_math.h"
#include "mm/frame.h"
#include "mm/paging.h"
#include "mm/phys.h"
#include "proc/proc.h"
#include "proc/uvm.h"
#include "proc/vdso_map.h"
#include "abi/timepage.h"
#include "lib/panic.h"
#include "lib/string.h"


extern const char _binary_vdso_so_start[], _binary_vdso_so_end[];

static phys_t timepage_frame, vdso_frame;
static struct uk_timepage *timepage;

void vdso_init(int64_t rtc_boot_unix)
{
	size_t size = (size_t)(_binary_vdso_so_end - _binary_vdso_so_start);
	if (size > PAGE_SIZE)
		panic("vdso: the image is %zu bytes; one page is reserved for it", size);
	timepage_frame = frame_alloc_zeroed();
	vdso_frame = frame_alloc_zeroed();
	if (timepage_frame == FRAME_NONE || vdso_frame == FRAME_NONE)
		panic("vdso: no frames for the time page");
	memcpy(phys_to_virt(vdso_frame), _binary_vdso_so_start, size);
	timepage = phys_to_virt(timepage_frame);
	const struct tsc_conv *c = tsc_conv_current();
	timepage->tsc_boot = tsc_boot();
	timepage->mult = c->mult;
	timepage->shift = c->shift;
	timepage->realtime_at_boot_ns = rtc_boot_unix * 1000000000ll;
	timepage->magic = UK_TIMEPAGE_MAGIC;
}

void vdso_publish_realtime(int64_t realtime_at_boot_ns)
{
	__atomic_store_n(&timepage->seq, timepage->seq + 1, __ATOMIC_RELEASE);
	timepage->realtime_at_boot_ns = realtime_at_boot_ns;
	__atomic_store_n(&timepage->seq, timepage->seq + 1, __ATOMIC_RELEASE);
}

long vdso_map(struct proc *p, virt_t *ehdr)
{
	virt_t base = USER_VDSO_BASE;
	if (vma_insert(&p->vmas, base, base + 2 * PAGE_SIZE, VMA_PROT_READ | VMA_PROT_EXEC,
		       VMA_SHARED | VMA_SEALED) < 0)
		return -ENOMEM;
	if (pt_map(p->pml4, base, timepage_frame, uvm_pte_flags(VMA_PROT_READ) | PTE_SHARED) < 0 ||
	    pt_map(p->pml4, base + PAGE_SIZE, vdso_frame,
		   uvm_pte_flags(VMA_PROT_READ | VMA_PROT_EXEC) | PTE_SHARED) < 0)
		return -ENOMEM;
	p->rss_pages += 2;
	*ehdr = base + PAGE_SIZE;
	return 0;
}
