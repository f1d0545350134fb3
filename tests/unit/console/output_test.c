// SPDX-License-Identifier: MIT
/* servers/console/con_output.c: output processing of written data. */
#include <string.h>
#include "harness.h"
#include "con_fixture.h"

static long wr(const char *s)
{
	return con_write(&tty, (const uint8_t *)s, strlen(s));
}

START_TEST(write_maps_nl_to_crnl_with_onlcr)
{
	ck_assert_int_eq(wr("a\nb\n"), 4);
	ck_assert_str_eq(out, "a\r\nb\r\n");
}
END_TEST

START_TEST(write_without_opost_is_passed_unchanged)
{
	tty.termios.c_oflag &= ~CON_OPOST;
	ck_assert_int_eq(wr("a\nb\t"), 4);
	ck_assert_str_eq(out, "a\nb\t");
}
END_TEST

START_TEST(write_without_onlcr_keeps_bare_newlines)
{
	tty.termios.c_oflag = CON_OPOST;
	wr("a\nb");
	ck_assert_str_eq(out, "a\nb");
}
END_TEST

START_TEST(write_expands_tabs_with_xtabs)
{
	tty.termios.c_oflag |= CON_XTABS;
	wr("ab\tc\t");
	ck_assert_str_eq(out, "ab      c       ");
	ck_assert_uint_eq(tty.column, 16);
}
END_TEST

START_TEST(write_maps_cr_with_ocrnl_and_drops_it_at_column_zero_with_onocr)
{
	tty.termios.c_oflag = CON_OPOST | CON_OCRNL;
	wr("a\r");
	ck_assert_str_eq(out, "a\n");
	ck_assert_uint_eq(tty.column, 1); /* without ONLRET '\n' keeps the column */
	out_clear();
	tty.termios.c_oflag = CON_OPOST | CON_ONOCR;
	wr("\r\r");
	ck_assert_str_eq(out, "\r");
	ck_assert_uint_eq(tty.column, 0);
}
END_TEST

START_TEST(write_tracks_the_column)
{
	tty.termios.c_iflag |= CON_IUTF8;
	wr("ab\xc3\xa9");
	ck_assert_uint_eq(tty.column, 3);
	wr("\b");
	ck_assert_uint_eq(tty.column, 2);
	wr("\r");
	ck_assert_uint_eq(tty.column, 0);
}
END_TEST

UNIT_SUITE(output_suite)
static Suite *output_suite(void)
{
	Suite *s = suite_create("output");
	TCase *tc = tcase_create("output");
	tcase_add_checked_fixture(tc, con_fixture_setup, NULL);
	tcase_add_test(tc, write_maps_nl_to_crnl_with_onlcr);
	tcase_add_test(tc, write_without_opost_is_passed_unchanged);
	tcase_add_test(tc, write_without_onlcr_keeps_bare_newlines);
	tcase_add_test(tc, write_expands_tabs_with_xtabs);
	tcase_add_test(tc, write_maps_cr_with_ocrnl_and_drops_it_at_column_zero_with_onocr);
	tcase_add_test(tc, write_tracks_the_column);
	suite_add_tcase(s, tc);
	return s;
}
