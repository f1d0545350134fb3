// SPDX-License-Identifier: MIT
/* The base of the direct map; boot.asm maps the first 4 GiB there before C runs. */
#include "mm/phys.h"

uintptr_t phys_map_base = DIRECT_MAP_BASE;
