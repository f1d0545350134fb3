// SPDX-License-Identifier: MIT
/* Memory bring-up: the multiboot2 map gives usable RAM; the first MiB, the
 * kernel image, the boot modules and the boot information are reserved; the
 * SRAT (if any) splits RAM into nodes. Then the frame allocator and paging. */
#include "acpi.h"
#include "boot/boot_mem.h"
#include "boot/mb2.h"
#include "mm/frame.h"
#include "mm/paging.h"
#include "lib/kprintf.h"
#include "lib/panic.h"

#define MAX_RANGES 128

extern char _kernel_phys_start[], _kernel_phys_end[];

static struct mem_range usable[MAX_RANGES], mapped[MAX_RANGES], reserved[MB2_MAX_MODULES + 4];
static struct numa_range nodes[ACPI_MAX_MEM_RANGES];

static const char *type_name(uint32_t type)
{
	static const char *const names[] = { "?", "available", "reserved", "ACPI",
					     "ACPI NVS", "bad" };
	return type < ARRAY_SIZE(names) ? names[type] : "reserved";
}

static size_t collect_ranges(const struct boot_info *bi, size_t *nmapped, uint64_t *total)
{
	size_t n = 0;
	*nmapped = 0;
	*total = 0;
	for (size_t i = 0; i < bi->mmap_count; i++) {
		const struct mb2_mmap_entry *e = &bi->mmap[i];
		pr_debug("memory: 0x%016lx-0x%016lx %s\n", e->base, e->base + e->len - 1,
			 type_name(e->type));
		bool ram = e->type == MB2_MEM_AVAILABLE;
		if ((ram || e->type == MB2_MEM_ACPI_RECLAIMABLE || e->type == MB2_MEM_NVS) && *nmapped < MAX_RANGES)
			mapped[(*nmapped)++] = (struct mem_range){ e->base, e->base + e->len };
		if (ram && n < MAX_RANGES) {
			usable[n++] = (struct mem_range){ e->base, e->base + e->len };
			*total += e->len;
		}
	}
	return n;
}

static size_t collect_reserved(const struct boot_info *bi, phys_t mbi_phys)
{
	size_t n = 0;
	reserved[n++] = (struct mem_range){ 0, MiB(1) };
	reserved[n++] = (struct mem_range){ (phys_t)_kernel_phys_start, (phys_t)_kernel_phys_end };
	reserved[n++] = (struct mem_range){ mbi_phys, mbi_phys + bi->total_size };
	for (size_t i = 0; i < bi->module_count; i++)
		reserved[n++] = (struct mem_range){ bi->modules[i].start, bi->modules[i].end };
	return n;
}

static size_t collect_nodes(const struct acpi_info *acpi)
{
	size_t n = 0;
	for (uint32_t i = 0; i < acpi->mem_range_count && acpi->node_count > 1; i++) {
		const struct acpi_mem_range *m = &acpi->mem_ranges[i];
		nodes[n++] = (struct numa_range){ m->base, m->base + m->length, m->node };
	}
	return n;
}

void boot_mem_init(const struct boot_info *bi, const struct acpi_info *acpi, phys_t mbi_phys)
{
	size_t nmapped;
	uint64_t total;
	size_t nusable = collect_ranges(bi, &nmapped, &total);
	pr_info("memory: %lu MiB usable in %zu ranges (%zu map entries)\n", total >> 20,
		nusable, bi->mmap_count);
	if (total < BOOT_MIN_MEMORY)
		panic("memory: only %lu KiB usable, less than 32 MiB; give the machine more "
		      "memory (e.g. QEMU -m 64M)", total >> 10);
	size_t nres = collect_reserved(bi, mbi_phys);
	frame_init(usable, nusable, reserved, nres, nodes, collect_nodes(acpi));
	struct frame_stats fs = frame_stats();
	pr_info("frames: %lu total, %lu free, %lu used (kernel 0x%lx-0x%lx, %zu modules)\n",
		fs.total, fs.free, fs.used, (phys_t)_kernel_phys_start,
		(phys_t)_kernel_phys_end, bi->module_count);
	if (acpi->node_count > 1) {
		for (uint32_t n = 0; n < acpi->node_count; n++)
			kprintf("%s node %u %lu free", n ? "," : "frames:", n, fs.node_free[n]);
		kprintf("\n");
	}
	paging_init(mapped, nmapped);
}
