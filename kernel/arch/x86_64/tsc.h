/* SPDX-License-Identifier: MIT */
/* The TSC as the system's clock: frequency (CPUID 0x15/0x16, else calibrated
 * against the HPET, else the PIT) and a monotonic nanosecond clock. */
#pragma once
#include "lib/types.h"

enum tsc_source { TSC_SRC_CPUID, TSC_SRC_HPET, TSC_SRC_PIT };

void tsc_init(void);
uint64_t tsc_hz(void);
enum tsc_source tsc_source(void);
const char *tsc_source_name(void);
/* Nanoseconds since tsc_init(). */
uint64_t ktime_ns(void);
uint64_t tsc_ticks_to_ns(uint64_t ticks);
uint64_t tsc_ns_to_ticks(uint64_t ns);
struct tsc_conv;
/* The ticks-to-nanoseconds conversion (the vDSO uses the same). */
const struct tsc_conv *tsc_conv_current(void);
/* TSC value at tsc_init(), the zero of ktime_ns(). */
uint64_t tsc_boot(void);
