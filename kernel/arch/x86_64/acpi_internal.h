/* SPDX-License-Identifier: MIT */
/* Shared by acpi.c, acpi_madt.c and acpi_srat.c: unaligned little-endian
 * field reads, the parse context, warnings, and the checked walk over the
 * variable-length entries that follow a MADT or SRAT header. */
#pragma once
#include "acpi.h"
#include "lib/string.h"

#define ACPI_HDR_LEN 36       /* the common system description table header */
#define ACPI_MADT_HDR_LEN 44  /* header, local APIC address, flags */
#define ACPI_SRAT_HDR_LEN 48  /* header, two reserved fields */
#define ACPI_HPET_LEN 56

/* Arrays of struct acpi_info that can fill up; each is reported once. */
enum acpi_limit {
	ACPI_LIM_CPUS,
	ACPI_LIM_IOAPICS,
	ACPI_LIM_OVERRIDES,
	ACPI_LIM_NMI_SOURCES,
	ACPI_LIM_LAPIC_NMIS,
	ACPI_LIM_NODES,
	ACPI_LIM_MEM_RANGES,
};

struct acpi_ctx {
	struct acpi_info *out;
	uint32_t full_reported; /* bit per enum acpi_limit */
};

/* How to check and decode one entry type of a MADT or SRAT. */
struct acpi_entry_kind {
	uint8_t min_len; /* 0 for a type this parser skips */
	void (*decode)(struct acpi_ctx *c, const uint8_t *entry);
};

static inline uint16_t acpi_rd16(const uint8_t *p, size_t off)
{
	uint16_t v;
	memcpy(&v, p + off, sizeof(v));
	return v;
}

static inline uint32_t acpi_rd32(const uint8_t *p, size_t off)
{
	uint32_t v;
	memcpy(&v, p + off, sizeof(v));
	return v;
}

static inline uint64_t acpi_rd64(const uint8_t *p, size_t off)
{
	uint64_t v;
	memcpy(&v, p + off, sizeof(v));
	return v;
}

/* Records a warning in out->msg, counts it and logs it with pr_warn. */
void acpi_warn(struct acpi_ctx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Records the reason for a fatal error in out->msg without logging it. */
void acpi_fail(struct acpi_ctx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Returns true if count < max; otherwise warns (once per limit) that
 * further entries of kind `what` are ignored. */
bool acpi_has_room(struct acpi_ctx *c, enum acpi_limit lim, uint32_t count, uint32_t max,
		   const char *what);

/* Returns 0 if every entry of t[start..len) has a length of at least 2 and
 * of at least its kind's min_len, inside the table; otherwise
 * ACPI_ERR_TRUNCATED with out->msg naming table sig and the entry. */
int acpi_check_entries(struct acpi_ctx *c, const char *sig, const uint8_t *t, size_t start,
		       size_t len, const struct acpi_entry_kind *kinds, size_t nkinds);

/* Hands each entry of a table that passed acpi_check_entries() to its decoder. */
void acpi_decode_entries(struct acpi_ctx *c, const uint8_t *t, size_t start, size_t len,
			 const struct acpi_entry_kind *kinds, size_t nkinds);

/* Decodes a checked MADT of len bytes. Returns 0 or ACPI_ERR_TRUNCATED. */
int acpi_madt_parse(struct acpi_ctx *c, const uint8_t *t, size_t len);

/* Decodes a checked SRAT of len bytes after the MADT; on a malformed entry
 * warns and leaves the NUMA fields as without SRAT. */
void acpi_srat_parse(struct acpi_ctx *c, const uint8_t *t, size_t len);
