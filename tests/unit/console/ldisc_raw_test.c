// SPDX-License-Identifier: MIT
/* servers/console/con_ldisc.c in non-canonical mode: VMIN/VTIME reads,
 * input mapping and signals without ICANON, and switching modes with input
 * pending. */
#include <string.h>
#include "harness.h"
#include "con_fixture.h"

static long r;

START_TEST(raw_read_returns_bytes_immediately)
{
	make_raw(1, 0);
	type("x\x7f");
	ck_assert_str_eq(read_str(100, &r), "x\x7f");
	ck_assert_int_eq(out_len, 0);
}
END_TEST

START_TEST(raw_read_waits_for_vmin_bytes)
{
	make_raw(3, 0);
	type("ab");
	ck_assert(!con_read_ready(&tty, 100));
	read_str(100, &r);
	ck_assert_int_eq(r, CON_WOULD_BLOCK);
	type("cd");
	ck_assert_str_eq(read_str(100, &r), "abcd");
}
END_TEST

START_TEST(raw_read_smaller_than_vmin_needs_only_its_size)
{
	make_raw(5, 0);
	type("ab");
	ck_assert_str_eq(read_str(2, &r), "ab");
}
END_TEST

START_TEST(raw_vmin_zero_vtime_zero_returns_zero_when_empty)
{
	make_raw(0, 0);
	read_str(100, &r);
	ck_assert_int_eq(r, 0);
	ck_assert_uint_eq(con_read_timer(&tty), 0);
}
END_TEST

START_TEST(raw_vmin_zero_vtime_waits_then_expires_with_zero)
{
	make_raw(0, 5);
	read_str(100, &r);
	ck_assert_int_eq(r, CON_WOULD_BLOCK);
	ck_assert_uint_eq(con_read_timer(&tty), 5);
	uint8_t buf[8];
	ck_assert_int_eq(con_read_expired(&tty, buf, sizeof(buf)), 0);
	type("z");
	ck_assert_str_eq(read_str(100, &r), "z");
}
END_TEST

START_TEST(raw_vmin_vtime_arms_the_timer_after_the_first_byte)
{
	make_raw(4, 3);
	ck_assert_uint_eq(con_read_timer(&tty), 0);
	type("a");
	ck_assert_uint_eq(con_read_timer(&tty), 3);
	read_str(100, &r);
	ck_assert_int_eq(r, CON_WOULD_BLOCK);
	uint8_t buf[8];
	ck_assert_int_eq(con_read_expired(&tty, buf, sizeof(buf)), 1);
	ck_assert_int_eq(buf[0], 'a');
}
END_TEST

START_TEST(raw_mode_still_raises_signals)
{
	make_raw(1, 0);
	tty.pgrp = 7;
	type("ab\x03");
	ck_assert_int_eq(ev.signal, CON_SIGINT);
	ck_assert_int_eq(ev.pgrp, 7);
	ck_assert_uint_eq(con_input_pending(&tty), 0);
}
END_TEST

START_TEST(raw_mode_maps_cr_and_nl_per_iflag)
{
	make_raw(1, 0);
	tty.termios.c_iflag = CON_ICRNL | CON_INLCR;
	type("\r\n");
	ck_assert_str_eq(read_str(100, &r), "\n\r");
}
END_TEST

START_TEST(raw_echo_shows_newline_as_newline)
{
	make_raw(1, 0);
	tty.termios.c_lflag |= CON_ECHO;
	type("a\x01\n");
	ck_assert_str_eq(out, "a^A\r\n");
}
END_TEST

START_TEST(raw_queue_bound_drops_excess)
{
	static char buf[5001];
	make_raw(1, 0);
	memset(buf, 'q', 5000);
	type(buf);
	ck_assert_uint_eq(ev.dropped, 5000 - CON_INPUT_MAX);
	ck_assert_uint_eq(con_input_pending(&tty), CON_INPUT_MAX);
	read_str(CON_INPUT_MAX, &r);
	ck_assert_int_eq(r, CON_INPUT_MAX);
}
END_TEST

START_TEST(switching_to_raw_makes_the_edit_line_readable)
{
	type("abc");
	make_raw(1, 0);
	ck_assert_str_eq(read_str(100, &r), "abc");
}
END_TEST

START_TEST(switching_to_canonical_makes_pending_bytes_one_line)
{
	make_raw(1, 0);
	type("xy");
	struct con_termios t = tty.termios;
	t.c_lflag |= CON_ICANON;
	con_set_termios(&tty, &t);
	ck_assert_str_eq(read_str(100, &r), "xy");
	read_str(100, &r);
	ck_assert_int_eq(r, CON_WOULD_BLOCK);
}
END_TEST

UNIT_SUITE(ldisc_raw_suite)
static Suite *ldisc_raw_suite(void)
{
	Suite *s = suite_create("ldisc_raw");
	TCase *tc = tcase_create("ldisc_raw");
	tcase_add_checked_fixture(tc, con_fixture_setup, NULL);
	tcase_add_test(tc, raw_read_returns_bytes_immediately);
	tcase_add_test(tc, raw_read_waits_for_vmin_bytes);
	tcase_add_test(tc, raw_read_smaller_than_vmin_needs_only_its_size);
	tcase_add_test(tc, raw_vmin_zero_vtime_zero_returns_zero_when_empty);
	tcase_add_test(tc, raw_vmin_zero_vtime_waits_then_expires_with_zero);
	tcase_add_test(tc, raw_vmin_vtime_arms_the_timer_after_the_first_byte);
	tcase_add_test(tc, raw_mode_still_raises_signals);
	tcase_add_test(tc, raw_mode_maps_cr_and_nl_per_iflag);
	tcase_add_test(tc, raw_echo_shows_newline_as_newline);
	tcase_add_test(tc, raw_queue_bound_drops_excess);
	tcase_add_test(tc, switching_to_raw_makes_the_edit_line_readable);
	tcase_add_test(tc, switching_to_canonical_makes_pending_bytes_one_line);
	suite_add_tcase(s, tc);
	return s;
}
