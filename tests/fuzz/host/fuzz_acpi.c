// SPDX-License-Identifier: MIT
/* Fuzz target for the ACPI parser (kernel/arch/x86_64/acpi.c, acpi_madt.c,
 * acpi_srat.c). acpi_parse runs before the kernel has its own page tables,
 * when the early direct map covers physical [0, 4 GiB) and nothing above: a
 * read past that is a page fault at boot. The target models exactly that:
 * fake physical memory of 4 GiB (zero pages, mapped lazily) followed by an
 * inaccessible guard, with the input copied in at physical 0xE0000.
 *
 * Input: byte 0 is the RSDP's length as the boot loader reports it (bits
 * 0-6) and where the rest goes (bit 7): physical 0xE0000, or the last bytes
 * below 4 GiB (8-byte aligned), so that tables can run into the guard. The
 * rest starts with the RSDP, so the tables it points to are at that base
 * plus their offset in the input. On success the
 * counts must respect the array bounds and every node number must be below
 * node_count; on failure out->msg must say why. */
#include <sys/mman.h>
#include "fuzz_input.h"
#include "acpi.h"

#define RAM_SIZE (4ull << 30)     /* the early direct map */
#define GUARD_SIZE (2ull << 20)   /* > ACPI_MAX_TABLE_LEN: any overrun faults */
#define WINDOW_PHYS 0xE0000ull
#define WINDOW_MAX (1ull << 20)

uintptr_t phys_map_base;
static uint8_t *ram;

static void map_ram(void)
{
	void *p = mmap(NULL, RAM_SIZE + GUARD_SIZE, PROT_NONE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	FUZZ_CHECK(p != MAP_FAILED, "cannot reserve fake RAM");
	FUZZ_CHECK(mprotect(p, RAM_SIZE, PROT_READ | PROT_WRITE) == 0, "mprotect");
	ram = p;
	phys_map_base = (uintptr_t)ram;
}

static bool terminated(const char *s, size_t cap)
{
	return memchr(s, '\0', cap) != NULL;
}

static void check_info(const struct acpi_info *o)
{
	FUZZ_CHECK(o->cpu_count <= ACPI_MAX_CPUS && o->ioapic_count <= ACPI_MAX_IOAPICS &&
			   o->override_count <= ACPI_MAX_OVERRIDES &&
			   o->nmi_source_count <= ACPI_MAX_NMI_SOURCES &&
			   o->lapic_nmi_count <= ACPI_MAX_LAPIC_NMIS &&
			   o->mem_range_count <= ACPI_MAX_MEM_RANGES,
		   "a count beyond its array");
	FUZZ_CHECK(o->node_count >= 1 && o->node_count <= ACPI_MAX_NODES, "node_count %u",
		   o->node_count);
	for (uint32_t i = 0; i < o->cpu_count; i++) {
		FUZZ_CHECK(o->cpus[i].node < o->node_count, "cpu %u on node %u", i, o->cpus[i].node);
		FUZZ_CHECK(acpi_node_of_apic(o, o->cpus[i].apic_id) >= 0, "cpu %u not found", i);
	}
	for (uint32_t i = 0; i < o->mem_range_count; i++)
		FUZZ_CHECK(o->mem_ranges[i].node < o->node_count, "range %u", i);
	for (uint8_t irq = 0; irq < 16; irq++)
		(void)acpi_isa_irq_to_gsi(o, irq, NULL);
	FUZZ_CHECK(terminated(o->oem_id, sizeof(o->oem_id)), "oem_id");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct acpi_info info;
	if (!ram)
		map_ram();
	if (size < 1)
		return 0;
	size_t n = size - 1 < WINDOW_MAX ? size - 1 : WINDOW_MAX;
	size_t rsdp_len = (data[0] & 0x7f) < n ? (data[0] & 0x7f) : n;
	uint8_t *window = ram + ((data[0] & 0x80) ? (RAM_SIZE - n) & ~7ull : WINDOW_PHYS);
	memcpy(window, data + 1, n);
	int r = acpi_parse(window, rsdp_len, &info);
	FUZZ_CHECK(r <= 0 && acpi_strerror(r) != NULL, "acpi_parse returned %d", r);
	FUZZ_CHECK(terminated(info.msg, sizeof(info.msg)), "msg not terminated");
	if (r == 0)
		check_info(&info);
	else
		FUZZ_CHECK(info.msg[0] != '\0', "error %d without a message", r);
	memset(window, 0, n);
	return 0;
}
