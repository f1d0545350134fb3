// SPDX-License-Identifier: MIT
/* MADT ("APIC") decoding: local APIC address and flags, CPUs (local APIC and
 * x2APIC entries), IO-APICs, interrupt source overrides and NMI wiring.
 * Entry point: acpi_madt_parse(), called by acpi.c on a checksummed table. */
#include "acpi_internal.h"

#define MADT_PCAT_COMPAT 1u
#define MADT_CPU_ENABLED 1u
#define MADT_CPU_ONLINE_CAPABLE 2u
#define MADT_LAPIC_NMI_ALL_8 0xFFu /* type 4's "every processor" uid */

/* Adds a CPU unless it can never run or its APIC id is already listed
 * (firmware may give one CPU both a type 0 and a type 9 entry). */
static void madt_add_cpu(struct acpi_ctx *c, uint32_t apic_id, uint32_t uid, uint32_t flags,
			 bool x2apic)
{
	struct acpi_info *o = c->out;
	if (!(flags & (MADT_CPU_ENABLED | MADT_CPU_ONLINE_CAPABLE)))
		return;
	for (uint32_t i = 0; i < o->cpu_count; i++)
		if (o->cpus[i].apic_id == apic_id)
			return;
	if (!acpi_has_room(c, ACPI_LIM_CPUS, o->cpu_count, ACPI_MAX_CPUS, "CPUs"))
		return;
	o->cpus[o->cpu_count++] = (struct acpi_cpu){
		.apic_id = apic_id,
		.acpi_uid = uid,
		.enabled = flags & MADT_CPU_ENABLED,
		.online_capable = !(flags & MADT_CPU_ENABLED) && (flags & MADT_CPU_ONLINE_CAPABLE),
		.x2apic = x2apic,
	};
}

/* Type 0: uid u8 @2, APIC id u8 @3, flags u32 @4. */
static void madt_lapic(struct acpi_ctx *c, const uint8_t *e)
{
	if (e[3] != 0xFF)
		madt_add_cpu(c, e[3], e[2], acpi_rd32(e, 4), false);
}

/* Type 9: x2APIC id u32 @4, flags u32 @8, uid u32 @12. */
static void madt_x2apic(struct acpi_ctx *c, const uint8_t *e)
{
	madt_add_cpu(c, acpi_rd32(e, 4), acpi_rd32(e, 12), acpi_rd32(e, 8), true);
}

/* Type 1: id u8 @2, address u32 @4, GSI base u32 @8. */
static void madt_ioapic(struct acpi_ctx *c, const uint8_t *e)
{
	struct acpi_info *o = c->out;
	if (!acpi_has_room(c, ACPI_LIM_IOAPICS, o->ioapic_count, ACPI_MAX_IOAPICS, "IO-APICs"))
		return;
	o->ioapics[o->ioapic_count++] = (struct acpi_ioapic){
		.id = e[2],
		.addr = acpi_rd32(e, 4),
		.gsi_base = acpi_rd32(e, 8),
	};
}

/* Type 2: bus u8 @2, source IRQ u8 @3, GSI u32 @4, flags u16 @8. */
static void madt_override(struct acpi_ctx *c, const uint8_t *e)
{
	struct acpi_info *o = c->out;
	if (!acpi_has_room(c, ACPI_LIM_OVERRIDES, o->override_count, ACPI_MAX_OVERRIDES,
			   "interrupt source overrides"))
		return;
	o->overrides[o->override_count++] = (struct acpi_irq_override){
		.bus = e[2],
		.source_irq = e[3],
		.gsi = acpi_rd32(e, 4),
		.flags = acpi_rd16(e, 8),
	};
}

/* Type 3: flags u16 @2, GSI u32 @4. */
static void madt_nmi_source(struct acpi_ctx *c, const uint8_t *e)
{
	struct acpi_info *o = c->out;
	if (!acpi_has_room(c, ACPI_LIM_NMI_SOURCES, o->nmi_source_count, ACPI_MAX_NMI_SOURCES,
			   "NMI sources"))
		return;
	o->nmi_sources[o->nmi_source_count++] = (struct acpi_nmi_source){
		.gsi = acpi_rd32(e, 4),
		.flags = acpi_rd16(e, 2),
	};
}

static void madt_add_lapic_nmi(struct acpi_ctx *c, uint32_t uid, uint16_t flags, uint8_t lint)
{
	struct acpi_info *o = c->out;
	if (!acpi_has_room(c, ACPI_LIM_LAPIC_NMIS, o->lapic_nmi_count, ACPI_MAX_LAPIC_NMIS,
			   "local APIC NMI entries"))
		return;
	o->lapic_nmis[o->lapic_nmi_count++] = (struct acpi_lapic_nmi){
		.acpi_uid = uid,
		.flags = flags,
		.lint = lint,
	};
}

/* Type 4: uid u8 @2 (0xFF = all), flags u16 @3, LINT u8 @5. */
static void madt_lapic_nmi(struct acpi_ctx *c, const uint8_t *e)
{
	uint32_t uid = e[2] == MADT_LAPIC_NMI_ALL_8 ? ACPI_UID_ALL : e[2];
	madt_add_lapic_nmi(c, uid, acpi_rd16(e, 3), e[5]);
}

/* Type 0xA: flags u16 @2, uid u32 @4 (0xFFFFFFFF = all), LINT u8 @8. */
static void madt_x2apic_nmi(struct acpi_ctx *c, const uint8_t *e)
{
	madt_add_lapic_nmi(c, acpi_rd32(e, 4), acpi_rd16(e, 2), e[8]);
}

/* Type 5: 64-bit local APIC address u64 @4, replacing the header's. */
static void madt_lapic_override(struct acpi_ctx *c, const uint8_t *e)
{
	c->out->lapic_addr = acpi_rd64(e, 4);
}

static const struct acpi_entry_kind madt_kinds[] = {
	[0x0] = { 8, madt_lapic },
	[0x1] = { 12, madt_ioapic },
	[0x2] = { 10, madt_override },
	[0x3] = { 8, madt_nmi_source },
	[0x4] = { 6, madt_lapic_nmi },
	[0x5] = { 12, madt_lapic_override },
	[0x9] = { 16, madt_x2apic },
	[0xA] = { 12, madt_x2apic_nmi },
};

int acpi_madt_parse(struct acpi_ctx *c, const uint8_t *t, size_t len)
{
	struct acpi_info *o = c->out;
	int err = acpi_check_entries(c, "MADT", t, ACPI_MADT_HDR_LEN, len, madt_kinds,
				     ARRAY_SIZE(madt_kinds));
	if (err)
		return err;
	o->lapic_addr = acpi_rd32(t, 36);
	o->madt_flags = acpi_rd32(t, 40);
	o->has_8259 = o->madt_flags & MADT_PCAT_COMPAT;
	acpi_decode_entries(c, t, ACPI_MADT_HDR_LEN, len, madt_kinds, ARRAY_SIZE(madt_kinds));
	if (o->cpu_count == 0)
		acpi_warn(c, "MADT lists no usable CPU");
	return 0;
}
