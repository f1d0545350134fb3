/* SPDX-License-Identifier: MIT */
/* Pure CMOS real-time-clock arithmetic: BCD and 12-hour decoding of the raw
 * registers (rtc_decode) and civil time to Unix seconds (rtc_to_unix). The
 * port I/O that reads the registers lives elsewhere. */
#pragma once
#include "lib/types.h"

#define RTC_REG_B_24H 0x02     /* status B: hours are 0..23, not 12-hour */
#define RTC_REG_B_BINARY 0x04  /* status B: values are binary, not BCD */
#define RTC_HOUR_PM 0x80       /* 12-hour mode: PM flag in the hours register */
#define RTC_YEAR_MIN 1970
#define RTC_YEAR_MAX 2199

enum rtc_error {
	RTC_OK = 0,
	RTC_EBCD = -1,    /* a register is not valid BCD */
	RTC_ERANGE = -2,  /* a field is out of range */
};

/* Raw CMOS registers as read; century is 0 when the machine has none. */
struct rtc_raw {
	uint8_t sec, min, hour, day, month, year, century, reg_b;
};

/* A decoded civil UTC time. */
struct rtc_time {
	int year, month, day, hour, min, sec;
};

/* Returns the binary value of a packed-BCD byte (no validation). */
uint8_t rtc_bcd_to_bin(uint8_t bcd);
/* Returns the days in month (1..12) of year, or 0 for a bad month. */
int rtc_days_in_month(int year, int month);
/* Returns seconds since 1970-01-01 00:00:00 UTC (proleptic Gregorian), or -1
 * if a field is out of range or year is outside RTC_YEAR_MIN..RTC_YEAR_MAX. */
int64_t rtc_to_unix(int year, int month, int day, int hour, int min, int sec);
/* Decodes raw into out (century 20 when raw->century is 0) and validates
 * every field; returns RTC_OK or a negative enum rtc_error. */
int rtc_decode(const struct rtc_raw *raw, struct rtc_time *out);
