// SPDX-License-Identifier: MIT
/* kernel/lib/rtc_math.c: civil time to Unix seconds, BCD and 12-hour CMOS
 * decoding, and rejection of nonsense register values. */
#include "harness.h"
#include "lib/rtc_math.h"

#define BCD_24H RTC_REG_B_24H
#define BCD_12H 0x00
#define BIN_24H (RTC_REG_B_24H | RTC_REG_B_BINARY)
#define BIN_12H RTC_REG_B_BINARY

static struct rtc_time tm;

/* Decodes raw into tm and returns the Unix time, failing the test on error. */
static int64_t decode_unix(struct rtc_raw raw)
{
	ck_assert_int_eq(rtc_decode(&raw, &tm), RTC_OK);
	return rtc_to_unix(tm.year, tm.month, tm.day, tm.hour, tm.min, tm.sec);
}

START_TEST(known_dates_convert_to_unix_seconds)
{
	ck_assert_int_eq(rtc_to_unix(1970, 1, 1, 0, 0, 0), 0);
	ck_assert_int_eq(rtc_to_unix(1999, 12, 31, 23, 59, 59), 946684799);
	ck_assert_int_eq(rtc_to_unix(2000, 2, 29, 0, 0, 0), 951782400);
	ck_assert_int_eq(rtc_to_unix(2038, 1, 19, 3, 14, 8), 2147483648ll);
	ck_assert_int_eq(rtc_to_unix(2026, 11, 25, 0, 0, 0), 1795564800);
	ck_assert_int_eq(rtc_to_unix(2026, 11, 25, 13, 45, 30), 1795614330);
	ck_assert_int_eq(rtc_to_unix(2100, 3, 1, 0, 0, 0), 4107542400ll);
	ck_assert_int_eq(rtc_to_unix(2199, 12, 31, 23, 59, 59), 7258118399ll);
}
END_TEST

START_TEST(invalid_civil_times_return_minus_one)
{
	ck_assert_int_eq(rtc_to_unix(2001, 2, 29, 0, 0, 0), -1);
	ck_assert_int_eq(rtc_to_unix(2100, 2, 29, 0, 0, 0), -1);  /* not a leap year */
	ck_assert_int_eq(rtc_to_unix(1969, 12, 31, 23, 59, 59), -1);
	ck_assert_int_eq(rtc_to_unix(2200, 1, 1, 0, 0, 0), -1);
	ck_assert_int_eq(rtc_to_unix(2020, 13, 1, 0, 0, 0), -1);
	ck_assert_int_eq(rtc_to_unix(2020, 0, 1, 0, 0, 0), -1);
	ck_assert_int_eq(rtc_to_unix(2020, 4, 31, 0, 0, 0), -1);
	ck_assert_int_eq(rtc_to_unix(2020, 1, 0, 0, 0, 0), -1);
	ck_assert_int_eq(rtc_to_unix(2020, 1, 1, 24, 0, 0), -1);
	ck_assert_int_eq(rtc_to_unix(2020, 1, 1, 0, 60, 0), -1);
	ck_assert_int_eq(rtc_to_unix(2020, 1, 1, 0, 0, 60), -1);
	ck_assert_int_eq(rtc_to_unix(2020, 1, 1, -1, 0, 0), -1);
}
END_TEST

START_TEST(bcd_bytes_convert_to_binary)
{
	ck_assert_uint_eq(rtc_bcd_to_bin(0x00), 0);
	ck_assert_uint_eq(rtc_bcd_to_bin(0x09), 9);
	ck_assert_uint_eq(rtc_bcd_to_bin(0x10), 10);
	ck_assert_uint_eq(rtc_bcd_to_bin(0x59), 59);
	ck_assert_uint_eq(rtc_bcd_to_bin(0x99), 99);
}
END_TEST

START_TEST(decodes_bcd_24_hour_registers_with_century)
{
	struct rtc_raw raw = { .sec = 0x08, .min = 0x14, .hour = 0x03, .day = 0x19,
			       .month = 0x01, .year = 0x38, .century = 0x20, .reg_b = BCD_24H };
	ck_assert_int_eq(decode_unix(raw), 2147483648ll);
	ck_assert_int_eq(tm.year, 2038);
	ck_assert_int_eq(tm.month, 1);
	ck_assert_int_eq(tm.day, 19);
	ck_assert_int_eq(tm.hour, 3);
	ck_assert_int_eq(tm.min, 14);
	ck_assert_int_eq(tm.sec, 8);
}
END_TEST

START_TEST(decodes_binary_registers)
{
	struct rtc_raw raw = { .sec = 30, .min = 45, .hour = 13, .day = 25,
			       .month = 11, .year = 26, .century = 20, .reg_b = BIN_24H };
	ck_assert_int_eq(decode_unix(raw), 1795614330);
}
END_TEST

START_TEST(missing_century_defaults_to_20)
{
	struct rtc_raw raw = { .sec = 0x00, .min = 0x00, .hour = 0x00, .day = 0x29,
			       .month = 0x02, .year = 0x00, .century = 0, .reg_b = BCD_24H };
	ck_assert_int_eq(decode_unix(raw), 951782400);
	ck_assert_int_eq(tm.year, 2000);
	raw = (struct rtc_raw){ .sec = 0x59, .min = 0x59, .hour = 0x23, .day = 0x31,
				.month = 0x12, .year = 0x99, .century = 0x19, .reg_b = BCD_24H };
	ck_assert_int_eq(decode_unix(raw), 946684799);
}
END_TEST

/* Returns the decoded hour of a 12-hour-mode hours register. */
static int hour_12(uint8_t hour, uint8_t reg_b)
{
	struct rtc_raw raw = { .sec = 0, .min = 0, .hour = hour, .day = 1,
			       .month = 1, .year = 0x09, .century = 0, .reg_b = reg_b };
	ck_assert_int_eq(rtc_decode(&raw, &tm), RTC_OK);
	return tm.hour;
}

START_TEST(twelve_hour_mode_converts_am_pm_to_24_hours)
{
	ck_assert_int_eq(hour_12(0x12, BCD_12H), 0);   /* 12 AM is midnight */
	ck_assert_int_eq(hour_12(0x01, BCD_12H), 1);
	ck_assert_int_eq(hour_12(0x11, BCD_12H), 11);
	ck_assert_int_eq(hour_12(0x92, BCD_12H), 12);  /* 12 PM is noon */
	ck_assert_int_eq(hour_12(0x81, BCD_12H), 13);
	ck_assert_int_eq(hour_12(0x91, BCD_12H), 23);
	ck_assert_int_eq(hour_12(12, BIN_12H), 0);
	ck_assert_int_eq(hour_12(0x80 | 12, BIN_12H), 12);
	ck_assert_int_eq(hour_12(0x80 | 11, BIN_12H), 23);
}
END_TEST

/* Returns rtc_decode's result for a valid time with one register replaced. */
static int decode_with(size_t offset, uint8_t value, uint8_t reg_b)
{
	struct rtc_raw raw = { .sec = 0x30, .min = 0x30, .hour = 0x10, .day = 0x15,
			       .month = 0x06, .year = 0x26, .century = 0x20, .reg_b = reg_b };
	((uint8_t *)&raw)[offset] = value;
	return rtc_decode(&raw, &tm);
}

#define FIELD(f) offsetof(struct rtc_raw, f)

START_TEST(invalid_register_values_are_rejected)
{
	ck_assert_int_eq(decode_with(FIELD(sec), 0x10, BCD_24H), RTC_OK);
	ck_assert_int_eq(decode_with(FIELD(sec), 0x5A, BCD_24H), RTC_EBCD);
	ck_assert_int_eq(decode_with(FIELD(min), 0xA0, BCD_24H), RTC_EBCD);
	ck_assert_int_eq(decode_with(FIELD(century), 0x2F, BCD_24H), RTC_EBCD);
	ck_assert_int_eq(decode_with(FIELD(sec), 0x60, BCD_24H), RTC_ERANGE);
	ck_assert_int_eq(decode_with(FIELD(min), 60, BIN_24H), RTC_ERANGE);
	ck_assert_int_eq(decode_with(FIELD(hour), 0x24, BCD_24H), RTC_ERANGE);
	ck_assert_int_lt(decode_with(FIELD(hour), 0x83, BCD_24H), 0);  /* PM flag in 24h */
	ck_assert_int_eq(decode_with(FIELD(hour), 0x00, BCD_12H), RTC_ERANGE);
	ck_assert_int_eq(decode_with(FIELD(hour), 0x13, BCD_12H), RTC_ERANGE);
	ck_assert_int_eq(decode_with(FIELD(hour), 0x80, BCD_12H), RTC_ERANGE);
	ck_assert_int_eq(decode_with(FIELD(month), 0x00, BCD_24H), RTC_ERANGE);
	ck_assert_int_eq(decode_with(FIELD(month), 0x13, BCD_24H), RTC_ERANGE);
	ck_assert_int_eq(decode_with(FIELD(day), 0x00, BCD_24H), RTC_ERANGE);
	ck_assert_int_eq(decode_with(FIELD(day), 0x31, BCD_24H), RTC_ERANGE);  /* June 31 */
	ck_assert_int_eq(decode_with(FIELD(year), 100, BIN_24H), RTC_ERANGE);
	ck_assert_int_eq(decode_with(FIELD(century), 0x22, BCD_24H), RTC_ERANGE);
	ck_assert_int_eq(decode_with(FIELD(century), 0x19, BCD_24H), RTC_ERANGE);  /* 1926 */
}
END_TEST

START_TEST(february_29_is_valid_only_in_leap_years)
{
	struct rtc_raw raw = { .day = 0x29, .month = 0x02, .year = 0x24, .reg_b = BCD_24H };
	ck_assert_int_eq(rtc_decode(&raw, &tm), RTC_OK);
	raw.year = 0x26;
	ck_assert_int_eq(rtc_decode(&raw, &tm), RTC_ERANGE);
	raw.year = 0x00;
	raw.century = 0x21;  /* 2100 */
	ck_assert_int_eq(rtc_decode(&raw, &tm), RTC_ERANGE);
	ck_assert_int_eq(rtc_days_in_month(2000, 2), 29);
	ck_assert_int_eq(rtc_days_in_month(1900, 2), 28);
	ck_assert_int_eq(rtc_days_in_month(2024, 13), 0);
}
END_TEST

UNIT_SUITE(rtc_suite)
static Suite *rtc_suite(void)
{
	Suite *s = suite_create("rtc");
	TCase *tc = tcase_create("rtc");
	tcase_add_test(tc, known_dates_convert_to_unix_seconds);
	tcase_add_test(tc, invalid_civil_times_return_minus_one);
	tcase_add_test(tc, bcd_bytes_convert_to_binary);
	tcase_add_test(tc, decodes_bcd_24_hour_registers_with_century);
	tcase_add_test(tc, decodes_binary_registers);
	tcase_add_test(tc, missing_century_defaults_to_20);
	tcase_add_test(tc, twelve_hour_mode_converts_am_pm_to_24_hours);
	tcase_add_test(tc, invalid_register_values_are_rejected);
	tcase_add_test(tc, february_29_is_valid_only_in_leap_years);
	suite_add_tcase(s, tc);
	return s;
}
