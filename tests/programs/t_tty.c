// SPDX-License-Identifier: MIT
/* The console as a terminal (run by tests/qemu/console.sh, which types
 * "x\n", "hello world\n" and "abc<DEL>d\n" into the serial port): isatty, termios
 * round trips, the window size, and canonical reads with erase through the
 * console server's line discipline (input arrives by IRQ 4). The first
 * line typed is skipped: the boot firmware may swallow part of it. */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>
#include "tap.h"

int main(void)
{
	tap_begin();
	struct termios t, raw;
	struct winsize ws;
	CHECK("stdin_is_a_terminal", isatty(0) == 1);
	CHECK("tcgetattr_works", tcgetattr(0, &t) == 0 && (t.c_lflag & ICANON) && (t.c_lflag & ECHO));
	raw = t;
	cfmakeraw(&raw);
	CHECK("raw_mode_round_trip", tcsetattr(0, TCSANOW, &raw) == 0 && tcgetattr(0, &raw) == 0 &&
					 !(raw.c_lflag & ICANON) && tcsetattr(0, TCSANOW, &t) == 0);
	CHECK("window_size_is_reported", ioctl(1, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 && ws.ws_col > 0);
	char line[64] = "";
	fgets(line, sizeof(line), stdin);  /* the harness's first line may be cut by the firmware */
	CHECK("reads_a_typed_line", fgets(line, sizeof(line), stdin) && !strcmp(line, "hello world\n"));
	CHECK("erase_edits_the_line", fgets(line, sizeof(line), stdin) && !strcmp(line, "abd\n"));
	CHECK("isatty_is_false_for_a_file", isatty(open("/etc/hostname", 0)) == 0);
	return tap_end("t_tty");
}
