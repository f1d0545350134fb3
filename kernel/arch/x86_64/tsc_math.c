// SPDX-License-Identifier: MIT
/* TSC frequency, tick<->ns conversion and LAPIC counts. Products use unsigned
 * __int128 multiplication (inline on x86-64); the few divisions of a 128-bit
 * value are done by div128_64 below so no libgcc helper is needed. */
#include "tsc_math.h"

typedef unsigned __int128 u128;

/* Returns n / d for d != 0 when the quotient fits 64 bits (n >> 64 < d), by
 * shift-and-subtract over the low word; *rem gets the remainder. */
static uint64_t div128_64(u128 n, uint64_t d, uint64_t *rem)
{
	uint64_t hi = (uint64_t)(n >> 64), lo = (uint64_t)n, q = 0;

	for (int i = 63; i >= 0; i--) {
		bool carry = hi >> 63;
		hi = (hi << 1) | ((lo >> i) & 1);
		q <<= 1;
		if (carry || hi >= d) {
			hi -= d;
			q |= 1;
		}
	}
	*rem = hi;
	return q;
}

/* Returns a * b / d rounded down, or UINT64_MAX if it does not fit 64 bits;
 * *rem gets the remainder when it fits. Requires d != 0. */
static uint64_t mul_div(uint64_t a, uint64_t b, uint64_t d, uint64_t *rem)
{
	u128 p = (u128)a * b;

	if ((uint64_t)(p >> 64) >= d)
		return UINT64_MAX;
	return div128_64(p, d, rem);
}

/* Returns (x * mult) >> shift, saturated at UINT64_MAX. */
static uint64_t mul_shift(uint64_t x, uint64_t mult, uint32_t shift)
{
	u128 p = ((u128)x * mult) >> shift;

	return (p >> 64) ? UINT64_MAX : (uint64_t)p;
}

/* Picks the largest shift keeping num * 2^shift / den below 2^64, so the
 * multiplier is at least 2^63, and rounds the multiplier up: results are then
 * exact when the true value is an integer and never below its floor. Stores
 * the multiplier and returns the shift. Requires num, den != 0. */
static uint32_t pick_mult(uint64_t num, uint64_t den, uint64_t *mult)
{
	uint32_t shift = 0;
	uint64_t rem;

	while (shift < 127 && (uint64_t)(((u128)num << (shift + 1)) >> 64) < den &&
	       ((u128)num << (shift + 1)) >> (shift + 1) == num)
		shift++;
	*mult = div128_64((u128)num << shift, den, &rem);
	if (rem && *mult == UINT64_MAX)  /* rounding up would need bit 64 */
		*mult = div128_64((u128)num << --shift, den, &rem);
	if (rem)
		(*mult)++;
	return shift;
}

uint64_t tsc_freq_from_cpuid15(uint32_t eax_denominator, uint32_t ebx_numerator,
			       uint32_t ecx_crystal_hz, uint32_t cpuid16_eax_base_mhz)
{
	if (eax_denominator == 0 || ebx_numerator == 0)
		return 0;
	if (ecx_crystal_hz == 0)
		return (uint64_t)cpuid16_eax_base_mhz * 1000000u;
	return (uint64_t)ecx_crystal_hz * ebx_numerator / eax_denominator;
}

uint64_t tsc_freq_from_reference(uint64_t tsc_delta, uint64_t ref_delta, uint64_t ref_hz)
{
	uint64_t rem, hz;

	if (ref_delta == 0 || ref_hz == 0)
		return 0;
	hz = mul_div(tsc_delta, ref_hz, ref_delta, &rem);
	if (hz == UINT64_MAX)
		return 0;
	if (rem >= ref_delta - rem)  /* rem >= ref_delta / 2, without overflow */
		hz++;
	return hz;
}

bool tsc_conv_init(struct tsc_conv *c, uint64_t hz)
{
	c->hz = hz;
	if (hz == 0) {
		c->mult = c->inv_mult = 0;
		c->shift = c->inv_shift = 0;
		return false;
	}
	c->shift = pick_mult(TSC_NS_PER_SEC, hz, &c->mult);
	c->inv_shift = pick_mult(hz, TSC_NS_PER_SEC, &c->inv_mult);
	return true;
}

uint64_t tsc_to_ns(const struct tsc_conv *c, uint64_t ticks)
{
	return mul_shift(ticks, c->mult, c->shift);
}

uint64_t ns_to_tsc(const struct tsc_conv *c, uint64_t ns)
{
	return mul_shift(ns, c->inv_mult, c->inv_shift);
}

uint64_t lapic_ticks_for_ns(uint64_t lapic_hz, uint64_t ns)
{
	uint64_t rem = 0;
	uint64_t ticks = mul_div(ns, lapic_hz, TSC_NS_PER_SEC, &rem);

	if (ticks != UINT64_MAX && rem)
		ticks++;
	if (ticks > 0xFFFFFFFFu)
		return 0xFFFFFFFFu;
	return ticks ? ticks : 1;
}
