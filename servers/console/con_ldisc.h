/* SPDX-License-Identifier: MIT */
/* The console's line discipline: Linux termios semantics (canonical line
 * editing, echo, ISIG signal characters, IXON flow control, VMIN/VTIME raw
 * reads, OPOST output processing) as plain functions over a struct
 * con_state, with no I/O of its own. The glue feeds received bytes to
 * con_input(), answers read/write/ioctl with con_read(), con_write() and
 * con_ioctl(), and gets every byte for the wire through the sink callback.
 *
 * Calls never block: one that would returns CON_WOULD_BLOCK and the glue
 * retries when con_read_ready()/con_write_ready() say so (after con_input()
 * or an ioctl). Other errors are negative errno values. */
#pragma once
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "con_termios.h"

/* Not an errno (those stop at -4095): the caller must wait and retry; a
 * glue serving an O_NONBLOCK reader turns it into -EAGAIN. */
#define CON_WOULD_BLOCK (-4096L)

/* Bytes of pending input, completed lines and the line being edited. */
#define CON_INPUT_MAX 4096u
_Static_assert((CON_INPUT_MAX & (CON_INPUT_MAX - 1)) == 0, "input queue size is a power of two");

/* Linux x86-64 signal numbers the console raises. */
#define CON_SIGINT 2
#define CON_SIGQUIT 3
#define CON_SIGTSTP 20
#define CON_SIGWINCH 28

/* Receives every byte bound for the terminal (echo and written output). */
typedef void (*con_sink_fn)(void *arg, const uint8_t *bytes, size_t n);

struct con_state {
	struct con_termios termios;
	struct con_winsize winsize;
	int32_t pgrp;        /* foreground process group, 0 for none */
	int32_t session;     /* the session whose controlling terminal it is, 0 for none */
	con_sink_fn sink;
	void *sink_arg;
	bool stopped;        /* output stopped by VSTOP or TCOOFF */
	bool tco_stopped;    /* ... by TCOOFF, which only TCOON undoes */
	bool lnext;          /* the next byte is literal (after VLNEXT) */
	uint32_t column;     /* output column, for tabs and their erasure */
	uint32_t canon_column; /* column where the line being edited starts */
	/* Input queue: free-running indices, rd <= canon <= wr. [rd, canon) is
	 * readable; in canonical mode [canon, wr) is the line being edited (in
	 * raw mode canon == wr). */
	size_t rd, canon, wr;
	uint8_t buf[CON_INPUT_MAX];
	uint8_t flags[CON_INPUT_MAX]; /* CON_QF_* per queued byte */
};
#define CON_QF_DELIM 0x1u /* ends a canonical line */
#define CON_QF_EOF 0x2u   /* a VEOF: ends the line, is never read */

/* What input or an ioctl did that the glue must act on. The caller zeroes
 * it; calls add to it, so one struct can gather several calls' events. */
struct con_events {
	int signal;       /* the last signal raised (CON_SIG*), 0 for none */
	uint32_t sigmask; /* every signal raised, bit (1u << signal) */
	int32_t pgrp;     /* the foreground group to signal (0: none set) */
	size_t dropped;   /* input bytes discarded because the queue was full */
};

/* Fixed-size snapshot of what must survive a restart of the server. */
#define CON_SAVED_MAGIC 0x314e4f43u /* "CON1" */
#define CON_SAVED_VERSION 2
#define CON_SAVED_TCO_STOPPED 0x1u
struct con_saved {
	uint32_t magic;
	uint16_t version;
	uint16_t flags; /* CON_SAVED_TCO_STOPPED */
	struct con_termios termios;
	struct con_winsize winsize;
	int32_t pgrp;
	int32_t session;
	uint32_t reserved;
};
_Static_assert(sizeof(struct con_saved) == 64, "struct con_saved is fixed-size");

/* How an ioctl's argument travels (see con_ioctl_arg). */
enum con_arg {
	CON_ARG_NONE,  /* no argument */
	CON_ARG_VALUE, /* the integer argument itself, passed as an int */
	CON_ARG_IN,    /* size bytes copied from the caller */
	CON_ARG_OUT,   /* size bytes copied back to the caller */
};

/* con_ldisc.c */
/* Sets Linux's defaults for a new tty (sane canonical mode, 24x80) and the
 * sink; the state needs no other initialization. */
void con_init(struct con_state *st, con_sink_fn sink, void *sink_arg);
/* Processes bytes received from the line: editing, echo, signals, flow
 * control. Bytes beyond the queue bound are dropped (counted in ev). ev,
 * zeroed by the caller, may be NULL. */
void con_input(struct con_state *st, const uint8_t *bytes, size_t n, struct con_events *ev);
/* Canonical: at most one line, with its delimiter (a VEOF is not returned);
 * 0 at end of file (VEOF on an empty line). Raw: per VMIN/VTIME, see
 * con_read_timer. CON_WOULD_BLOCK when the read must wait. */
long con_read(struct con_state *st, uint8_t *buf, size_t n);
/* True when con_read(st, _, n) would not return CON_WOULD_BLOCK. */
bool con_read_ready(const struct con_state *st, size_t n);
/* Deciseconds (VTIME) after which a waiting raw read ends, 0 for no timer:
 * with VMIN 0 counted from the start of the read, with VMIN > 0 from the
 * latest byte received once there is one (re-arm after each con_input). */
unsigned con_read_timer(const struct con_state *st);
/* Ends a read whose VTIME expired: returns what is queued, possibly 0. */
long con_read_expired(struct con_state *st, uint8_t *buf, size_t n);
/* Bytes a read could return now, as FIONREAD reports them. */
size_t con_input_pending(const struct con_state *st);
/* Discards all pending input, completed lines included. */
void con_flush_input(struct con_state *st);
/* Installs new termios settings; a change of ICANON makes pending input
 * readable as Linux does (raw: all of it; canonical: as one line). */
void con_set_termios(struct con_state *st, const struct con_termios *t);

/* con_output.c */
/* Output processing (OPOST, ONLCR, OCRNL, ONOCR, ONLRET, XTABS) of n bytes
 * into the sink. Returns n, or CON_WOULD_BLOCK while output is stopped. */
long con_write(struct con_state *st, const uint8_t *buf, size_t n);
/* False while output is stopped (VSTOP, TCOOFF). */
bool con_write_ready(const struct con_state *st);

/* con_ioctl.c */
/* Serves a tty ioctl: TCGETS, TCSETS[WF], TCFLSH, TCXONC, TCSBRK[P],
 * TIOC[GS]WINSZ, TIOC[GS]PGRP, TIOCSCTTY, TIOCNOTTY, FIONREAD. arg points to
 * a buffer laid out as con_ioctl_arg() says. A SIGWINCH for the foreground
 * group is reported in ev (may be NULL). Returns 0, a negative errno, or
 * -ENOTTY for a request it does not know. */
long con_ioctl(struct con_state *st, unsigned long request, void *arg, struct con_events *ev);
/* How request's argument travels: returns an enum con_arg and sets *size to
 * the bytes of buffer con_ioctl needs, or returns -ENOTTY. */
int con_ioctl_arg(unsigned long request, size_t *size);
void con_state_save(const struct con_state *st, struct con_saved *out);
/* Applies a snapshot to a state fresh from con_init. Returns -EINVAL when
 * the snapshot's magic or version is not this one's. */
int con_state_restore(struct con_state *st, const struct con_saved *in);
