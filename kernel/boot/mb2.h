/* SPDX-License-Identifier: MIT */
/* Multiboot2 boot information: mb2_parse() checks the structure the loader
 * left in memory and collects what the kernel needs into a struct boot_info;
 * mb2_cmdline_get() finds `key=value` or bare `key` words on a command line.
 * Strings and the RSDP in boot_info point into the mbi, so the caller keeps
 * the mbi's frames [mbi_phys, mbi_phys + total_size) reserved. */
#pragma once
#include "lib/types.h"

#define MB2_BOOTLOADER_MAGIC 0x36d76289u /* in EAX at kernel entry */
#define MB2_MAX_MODULES 16
#define MB2_MAX_MMAP 128
#define MB2_INFO_MIN_SIZE 16 /* header plus the end tag */
#define MB2_INFO_MAX_SIZE MiB(1)

/* Tag types the parser reads; others are skipped. */
enum mb2_tag_type {
	MB2_TAG_END = 0,
	MB2_TAG_CMDLINE = 1,
	MB2_TAG_LOADER_NAME = 2,
	MB2_TAG_MODULE = 3,
	MB2_TAG_MMAP = 6,
	MB2_TAG_ACPI_OLD = 14,
	MB2_TAG_ACPI_NEW = 15,
};

/* Memory-map entry types as the loader reports them. */
enum mb2_mem_type {
	MB2_MEM_AVAILABLE = 1,
	MB2_MEM_RESERVED = 2,
	MB2_MEM_ACPI_RECLAIMABLE = 3,
	MB2_MEM_NVS = 4,
	MB2_MEM_BAD = 5,
};

enum mb2_error {
	MB2_OK = 0,
	MB2_ERR_NULL = -1,         /* mbi or out is NULL */
	MB2_ERR_ALIGN = -2,        /* mbi is not 8-byte aligned */
	MB2_ERR_TOTAL_SIZE = -3,   /* total_size outside [16, 1 MiB] */
	MB2_ERR_TAG_SIZE = -4,     /* a tag is shorter than its type's fixed part */
	MB2_ERR_TAG_OVERFLOW = -5, /* a tag runs past total_size */
	MB2_ERR_NO_END_TAG = -6,   /* no end tag before total_size */
	MB2_ERR_MMAP_ENTRY = -7,   /* memory-map entry_size < 24 */
	MB2_ERR_MODULE_RANGE = -8, /* a module's start is above its end */
	MB2_ERR_STRING = -9,       /* a string is not NUL-terminated inside its tag */
	MB2_ERR_RSDP_SIZE = -10,   /* an ACPI tag is shorter than the RSDP it holds */
	MB2_ERR_COUNT = 11,        /* number of codes above, for tables */
};

struct mb2_module {
	phys_t start, end;   /* end exclusive (GRUB's mod_end) */
	const char *cmdline; /* never NULL */
};

struct mb2_mmap_entry {
	phys_t base;
	uint64_t len;
	uint32_t type; /* enum mb2_mem_type */
};

struct boot_info {
	const char *cmdline;     /* "" when the loader passed none */
	const char *loader_name; /* "" when the loader gave none */
	struct mb2_module modules[MB2_MAX_MODULES];
	size_t module_count;
	struct mb2_mmap_entry mmap[MB2_MAX_MMAP];
	size_t mmap_count;
	size_t dropped;    /* modules and mmap entries beyond the limits above */
	const void *rsdp;  /* RSDP bytes (new one if given, else old), or NULL */
	size_t rsdp_len;
	bool rsdp_v2;      /* rsdp came from the ACPI 2.0+ tag */
	phys_t mbi_phys;   /* virt_to_phys(mbi) */
	size_t total_size; /* the mbi's size in bytes */
};

/* Parses the multiboot2 information at mbi, which must be reached through
 * phys_to_virt(). Returns MB2_OK, or a negative enum mb2_error with *out
 * zeroed. Never writes to the mbi. */
int mb2_parse(const void *mbi, struct boot_info *out);

/* Returns a static description of an enum mb2_error value. */
const char *mb2_strerror(int err);

/* Returns the value of the last `key=value` word on cmdline (words are split
 * by spaces and tabs) and its length in *len (len may be NULL); for a bare
 * `key` word returns a pointer just past it with *len 0. NULL if absent. */
const char *mb2_cmdline_get(const char *cmdline, const char *key, size_t *len);
