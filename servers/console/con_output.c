// SPDX-License-Identifier: MIT
/* Output processing for the console: con_write() for written data, and the
 * echo primitives con_ldisc.c uses (con_out_char, con_echo_char,
 * con_echo_erase, con_echo_backspaces). Follows Linux's n_tty
 * do_output_char: ONLCR, OCRNL, ONOCR, ONLRET, XTABS, column tracking. */
#include "con_output.h"

static void emit(struct con_state *st, const uint8_t *bytes, size_t n)
{
	if (n)
		st->sink(st->sink_arg, bytes, n);
}

static void out_newline(struct con_state *st)
{
	uint32_t of = st->termios.c_oflag;
	if (of & CON_ONLRET)
		st->column = 0;
	if (of & CON_ONLCR) {
		st->canon_column = st->column = 0;
		emit(st, (const uint8_t *)"\r\n", 2);
		return;
	}
	st->canon_column = st->column;
	emit(st, (const uint8_t *)"\n", 1);
}

static void out_return(struct con_state *st)
{
	uint32_t of = st->termios.c_oflag;
	uint8_t c = '\r';
	if ((of & CON_ONOCR) && st->column == 0)
		return;
	if (of & CON_OCRNL) {
		c = '\n';
		if (of & CON_ONLRET)
			st->canon_column = st->column = 0;
	} else {
		st->canon_column = st->column = 0;
	}
	emit(st, &c, 1);
}

static void out_tab(struct con_state *st)
{
	static const uint8_t spaces[] = "        ";
	unsigned n = 8 - (st->column & 7);
	st->column += n;
	if ((st->termios.c_oflag & CON_TABDLY) == CON_XTABS)
		emit(st, spaces, n);
	else
		emit(st, (const uint8_t *)"\t", 1);
}

void con_out_char(struct con_state *st, uint8_t c)
{
	if (!(st->termios.c_oflag & CON_OPOST)) {
		emit(st, &c, 1);
		return;
	}
	switch (c) {
	case '\n': out_newline(st); return;
	case '\r': out_return(st); return;
	case '\t': out_tab(st); return;
	case '\b':
		if (st->column > 0)
			st->column--;
		break;
	default:
		if (!con_is_ctrl(c) && !con_is_continuation(st, c))
			st->column++;
	}
	emit(st, &c, 1);
}

void con_echo_char(struct con_state *st, uint8_t c)
{
	if ((st->termios.c_lflag & CON_ECHOCTL) && con_is_ctrl(c) && c != '\t') {
		uint8_t caret[2] = { '^', c ^ 0x40 };
		st->column += 2;
		emit(st, caret, 2);
		return;
	}
	con_out_char(st, c);
}

void con_echo_erase(struct con_state *st, unsigned cols)
{
	for (; cols; cols--) {
		emit(st, (const uint8_t *)"\b \b", 3);
		if (st->column > 0)
			st->column--;
	}
}

void con_echo_backspaces(struct con_state *st, unsigned n)
{
	for (; n; n--) {
		emit(st, (const uint8_t *)"\b", 1);
		if (st->column > 0)
			st->column--;
	}
}

/* Length of the prefix of buf that output processing passes unchanged
 * (no control characters), adding the columns it takes to st->column. */
static size_t plain_run(struct con_state *st, const uint8_t *buf, size_t n)
{
	size_t i = 0;
	for (; i < n && !con_is_ctrl(buf[i]); i++)
		if (!con_is_continuation(st, buf[i]))
			st->column++;
	return i;
}

bool con_write_ready(const struct con_state *st)
{
	return !st->stopped;
}

long con_write(struct con_state *st, const uint8_t *buf, size_t n)
{
	if (st->stopped)
		return CON_WOULD_BLOCK;
	if (!(st->termios.c_oflag & CON_OPOST)) {
		emit(st, buf, n);
		return (long)n;
	}
	for (size_t i = 0; i < n;) {
		size_t run = plain_run(st, buf + i, n - i);
		emit(st, buf + i, run);
		i += run;
		if (i < n)
			con_out_char(st, buf[i++]);
	}
	return (long)n;
}
