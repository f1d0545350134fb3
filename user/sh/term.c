// SPDX-License-Identifier: MIT
/* The terminal side of the line editor: sh_term_readline puts fd 0 in raw
 * mode (no echo, no canonical editing, no signal keys), feeds bytes through
 * the key decoder (keys.c) into the edit buffer (edit.c) and redraws the
 * line after every key. Output keeps OPOST, so "\n" still moves to a new
 * line; the redraw returns to column 0 with "\r" and clears with ESC [K. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include "edit.h"
#include "sh.h"

static void put(const char *s, size_t n)
{
	while (n > 0) {
		ssize_t w = write(1, s, n);
		if (w <= 0 && errno != EINTR)
			return;
		if (w > 0) {
			s += w;
			n -= (size_t)w;
		}
	}
}

static void redraw(const char *prompt, const struct sh_edit *e)
{
	char tail[32];
	put("\r", 1);
	put(prompt, strlen(prompt));
	put(e->buf, e->len);
	put("\x1b[K", 3);
	if (e->pos < e->len) {
		int n = snprintf(tail, sizeof(tail), "\x1b[%zuD", e->len - e->pos);
		put(tail, (size_t)n);
	}
}

static int enter_raw(struct termios *saved)
{
	struct termios raw;
	if (tcgetattr(0, saved) < 0)
		return -1;
	raw = *saved;
	raw.c_lflag &= ~(tcflag_t)(ICANON | ECHO | ISIG | IEXTEN);
	raw.c_iflag &= ~(tcflag_t)(ICRNL | INLCR | IXON);
	raw.c_cc[VMIN] = 1;
	raw.c_cc[VTIME] = 0;
	return tcsetattr(0, TCSANOW, &raw);
}

/* Reads keys until the line ends; returns the final edit status. */
static enum sh_edit_status edit_loop(struct sh_hist *h, const char *prompt, struct sh_edit *e)
{
	struct sh_keydec dec = { 0 };
	for (;;) {
		unsigned char c;
		ssize_t n = read(0, &c, 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return SH_EDIT_EOF;
		int key = sh_key_feed(&dec, c);
		if (key == SH_KEY_NONE)
			continue;
		enum sh_edit_status st = sh_edit_key(e, h, key);
		if (st == SH_EDIT_CANCEL) {
			put("^C\r\n", 4);
			sh_edit_init(e);
			put(prompt, strlen(prompt));
			continue;
		}
		if (st != SH_EDIT_MORE)
			return st;
		redraw(prompt, e);
	}
}

char *sh_term_readline(struct sh_hist *h, const char *prompt)
{
	struct termios saved;
	struct sh_edit *e;
	if (enter_raw(&saved) < 0) {
		errno = ENOTTY;
		return NULL;
	}
	e = sh_xmalloc(sizeof(*e));
	sh_edit_init(e);
	put(prompt, strlen(prompt));
	enum sh_edit_status st = edit_loop(h, prompt, e);
	put("\r\n", 2);
	tcsetattr(0, TCSANOW, &saved);
	char *line = st == SH_EDIT_DONE ? sh_xstrdup(e->buf) : NULL;
	free(e);
	if (!line)
		errno = 0;
	return line;
}
