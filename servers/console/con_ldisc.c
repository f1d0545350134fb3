// SPDX-License-Identifier: MIT
/* The console's input side, after Linux's n_tty: con_init, con_input (flow
 * control, signal characters, CR/NL mapping, canonical editing with echo),
 * and the reads (con_read, con_read_ready, con_read_timer,
 * con_read_expired), con_input_pending, con_flush_input, con_set_termios. */
#include <string.h>
#include "con_output.h"

#define QMASK (CON_INPUT_MAX - 1)

enum erase_kind { ERASE_CHAR, ERASE_WORD, ERASE_LINE };

/* Linux's tty_std_termios. */
static const struct con_termios default_termios = {
	.c_iflag = CON_ICRNL | CON_IXON,
	.c_oflag = CON_OPOST | CON_ONLCR,
	.c_cflag = CON_B38400 | CON_CS8 | CON_CREAD | CON_HUPCL,
	.c_lflag = CON_ISIG | CON_ICANON | CON_ECHO | CON_ECHOE | CON_ECHOK | CON_ECHOCTL |
		   CON_ECHOKE | CON_IEXTEN,
	.c_cc = {
		[CON_VINTR] = 0x03, [CON_VQUIT] = 0x1c, [CON_VERASE] = 0x7f,
		[CON_VKILL] = 0x15, [CON_VEOF] = 0x04, [CON_VTIME] = 0, [CON_VMIN] = 1,
		[CON_VSTART] = 0x11, [CON_VSTOP] = 0x13, [CON_VSUSP] = 0x1a,
		[CON_VREPRINT] = 0x12, [CON_VDISCARD] = 0x0f, [CON_VWERASE] = 0x17,
		[CON_VLNEXT] = 0x16,
	},
};

void con_init(struct con_state *st, con_sink_fn sink, void *sink_arg)
{
	memset(st, 0, sizeof(*st));
	st->termios = default_termios;
	st->winsize = (struct con_winsize){ .ws_row = 24, .ws_col = 80 };
	st->sink = sink;
	st->sink_arg = sink_arg;
}

static bool lflag(const struct con_state *st, uint32_t f)
{
	return (st->termios.c_lflag & f) != 0;
}

static bool iflag(const struct con_state *st, uint32_t f)
{
	return (st->termios.c_iflag & f) != 0;
}

static bool canonical(const struct con_state *st)
{
	return lflag(st, CON_ICANON);
}

/* c is the character of c_cc slot i, and that slot is not disabled. */
static bool is_cc(const struct con_state *st, int i, uint8_t c)
{
	return st->termios.c_cc[i] != 0 && st->termios.c_cc[i] == c;
}

static uint8_t byte_at(const struct con_state *st, size_t i)
{
	return st->buf[i & QMASK];
}

/* Whether one more byte fits. Canonical mode keeps the last slot for a
 * delimiter, so that a line filling the queue can still be ended. */
static bool room_for(const struct con_state *st, bool delimiter)
{
	size_t limit = CON_INPUT_MAX;
	if (canonical(st) && !delimiter)
		limit--;
	return st->wr - st->rd < limit;
}

static void put(struct con_state *st, uint8_t c, uint8_t flags)
{
	st->buf[st->wr & QMASK] = c;
	st->flags[st->wr & QMASK] = flags;
	st->wr++;
	if (!canonical(st) || (flags & CON_QF_DELIM))
		st->canon = st->wr;
}

void con_flush_input(struct con_state *st)
{
	st->rd = st->canon = st->wr;
	st->lnext = false;
	st->canon_column = st->column;
}

static void start_output(struct con_state *st)
{
	if (!st->tco_stopped)
		st->stopped = false;
}

/* VSTART/VSTOP under IXON; true when c was one (it is not queued). */
static bool flow_char(struct con_state *st, uint8_t c)
{
	if (is_cc(st, CON_VSTART, c))
		start_output(st);
	else if (is_cc(st, CON_VSTOP, c))
		st->stopped = true;
	else
		return false;
	return true;
}

/* VINTR/VQUIT/VSUSP under ISIG: pending input goes (unless NOFLSH), output
 * restarts, and the character is echoed (^C) without a newline, as Linux. */
static bool signal_char(struct con_state *st, uint8_t c, struct con_events *ev)
{
	int sig;
	if (is_cc(st, CON_VINTR, c))
		sig = CON_SIGINT;
	else if (is_cc(st, CON_VQUIT, c))
		sig = CON_SIGQUIT;
	else if (is_cc(st, CON_VSUSP, c))
		sig = CON_SIGTSTP;
	else
		return false;
	ev->signal = sig;
	ev->sigmask |= 1u << sig;
	ev->pgrp = st->pgrp;
	if (!lflag(st, CON_NOFLSH))
		con_flush_input(st);
	if (iflag(st, CON_IXON))
		start_output(st);
	if (lflag(st, CON_ECHO))
		con_echo_char(st, c);
	return true;
}

/* Column, modulo 8, where the tab about to be erased at index end started:
 * counted back to the previous tab or to the start of the line. */
static unsigned tab_start_column(const struct con_state *st, size_t end)
{
	unsigned cols = 0;
	while (end != st->canon) {
		uint8_t c = byte_at(st, --end);
		if (c == '\t')
			return cols;
		if (con_is_ctrl(c))
			cols += lflag(st, CON_ECHOCTL) ? 2 : 0;
		else if (!con_is_continuation(st, c))
			cols++;
	}
	return cols + st->canon_column;
}

/* Echo for erasing c, already removed from the line. */
static void rub_out(struct con_state *st, uint8_t c, enum erase_kind kind, uint8_t erase_c)
{
	if (!lflag(st, CON_ECHO))
		return;
	if (kind == ERASE_CHAR && !lflag(st, CON_ECHOE))
		con_echo_char(st, erase_c);
	else if (c == '\t')
		con_echo_backspaces(st, 8 - (tab_start_column(st, st->wr) & 7));
	else if (!con_is_ctrl(c))
		con_echo_erase(st, 1);
	else if (lflag(st, CON_ECHOCTL))
		con_echo_erase(st, 2);
}

/* VKILL unless ECHO, ECHOE, ECHOK and ECHOKE are all on: the line goes
 * without a visual rubout. False when it must be rubbed out instead. */
static bool kill_plainly(struct con_state *st, uint8_t c)
{
	uint32_t all = CON_ECHO | CON_ECHOE | CON_ECHOK | CON_ECHOKE;
	if ((st->termios.c_lflag & all) == all)
		return false;
	st->wr = st->canon;
	if (lflag(st, CON_ECHO)) {
		con_echo_char(st, c);
		if (lflag(st, CON_ECHOK))
			con_out_char(st, '\n');
	}
	return true;
}

static bool is_word_char(uint8_t c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       c == '_';
}

/* Erases a character (a whole UTF-8 sequence under IUTF8), a word (as
 * Linux: trailing non-word characters, then word characters), or the line. */
static void erase(struct con_state *st, enum erase_kind kind, uint8_t erase_c)
{
	unsigned seen_word = 0;
	if (kind == ERASE_LINE && kill_plainly(st, erase_c))
		return;
	while (st->wr != st->canon) {
		size_t head = st->wr;
		uint8_t c;
		do
			c = byte_at(st, --head);
		while (con_is_continuation(st, c) && head != st->canon);
		if (con_is_continuation(st, c))
			break; /* a sequence without its lead byte stays whole */
		if (kind == ERASE_WORD) {
			if (is_word_char(c))
				seen_word++;
			else if (seen_word)
				break;
		}
		st->wr = head;
		rub_out(st, c, kind, erase_c);
		if (kind == ERASE_CHAR)
			break;
	}
}

static void reprint(struct con_state *st, uint8_t c)
{
	con_echo_char(st, c);
	con_out_char(st, '\n');
	for (size_t i = st->canon; i != st->wr; i++)
		con_echo_char(st, byte_at(st, i));
}

static void literal_next(struct con_state *st)
{
	st->lnext = true;
	if (lflag(st, CON_ECHO) && lflag(st, CON_ECHOCTL)) {
		con_out_char(st, '^');
		con_out_char(st, '\b');
	}
}

/* Ends the line with c: '\n', VEOL, VEOL2, or 0 with CON_QF_EOF for VEOF. */
static void end_line(struct con_state *st, uint8_t c, uint8_t flags, struct con_events *ev)
{
	if (!room_for(st, true)) {
		ev->dropped++;
		return;
	}
	if (c == '\n' && lflag(st, CON_ECHO | CON_ECHONL)) {
		con_out_char(st, '\n');
	} else if (c && lflag(st, CON_ECHO)) {
		if (st->wr == st->canon)
			st->canon_column = st->column;
		con_echo_char(st, c);
	}
	put(st, c, flags | CON_QF_DELIM);
}

/* Canonical-mode special characters; true when c was one. */
static bool canon_char(struct con_state *st, uint8_t c, struct con_events *ev)
{
	bool iexten = lflag(st, CON_IEXTEN);
	if (is_cc(st, CON_VERASE, c) || c == '\b')
		erase(st, ERASE_CHAR, c);
	else if (is_cc(st, CON_VKILL, c))
		erase(st, ERASE_LINE, c);
	else if (iexten && is_cc(st, CON_VWERASE, c))
		erase(st, ERASE_WORD, c);
	else if (iexten && is_cc(st, CON_VLNEXT, c))
		literal_next(st);
	else if (iexten && is_cc(st, CON_VREPRINT, c) && lflag(st, CON_ECHO))
		reprint(st, c);
	else if (c == '\n')
		end_line(st, c, 0, ev);
	else if (is_cc(st, CON_VEOF, c))
		end_line(st, 0, CON_QF_EOF, ev);
	else if (is_cc(st, CON_VEOL, c) || (iexten && is_cc(st, CON_VEOL2, c)))
		end_line(st, c, 0, ev);
	else
		return false;
	return true;
}

static void ordinary(struct con_state *st, uint8_t c, struct con_events *ev)
{
	if (!room_for(st, false)) {
		ev->dropped++;
		return;
	}
	if (lflag(st, CON_ECHO)) {
		if (c == '\n' && !canonical(st)) {
			con_out_char(st, '\n');
		} else {
			if (st->wr == st->canon)
				st->canon_column = st->column;
			con_echo_char(st, c);
		}
	}
	put(st, c, 0);
}

static void input_char(struct con_state *st, uint8_t c, struct con_events *ev)
{
	bool ixany = iflag(st, CON_IXON) && iflag(st, CON_IXANY);
	if (iflag(st, CON_ISTRIP))
		c &= 0x7f;
	if (st->lnext) {
		st->lnext = false;
		if (ixany)
			start_output(st);
		ordinary(st, c, ev);
		return;
	}
	if (iflag(st, CON_IXON) && flow_char(st, c))
		return;
	if (lflag(st, CON_ISIG) && signal_char(st, c, ev))
		return;
	if (ixany)
		start_output(st);
	if (c == '\r') {
		if (iflag(st, CON_IGNCR))
			return;
		if (iflag(st, CON_ICRNL))
			c = '\n';
	} else if (c == '\n' && iflag(st, CON_INLCR)) {
		c = '\r';
	}
	if (canonical(st) && canon_char(st, c, ev))
		return;
	ordinary(st, c, ev);
}

void con_input(struct con_state *st, const uint8_t *bytes, size_t n, struct con_events *ev)
{
	struct con_events unused = { 0 };
	if (!ev)
		ev = &unused;
	for (size_t i = 0; i < n; i++)
		input_char(st, bytes[i], ev);
}

bool con_read_ready(const struct con_state *st, size_t n)
{
	size_t avail = st->canon - st->rd;
	uint8_t vmin = st->termios.c_cc[CON_VMIN];
	if (n == 0)
		return true;
	if (canonical(st))
		return avail > 0;
	if (vmin == 0)
		return st->termios.c_cc[CON_VTIME] == 0 || avail > 0;
	return avail >= (vmin < n ? vmin : n);
}

unsigned con_read_timer(const struct con_state *st)
{
	uint8_t vtime = st->termios.c_cc[CON_VTIME];
	if (canonical(st))
		return 0;
	if (st->termios.c_cc[CON_VMIN] == 0)
		return vtime;
	return st->canon != st->rd ? vtime : 0;
}

/* Up to one line; a VEOF right after the bytes copied is consumed with them
 * so that a line longer than buf does not read as end of file later. */
static long read_line(struct con_state *st, uint8_t *buf, size_t n)
{
	size_t got = 0;
	while (got < n && st->rd != st->canon) {
		size_t i = st->rd++ & QMASK;
		if (st->flags[i] & CON_QF_EOF)
			return (long)got;
		buf[got++] = st->buf[i];
		if (st->flags[i] & CON_QF_DELIM)
			return (long)got;
	}
	if (st->rd != st->canon && (st->flags[st->rd & QMASK] & CON_QF_EOF))
		st->rd++;
	return (long)got;
}

static long read_raw(struct con_state *st, uint8_t *buf, size_t n)
{
	size_t avail = st->canon - st->rd;
	size_t got = avail < n ? avail : n;
	for (size_t i = 0; i < got; i++)
		buf[i] = byte_at(st, st->rd + i);
	st->rd += got;
	return (long)got;
}

long con_read(struct con_state *st, uint8_t *buf, size_t n)
{
	if (n == 0)
		return 0;
	if (!con_read_ready(st, n))
		return CON_WOULD_BLOCK;
	return canonical(st) ? read_line(st, buf, n) : read_raw(st, buf, n);
}

long con_read_expired(struct con_state *st, uint8_t *buf, size_t n)
{
	if (canonical(st))
		return con_read(st, buf, n);
	return read_raw(st, buf, n);
}

size_t con_input_pending(const struct con_state *st)
{
	size_t n = 0;
	if (!canonical(st))
		return st->canon - st->rd;
	for (size_t i = st->rd; i != st->canon; i++)
		n += !(st->flags[i & QMASK] & CON_QF_EOF);
	return n;
}

/* After a change of ICANON, as Linux: everything pending becomes readable,
 * in canonical mode as one line. */
static void requeue(struct con_state *st)
{
	for (size_t i = st->rd; i != st->wr; i++)
		st->flags[i & QMASK] = 0;
	if (canonical(st) && st->wr != st->rd)
		st->flags[(st->wr - 1) & QMASK] = CON_QF_DELIM;
	st->canon = st->wr;
	st->lnext = false;
	st->canon_column = st->column;
}

void con_set_termios(struct con_state *st, const struct con_termios *t)
{
	uint32_t changed = st->termios.c_lflag ^ t->c_lflag;
	bool had_ixon = iflag(st, CON_IXON);
	st->termios = *t;
	if (changed & CON_ICANON)
		requeue(st);
	if (had_ixon && !iflag(st, CON_IXON))
		start_output(st);
}
