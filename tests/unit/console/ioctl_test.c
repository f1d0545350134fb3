// SPDX-License-Identifier: MIT
/* servers/console/con_ioctl.c: the tty ioctls, their argument layouts, the
 * Linux ABI values, and the snapshot kept across a server restart. */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include "harness.h"
#include "con_fixture.h"

static long r;

START_TEST(abi_values_match_the_host_headers)
{
	ck_assert_uint_eq(CON_TCGETS, TCGETS);
	ck_assert_uint_eq(CON_TCSETS, TCSETS);
	ck_assert_uint_eq(CON_TCSETSW, TCSETSW);
	ck_assert_uint_eq(CON_TCSETSF, TCSETSF);
	ck_assert_uint_eq(CON_TCSBRK, TCSBRK);
	ck_assert_uint_eq(CON_TCSBRKP, TCSBRKP);
	ck_assert_uint_eq(CON_TCXONC, TCXONC);
	ck_assert_uint_eq(CON_TCFLSH, TCFLSH);
	ck_assert_uint_eq(CON_TIOCSCTTY, TIOCSCTTY);
	ck_assert_uint_eq(CON_TIOCNOTTY, TIOCNOTTY);
	ck_assert_uint_eq(CON_TIOCGPGRP, TIOCGPGRP);
	ck_assert_uint_eq(CON_TIOCSPGRP, TIOCSPGRP);
	ck_assert_uint_eq(CON_TIOCGWINSZ, TIOCGWINSZ);
	ck_assert_uint_eq(CON_TIOCSWINSZ, TIOCSWINSZ);
	ck_assert_uint_eq(CON_FIONREAD, FIONREAD);
	ck_assert_uint_eq(CON_ICRNL | CON_INLCR | CON_IGNCR | CON_ISTRIP | CON_IXON | CON_IXANY |
				  CON_IUTF8,
			  ICRNL | INLCR | IGNCR | ISTRIP | IXON | IXANY | IUTF8);
	ck_assert_uint_eq(CON_OPOST | CON_ONLCR | CON_OCRNL | CON_ONOCR | CON_ONLRET,
			  OPOST | ONLCR | OCRNL | ONOCR | ONLRET);
	ck_assert_uint_eq(CON_XTABS, TAB3);
	ck_assert_uint_eq(CON_B38400 | CON_CS8 | CON_CREAD | CON_HUPCL, B38400 | CS8 | CREAD | HUPCL);
	ck_assert_uint_eq(CON_ISIG, ISIG);
	ck_assert_uint_eq(CON_ICANON, ICANON);
	ck_assert_uint_eq(CON_ECHO, ECHO);
	ck_assert_uint_eq(CON_ECHOE, ECHOE);
	ck_assert_uint_eq(CON_ECHOK, ECHOK);
	ck_assert_uint_eq(CON_ECHONL, ECHONL);
	ck_assert_uint_eq(CON_NOFLSH, NOFLSH);
	ck_assert_uint_eq(CON_ECHOCTL, ECHOCTL);
	ck_assert_uint_eq(CON_ECHOKE, ECHOKE);
	ck_assert_uint_eq(CON_IEXTEN, IEXTEN);
	ck_assert_int_eq(CON_VINTR, VINTR);
	ck_assert_int_eq(CON_VQUIT, VQUIT);
	ck_assert_int_eq(CON_VERASE, VERASE);
	ck_assert_int_eq(CON_VKILL, VKILL);
	ck_assert_int_eq(CON_VEOF, VEOF);
	ck_assert_int_eq(CON_VTIME, VTIME);
	ck_assert_int_eq(CON_VMIN, VMIN);
	ck_assert_int_eq(CON_VSTART, VSTART);
	ck_assert_int_eq(CON_VSTOP, VSTOP);
	ck_assert_int_eq(CON_VSUSP, VSUSP);
	ck_assert_int_eq(CON_VEOL, VEOL);
	ck_assert_int_eq(CON_VREPRINT, VREPRINT);
	ck_assert_int_eq(CON_VWERASE, VWERASE);
	ck_assert_int_eq(CON_VLNEXT, VLNEXT);
	ck_assert_int_eq(CON_VEOL2, VEOL2);
	ck_assert_int_eq(CON_SIGINT, SIGINT);
	ck_assert_int_eq(CON_SIGQUIT, SIGQUIT);
	ck_assert_int_eq(CON_SIGTSTP, SIGTSTP);
	ck_assert_int_eq(CON_SIGWINCH, SIGWINCH);
	ck_assert_uint_eq(offsetof(struct termios, c_cc), offsetof(struct con_termios, c_cc));
}
END_TEST

START_TEST(defaults_are_linux_tty_defaults)
{
	struct con_termios t;
	ck_assert_int_eq(con_ioctl(&tty, CON_TCGETS, &t, NULL), 0);
	ck_assert_uint_eq(t.c_iflag, CON_ICRNL | CON_IXON);
	ck_assert_uint_eq(t.c_oflag, CON_OPOST | CON_ONLCR);
	ck_assert_uint_eq(t.c_cflag, CON_B38400 | CON_CS8 | CON_CREAD | CON_HUPCL);
	ck_assert_uint_eq(t.c_lflag, CON_ISIG | CON_ICANON | CON_ECHO | CON_ECHOE | CON_ECHOK |
					     CON_ECHOCTL | CON_ECHOKE | CON_IEXTEN);
	static const uint8_t cc[CON_NCCS] = "\003\034\177\025\004\0\1\0\021\023\032\0\022\017\027\026\0";
	ck_assert_mem_eq(t.c_cc, cc, CON_NCCS);
}
END_TEST

START_TEST(tcgets_tcsets_round_trip_switches_to_raw_and_back)
{
	struct con_termios saved, raw, now;
	con_ioctl(&tty, CON_TCGETS, &saved, NULL);
	raw = saved;
	raw.c_lflag &= ~(CON_ICANON | CON_ECHO | CON_ISIG);
	raw.c_iflag &= ~CON_ICRNL;
	raw.c_oflag &= ~CON_OPOST;
	raw.c_cc[CON_VMIN] = 1;
	ck_assert_int_eq(con_ioctl(&tty, CON_TCSETS, &raw, NULL), 0);
	con_ioctl(&tty, CON_TCGETS, &now, NULL);
	ck_assert_mem_eq(&now, &raw, sizeof(now));
	type("\r\x03");
	ck_assert_int_eq(ev.signal, 0);
	ck_assert_str_eq(read_str(100, &r), "\r\x03");
	ck_assert_int_eq(out_len, 0);
	ck_assert_int_eq(con_ioctl(&tty, CON_TCSETSW, &saved, NULL), 0);
	type("ok\r");
	ck_assert_str_eq(read_str(100, &r), "ok\n");
	ck_assert_str_eq(out, "ok\r\n");
}
END_TEST

START_TEST(tcsetsf_discards_pending_input)
{
	struct con_termios t = tty.termios;
	type("line\npartial");
	ck_assert_int_eq(con_ioctl(&tty, CON_TCSETSF, &t, NULL), 0);
	read_str(100, &r);
	ck_assert_int_eq(r, CON_WOULD_BLOCK);
	type("x\n");
	ck_assert_str_eq(read_str(100, &r), "x\n");
}
END_TEST

START_TEST(tcflsh_discards_input_and_rejects_unknown_queues)
{
	int q = CON_TCIFLUSH;
	type("line\n");
	ck_assert_int_eq(con_ioctl(&tty, CON_TCFLSH, &q, NULL), 0);
	ck_assert_uint_eq(con_input_pending(&tty), 0);
	q = 7;
	ck_assert_int_eq(con_ioctl(&tty, CON_TCFLSH, &q, NULL), -EINVAL);
}
END_TEST

START_TEST(tcxonc_stops_and_restarts_output)
{
	int a = CON_TCOOFF;
	ck_assert_int_eq(con_ioctl(&tty, CON_TCXONC, &a, NULL), 0);
	ck_assert_int_eq(con_write(&tty, (const uint8_t *)"x", 1), CON_WOULD_BLOCK);
	type("\x11"); /* VSTART does not undo TCOOFF */
	ck_assert(!con_write_ready(&tty));
	a = CON_TCOON;
	con_ioctl(&tty, CON_TCXONC, &a, NULL);
	ck_assert_int_eq(con_write(&tty, (const uint8_t *)"x", 1), 1);
	ck_assert_str_eq(out, "x");
}
END_TEST

START_TEST(winsize_get_and_set_signal_sigwinch_on_change)
{
	struct con_winsize ws;
	ck_assert_int_eq(con_ioctl(&tty, CON_TIOCGWINSZ, &ws, NULL), 0);
	ck_assert_uint_eq(ws.ws_row, 24);
	ck_assert_uint_eq(ws.ws_col, 80);
	tty.pgrp = 9;
	ws = (struct con_winsize){ 50, 132, 0, 0 };
	ck_assert_int_eq(con_ioctl(&tty, CON_TIOCSWINSZ, &ws, &ev), 0);
	ck_assert_int_eq(ev.signal, CON_SIGWINCH);
	ck_assert_int_eq(ev.pgrp, 9);
	memset(&ev, 0, sizeof(ev));
	con_ioctl(&tty, CON_TIOCSWINSZ, &ws, &ev);
	ck_assert_int_eq(ev.signal, 0);
	struct con_winsize got;
	con_ioctl(&tty, CON_TIOCGWINSZ, &got, NULL);
	ck_assert_mem_eq(&got, &ws, sizeof(ws));
}
END_TEST

START_TEST(pgrp_get_and_set_and_negative_is_rejected)
{
	int32_t p = 1234, got = 0;
	ck_assert_int_eq(con_ioctl(&tty, CON_TIOCSPGRP, &p, NULL), 0);
	ck_assert_int_eq(con_ioctl(&tty, CON_TIOCGPGRP, &got, NULL), 0);
	ck_assert_int_eq(got, 1234);
	p = -5;
	ck_assert_int_eq(con_ioctl(&tty, CON_TIOCSPGRP, &p, NULL), -EINVAL);
	type("\x03");
	ck_assert_int_eq(ev.pgrp, 1234);
}
END_TEST

START_TEST(sctty_notty_and_tcsbrk_are_accepted)
{
	int v = 0;
	ck_assert_int_eq(con_ioctl(&tty, CON_TIOCSCTTY, &v, NULL), 0);
	ck_assert_int_eq(con_ioctl(&tty, CON_TIOCNOTTY, NULL, NULL), 0);
	v = 1;
	ck_assert_int_eq(con_ioctl(&tty, CON_TCSBRK, &v, NULL), 0);
}
END_TEST

START_TEST(unknown_ioctl_returns_enotty)
{
	int v = 0;
	size_t size;
	ck_assert_int_eq(con_ioctl(&tty, 0x5499, &v, NULL), -ENOTTY);
	ck_assert_int_eq(con_ioctl_arg(0x5499, &size), -ENOTTY);
}
END_TEST

START_TEST(missing_argument_buffer_is_efault)
{
	ck_assert_int_eq(con_ioctl(&tty, CON_TCGETS, NULL, NULL), -EFAULT);
}
END_TEST

START_TEST(ioctl_arg_describes_each_argument)
{
	size_t size;
	ck_assert_int_eq(con_ioctl_arg(CON_TCGETS, &size), CON_ARG_OUT);
	ck_assert_uint_eq(size, 36);
	ck_assert_int_eq(con_ioctl_arg(CON_TCSETSF, &size), CON_ARG_IN);
	ck_assert_uint_eq(size, 36);
	ck_assert_int_eq(con_ioctl_arg(CON_TIOCSWINSZ, &size), CON_ARG_IN);
	ck_assert_uint_eq(size, 8);
	ck_assert_int_eq(con_ioctl_arg(CON_TCFLSH, &size), CON_ARG_VALUE);
	ck_assert_uint_eq(size, sizeof(int));
	ck_assert_int_eq(con_ioctl_arg(CON_FIONREAD, &size), CON_ARG_OUT);
	ck_assert_int_eq(con_ioctl_arg(CON_TIOCNOTTY, &size), CON_ARG_NONE);
	ck_assert_uint_eq(size, 0);
}
END_TEST

START_TEST(fionread_counts_what_a_read_could_return)
{
	int n = -1;
	type("ab\ncd");
	con_ioctl(&tty, CON_FIONREAD, &n, NULL);
	ck_assert_int_eq(n, 3);
	type("\x04");
	con_ioctl(&tty, CON_FIONREAD, &n, NULL);
	ck_assert_int_eq(n, 5);
	make_raw(1, 0);
	type("xyz");
	con_ioctl(&tty, CON_FIONREAD, &n, NULL);
	ck_assert_int_eq(n, 9); /* the VEOF became a NUL byte, as on Linux */
}
END_TEST

START_TEST(saved_state_restores_into_a_fresh_console)
{
	struct con_saved snap;
	struct con_termios t = tty.termios;
	t.c_lflag &= ~CON_ECHO;
	con_set_termios(&tty, &t);
	tty.winsize = (struct con_winsize){ 40, 100, 0, 0 };
	tty.pgrp = 77;
	con_state_save(&tty, &snap);
	ck_assert_uint_eq(snap.version, CON_SAVED_VERSION);
	con_fixture_setup();
	ck_assert_int_eq(con_state_restore(&tty, &snap), 0);
	ck_assert_mem_eq(&tty.termios, &t, sizeof(t));
	ck_assert_uint_eq(tty.winsize.ws_col, 100);
	ck_assert_int_eq(tty.pgrp, 77);
	type("quiet\n");
	ck_assert_int_eq(out_len, 0);
}
END_TEST

START_TEST(restore_rejects_another_version_or_garbage)
{
	struct con_saved snap;
	con_state_save(&tty, &snap);
	snap.version = CON_SAVED_VERSION + 1;
	ck_assert_int_eq(con_state_restore(&tty, &snap), -EINVAL);
	memset(&snap, 0xa5, sizeof(snap));
	ck_assert_int_eq(con_state_restore(&tty, &snap), -EINVAL);
	ck_assert_uint_eq(tty.termios.c_lflag & CON_ICANON, CON_ICANON);
}
END_TEST

UNIT_SUITE(ioctl_suite)
static Suite *ioctl_suite(void)
{
	Suite *s = suite_create("ioctl");
	TCase *tc = tcase_create("ioctl");
	tcase_add_checked_fixture(tc, con_fixture_setup, NULL);
	tcase_add_test(tc, abi_values_match_the_host_headers);
	tcase_add_test(tc, defaults_are_linux_tty_defaults);
	tcase_add_test(tc, tcgets_tcsets_round_trip_switches_to_raw_and_back);
	tcase_add_test(tc, tcsetsf_discards_pending_input);
	tcase_add_test(tc, tcflsh_discards_input_and_rejects_unknown_queues);
	tcase_add_test(tc, tcxonc_stops_and_restarts_output);
	tcase_add_test(tc, winsize_get_and_set_signal_sigwinch_on_change);
	tcase_add_test(tc, pgrp_get_and_set_and_negative_is_rejected);
	tcase_add_test(tc, sctty_notty_and_tcsbrk_are_accepted);
	tcase_add_test(tc, unknown_ioctl_returns_enotty);
	tcase_add_test(tc, missing_argument_buffer_is_efault);
	tcase_add_test(tc, ioctl_arg_describes_each_argument);
	tcase_add_test(tc, fionread_counts_what_a_read_could_return);
	tcase_add_test(tc, saved_state_restores_into_a_fresh_console);
	tcase_add_test(tc, restore_rejects_another_version_or_garbage);
	suite_add_tcase(s, tc);
	return s;
}
