/* SPDX-License-Identifier: MIT */
/* IO-APICs: redirection entries by global system interrupt (GSI). */
#pragma once
#include "lib/types.h"

struct acpi_info;

/* Masks every entry of every IO-APIC the MADT lists. */
void ioapic_init(const struct acpi_info *acpi);
/* Routes an ISA IRQ (applying MADT overrides) to vector on the given CPU,
 * masked. Returns the GSI, or -1 if no IO-APIC serves it. */
int ioapic_route_isa(uint8_t irq, uint8_t vector, uint32_t dest_apic);
/* Routes a GSI with explicit polarity/trigger (MADT MPS INTI flags), masked. */
int ioapic_route(uint32_t gsi, uint8_t vector, uint16_t flags, uint32_t dest_apic);
void ioapic_mask(uint32_t gsi);
void ioapic_unmask(uint32_t gsi);
