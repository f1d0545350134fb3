// SPDX-License-Identifier: MIT
/* SRAT decoding: gives proximity domains dense node numbers 0..n-1 in order
 * of first appearance, sets each MADT CPU's node and records the memory
 * ranges. Disabled entries are ignored, as ACPI says. Entry point:
 * acpi_srat_parse(), called by acpi.c after the MADT. */
#include "acpi_internal.h"

#define SRAT_ENABLED 1u
#define SRAT_MEM_HOTPLUG 2u
#define SRAT_MEM_NONVOLATILE 4u

/* Returns the dense node of domain, numbering it if new, or -1 when all
 * ACPI_MAX_NODES are taken. */
static int srat_node_of_domain(struct acpi_ctx *c, uint32_t domain)
{
	struct acpi_info *o = c->out;
	for (uint32_t n = 0; n < o->node_count; n++)
		if (o->node_domain[n] == domain)
			return (int)n;
	if (!acpi_has_room(c, ACPI_LIM_NODES, o->node_count, ACPI_MAX_NODES,
			   "SRAT proximity domains"))
		return -1;
	o->node_domain[o->node_count] = domain;
	return (int)o->node_count++;
}

static void srat_set_cpu_node(struct acpi_ctx *c, uint32_t apic_id, uint32_t domain)
{
	struct acpi_info *o = c->out;
	int node = srat_node_of_domain(c, domain);
	if (node < 0)
		return;
	for (uint32_t i = 0; i < o->cpu_count; i++)
		if (o->cpus[i].apic_id == apic_id)
			o->cpus[i].node = (uint8_t)node;
}

/* Type 0: domain bits 0-7 u8 @2, APIC id u8 @3, flags u32 @4, domain bits 8-31 @9..11. */
static void srat_lapic(struct acpi_ctx *c, const uint8_t *e)
{
	uint32_t domain = e[2] | (uint32_t)e[9] << 8 | (uint32_t)e[10] << 16 | (uint32_t)e[11] << 24;
	if (acpi_rd32(e, 4) & SRAT_ENABLED)
		srat_set_cpu_node(c, e[3], domain);
}

/* Type 2: domain u32 @4, x2APIC id u32 @8, flags u32 @12. */
static void srat_x2apic(struct acpi_ctx *c, const uint8_t *e)
{
	if (acpi_rd32(e, 12) & SRAT_ENABLED)
		srat_set_cpu_node(c, acpi_rd32(e, 8), acpi_rd32(e, 4));
}

/* Type 1: domain u32 @2, base u64 @8, length u64 @16, flags u32 @28. */
static void srat_memory(struct acpi_ctx *c, const uint8_t *e)
{
	struct acpi_info *o = c->out;
	uint32_t flags = acpi_rd32(e, 28);
	uint64_t length = acpi_rd64(e, 16);
	if (!(flags & SRAT_ENABLED) || length == 0)
		return;
	int node = srat_node_of_domain(c, acpi_rd32(e, 2));
	if (node < 0 || !acpi_has_room(c, ACPI_LIM_MEM_RANGES, o->mem_range_count,
				       ACPI_MAX_MEM_RANGES, "SRAT memory ranges"))
		return;
	o->mem_ranges[o->mem_range_count++] = (struct acpi_mem_range){
		.base = acpi_rd64(e, 8),
		.length = length,
		.domain = acpi_rd32(e, 2),
		.node = (uint8_t)node,
		.hotplug = flags & SRAT_MEM_HOTPLUG,
		.nonvolatile = flags & SRAT_MEM_NONVOLATILE,
	};
}

static const struct acpi_entry_kind srat_kinds[] = {
	[0] = { 16, srat_lapic },
	[1] = { 40, srat_memory },
	[2] = { 24, srat_x2apic },
};

void acpi_srat_parse(struct acpi_ctx *c, const uint8_t *t, size_t len)
{
	struct acpi_info *o = c->out;
	char why[sizeof(o->msg)];
	if (acpi_check_entries(c, "SRAT", t, ACPI_SRAT_HDR_LEN, len, srat_kinds,
			       ARRAY_SIZE(srat_kinds)) != 0) {
		memcpy(why, o->msg, sizeof(why));
		acpi_warn(c, "%s; SRAT skipped", why);
		return;
	}
	o->has_srat = true;
	o->node_count = 0;
	acpi_decode_entries(c, t, ACPI_SRAT_HDR_LEN, len, srat_kinds, ARRAY_SIZE(srat_kinds));
	if (o->node_count == 0) {
		o->node_count = 1;
		o->node_domain[0] = 0;
	}
}
