/* SPDX-License-Identifier: MIT */
/* Byte fixtures for the ACPI tests: a buffer that stands in for physical
 * memory, and builders for the RSDP, RSDT/XSDT, MADT, HPET and SRAT with
 * their checksums fixed. Tables are placed top-down, so the first one built
 * ends at the last byte of fake memory and ASan catches any read past it. */
#pragma once
#include "acpi.h"

#define FX_PHYS_BASE 0x000E0000ull /* fake physical address of fake memory */
#define FX_LAPIC 0xFEE00000u
#define FX_IOAPIC 0xFEC00000u

/* A table body under construction. */
struct fx_buf {
	uint8_t b[2048];
	size_t n;
};

/* Clears fake memory and points phys_map_base at it; a Check fixture. */
void fx_reset(void);
uint8_t *fx_ptr(phys_t p);

void fx_put8(struct fx_buf *b, uint8_t v);
void fx_put16(struct fx_buf *b, uint16_t v);
void fx_put32(struct fx_buf *b, uint32_t v);
void fx_put64(struct fx_buf *b, uint64_t v);

/* Places a table signed sig with a standard header and body, checksummed. */
phys_t fx_table(const char *sig, const struct fx_buf *body);
/* Recomputes the checksum of the table at t after an edit. */
void fx_fix_checksum(phys_t t);
void fx_break_checksum(phys_t t);

phys_t fx_rsdt(const phys_t *tables, size_t n);
phys_t fx_xsdt(const phys_t *tables, size_t n);
void fx_rsdp_v1(uint8_t out[ACPI_RSDP_V1_LEN], phys_t rsdt);
void fx_rsdp_v2(uint8_t out[ACPI_RSDP_V2_LEN], phys_t rsdt, phys_t xsdt);

void fx_madt_lapic(struct fx_buf *b, uint8_t uid, uint8_t apic_id, uint32_t flags);
void fx_madt_ioapic(struct fx_buf *b, uint8_t id, uint32_t addr, uint32_t gsi_base);
void fx_madt_override(struct fx_buf *b, uint8_t bus, uint8_t irq, uint32_t gsi, uint16_t flags);
void fx_madt_nmi_source(struct fx_buf *b, uint16_t flags, uint32_t gsi);
void fx_madt_lapic_nmi(struct fx_buf *b, uint8_t uid, uint16_t flags, uint8_t lint);
void fx_madt_lapic_override(struct fx_buf *b, uint64_t addr);
void fx_madt_x2apic(struct fx_buf *b, uint32_t id, uint32_t flags, uint32_t uid);
void fx_madt_x2apic_nmi(struct fx_buf *b, uint16_t flags, uint32_t uid, uint8_t lint);
/* Places a MADT: local APIC address, flags, then the entries. */
phys_t fx_madt(const struct fx_buf *entries, uint32_t lapic, uint32_t flags);
/* A MADT with CPUs 0 and 1, one IO-APIC at GSI 0, ISA IRQ0->GSI2, IRQ9
 * level/low, and a LINT1 NMI for all processors; PCAT_COMPAT set. */
phys_t fx_basic_madt(void);

void fx_srat_lapic(struct fx_buf *b, uint32_t domain, uint8_t apic_id, uint32_t flags);
void fx_srat_mem(struct fx_buf *b, uint32_t domain, uint64_t base, uint64_t len, uint32_t flags);
void fx_srat_x2apic(struct fx_buf *b, uint32_t domain, uint32_t x2apic_id, uint32_t flags);
phys_t fx_srat(const struct fx_buf *entries);
phys_t fx_hpet(uint64_t base, uint8_t number, uint16_t min_tick);

/* Builds an RSDT over tables and a v1 RSDP, and parses it into *out. */
int fx_parse_v1(const phys_t *tables, size_t n, struct acpi_info *out);
