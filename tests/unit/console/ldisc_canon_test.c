// SPDX-License-Identifier: MIT
/* servers/console/con_ldisc.c in canonical mode: line assembly, editing
 * (erase, kill, word erase, literal next), VEOF, signal characters, CR/NL
 * mapping, echo, flow control and the input queue bound. */
#include <string.h>
#include "harness.h"
#include "con_fixture.h"

static long r;

START_TEST(canonical_line_is_returned_with_newline)
{
	type("hello\n");
	ck_assert_str_eq(read_str(100, &r), "hello\n");
	ck_assert_int_eq(r, 6);
	ck_assert_str_eq(out, "hello\r\n");
}
END_TEST

START_TEST(read_would_block_until_line_is_complete)
{
	type("hel");
	ck_assert(!con_read_ready(&tty, 100));
	read_str(100, &r);
	ck_assert_int_eq(r, CON_WOULD_BLOCK);
	type("lo\n");
	ck_assert(con_read_ready(&tty, 100));
	ck_assert_str_eq(read_str(100, &r), "hello\n");
}
END_TEST

START_TEST(each_read_returns_one_line)
{
	type("one\ntwo\n");
	ck_assert_str_eq(read_str(100, &r), "one\n");
	ck_assert_str_eq(read_str(100, &r), "two\n");
	read_str(100, &r);
	ck_assert_int_eq(r, CON_WOULD_BLOCK);
}
END_TEST

START_TEST(long_line_is_read_in_pieces)
{
	type("abcdef\n");
	ck_assert_str_eq(read_str(4, &r), "abcd");
	ck_assert_str_eq(read_str(100, &r), "ef\n");
}
END_TEST

START_TEST(erase_removes_last_char_and_echoes_rubout)
{
	type("abc\x7f" "d\n");
	ck_assert_str_eq(out, "abc\b \bd\r\n");
	ck_assert_str_eq(read_str(100, &r), "abd\n");
}
END_TEST

START_TEST(ctrl_h_also_erases)
{
	type("ab\bc\n");
	ck_assert_str_eq(read_str(100, &r), "ac\n");
}
END_TEST

START_TEST(erase_on_empty_line_does_nothing)
{
	type("\x7f\x7f");
	ck_assert_int_eq(out_len, 0);
	type("x\n");
	ck_assert_str_eq(read_str(100, &r), "x\n");
}
END_TEST

START_TEST(erase_of_control_char_rubs_out_its_caret_form)
{
	type("a\x01");
	ck_assert_str_eq(out, "a^A");
	out_clear();
	type("\x7f");
	ck_assert_str_eq(out, "\b \b\b \b");
}
END_TEST

START_TEST(erase_of_tab_backs_up_to_where_it_started)
{
	type("ab\t");
	ck_assert_str_eq(out, "ab\t");
	out_clear();
	type("\x7f");
	ck_assert_str_eq(out, "\b\b\b\b\b\b");
	ck_assert_int_eq(tty.column, 2);
}
END_TEST

START_TEST(erase_under_iutf8_removes_whole_character)
{
	tty.termios.c_iflag |= CON_IUTF8;
	type("x\xc3\xa9\x7f\n");
	ck_assert_str_eq(out, "x\xc3\xa9\b \b\r\n");
	ck_assert_str_eq(read_str(100, &r), "x\n");
}
END_TEST

START_TEST(kill_erases_the_whole_line)
{
	type("abc\x15");
	ck_assert_str_eq(out, "abc\b \b\b \b\b \b");
	type("x\n");
	ck_assert_str_eq(read_str(100, &r), "x\n");
}
END_TEST

START_TEST(kill_without_echoke_echoes_kill_char_and_newline)
{
	tty.termios.c_lflag &= ~CON_ECHOKE;
	type("abc\x15");
	ck_assert_str_eq(out, "abc^U\r\n");
	type("x\n");
	ck_assert_str_eq(read_str(100, &r), "x\n");
}
END_TEST

START_TEST(werase_erases_the_last_word_and_trailing_blanks)
{
	type("foo bar  \x17" "baz\n");
	ck_assert_str_eq(read_str(100, &r), "foo baz\n");
	type("foo-bar\x17\n");
	ck_assert_str_eq(read_str(100, &r), "foo-\n");
}
END_TEST

START_TEST(eof_on_empty_line_reads_as_end_of_file)
{
	type("\x04");
	ck_assert(con_read_ready(&tty, 100));
	read_str(100, &r);
	ck_assert_int_eq(r, 0);
	read_str(100, &r);
	ck_assert_int_eq(r, CON_WOULD_BLOCK);
	ck_assert_int_eq(out_len, 0);
}
END_TEST

START_TEST(eof_on_partial_line_completes_it_without_the_eof_char)
{
	type("abc\x04");
	ck_assert_str_eq(out, "abc");
	ck_assert_str_eq(read_str(100, &r), "abc");
	ck_assert_int_eq(r, 3);
	read_str(100, &r);
	ck_assert_int_eq(r, CON_WOULD_BLOCK);
}
END_TEST

START_TEST(eof_right_after_a_partly_read_line_is_not_a_second_eof)
{
	type("abcd\x04");
	ck_assert_str_eq(read_str(2, &r), "ab");
	ck_assert_str_eq(read_str(2, &r), "cd");
	read_str(100, &r);
	ck_assert_int_eq(r, CON_WOULD_BLOCK);
}
END_TEST

START_TEST(intr_discards_line_echoes_and_reports_sigint)
{
	tty.pgrp = 42;
	type("abc\x03");
	ck_assert_int_eq(ev.signal, CON_SIGINT);
	ck_assert_uint_eq(ev.sigmask, 1u << CON_SIGINT);
	ck_assert_int_eq(ev.pgrp, 42);
	ck_assert_str_eq(out, "abc^C");
	read_str(100, &r);
	ck_assert_int_eq(r, CON_WOULD_BLOCK);
	type("x\n");
	ck_assert_int_eq(ev.signal, 0);
	ck_assert_str_eq(read_str(100, &r), "x\n");
}
END_TEST

START_TEST(quit_and_susp_report_sigquit_and_sigtstp)
{
	type("\x1c");
	ck_assert_int_eq(ev.signal, CON_SIGQUIT);
	ck_assert_str_eq(out, "^\\");
	type("\x1c\x1a");
	ck_assert_int_eq(ev.signal, CON_SIGTSTP);
	ck_assert_uint_eq(ev.sigmask, (1u << CON_SIGQUIT) | (1u << CON_SIGTSTP));
}
END_TEST

START_TEST(noflsh_keeps_the_line_on_a_signal)
{
	tty.termios.c_lflag |= CON_NOFLSH;
	type("ab\x03" "c\n");
	ck_assert_int_eq(ev.signal, CON_SIGINT);
	ck_assert_str_eq(read_str(100, &r), "abc\n");
}
END_TEST

START_TEST(without_isig_intr_is_data)
{
	tty.termios.c_lflag &= ~CON_ISIG;
	type("\x03\n");
	ck_assert_int_eq(ev.signal, 0);
	ck_assert_str_eq(read_str(100, &r), "\x03\n");
}
END_TEST

START_TEST(lnext_makes_the_next_char_literal)
{
	type("\x16\x03\n");
	ck_assert_int_eq(ev.signal, 0);
	ck_assert_str_eq(out, "^\b^C\r\n");
	ck_assert_str_eq(read_str(100, &r), "\x03\n");
}
END_TEST

START_TEST(cr_is_mapped_to_nl_with_icrnl)
{
	type("ab\r");
	ck_assert_str_eq(out, "ab\r\n");
	ck_assert_str_eq(read_str(100, &r), "ab\n");
}
END_TEST

START_TEST(igncr_drops_cr)
{
	tty.termios.c_iflag |= CON_IGNCR;
	type("a\rb\n");
	ck_assert_str_eq(read_str(100, &r), "ab\n");
}
END_TEST

START_TEST(without_icrnl_cr_does_not_end_the_line)
{
	tty.termios.c_iflag &= ~CON_ICRNL;
	type("a\r");
	read_str(100, &r);
	ck_assert_int_eq(r, CON_WOULD_BLOCK);
	type("\n");
	ck_assert_str_eq(read_str(100, &r), "a\r\n");
}
END_TEST

START_TEST(echo_off_echoes_nothing)
{
	tty.termios.c_lflag &= ~CON_ECHO;
	type("secret\x7f\x15pw\n");
	ck_assert_int_eq(out_len, 0);
	ck_assert_str_eq(read_str(100, &r), "pw\n");
}
END_TEST

START_TEST(echonl_echoes_only_the_newline)
{
	tty.termios.c_lflag = (tty.termios.c_lflag & ~CON_ECHO) | CON_ECHONL;
	type("pw\n");
	ck_assert_str_eq(out, "\r\n");
}
END_TEST

START_TEST(reprint_echoes_the_line_again)
{
	type("ab\x12");
	ck_assert_str_eq(out, "ab^R\r\nab");
}
END_TEST

START_TEST(stop_char_blocks_writes_until_start_char)
{
	type("\x13");
	ck_assert(!con_write_ready(&tty));
	ck_assert_int_eq(con_write(&tty, (const uint8_t *)"x", 1), CON_WOULD_BLOCK);
	type("\x11");
	ck_assert(con_write_ready(&tty));
	ck_assert_int_eq(con_write(&tty, (const uint8_t *)"x", 1), 1);
	read_str(100, &r);
	ck_assert_int_eq(r, CON_WOULD_BLOCK); /* neither was queued */
}
END_TEST

START_TEST(full_queue_drops_excess_but_still_takes_the_newline)
{
	static char line[5001];
	memset(line, 'a', 5000);
	type(line);
	ck_assert_uint_eq(ev.dropped, 5000 - (CON_INPUT_MAX - 1));
	ck_assert_uint_eq(out_len, CON_INPUT_MAX - 1);
	type("\n");
	ck_assert_uint_eq(ev.dropped, 0);
	const char *s = read_str(CON_INPUT_MAX, &r);
	ck_assert_int_eq(r, CON_INPUT_MAX);
	ck_assert_int_eq(s[CON_INPUT_MAX - 1], '\n');
	type("\n");
	ck_assert_str_eq(read_str(100, &r), "\n");
}
END_TEST

START_TEST(full_queue_of_lines_drops_further_lines)
{
	for (unsigned i = 0; i < CON_INPUT_MAX / 2; i++)
		type("a\n");
	type("b\n");
	ck_assert_uint_eq(ev.dropped, 2);
	ck_assert_uint_eq(con_input_pending(&tty), CON_INPUT_MAX);
}
END_TEST

UNIT_SUITE(ldisc_canon_suite)
static Suite *ldisc_canon_suite(void)
{
	Suite *s = suite_create("ldisc_canon");
	TCase *tc = tcase_create("ldisc_canon");
	tcase_add_checked_fixture(tc, con_fixture_setup, NULL);
	tcase_add_test(tc, canonical_line_is_returned_with_newline);
	tcase_add_test(tc, read_would_block_until_line_is_complete);
	tcase_add_test(tc, each_read_returns_one_line);
	tcase_add_test(tc, long_line_is_read_in_pieces);
	tcase_add_test(tc, erase_removes_last_char_and_echoes_rubout);
	tcase_add_test(tc, ctrl_h_also_erases);
	tcase_add_test(tc, erase_on_empty_line_does_nothing);
	tcase_add_test(tc, erase_of_control_char_rubs_out_its_caret_form);
	tcase_add_test(tc, erase_of_tab_backs_up_to_where_it_started);
	tcase_add_test(tc, erase_under_iutf8_removes_whole_character);
	tcase_add_test(tc, kill_erases_the_whole_line);
	tcase_add_test(tc, kill_without_echoke_echoes_kill_char_and_newline);
	tcase_add_test(tc, werase_erases_the_last_word_and_trailing_blanks);
	tcase_add_test(tc, eof_on_empty_line_reads_as_end_of_file);
	tcase_add_test(tc, eof_on_partial_line_completes_it_without_the_eof_char);
	tcase_add_test(tc, eof_right_after_a_partly_read_line_is_not_a_second_eof);
	tcase_add_test(tc, intr_discards_line_echoes_and_reports_sigint);
	tcase_add_test(tc, quit_and_susp_report_sigquit_and_sigtstp);
	tcase_add_test(tc, noflsh_keeps_the_line_on_a_signal);
	tcase_add_test(tc, without_isig_intr_is_data);
	tcase_add_test(tc, lnext_makes_the_next_char_literal);
	tcase_add_test(tc, cr_is_mapped_to_nl_with_icrnl);
	tcase_add_test(tc, igncr_drops_cr);
	tcase_add_test(tc, without_icrnl_cr_does_not_end_the_line);
	tcase_add_test(tc, echo_off_echoes_nothing);
	tcase_add_test(tc, echonl_echoes_only_the_newline);
	tcase_add_test(tc, reprint_echoes_the_line_again);
	tcase_add_test(tc, stop_char_blocks_writes_until_start_char);
	tcase_add_test(tc, full_queue_drops_excess_but_still_takes_the_newline);
	tcase_add_test(tc, full_queue_of_lines_drops_further_lines);
	suite_add_tcase(s, tc);
	return s;
}
