// SPDX-License-Identifier: MIT
/* The captured-output console the console tests share. */
#include <string.h>
#include "con_fixture.h"

struct con_state tty;
struct con_events ev;
char out[16384];
size_t out_len;

static void capture(void *arg, const uint8_t *bytes, size_t n)
{
	(void)arg;
	if (n > sizeof(out) - 1 - out_len)
		n = sizeof(out) - 1 - out_len;
	memcpy(out + out_len, bytes, n);
	out_len += n;
	out[out_len] = 0;
}

void out_clear(void)
{
	out_len = 0;
	out[0] = 0;
}

void con_fixture_setup(void)
{
	con_init(&tty, capture, NULL);
	memset(&ev, 0, sizeof(ev));
	out_clear();
}

void type(const char *s)
{
	memset(&ev, 0, sizeof(ev));
	con_input(&tty, (const uint8_t *)s, strlen(s), &ev);
}

const char *read_str(size_t n, long *ret)
{
	static char buf[CON_INPUT_MAX + 1];
	long r = con_read(&tty, (uint8_t *)buf, n < CON_INPUT_MAX ? n : CON_INPUT_MAX);
	buf[r > 0 ? r : 0] = 0;
	*ret = r;
	return buf;
}

void make_raw(uint8_t vmin, uint8_t vtime)
{
	struct con_termios t = tty.termios;
	t.c_lflag &= ~(CON_ICANON | CON_ECHO);
	t.c_cc[CON_VMIN] = vmin;
	t.c_cc[CON_VTIME] = vtime;
	con_set_termios(&tty, &t);
}
