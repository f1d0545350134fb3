/* SPDX-License-Identifier: MIT */
/* Physical-to-virtual translation through the direct map. The kernel maps
 * all RAM at DIRECT_MAP_BASE; host unit tests point phys_map_base at a
 * buffer that stands in for physical memory. */
#pragma once
#include "lib/types.h"

#define DIRECT_MAP_BASE 0xFFFF800000000000ull
#define KERNEL_VMA 0xFFFFFFFF80000000ull

/* Virtual address of physical address 0; DIRECT_MAP_BASE in the kernel. */
extern uintptr_t phys_map_base;

static inline void *phys_to_virt(phys_t p)
{
	return (void *)(phys_map_base + p);
}

static inline phys_t virt_to_phys(const void *v)
{
	return (phys_t)((uintptr_t)v - phys_map_base);
}
