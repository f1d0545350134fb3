// SPDX-License-Identifier: MIT
/* kernel/arch/x86_64/tsc_math.c: TSC frequency from CPUID and from a
 * reference clock, tick<->ns conversion accuracy and range, LAPIC counts.
 * Expected values are computed here with host 128-bit division. */
#include "harness.h"
#include "tsc_math.h"

typedef unsigned __int128 u128;

#define TEN_YEARS_S 315576000ull  /* 10 Julian years */
#define HZ_5GHZ 5000000000ull

static const uint64_t test_hz[] = {
	1000000000ull, 2500000000ull, 3700000000ull, 2592000000ull, HZ_5GHZ,
	14318180ull, 1193182ull, 1000ull, 999ull, 1001ull, 1ull,
};

static uint64_t rng_state = 0x2545f4914f6cdd1dull;

static uint64_t rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

/* Checks got is floor or ceil of x * num / den (exact if that is an integer),
 * allowing 2 above the floor past 2^63 and saturation past 2^64. */
static void check_scaled(uint64_t got, uint64_t x, uint64_t num, uint64_t den)
{
	u128 floor = (u128)x * num / den;
	bool inexact = (u128)x * num % den != 0;
	bool ok;

	if (floor > UINT64_MAX)
		ok = got == UINT64_MAX;
	else if (floor >= (u128)1 << 63)
		ok = got >= floor && got - floor <= 2;
	else
		ok = got == floor || (inexact && got == floor + 1);
	ck_assert_msg(ok, "x=%llu num=%llu den=%llu got=%llu floor=%llu",
		      (unsigned long long)x, (unsigned long long)num,
		      (unsigned long long)den, (unsigned long long)got,
		      (unsigned long long)floor);
}

START_TEST(cpuid15_skylake_24mhz_crystal_ratio_216_over_2_is_2592_mhz)
{
	ck_assert_uint_eq(tsc_freq_from_cpuid15(2, 216, 24000000, 2600), 2592000000ull);
	ck_assert_uint_eq(tsc_freq_from_cpuid15(3, 250, 25000000, 0), 2083333333ull);
}
END_TEST

START_TEST(cpuid15_without_crystal_uses_leaf16_base_mhz)
{
	ck_assert_uint_eq(tsc_freq_from_cpuid15(2, 216, 0, 3000), 3000000000ull);
	ck_assert_uint_eq(tsc_freq_from_cpuid15(2, 216, 0, 0), 0);
}
END_TEST

START_TEST(cpuid15_zero_ratio_is_unusable)
{
	ck_assert_uint_eq(tsc_freq_from_cpuid15(0, 216, 24000000, 3000), 0);
	ck_assert_uint_eq(tsc_freq_from_cpuid15(2, 0, 24000000, 3000), 0);
	ck_assert_uint_eq(tsc_freq_from_cpuid15(0, 0, 0, 0), 0);
}
END_TEST

START_TEST(reference_hpet_14318180_hz_calibrates_tsc)
{
	/* 100 ms of HPET at 14.31818 MHz while a 3 GHz TSC ran. */
	ck_assert_uint_eq(tsc_freq_from_reference(300000000, 1431818, 14318180), 3000000000ull);
	/* 10 ms window, TSC 2.592 GHz: 143181.8 HPET ticks, 143181 observed. */
	uint64_t hz = tsc_freq_from_reference(25920000, 143181, 14318180);
	ck_assert_uint_ge(hz, 2592000000ull);
	ck_assert_uint_le(hz, 2592000000ull + 20000);
	ck_assert_uint_eq(hz, (uint64_t)(((u128)25920000 * 14318180 + 143181 / 2) / 143181));
}
END_TEST

START_TEST(reference_pit_1193182_hz_calibrates_tsc)
{
	/* 50 ms of PIT = 59659.1 ticks; 2.5 GHz TSC ran 125000000 ticks. */
	uint64_t hz = tsc_freq_from_reference(125000000, 59659, 1193182);
	ck_assert_uint_eq(hz, (uint64_t)(((u128)125000000 * 1193182 + 59659 / 2) / 59659));
	ck_assert_uint_ge(hz, 2500000000ull);
	ck_assert_uint_le(hz, 2500000000ull + 50000);
	ck_assert_uint_eq(tsc_freq_from_reference(2500000000ull, 1193182, 1193182), 2500000000ull);
}
END_TEST

START_TEST(reference_large_deltas_do_not_overflow)
{
	/* tsc_delta * ref_hz exceeds 2^64: ten years at 5 GHz against the HPET. */
	uint64_t tsc = HZ_5GHZ * TEN_YEARS_S, ref = 14318180ull * TEN_YEARS_S;
	ck_assert_uint_eq(tsc_freq_from_reference(tsc, ref, 14318180), HZ_5GHZ);
	ck_assert_uint_eq(tsc_freq_from_reference(UINT64_MAX, UINT64_MAX, 1193182), 1193182);
}
END_TEST

START_TEST(reference_rounds_to_nearest_and_rejects_degenerate_input)
{
	ck_assert_uint_eq(tsc_freq_from_reference(3, 2, 1), 2);
	ck_assert_uint_eq(tsc_freq_from_reference(4, 3, 1), 1);
	ck_assert_uint_eq(tsc_freq_from_reference(5, 3, 1), 2);
	ck_assert_uint_eq(tsc_freq_from_reference(100, 0, 14318180), 0);
	ck_assert_uint_eq(tsc_freq_from_reference(100, 5, 0), 0);
	ck_assert_uint_eq(tsc_freq_from_reference(UINT64_MAX, 1, 2), 0);  /* > 64 bits */
}
END_TEST

START_TEST(tsc_to_ns_is_exact_floor_or_ceiling)
{
	struct tsc_conv c;
	for (size_t i = 0; i < ARRAY_SIZE(test_hz); i++) {
		uint64_t hz = test_hz[i];
		ck_assert(tsc_conv_init(&c, hz));
		uint64_t fixed[] = { 0, 1, hz - 1, hz, hz + 1, hz * 3600, hz * 86400 + 7 };
		for (size_t j = 0; j < ARRAY_SIZE(fixed); j++)
			check_scaled(tsc_to_ns(&c, fixed[j]), fixed[j], 1000000000ull, hz);
		for (int j = 0; j < 20000; j++) {
			uint64_t t = rng() % (HZ_5GHZ * TEN_YEARS_S);
			check_scaled(tsc_to_ns(&c, t), t, 1000000000ull, hz);
		}
	}
}
END_TEST

START_TEST(ns_to_tsc_is_exact_floor_or_ceiling)
{
	struct tsc_conv c;
	for (size_t i = 0; i < ARRAY_SIZE(test_hz); i++) {
		uint64_t hz = test_hz[i];
		tsc_conv_init(&c, hz);
		uint64_t fixed[] = { 0, 1, 999999999, 1000000000, 1000000001, 3600000000000ull };
		for (size_t j = 0; j < ARRAY_SIZE(fixed); j++)
			check_scaled(ns_to_tsc(&c, fixed[j]), fixed[j], hz, 1000000000ull);
		for (int j = 0; j < 20000; j++) {
			uint64_t ns = rng() % (TEN_YEARS_S * 1000000000ull);
			check_scaled(ns_to_tsc(&c, ns), ns, hz, 1000000000ull);
		}
	}
}
END_TEST

START_TEST(round_trip_at_ghz_rates_is_within_1ns_over_10_years)
{
	static const uint64_t ghz[] = { 1000000000ull, 2500000000ull, 3700000000ull, HZ_5GHZ };
	struct tsc_conv c;
	for (size_t i = 0; i < ARRAY_SIZE(ghz); i++) {
		tsc_conv_init(&c, ghz[i]);
		for (uint64_t s = 1; s <= TEN_YEARS_S; s = s * 3 + 1) {
			uint64_t ns = s * 1000000000ull + rng() % 1000000000ull;
			uint64_t back = tsc_to_ns(&c, ns_to_tsc(&c, ns));
			uint64_t err = back > ns ? back - ns : ns - back;
			ck_assert_uint_le(err, 1);  /* each step is off by under 1 unit */
		}
	}
}
END_TEST

START_TEST(round_trip_near_1khz_is_exact_or_off_by_one_tick)
{
	struct tsc_conv c;
	tsc_conv_init(&c, 1000);
	ck_assert_uint_eq(tsc_to_ns(&c, 1000), 1000000000ull);
	ck_assert_uint_eq(ns_to_tsc(&c, 1000000000ull), 1000);
	ck_assert_uint_eq(ns_to_tsc(&c, 999999), 0);
	ck_assert_uint_eq(ns_to_tsc(&c, 1000000), 1);
	for (uint64_t t = 0; t < 100000; t += 7)
		ck_assert_uint_eq(ns_to_tsc(&c, tsc_to_ns(&c, t)), t);
	tsc_conv_init(&c, 1001);
	for (uint64_t t = 0; t < 100000; t += 7) {
		uint64_t back = ns_to_tsc(&c, tsc_to_ns(&c, t));
		ck_assert(back + 1 >= t && back <= t + 1);
	}
}
END_TEST

START_TEST(ten_years_at_5ghz_converts_without_overflow)
{
	struct tsc_conv c;
	uint64_t ticks = HZ_5GHZ * TEN_YEARS_S;
	tsc_conv_init(&c, HZ_5GHZ);
	uint64_t ns = tsc_to_ns(&c, ticks);
	ck_assert_uint_eq(ns, TEN_YEARS_S * 1000000000ull);
	ck_assert_uint_eq(ns_to_tsc(&c, ns), ticks);
	/* a hundred times longer still fits */
	check_scaled(tsc_to_ns(&c, ticks * 10), ticks * 10, 1000000000ull, HZ_5GHZ);
}
END_TEST

START_TEST(conversions_saturate_instead_of_wrapping)
{
	struct tsc_conv c;
	tsc_conv_init(&c, 1000);
	ck_assert_uint_eq(tsc_to_ns(&c, UINT64_MAX), UINT64_MAX);
	ck_assert_uint_eq(tsc_to_ns(&c, UINT64_MAX / 1000000 + 1), UINT64_MAX);
	tsc_conv_init(&c, HZ_5GHZ);
	ck_assert_uint_eq(ns_to_tsc(&c, UINT64_MAX), UINT64_MAX);
	ck_assert_uint_eq(tsc_to_ns(&c, UINT64_MAX), UINT64_MAX / 5);
}
END_TEST

START_TEST(zero_frequency_conversion_yields_zero)
{
	struct tsc_conv c;
	ck_assert(!tsc_conv_init(&c, 0));
	ck_assert_uint_eq(tsc_to_ns(&c, 12345), 0);
	ck_assert_uint_eq(ns_to_tsc(&c, 12345), 0);
}
END_TEST

START_TEST(lapic_ticks_round_up_and_clamp_to_32_bits)
{
	ck_assert_uint_eq(lapic_ticks_for_ns(1000000000ull, 1000), 1000);
	ck_assert_uint_eq(lapic_ticks_for_ns(100000000ull, 1500), 150);
	ck_assert_uint_eq(lapic_ticks_for_ns(100000000ull, 1501), 151);
	ck_assert_uint_eq(lapic_ticks_for_ns(100000000ull, 0), 1);
	ck_assert_uint_eq(lapic_ticks_for_ns(3, 1), 1);
	ck_assert_uint_eq(lapic_ticks_for_ns(0, 1000000), 1);
	ck_assert_uint_eq(lapic_ticks_for_ns(1000000000ull, 0xFFFFFFFFull), 0xFFFFFFFFu);
	ck_assert_uint_eq(lapic_ticks_for_ns(1000000000ull, 0x100000000ull), 0xFFFFFFFFu);
	ck_assert_uint_eq(lapic_ticks_for_ns(UINT64_MAX, UINT64_MAX), 0xFFFFFFFFu);
}
END_TEST

UNIT_SUITE(tsc_suite)
static Suite *tsc_suite(void)
{
	Suite *s = suite_create("tsc");
	TCase *tc = tcase_create("tsc");
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, cpuid15_skylake_24mhz_crystal_ratio_216_over_2_is_2592_mhz);
	tcase_add_test(tc, cpuid15_without_crystal_uses_leaf16_base_mhz);
	tcase_add_test(tc, cpuid15_zero_ratio_is_unusable);
	tcase_add_test(tc, reference_hpet_14318180_hz_calibrates_tsc);
	tcase_add_test(tc, reference_pit_1193182_hz_calibrates_tsc);
	tcase_add_test(tc, reference_large_deltas_do_not_overflow);
	tcase_add_test(tc, reference_rounds_to_nearest_and_rejects_degenerate_input);
	tcase_add_test(tc, tsc_to_ns_is_exact_floor_or_ceiling);
	tcase_add_test(tc, ns_to_tsc_is_exact_floor_or_ceiling);
	tcase_add_test(tc, round_trip_at_ghz_rates_is_within_1ns_over_10_years);
	tcase_add_test(tc, round_trip_near_1khz_is_exact_or_off_by_one_tick);
	tcase_add_test(tc, ten_years_at_5ghz_converts_without_overflow);
	tcase_add_test(tc, conversions_saturate_instead_of_wrapping);
	tcase_add_test(tc, zero_frequency_conversion_yields_zero);
	tcase_add_test(tc, lapic_ticks_round_up_and_clamp_to_32_bits);
	suite_add_tcase(s, tc);
	return s;
}
