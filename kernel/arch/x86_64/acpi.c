// SPDX-License-Identifier: MIT
/* ACPI entry point: checks the RSDP, opens the XSDT or RSDT, finds the MADT,
 * HPET and SRAT through it and hands each to its decoder; also the helpers
 * shared with acpi_madt.c and acpi_srat.c. Entry points: acpi_parse(),
 * acpi_strerror(), acpi_isa_irq_to_gsi(), acpi_node_of_apic(). */
#include <stdarg.h>
#include "acpi.h"
#include "acpi_internal.h"
#include "lib/format.h"
#include "lib/kprintf.h"
#include "lib/string.h"
#include "mm/phys.h"

/* Table addresses at or above this are not RAM on any x86-64 (52-bit max). */
#define ACPI_PHYS_LIMIT (1ull << 52)
/* acpi_parse runs on the boot page tables (boot.asm), whose direct map
 * covers physical [0, 4 GiB) only: every byte of a table must lie below. */
#define ACPI_MAPPED_LIMIT GiB(4)

/* The root table the RSDP points at: an array of 32- or 64-bit addresses. */
struct acpi_root {
	const uint8_t *t;
	size_t count;
	size_t entry_size;
};

enum acpi_table_fault {
	ACPI_TABLE_OK, ACPI_TABLE_BAD_SIG, ACPI_TABLE_BAD_LEN, ACPI_TABLE_BAD_SUM,
	ACPI_TABLE_BAD_ADDR,
};

static const char *const acpi_fault_text[] = {
	[ACPI_TABLE_OK] = "ok",
	[ACPI_TABLE_BAD_SIG] = "wrong signature",
	[ACPI_TABLE_BAD_LEN] = "length below its header or not below 1 MiB",
	[ACPI_TABLE_BAD_SUM] = "checksum mismatch",
	[ACPI_TABLE_BAD_ADDR] = "not below 4 GiB, all that is mapped at boot",
};

#define ACPI_ERR_TEXT_(name, num, text) [num] = text,
static const char *const acpi_err_text[] = { ACPI_ERROR_LIST(ACPI_ERR_TEXT_) };
#undef ACPI_ERR_TEXT_

const char *acpi_strerror(int err)
{
	if (err == 0)
		return "ACPI: no error";
	if (err > 0 || err <= -(int)ARRAY_SIZE(acpi_err_text) || !acpi_err_text[-err])
		return "ACPI: unknown error code";
	return acpi_err_text[-err];
}

void acpi_warn(struct acpi_ctx *c, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fmt_vsnprintf(c->out->msg, sizeof(c->out->msg), fmt, ap);
	va_end(ap);
	c->out->warning_count++;
	pr_warn("acpi: %s\n", c->out->msg);
}

void acpi_fail(struct acpi_ctx *c, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fmt_vsnprintf(c->out->msg, sizeof(c->out->msg), fmt, ap);
	va_end(ap);
}

bool acpi_has_room(struct acpi_ctx *c, enum acpi_limit lim, uint32_t count, uint32_t max,
		   const char *what)
{
	if (count < max)
		return true;
	if (!(c->full_reported & (1u << lim))) {
		c->full_reported |= 1u << lim;
		acpi_warn(c, "more than %u %s listed; the rest are ignored", max, what);
	}
	return false;
}

int acpi_check_entries(struct acpi_ctx *c, const char *sig, const uint8_t *t, size_t start,
		       size_t len, const struct acpi_entry_kind *kinds, size_t nkinds)
{
	size_t off = start;
	while (off < len) {
		size_t left = len - off;
		uint8_t type = t[off];
		size_t elen = left >= 2 ? t[off + 1] : 0;
		size_t need = type < nkinds && kinds[type].min_len ? kinds[type].min_len : 2;
		if (elen < need) {
			acpi_fail(c, "%s entry type %u at offset %zu: length %zu, below the %zu it needs",
				  sig, type, off, elen, need);
			return ACPI_ERR_TRUNCATED;
		}
		if (elen > left) {
			acpi_fail(c, "%s entry type %u at offset %zu: length %zu runs past the end (%zu left)",
				  sig, type, off, elen, left);
			return ACPI_ERR_TRUNCATED;
		}
		off += elen;
	}
	return 0;
}

void acpi_decode_entries(struct acpi_ctx *c, const uint8_t *t, size_t start, size_t len,
			 const struct acpi_entry_kind *kinds, size_t nkinds)
{
	for (size_t off = start; off < len; off += t[off + 1]) {
		uint8_t type = t[off];
		if (type < nkinds && kinds[type].decode)
			kinds[type].decode(c, t + off);
	}
}

static uint8_t acpi_sum(const uint8_t *p, size_t n)
{
	uint8_t s = 0;
	for (size_t i = 0; i < n; i++)
		s = (uint8_t)(s + p[i]);
	return s;
}

/* Whether physical [phys, phys + len) may be read now (see ACPI_MAPPED_LIMIT). */
static bool acpi_mapped(phys_t phys, size_t len)
{
	return phys <= ACPI_MAPPED_LIMIT && len <= ACPI_MAPPED_LIMIT - phys;
}

/* Returns how the table at phys fails its checks (header and whole table
 * mapped, signature sig, min_len <= length < 1 MiB, bytes summing to 0), or
 * ACPI_TABLE_OK with *t, *len set. Reads nothing that is not mapped. */
static enum acpi_table_fault acpi_map_table(phys_t phys, const char *sig, size_t min_len,
					    const uint8_t **t, size_t *len)
{
	if (!acpi_mapped(phys, ACPI_HDR_LEN))
		return ACPI_TABLE_BAD_ADDR;
	const uint8_t *p = phys_to_virt(phys);
	if (memcmp(p, sig, 4) != 0)
		return ACPI_TABLE_BAD_SIG;
	uint32_t n = acpi_rd32(p, 4);
	if (n < min_len || n >= ACPI_MAX_TABLE_LEN)
		return ACPI_TABLE_BAD_LEN;
	if (!acpi_mapped(phys, n))
		return ACPI_TABLE_BAD_ADDR;
	if (acpi_sum(p, n) != 0)
		return ACPI_TABLE_BAD_SUM;
	*t = p;
	*len = n;
	return ACPI_TABLE_OK;
}

/* Checks the RSDP and picks the root table: the XSDT when the revision is 2
 * or more and its address is set, else the RSDT. Returns 0 or an error. */
static int acpi_check_rsdp(struct acpi_ctx *c, const uint8_t *r, size_t len, phys_t *root,
			   bool *is_xsdt)
{
	if (r == NULL || len < ACPI_RSDP_V1_LEN)
		return ACPI_ERR_INVALID_ARG;
	if (memcmp(r, "RSD PTR ", 8) != 0)
		return ACPI_ERR_RSDP_SIGNATURE;
	if (acpi_sum(r, ACPI_RSDP_V1_LEN) != 0)
		return ACPI_ERR_RSDP_CHECKSUM;
	c->out->rsdp_revision = r[15];
	memcpy(c->out->oem_id, r + 9, 6);
	*is_xsdt = false;
	if (r[15] >= 2 && len < ACPI_RSDP_V2_LEN) {
		acpi_warn(c, "RSDP revision %u but only %zu bytes given; using the RSDT", r[15], len);
	} else if (r[15] >= 2) {
		if (acpi_sum(r, ACPI_RSDP_V2_LEN) != 0)
			return ACPI_ERR_RSDP_EXT_CHECKSUM;
		*root = acpi_rd64(r, 24);
		*is_xsdt = *root != 0;
	}
	if (!*is_xsdt)
		*root = acpi_rd32(r, 16);
	if (*root == 0 || *root >= ACPI_PHYS_LIMIT)
		return ACPI_ERR_NO_ROOT;
	return 0;
}

static int acpi_open_root(struct acpi_ctx *c, const void *rsdp, size_t rsdp_len,
			  struct acpi_root *root)
{
	static const int xsdt_err[] = { [ACPI_TABLE_BAD_SIG] = ACPI_ERR_XSDT_SIGNATURE,
					[ACPI_TABLE_BAD_LEN] = ACPI_ERR_XSDT_LENGTH,
					[ACPI_TABLE_BAD_SUM] = ACPI_ERR_XSDT_CHECKSUM,
					[ACPI_TABLE_BAD_ADDR] = ACPI_ERR_TABLE_ADDRESS };
	static const int rsdt_err[] = { [ACPI_TABLE_BAD_SIG] = ACPI_ERR_RSDT_SIGNATURE,
					[ACPI_TABLE_BAD_LEN] = ACPI_ERR_RSDT_LENGTH,
					[ACPI_TABLE_BAD_SUM] = ACPI_ERR_RSDT_CHECKSUM,
					[ACPI_TABLE_BAD_ADDR] = ACPI_ERR_TABLE_ADDRESS };
	phys_t phys = 0;
	bool is_xsdt = false;
	size_t len;
	int err = acpi_check_rsdp(c, rsdp, rsdp_len, &phys, &is_xsdt);
	if (err)
		return err;
	const char *sig = is_xsdt ? "XSDT" : "RSDT";
	enum acpi_table_fault f = acpi_map_table(phys, sig, ACPI_HDR_LEN, &root->t, &len);
	if (f != ACPI_TABLE_OK) {
		acpi_fail(c, "%s at 0x%lx: %s", sig, phys, acpi_fault_text[f]);
		return is_xsdt ? xsdt_err[f] : rsdt_err[f];
	}
	c->out->used_xsdt = is_xsdt;
	root->entry_size = is_xsdt ? 8 : 4;
	root->count = (len - ACPI_HDR_LEN) / root->entry_size;
	return 0;
}

/* Returns the address of the first table signed sig in the root, or 0. */
static phys_t acpi_find_table(struct acpi_ctx *c, const struct acpi_root *root, const char *sig)
{
	for (size_t i = 0; i < root->count; i++) {
		size_t off = ACPI_HDR_LEN + i * root->entry_size;
		phys_t phys = root->entry_size == 8 ? acpi_rd64(root->t, off) : acpi_rd32(root->t, off);
		if (phys == 0)
			continue;
		if (!acpi_mapped(phys, ACPI_HDR_LEN)) {
			acpi_warn(c, "root table entry %zu at 0x%lx is not below 4 GiB, all that "
				  "is mapped at boot; ignored", i, phys);
			continue;
		}
		if (memcmp(phys_to_virt(phys), sig, 4) == 0)
			return phys;
	}
	return 0;
}

static int acpi_load_madt(struct acpi_ctx *c, const struct acpi_root *root)
{
	static const int madt_err[] = { [ACPI_TABLE_BAD_SIG] = ACPI_ERR_NO_MADT,
					[ACPI_TABLE_BAD_LEN] = ACPI_ERR_MADT_LENGTH,
					[ACPI_TABLE_BAD_SUM] = ACPI_ERR_MADT_CHECKSUM,
					[ACPI_TABLE_BAD_ADDR] = ACPI_ERR_TABLE_ADDRESS };
	const uint8_t *t;
	size_t len;
	phys_t phys = acpi_find_table(c, root, "APIC");
	if (phys == 0) {
		acpi_fail(c, "%s lists no MADT (\"APIC\")", c->out->used_xsdt ? "XSDT" : "RSDT");
		return ACPI_ERR_NO_MADT;
	}
	enum acpi_table_fault f = acpi_map_table(phys, "APIC", ACPI_MADT_HDR_LEN, &t, &len);
	if (f != ACPI_TABLE_OK) {
		acpi_fail(c, "MADT (\"APIC\") at 0x%lx: %s", phys, acpi_fault_text[f]);
		return madt_err[f];
	}
	return acpi_madt_parse(c, t, len);
}

/* Returns the checked optional table sig, or NULL when it is missing or
 * bad (then a warning names it). */
static const uint8_t *acpi_optional_table(struct acpi_ctx *c, const struct acpi_root *root,
					  const char *sig, size_t min_len, size_t *len)
{
	const uint8_t *t = NULL;
	phys_t phys = acpi_find_table(c, root, sig);
	if (phys == 0)
		return NULL;
	enum acpi_table_fault f = acpi_map_table(phys, sig, min_len, &t, len);
	if (f != ACPI_TABLE_OK) {
		acpi_warn(c, "%s table at 0x%lx: %s; skipped", sig, phys, acpi_fault_text[f]);
		return NULL;
	}
	return t;
}

/* Fills out->hpet from the HPET table, if there is a usable one. */
static void acpi_load_hpet(struct acpi_ctx *c, const struct acpi_root *root)
{
	size_t len;
	const uint8_t *t = acpi_optional_table(c, root, "HPET", ACPI_HPET_LEN, &len);
	if (t == NULL)
		return;
	uint8_t space = t[40];
	phys_t base = acpi_rd64(t, 44);
	if (space != 0 || base == 0 || base >= ACPI_PHYS_LIMIT) {
		acpi_warn(c, "HPET table: base 0x%lx in address space %u is not memory; skipped",
			  base, space);
		return;
	}
	struct acpi_hpet *h = &c->out->hpet;
	h->present = true;
	h->base = base;
	h->block_id = acpi_rd32(t, 36);
	h->number = t[52];
	h->min_tick = acpi_rd16(t, 53);
}

static void acpi_load_srat(struct acpi_ctx *c, const struct acpi_root *root)
{
	size_t len;
	const uint8_t *t = acpi_optional_table(c, root, "SRAT", ACPI_SRAT_HDR_LEN, &len);
	if (t != NULL)
		acpi_srat_parse(c, t, len);
}

int acpi_parse(const void *rsdp, size_t rsdp_len, struct acpi_info *out)
{
	struct acpi_ctx c = { .out = out };
	struct acpi_root root;
	if (out == NULL)
		return ACPI_ERR_INVALID_ARG;
	memset(out, 0, sizeof(*out));
	out->node_count = 1;
	int err = acpi_open_root(&c, rsdp, rsdp_len, &root);
	if (err == 0)
		err = acpi_load_madt(&c, &root);
	if (err != 0) {
		if (out->msg[0] == '\0')
			acpi_fail(&c, "%s", acpi_strerror(err));
		return err;
	}
	acpi_load_hpet(&c, &root);
	acpi_load_srat(&c, &root);
	return 0;
}

uint32_t acpi_isa_irq_to_gsi(const struct acpi_info *info, uint8_t irq, uint16_t *flags_out)
{
	uint32_t gsi = irq;
	uint16_t flags = 0;
	for (uint32_t i = 0; i < info->override_count; i++) {
		const struct acpi_irq_override *o = &info->overrides[i];
		if (o->bus == 0 && o->source_irq == irq) {
			gsi = o->gsi;
			flags = o->flags;
			break;
		}
	}
	if (flags_out != NULL)
		*flags_out = flags;
	return gsi;
}

int acpi_node_of_apic(const struct acpi_info *info, uint32_t apic_id)
{
	for (uint32_t i = 0; i < info->cpu_count; i++)
		if (info->cpus[i].apic_id == apic_id)
			return info->cpus[i].node;
	return -1;
}
