/* SPDX-License-Identifier: MIT */
/* Pure TSC and LAPIC-timer arithmetic: the TSC frequency from CPUID leaves
 * 0x15/0x16 or from a reference clock, tick<->nanosecond conversion by
 * multiply and shift, and LAPIC one-shot counts. No hardware access, no
 * floating point and no 128-bit division, so it runs in the kernel and on the
 * host alike. */
#pragma once
#include "lib/types.h"

#define TSC_NS_PER_SEC 1000000000ull

/* Precomputed conversions for one TSC frequency; fill with tsc_conv_init. */
struct tsc_conv {
	uint64_t mult;      /* ns = ticks * mult >> shift */
	uint32_t shift;
	uint64_t hz;
	uint64_t inv_mult;  /* ticks = ns * inv_mult >> inv_shift */
	uint32_t inv_shift;
};

/* Returns the TSC frequency in Hz from CPUID leaf 0x15 (EAX denominator, EBX
 * numerator, ECX crystal Hz), falling back to the leaf 0x16 base MHz when the
 * crystal is not reported; 0 when the leaves do not give a frequency. */
uint64_t tsc_freq_from_cpuid15(uint32_t eax_denominator, uint32_t ebx_numerator,
			       uint32_t ecx_crystal_hz, uint32_t cpuid16_eax_base_mhz);
/* Returns the TSC frequency in Hz, rounded to nearest, given that the TSC
 * advanced tsc_delta while a reference clock of ref_hz advanced ref_delta.
 * Returns 0 when ref_delta or ref_hz is 0 or the result exceeds 64 bits. */
uint64_t tsc_freq_from_reference(uint64_t tsc_delta, uint64_t ref_delta, uint64_t ref_hz);

/* Fills c for a TSC of hz; returns false (conversions then yield 0) if hz is 0. */
bool tsc_conv_init(struct tsc_conv *c, uint64_t hz);
/* Returns ticks in nanoseconds: exact when the true value is an integer,
 * else its floor or ceiling (for results under 2^63 ns, i.e. 292 years);
 * saturates at UINT64_MAX. */
uint64_t tsc_to_ns(const struct tsc_conv *c, uint64_t ticks);
/* Returns ns in TSC ticks: exact when the true value is an integer, else its
 * floor or ceiling (for results under 2^63 ticks); saturates at UINT64_MAX. */
uint64_t ns_to_tsc(const struct tsc_conv *c, uint64_t ns);

/* Returns the LAPIC initial count for a one-shot of ns at a timer frequency of
 * lapic_hz, rounded up so it never fires early, clamped to 1..0xFFFFFFFF. */
uint64_t lapic_ticks_for_ns(uint64_t lapic_hz, uint64_t ns);
