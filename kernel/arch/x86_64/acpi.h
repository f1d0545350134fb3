/* SPDX-License-Identifier: MIT */
/* ACPI table parser: checks the RSDP that GRUB hands over, follows the XSDT
 * or RSDT to the MADT, HPET and SRAT, and fills a fixed-size struct acpi_info.
 * Pure code over memory reached through phys_to_virt(), so it runs in host
 * unit tests. Entry points: acpi_parse(), acpi_strerror(),
 * acpi_isa_irq_to_gsi(), acpi_node_of_apic(). */
#pragma once
#include "lib/types.h"

#define ACPI_MAX_CPUS 64
#define ACPI_MAX_IOAPICS 8
#define ACPI_MAX_OVERRIDES 32
#define ACPI_MAX_NMI_SOURCES 16
#define ACPI_MAX_LAPIC_NMIS 16
#define ACPI_MAX_NODES 8
#define ACPI_MAX_MEM_RANGES 32
#define ACPI_MAX_TABLE_LEN MiB(1) /* a table this long or longer is corrupt */

#define ACPI_RSDP_V1_LEN 20
#define ACPI_RSDP_V2_LEN 36

/* acpi_lapic_nmi.acpi_uid for an entry that applies to every processor. */
#define ACPI_UID_ALL 0xFFFFFFFFu

/* MPS INTI flags of overrides and NMI entries: polarity bits 0-1, trigger 2-3. */
#define ACPI_IRQ_POLARITY(flags) ((flags) & 3u)
#define ACPI_IRQ_TRIGGER(flags) (((flags) >> 2) & 3u)
enum acpi_polarity { ACPI_POLARITY_BUS = 0, ACPI_POLARITY_HIGH = 1, ACPI_POLARITY_LOW = 3 };
enum acpi_trigger { ACPI_TRIGGER_BUS = 0, ACPI_TRIGGER_EDGE = 1, ACPI_TRIGGER_LEVEL = 3 };

/* One list gives the error enum (negative values) and acpi_strerror()'s text. */
#define ACPI_ERROR_LIST(X)                                                              \
	X(ACPI_ERR_INVALID_ARG, 1, "ACPI: no RSDP given, or it is shorter than 20 bytes")   \
	X(ACPI_ERR_RSDP_SIGNATURE, 2, "ACPI RSDP: signature is not \"RSD PTR \"")           \
	X(ACPI_ERR_RSDP_CHECKSUM, 3, "ACPI RSDP: checksum over the first 20 bytes is wrong") \
	X(ACPI_ERR_RSDP_EXT_CHECKSUM, 4,                                                    \
	  "ACPI RSDP: extended checksum over the 36-byte v2 structure is wrong")            \
	X(ACPI_ERR_NO_ROOT, 5, "ACPI RSDP: gives neither an XSDT nor an RSDT address")      \
	X(ACPI_ERR_RSDT_SIGNATURE, 6, "ACPI RSDT: the table at the RSDP's address is not \"RSDT\"") \
	X(ACPI_ERR_RSDT_LENGTH, 7, "ACPI RSDT: length is below its 36-byte header or not below 1 MiB") \
	X(ACPI_ERR_RSDT_CHECKSUM, 8, "ACPI RSDT: checksum is wrong")                        \
	X(ACPI_ERR_XSDT_SIGNATURE, 9, "ACPI XSDT: the table at the RSDP's address is not \"XSDT\"") \
	X(ACPI_ERR_XSDT_LENGTH, 10, "ACPI XSDT: length is below its 36-byte header or not below 1 MiB") \
	X(ACPI_ERR_XSDT_CHECKSUM, 11, "ACPI XSDT: checksum is wrong")                       \
	X(ACPI_ERR_NO_MADT, 12, "ACPI: the XSDT/RSDT lists no MADT (signature \"APIC\")")   \
	X(ACPI_ERR_MADT_LENGTH, 13, "ACPI MADT: length is below its 44-byte header or not below 1 MiB") \
	X(ACPI_ERR_MADT_CHECKSUM, 14, "ACPI MADT: checksum is wrong")                       \
	X(ACPI_ERR_TRUNCATED, 15,                                                           \
	  "ACPI MADT: an entry has length 0, is too short for its type, or runs past the table's end") \
	X(ACPI_ERR_TABLE_ADDRESS, 16,                                                       \
	  "ACPI: the RSDT, XSDT or MADT does not lie below 4 GiB, all that is mapped at boot")

#define ACPI_ERR_ENUM_(name, num, text) name = -(num),
enum acpi_err { ACPI_OK = 0, ACPI_ERROR_LIST(ACPI_ERR_ENUM_) };
#undef ACPI_ERR_ENUM_

/* A usable CPU: MADT type 0 or x2APIC type 9 with the enabled or online-capable bit. */
struct acpi_cpu {
	uint32_t apic_id;
	uint32_t acpi_uid;
	uint8_t node;        /* dense NUMA node; 0 without SRAT or SRAT entry */
	bool enabled;        /* running now */
	bool online_capable; /* disabled now, may be hot-added later */
	bool x2apic;         /* came from an x2APIC entry */
};

struct acpi_ioapic {
	uint8_t id;
	phys_t addr;
	uint32_t gsi_base;
};

/* An interrupt source override: bus IRQ source_irq arrives on gsi. */
struct acpi_irq_override {
	uint8_t bus; /* 0 = ISA */
	uint8_t source_irq;
	uint16_t flags; /* ACPI_IRQ_POLARITY / ACPI_IRQ_TRIGGER */
	uint32_t gsi;
};

/* A GSI wired to NMI (MADT type 3). */
struct acpi_nmi_source {
	uint32_t gsi;
	uint16_t flags;
};

/* A local APIC LINT pin wired to NMI (MADT type 4 or x2APIC type 0xA). */
struct acpi_lapic_nmi {
	uint32_t acpi_uid; /* ACPI_UID_ALL for every processor */
	uint16_t flags;
	uint8_t lint;      /* 0 or 1 */
};

struct acpi_hpet {
	bool present;
	phys_t base;       /* from the table's generic address structure */
	uint32_t block_id; /* event timer block id: vendor, comparator count... */
	uint8_t number;
	uint16_t min_tick;
};

/* An enabled SRAT memory affinity range. */
struct acpi_mem_range {
	phys_t base;
	uint64_t length;
	uint32_t domain; /* proximity domain as the firmware numbers it */
	uint8_t node;    /* dense node number */
	bool hotplug;
	bool nonvolatile;
};

struct acpi_info {
	uint8_t rsdp_revision;
	char oem_id[7]; /* NUL-terminated */
	bool used_xsdt;

	/* MADT */
	phys_t lapic_addr; /* after any type 5 64-bit override */
	uint32_t madt_flags;
	bool has_8259;     /* PCAT_COMPAT: legacy PICs present, mask them */
	uint32_t cpu_count;
	struct acpi_cpu cpus[ACPI_MAX_CPUS];
	uint32_t ioapic_count;
	struct acpi_ioapic ioapics[ACPI_MAX_IOAPICS];
	uint32_t override_count;
	struct acpi_irq_override overrides[ACPI_MAX_OVERRIDES];
	uint32_t nmi_source_count;
	struct acpi_nmi_source nmi_sources[ACPI_MAX_NMI_SOURCES];
	uint32_t lapic_nmi_count;
	struct acpi_lapic_nmi lapic_nmis[ACPI_MAX_LAPIC_NMIS];

	struct acpi_hpet hpet;

	/* SRAT; without one, node_count is 1 and everything is node 0. */
	bool has_srat;
	uint32_t node_count;
	uint32_t node_domain[ACPI_MAX_NODES]; /* node -> proximity domain */
	uint32_t mem_range_count;
	struct acpi_mem_range mem_ranges[ACPI_MAX_MEM_RANGES];

	uint32_t warning_count;
	char msg[128]; /* the error, or else the last warning, naming the table */
};

/* Parses the tables reachable from rsdp (a v1 RSDP of 20 bytes or a v2 RSDP
 * of 36) into *out. Returns 0, or a negative enum acpi_err when the RSDP,
 * the RSDT/XSDT or the MADT is unusable; then *out is incomplete and
 * out->msg says which table failed and how. A bad HPET or SRAT is skipped
 * with a warning and reported absent. Reads no physical memory at or above
 * 4 GiB, which the boot page tables do not map: a table there is an error
 * (RSDT/XSDT, MADT) or skipped with a warning (other root table entries). */
int acpi_parse(const void *rsdp, size_t rsdp_len, struct acpi_info *out);

/* Returns a message naming the table and problem of an acpi_parse() error. */
const char *acpi_strerror(int err);

/* Returns the GSI that ISA IRQ irq arrives on (irq itself unless overridden)
 * and stores the override's MPS flags, or 0 (bus default), in *flags_out
 * when flags_out is not NULL. */
uint32_t acpi_isa_irq_to_gsi(const struct acpi_info *info, uint8_t irq, uint16_t *flags_out);

/* Returns the dense NUMA node of the CPU with this APIC id, or -1 when the
 * MADT lists no such CPU. */
int acpi_node_of_apic(const struct acpi_info *info, uint32_t apic_id);
