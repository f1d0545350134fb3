/* SPDX-License-Identifier: MIT */
/* From the boot information to working memory: usable and reserved ranges,
 * NUMA ranges, the frame allocator and the kernel's page tables. */
#pragma once
#include "lib/types.h"

struct boot_info;
struct acpi_info;

#define BOOT_MIN_MEMORY MiB(32)

/* Panics with a clear message when usable memory is below BOOT_MIN_MEMORY. */
void boot_mem_init(const struct boot_info *bi, const struct acpi_info *acpi, phys_t mbi_phys);
