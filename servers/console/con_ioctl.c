// SPDX-License-Identifier: MIT
/* The console's tty ioctls (con_ioctl, con_ioctl_arg), driven by one const
 * table of request, argument layout and handler; and the snapshot that
 * survives a restart of the server (con_state_save, con_state_restore). */
#include <errno.h>
#include <string.h>
#include "con_output.h"

typedef long (*ioctl_fn)(struct con_state *st, void *arg, struct con_events *ev);

struct ioctl_entry {
	unsigned long request;
	enum con_arg kind;
	size_t size;
	ioctl_fn fn;
};

static long tcgets(struct con_state *st, void *arg, struct con_events *ev)
{
	(void)ev;
	memcpy(arg, &st->termios, sizeof(st->termios));
	return 0;
}

/* Output is written synchronously, so TCSETSW has nothing to drain. */
static long tcsets(struct con_state *st, void *arg, struct con_events *ev)
{
	struct con_termios t;
	(void)ev;
	memcpy(&t, arg, sizeof(t));
	con_set_termios(st, &t);
	return 0;
}

static long tcsetsf(struct con_state *st, void *arg, struct con_events *ev)
{
	con_flush_input(st);
	return tcsets(st, arg, ev);
}

static int int_arg(const void *arg)
{
	int v;
	memcpy(&v, arg, sizeof(v));
	return v;
}

static long tcflsh(struct con_state *st, void *arg, struct con_events *ev)
{
	(void)ev;
	switch (int_arg(arg)) {
	case CON_TCIFLUSH:
	case CON_TCIOFLUSH:
		con_flush_input(st);
		return 0;
	case CON_TCOFLUSH: /* nothing is queued for output */
		return 0;
	default:
		return -EINVAL;
	}
}

static long tcxonc(struct con_state *st, void *arg, struct con_events *ev)
{
	(void)ev;
	switch (int_arg(arg)) {
	case CON_TCOOFF:
		st->stopped = st->tco_stopped = true;
		return 0;
	case CON_TCOON:
		st->stopped = st->tco_stopped = false;
		return 0;
	case CON_TCIOFF:
		if (st->termios.c_cc[CON_VSTOP])
			con_out_char(st, st->termios.c_cc[CON_VSTOP]);
		return 0;
	case CON_TCION:
		if (st->termios.c_cc[CON_VSTART])
			con_out_char(st, st->termios.c_cc[CON_VSTART]);
		return 0;
	default:
		return -EINVAL;
	}
}

/* TCSBRK (tcdrain), TCSBRKP, TIOCSCTTY, TIOCNOTTY: accepted, no effect
 * here (a break on the line is the glue's business). */
static long accept(struct con_state *st, void *arg, struct con_events *ev)
{
	(void)st, (void)arg, (void)ev;
	return 0;
}

static long tiocgwinsz(struct con_state *st, void *arg, struct con_events *ev)
{
	(void)ev;
	memcpy(arg, &st->winsize, sizeof(st->winsize));
	return 0;
}

/* A change of size signals the foreground group with SIGWINCH. */
static long tiocswinsz(struct con_state *st, void *arg, struct con_events *ev)
{
	struct con_winsize ws;
	memcpy(&ws, arg, sizeof(ws));
	if (memcmp(&ws, &st->winsize, sizeof(ws)) == 0)
		return 0;
	st->winsize = ws;
	if (ev && st->pgrp > 0) {
		ev->signal = CON_SIGWINCH;
		ev->sigmask |= 1u << CON_SIGWINCH;
		ev->pgrp = st->pgrp;
	}
	return 0;
}

static long tiocgpgrp(struct con_state *st, void *arg, struct con_events *ev)
{
	(void)ev;
	memcpy(arg, &st->pgrp, sizeof(st->pgrp));
	return 0;
}

/* Whether the group exists in the caller's session is the glue's check. */
static long tiocspgrp(struct con_state *st, void *arg, struct con_events *ev)
{
	int32_t pgrp;
	(void)ev;
	memcpy(&pgrp, arg, sizeof(pgrp));
	if (pgrp < 0)
		return -EINVAL;
	st->pgrp = pgrp;
	return 0;
}

static long fionread(struct con_state *st, void *arg, struct con_events *ev)
{
	int n = (int)con_input_pending(st);
	(void)ev;
	memcpy(arg, &n, sizeof(n));
	return 0;
}

static const struct ioctl_entry ioctls[] = {
	{ CON_TCGETS, CON_ARG_OUT, sizeof(struct con_termios), tcgets },
	{ CON_TCSETS, CON_ARG_IN, sizeof(struct con_termios), tcsets },
	{ CON_TCSETSW, CON_ARG_IN, sizeof(struct con_termios), tcsets },
	{ CON_TCSETSF, CON_ARG_IN, sizeof(struct con_termios), tcsetsf },
	{ CON_TCSBRK, CON_ARG_VALUE, sizeof(int), accept },
	{ CON_TCSBRKP, CON_ARG_VALUE, sizeof(int), accept },
	{ CON_TCXONC, CON_ARG_VALUE, sizeof(int), tcxonc },
	{ CON_TCFLSH, CON_ARG_VALUE, sizeof(int), tcflsh },
	{ CON_TIOCSCTTY, CON_ARG_VALUE, sizeof(int), accept },
	{ CON_TIOCNOTTY, CON_ARG_NONE, 0, accept },
	{ CON_TIOCGPGRP, CON_ARG_OUT, sizeof(int32_t), tiocgpgrp },
	{ CON_TIOCSPGRP, CON_ARG_IN, sizeof(int32_t), tiocspgrp },
	{ CON_TIOCGWINSZ, CON_ARG_OUT, sizeof(struct con_winsize), tiocgwinsz },
	{ CON_TIOCSWINSZ, CON_ARG_IN, sizeof(struct con_winsize), tiocswinsz },
	{ CON_FIONREAD, CON_ARG_OUT, sizeof(int), fionread },
};

static const struct ioctl_entry *find_ioctl(unsigned long request)
{
	for (size_t i = 0; i < sizeof(ioctls) / sizeof(ioctls[0]); i++)
		if (ioctls[i].request == request)
			return &ioctls[i];
	return NULL;
}

int con_ioctl_arg(unsigned long request, size_t *size)
{
	const struct ioctl_entry *e = find_ioctl(request);
	if (!e)
		return -ENOTTY;
	*size = e->size;
	return (int)e->kind;
}

long con_ioctl(struct con_state *st, unsigned long request, void *arg, struct con_events *ev)
{
	const struct ioctl_entry *e = find_ioctl(request);
	if (!e)
		return -ENOTTY;
	if (e->size && !arg)
		return -EFAULT;
	return e->fn(st, arg, ev);
}

void con_state_save(const struct con_state *st, struct con_saved *out)
{
	memset(out, 0, sizeof(*out));
	out->magic = CON_SAVED_MAGIC;
	out->version = CON_SAVED_VERSION;
	out->flags = st->tco_stopped ? CON_SAVED_TCO_STOPPED : 0;
	out->termios = st->termios;
	out->winsize = st->winsize;
	out->pgrp = st->pgrp;
	out->session = st->session;
}

int con_state_restore(struct con_state *st, const struct con_saved *in)
{
	if (in->magic != CON_SAVED_MAGIC || in->version != CON_SAVED_VERSION)
		return -EINVAL;
	con_set_termios(st, &in->termios);
	st->winsize = in->winsize;
	st->pgrp = in->pgrp;
	st->session = in->session;
	st->stopped = st->tco_stopped = (in->flags & CON_SAVED_TCO_STOPPED) != 0;
	return 0;
}
