// SPDX-License-Identifier: MIT
/* Builders for the ACPI test fixtures; see fixture.h. */
#include <check.h>
#include <string.h>
#include "fixture.h"

#define FX_MEM_SIZE 65536

uintptr_t phys_map_base;
static uint8_t fx_mem[FX_MEM_SIZE];
static size_t fx_top; /* fake memory below fx_top is free */

void fx_reset(void)
{
	memset(fx_mem, 0, sizeof(fx_mem));
	fx_top = sizeof(fx_mem);
	phys_map_base = (uintptr_t)fx_mem - FX_PHYS_BASE;
}

uint8_t *fx_ptr(phys_t p)
{
	ck_assert(p >= FX_PHYS_BASE && p < FX_PHYS_BASE + FX_MEM_SIZE);
	return fx_mem + (p - FX_PHYS_BASE);
}

static phys_t fx_alloc(size_t len)
{
	ck_assert(len <= fx_top);
	fx_top -= len;
	return FX_PHYS_BASE + fx_top;
}

void fx_put8(struct fx_buf *b, uint8_t v)
{
	ck_assert(b->n < sizeof(b->b));
	b->b[b->n++] = v;
}

void fx_put16(struct fx_buf *b, uint16_t v)
{
	fx_put8(b, (uint8_t)v);
	fx_put8(b, (uint8_t)(v >> 8));
}

void fx_put32(struct fx_buf *b, uint32_t v)
{
	fx_put16(b, (uint16_t)v);
	fx_put16(b, (uint16_t)(v >> 16));
}

void fx_put64(struct fx_buf *b, uint64_t v)
{
	fx_put32(b, (uint32_t)v);
	fx_put32(b, (uint32_t)(v >> 32));
}

void fx_fix_checksum(phys_t t)
{
	uint8_t *p = fx_ptr(t);
	uint32_t len;
	uint8_t sum = 0;
	memcpy(&len, p + 4, 4);
	p[9] = 0;
	for (uint32_t i = 0; i < len; i++)
		sum = (uint8_t)(sum + p[i]);
	p[9] = (uint8_t)-sum;
}

void fx_break_checksum(phys_t t)
{
	fx_ptr(t)[9]++;
}

phys_t fx_table(const char *sig, const struct fx_buf *body)
{
	uint32_t len = (uint32_t)(36 + body->n);
	phys_t t = fx_alloc(len);
	uint8_t *p = fx_ptr(t);
	memcpy(p, sig, 4);
	memcpy(p + 4, &len, 4);
	p[8] = 1; /* revision */
	memcpy(p + 10, "TESTOE", 6);
	memcpy(p + 16, "TESTTABL", 8);
	memcpy(p + 28, "TEST", 4);
	memcpy(p + 36, body->b, body->n);
	fx_fix_checksum(t);
	return t;
}

phys_t fx_rsdt(const phys_t *tables, size_t n)
{
	struct fx_buf b = { .n = 0 };
	for (size_t i = 0; i < n; i++)
		fx_put32(&b, (uint32_t)tables[i]);
	return fx_table("RSDT", &b);
}

phys_t fx_xsdt(const phys_t *tables, size_t n)
{
	struct fx_buf b = { .n = 0 };
	for (size_t i = 0; i < n; i++)
		fx_put64(&b, tables[i]);
	return fx_table("XSDT", &b);
}

static uint8_t fx_sum(const uint8_t *p, size_t n)
{
	uint8_t s = 0;
	for (size_t i = 0; i < n; i++)
		s = (uint8_t)(s + p[i]);
	return s;
}

void fx_rsdp_v1(uint8_t out[ACPI_RSDP_V1_LEN], phys_t rsdt)
{
	uint32_t r = (uint32_t)rsdt;
	memset(out, 0, ACPI_RSDP_V1_LEN);
	memcpy(out, "RSD PTR ", 8);
	memcpy(out + 9, "BOCHS ", 6);
	memcpy(out + 16, &r, 4);
	out[8] = (uint8_t)-fx_sum(out, ACPI_RSDP_V1_LEN);
}

void fx_rsdp_v2(uint8_t out[ACPI_RSDP_V2_LEN], phys_t rsdt, phys_t xsdt)
{
	uint32_t r = (uint32_t)rsdt, len = ACPI_RSDP_V2_LEN;
	memset(out, 0, ACPI_RSDP_V2_LEN);
	memcpy(out, "RSD PTR ", 8);
	memcpy(out + 9, "BOCHS ", 6);
	out[15] = 2;
	memcpy(out + 16, &r, 4);
	memcpy(out + 20, &len, 4);
	memcpy(out + 24, &xsdt, 8);
	out[8] = (uint8_t)-fx_sum(out, ACPI_RSDP_V1_LEN);
	out[32] = (uint8_t)-fx_sum(out, ACPI_RSDP_V2_LEN);
}

void fx_madt_lapic(struct fx_buf *b, uint8_t uid, uint8_t apic_id, uint32_t flags)
{
	fx_put8(b, 0);
	fx_put8(b, 8);
	fx_put8(b, uid);
	fx_put8(b, apic_id);
	fx_put32(b, flags);
}

void fx_madt_ioapic(struct fx_buf *b, uint8_t id, uint32_t addr, uint32_t gsi_base)
{
	fx_put8(b, 1);
	fx_put8(b, 12);
	fx_put8(b, id);
	fx_put8(b, 0);
	fx_put32(b, addr);
	fx_put32(b, gsi_base);
}

void fx_madt_override(struct fx_buf *b, uint8_t bus, uint8_t irq, uint32_t gsi, uint16_t flags)
{
	fx_put8(b, 2);
	fx_put8(b, 10);
	fx_put8(b, bus);
	fx_put8(b, irq);
	fx_put32(b, gsi);
	fx_put16(b, flags);
}

void fx_madt_nmi_source(struct fx_buf *b, uint16_t flags, uint32_t gsi)
{
	fx_put8(b, 3);
	fx_put8(b, 8);
	fx_put16(b, flags);
	fx_put32(b, gsi);
}

void fx_madt_lapic_nmi(struct fx_buf *b, uint8_t uid, uint16_t flags, uint8_t lint)
{
	fx_put8(b, 4);
	fx_put8(b, 6);
	fx_put8(b, uid);
	fx_put16(b, flags);
	fx_put8(b, lint);
}

void fx_madt_lapic_override(struct fx_buf *b, uint64_t addr)
{
	fx_put8(b, 5);
	fx_put8(b, 12);
	fx_put16(b, 0);
	fx_put64(b, addr);
}

void fx_madt_x2apic(struct fx_buf *b, uint32_t id, uint32_t flags, uint32_t uid)
{
	fx_put8(b, 9);
	fx_put8(b, 16);
	fx_put16(b, 0);
	fx_put32(b, id);
	fx_put32(b, flags);
	fx_put32(b, uid);
}

void fx_madt_x2apic_nmi(struct fx_buf *b, uint16_t flags, uint32_t uid, uint8_t lint)
{
	fx_put8(b, 0xA);
	fx_put8(b, 12);
	fx_put16(b, flags);
	fx_put32(b, uid);
	fx_put8(b, lint);
	fx_put8(b, 0);
	fx_put16(b, 0);
}

phys_t fx_madt(const struct fx_buf *entries, uint32_t lapic, uint32_t flags)
{
	struct fx_buf b = { .n = 0 };
	fx_put32(&b, lapic);
	fx_put32(&b, flags);
	ck_assert(b.n + entries->n <= sizeof(b.b));
	memcpy(b.b + b.n, entries->b, entries->n);
	b.n += entries->n;
	return fx_table("APIC", &b);
}

phys_t fx_basic_madt(void)
{
	struct fx_buf e = { .n = 0 };
	fx_madt_lapic(&e, 0, 0, 1);
	fx_madt_lapic(&e, 1, 1, 1);
	fx_madt_ioapic(&e, 2, FX_IOAPIC, 0);
	fx_madt_override(&e, 0, 0, 2, 0);
	fx_madt_override(&e, 0, 9, 9, 0xF); /* level, active low */
	fx_madt_lapic_nmi(&e, 0xFF, 5, 1);
	return fx_madt(&e, FX_LAPIC, 1);
}

void fx_srat_lapic(struct fx_buf *b, uint32_t domain, uint8_t apic_id, uint32_t flags)
{
	fx_put8(b, 0);
	fx_put8(b, 16);
	fx_put8(b, (uint8_t)domain);
	fx_put8(b, apic_id);
	fx_put32(b, flags);
	fx_put8(b, 0); /* local SAPIC EID */
	fx_put8(b, (uint8_t)(domain >> 8));
	fx_put8(b, (uint8_t)(domain >> 16));
	fx_put8(b, (uint8_t)(domain >> 24));
	fx_put32(b, 0); /* clock domain */
}

void fx_srat_mem(struct fx_buf *b, uint32_t domain, uint64_t base, uint64_t len, uint32_t flags)
{
	fx_put8(b, 1);
	fx_put8(b, 40);
	fx_put32(b, domain);
	fx_put16(b, 0);
	fx_put64(b, base);
	fx_put64(b, len);
	fx_put32(b, 0);
	fx_put32(b, flags);
	fx_put64(b, 0);
}

void fx_srat_x2apic(struct fx_buf *b, uint32_t domain, uint32_t x2apic_id, uint32_t flags)
{
	fx_put8(b, 2);
	fx_put8(b, 24);
	fx_put16(b, 0);
	fx_put32(b, domain);
	fx_put32(b, x2apic_id);
	fx_put32(b, flags);
	fx_put32(b, 0); /* clock domain */
	fx_put32(b, 0);
}

phys_t fx_srat(const struct fx_buf *entries)
{
	struct fx_buf b = { .n = 0 };
	fx_put32(&b, 1); /* reserved, 1 for compatibility */
	fx_put64(&b, 0);
	ck_assert(b.n + entries->n <= sizeof(b.b));
	memcpy(b.b + b.n, entries->b, entries->n);
	b.n += entries->n;
	return fx_table("SRAT", &b);
}

phys_t fx_hpet(uint64_t base, uint8_t number, uint16_t min_tick)
{
	struct fx_buf b = { .n = 0 };
	fx_put32(&b, 0x8086A201); /* Intel, 64-bit counter, 3 comparators */
	fx_put8(&b, 0);           /* GAS: system memory */
	fx_put8(&b, 64);
	fx_put8(&b, 0);
	fx_put8(&b, 0);
	fx_put64(&b, base);
	fx_put8(&b, number);
	fx_put16(&b, min_tick);
	fx_put8(&b, 0);
	return fx_table("HPET", &b);
}

int fx_parse_v1(const phys_t *tables, size_t n, struct acpi_info *out)
{
	uint8_t rsdp[ACPI_RSDP_V1_LEN];
	fx_rsdp_v1(rsdp, fx_rsdt(tables, n));
	return acpi_parse(rsdp, sizeof(rsdp), out);
}
