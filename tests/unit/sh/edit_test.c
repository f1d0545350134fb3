// SPDX-License-Identifier: MIT
/* user/sh/edit.c and keys.c: the line editor's buffer driven by keys, and
 * the decoding of terminal escape sequences into keys. */
#include <string.h>
#include "harness.h"
#include "../../../user/sh/edit.h"

#define CTRL(c) ((c) & 0x1f)

static struct sh_edit e;
static struct sh_hist h;

static void setup(void)
{
	sh_edit_init(&e);
}

static void teardown(void)
{
	sh_hist_free(&h);
}

/* Feeds the bytes of s through the key decoder into the editor; returns
 * the status after the last key. */
static enum sh_edit_status type(const char *s)
{
	struct sh_keydec dec = { 0 };
	enum sh_edit_status st = SH_EDIT_MORE;
	for (; *s; s++) {
		int key = sh_key_feed(&dec, (unsigned char)*s);
		if (key != SH_KEY_NONE)
			st = sh_edit_key(&e, &h, key);
	}
	return st;
}

START_TEST(inserts_at_the_cursor_after_arrow_keys)
{
	ck_assert_int_eq(type("echo helo\x1b[D\x1b[Dl"), SH_EDIT_MORE);
	ck_assert_str_eq(e.buf, "echo hello");
	ck_assert_uint_eq(e.pos, 8);
	type("\x1b[C\x1b[C\x1b[C!");
	ck_assert_str_eq(e.buf, "echo hello!");
}
END_TEST

START_TEST(home_end_and_ctrl_a_ctrl_e_jump)
{
	type("bc\x01" "a\x05" "d\x1b[Hx\x1b[Fy\x1bOHz\x1b[4~w");
	ck_assert_str_eq(e.buf, "zxabcdyw");
}
END_TEST

START_TEST(backspace_and_delete_remove_around_the_cursor)
{
	type("abcd\x7f\x08");
	ck_assert_str_eq(e.buf, "ab");
	type("\x01\x1b[3~");
	ck_assert_str_eq(e.buf, "b");
	type("\x7f");
	ck_assert_str_eq(e.buf, "b");
	type("\x04");
	ck_assert_str_eq(e.buf, "");
}
END_TEST

START_TEST(ctrl_u_ctrl_k_and_ctrl_w_cut)
{
	type("one two three\x1b[D\x1b[D\x0b");
	ck_assert_str_eq(e.buf, "one two thr");
	type("\x17");
	ck_assert_str_eq(e.buf, "one two ");
	type("\x1b[D\x1b[D\x15");
	ck_assert_str_eq(e.buf, "o ");
	ck_assert_uint_eq(e.pos, 0);
}
END_TEST

START_TEST(enter_ends_and_ctrl_d_on_empty_line_is_eof)
{
	ck_assert_int_eq(type("ls\r"), SH_EDIT_DONE);
	ck_assert_str_eq(e.buf, "ls");
	sh_edit_init(&e);
	ck_assert_int_eq(type("\x04"), SH_EDIT_EOF);
	ck_assert_int_eq(type("x\x03"), SH_EDIT_CANCEL);
}
END_TEST

START_TEST(up_and_down_browse_history_and_restore_the_draft)
{
	sh_hist_add(&h, "first");
	sh_hist_add(&h, "second");
	type("dra");
	type("\x1b[A");
	ck_assert_str_eq(e.buf, "second");
	type("\x1b[A\x1b[A");
	ck_assert_str_eq(e.buf, "first");
	type("\x1b[B");
	ck_assert_str_eq(e.buf, "second");
	type("\x1b[B");
	ck_assert_str_eq(e.buf, "dra");
	ck_assert_uint_eq(e.pos, 3);
	type("\x1b[B");
	ck_assert_str_eq(e.buf, "dra");
}
END_TEST

START_TEST(line_stops_growing_at_the_limit)
{
	for (int i = 0; i < SH_EDIT_MAX + 10; i++)
		sh_edit_key(&e, NULL, 'x');
	ck_assert_uint_eq(e.len, SH_EDIT_MAX - 1);
	ck_assert_uint_eq(strlen(e.buf), SH_EDIT_MAX - 1);
}
END_TEST

START_TEST(unknown_escape_sequences_are_swallowed)
{
	type("a\x1b[1;5C\x1b[2~\x1bxb\x1b[200~");
	ck_assert_str_eq(e.buf, "ab");
}
END_TEST

UNIT_SUITE(sh_edit_suite)
static Suite *sh_edit_suite(void)
{
	Suite *s = suite_create("sh_edit");
	TCase *tc = tcase_create("sh_edit");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, inserts_at_the_cursor_after_arrow_keys);
	tcase_add_test(tc, home_end_and_ctrl_a_ctrl_e_jump);
	tcase_add_test(tc, backspace_and_delete_remove_around_the_cursor);
	tcase_add_test(tc, ctrl_u_ctrl_k_and_ctrl_w_cut);
	tcase_add_test(tc, enter_ends_and_ctrl_d_on_empty_line_is_eof);
	tcase_add_test(tc, up_and_down_browse_history_and_restore_the_draft);
	tcase_add_test(tc, line_stops_growing_at_the_limit);
	tcase_add_test(tc, unknown_escape_sequences_are_swallowed);
	suite_add_tcase(s, tc);
	return s;
}
