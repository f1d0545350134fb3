// SPDX-License-Identifier: MIT
/* CMOS RTC decoding and civil-to-Unix time; days_from_civil follows Howard
 * Hinnant's algorithm with eras of 400 years starting on March 1st. */
#include "lib/rtc_math.h"

uint8_t rtc_bcd_to_bin(uint8_t bcd)
{
	return (uint8_t)((bcd >> 4) * 10 + (bcd & 0x0F));
}

static bool is_leap(int year)
{
	return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int rtc_days_in_month(int year, int month)
{
	static const uint8_t days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (month < 1 || month > 12)
		return 0;
	if (month == 2 && is_leap(year))
		return 29;
	return days[month - 1];
}

/* Returns whether the fields name a real time in the supported years. */
static bool civil_valid(int year, int month, int day, int hour, int min, int sec)
{
	if (year < RTC_YEAR_MIN || year > RTC_YEAR_MAX)
		return false;
	if (day < 1 || day > rtc_days_in_month(year, month))
		return false;
	return hour >= 0 && hour < 24 && min >= 0 && min < 60 && sec >= 0 && sec < 60;
}

/* Returns days since 1970-01-01; requires year >= 1 so no division is negative. */
static int64_t days_from_civil(int year, int month, int day)
{
	int y = month <= 2 ? year - 1 : year;
	int era = y / 400;
	int yoe = y - era * 400;                                   /* 0..399 */
	int doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
	int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;           /* 0..146096 */

	return (int64_t)era * 146097 + doe - 719468;
}

int64_t rtc_to_unix(int year, int month, int day, int hour, int min, int sec)
{
	if (!civil_valid(year, month, day, hour, min, sec))
		return -1;
	return days_from_civil(year, month, day) * 86400 + hour * 3600 + min * 60 + sec;
}

/* Decodes one register into *out: BCD unless binary; false on bad BCD digits. */
static bool decode_field(uint8_t v, bool binary, int *out)
{
	if (!binary && ((v & 0x0F) > 9 || (v >> 4) > 9))
		return false;
	*out = binary ? v : rtc_bcd_to_bin(v);
	return true;
}

/* Decodes the hours register, converting 12-hour mode to 0..23. */
static int decode_hour(uint8_t v, uint8_t reg_b, int *out)
{
	bool binary = reg_b & RTC_REG_B_BINARY;
	bool pm = v & RTC_HOUR_PM;

	if (reg_b & RTC_REG_B_24H)
		return decode_field(v, binary, out) ? RTC_OK : RTC_EBCD;
	if (!decode_field(v & ~RTC_HOUR_PM, binary, out))
		return RTC_EBCD;
	if (*out < 1 || *out > 12)
		return RTC_ERANGE;
	*out = *out % 12 + (pm ? 12 : 0);
	return RTC_OK;
}

int rtc_decode(const struct rtc_raw *raw, struct rtc_time *out)
{
	bool bin = raw->reg_b & RTC_REG_B_BINARY;
	int year, century = 20, err;

	if (!decode_field(raw->sec, bin, &out->sec) || !decode_field(raw->min, bin, &out->min) ||
	    !decode_field(raw->day, bin, &out->day) || !decode_field(raw->month, bin, &out->month) ||
	    !decode_field(raw->year, bin, &year))
		return RTC_EBCD;
	if (raw->century && !decode_field(raw->century, bin, &century))
		return RTC_EBCD;
	err = decode_hour(raw->hour, raw->reg_b, &out->hour);
	if (err)
		return err;
	if (year > 99)
		return RTC_ERANGE;
	out->year = century * 100 + year;
	if (!civil_valid(out->year, out->month, out->day, out->hour, out->min, out->sec))
		return RTC_ERANGE;
	return RTC_OK;
}
