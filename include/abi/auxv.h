/* SPDX-License-Identifier: MIT */
/* Auxiliary-vector entries this kernel adds beside Linux's (musl ignores
 * types it does not know). */
#pragma once

/* Base address and length of the initrd, mapped read-only, in processes that
 * were given it (init, and children spawned with UK_SPAWN_SHARE_INITRD). */
#define AT_UK_INITRD_BASE 0x7F0
#define AT_UK_INITRD_SIZE 0x7F1
/* The TSC frequency in Hz, so that programs can turn TSC ticks into time. */
#define AT_UK_TSC_HZ 0x7F2
/* The TSC value at boot (CLOCK_MONOTONIC zero) and the wall-clock time then
 * (Unix seconds from the RTC), for the time server. */
#define AT_UK_TSC_BOOT 0x7F3
#define AT_UK_RTC_BOOT 0x7F4
