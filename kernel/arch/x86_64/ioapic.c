// SPDX-License-Identifier: MIT
/* IO-APIC programming through IOREGSEL/IOWIN. */
#include "acpi.h"
#include "ioapic.h"
#include "mm/paging.h"
#include "lib/kprintf.h"

#define REG_ID 0x00
#define REG_VER 0x01
#define REG_REDIR 0x10
#define REDIR_MASKED (1u << 16)
#define REDIR_LEVEL (1u << 15)
#define REDIR_ACTIVE_LOW (1u << 13)

struct ioapic {
	volatile uint32_t *mmio;
	uint32_t gsi_base, nentries;
	uint8_t id;
};

static struct ioapic ioapics[ACPI_MAX_IOAPICS];
static size_t nioapics;
static const struct acpi_info *madt;

static uint32_t rd(struct ioapic *io, uint32_t reg)
{
	io->mmio[0] = reg;
	return io->mmio[4];
}

static void wr(struct ioapic *io, uint32_t reg, uint32_t v)
{
	io->mmio[0] = reg;
	io->mmio[4] = v;
}

static struct ioapic *find(uint32_t gsi)
{
	for (size_t i = 0; i < nioapics; i++)
		if (gsi >= ioapics[i].gsi_base && gsi < ioapics[i].gsi_base + ioapics[i].nentries)
			return &ioapics[i];
	return NULL;
}

void ioapic_init(const struct acpi_info *acpi)
{
	madt = acpi;
	for (size_t i = 0; i < acpi->ioapic_count && i < ACPI_MAX_IOAPICS; i++) {
		struct ioapic *io = &ioapics[nioapics++];
		io->mmio = vm_map_mmio(acpi->ioapics[i].addr, 0x20);
		io->gsi_base = acpi->ioapics[i].gsi_base;
		io->id = acpi->ioapics[i].id;
		io->nentries = ((rd(io, REG_VER) >> 16) & 0xFF) + 1;
		for (uint32_t e = 0; e < io->nentries; e++) {
			wr(io, REG_REDIR + 2 * e, REDIR_MASKED);
			wr(io, REG_REDIR + 2 * e + 1, 0);
		}
		pr_info("ioapic: id %u at 0x%lx, GSIs %u-%u (%u entries, version 0x%x)\n",
			io->id, acpi->ioapics[i].addr, io->gsi_base,
			io->gsi_base + io->nentries - 1, io->nentries, rd(io, REG_VER) & 0xFF);
	}
	for (size_t i = 0; i < acpi->override_count; i++)
		pr_info("ioapic: override ISA IRQ %u -> GSI %u flags 0x%x\n",
			acpi->overrides[i].source_irq, acpi->overrides[i].gsi, acpi->overrides[i].flags);
}

int ioapic_route(uint32_t gsi, uint8_t vector, uint16_t flags, uint32_t dest)
{
	struct ioapic *io = find(gsi);
	if (!io)
		return -1;
	uint32_t lo = vector | REDIR_MASKED;
	if ((flags & 3) == 3)
		lo |= REDIR_ACTIVE_LOW;
	if (((flags >> 2) & 3) == 3)
		lo |= REDIR_LEVEL;
	uint32_t e = gsi - io->gsi_base;
	wr(io, REG_REDIR + 2 * e + 1, dest << 24);
	wr(io, REG_REDIR + 2 * e, lo);
	return (int)gsi;
}

int ioapic_route_isa(uint8_t irq, uint8_t vector, uint32_t dest)
{
	uint16_t flags = 0;
	uint32_t gsi = acpi_isa_irq_to_gsi(madt, irq, &flags);
	return ioapic_route(gsi, vector, flags, dest);
}

static void set_mask(uint32_t gsi, bool masked)
{
	struct ioapic *io = find(gsi);
	if (!io)
		return;
	uint32_t reg = REG_REDIR + 2 * (gsi - io->gsi_base);
	uint32_t lo = rd(io, reg);
	wr(io, reg, masked ? lo | REDIR_MASKED : lo & ~REDIR_MASKED);
}

void ioapic_mask(uint32_t gsi)
{
	set_mask(gsi, true);
}

void ioapic_unmask(uint32_t gsi)
{
	set_mask(gsi, false);
}
