/* SPDX-License-Identifier: MIT */
/* The vDSO and the time page (see vdso_map.c). */
#pragma once
#include "lib/types.h"

struct proc;

#define USER_VDSO_BASE 0x00000E0000000000ull

void vdso_init(int64_t rtc_boot_unix);
/* Maps the time page and the vDSO into p; *ehdr is AT_SYSINFO_EHDR. */
long vdso_map(struct proc *p, virt_t *ehdr);
void vdso_publish_realtime(int64_t realtime_at_boot_ns);
