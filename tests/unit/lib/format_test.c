// SPDX-License-Identifier: MIT
/* kernel/lib/format.c: the kernel's snprintf. */
#include <string.h>
#include "harness.h"
#include "lib/format.h"

static char buf[128];

START_TEST(formats_signed_and_unsigned_decimal)
{
	fmt_snprintf(buf, sizeof(buf), "%d %u %ld %i", -42, 42u, -9000000000l, 0);
	ck_assert_str_eq(buf, "-42 42 -9000000000 0");
}
END_TEST

START_TEST(formats_hex_with_zero_padding_and_width)
{
	fmt_snprintf(buf, sizeof(buf), "%016lx|%4x|%-4x|%X", 0xdeadbeefUL, 0xa, 0xb, 0xabc);
	ck_assert_str_eq(buf, "00000000deadbeef|   a|b   |ABC");
}
END_TEST

START_TEST(formats_strings_chars_and_pointers)
{
	fmt_snprintf(buf, sizeof(buf), "%s|%5s|%-5s|%c|%p|%s", "ab", "cd", "ef", 'x',
		     (void *)0x1000, (char *)NULL);
	ck_assert_str_eq(buf, "ab|   cd|ef   |x|0x1000|(null)");
}
END_TEST

START_TEST(truncates_and_returns_full_length)
{
	char small[6];
	int n = fmt_snprintf(small, sizeof(small), "hello world %d", 12);
	ck_assert_int_eq(n, 14);
	ck_assert_str_eq(small, "hello");
	ck_assert_int_eq(fmt_snprintf(NULL, 0, "%d", 12345), 5);
}
END_TEST

START_TEST(negative_zero_padded_keeps_sign_first)
{
	fmt_snprintf(buf, sizeof(buf), "%05d|%zu|%%", -42, (size_t)7);
	ck_assert_str_eq(buf, "-0042|7|%");
}
END_TEST

UNIT_SUITE(format_suite)
static Suite *format_suite(void)
{
	Suite *s = suite_create("format");
	TCase *tc = tcase_create("format");
	tcase_add_test(tc, formats_signed_and_unsigned_decimal);
	tcase_add_test(tc, formats_hex_with_zero_padding_and_width);
	tcase_add_test(tc, formats_strings_chars_and_pointers);
	tcase_add_test(tc, truncates_and_returns_full_length);
	tcase_add_test(tc, negative_zero_padded_keeps_sign_first);
	suite_add_tcase(s, tc);
	return s;
}
