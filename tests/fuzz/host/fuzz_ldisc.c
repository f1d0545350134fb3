// SPDX-License-Identifier: MIT
/* Fuzz target for the console's line discipline (servers/console/
 * con_ldisc.c, with con_output.c and con_ioctl.c): the input is a script of
 * operations on one terminal: typed bytes, a flood of one byte, random
 * termios settings, reads of random sizes (also as expired VTIME reads),
 * writes, ioctls with random arguments, and a save and restore of the state
 * as a restarted server does. After every operation the input queue must
 * keep rd <= canon <= wr within CON_INPUT_MAX, and a read must never return
 * more than asked or block when con_read_ready said it would not. */
#include <errno.h>
#include "fuzz_input.h"
#include "../../../servers/console/con_ldisc.h"

enum op { OP_TYPE, OP_FLOOD, OP_TERMIOS, OP_READ, OP_EXPIRED, OP_WRITE, OP_IOCTL,
	  OP_FLUSH, OP_RESTART, OP_COUNT };

static size_t sink_bytes;

static void sink(void *arg, const uint8_t *bytes, size_t n)
{
	(void)arg;
	FUZZ_CHECK(n > 0, "empty write to the sink");
	volatile uint8_t last = bytes[n - 1]; /* ASan checks the whole range is live */
	(void)last;
	sink_bytes += n;
}

static void check_queue(const struct con_state *st)
{
	FUZZ_CHECK(st->canon - st->rd <= st->wr - st->rd && st->wr - st->rd <= CON_INPUT_MAX,
		   "queue indices rd %zu canon %zu wr %zu", st->rd, st->canon, st->wr);
	FUZZ_CHECK(con_input_pending(st) <= st->canon - st->rd, "pending beyond the queue");
}

static void do_read(struct con_state *st, size_t n, bool expired)
{
	uint8_t *buf = malloc(n ? n : 1);
	bool ready = con_read_ready(st, n);
	long r = expired ? con_read_expired(st, buf, n) : con_read(st, buf, n);
	if (!expired && ready)
		FUZZ_CHECK(r != CON_WOULD_BLOCK, "blocks although ready");
	FUZZ_CHECK(r == CON_WOULD_BLOCK || (r >= 0 && (size_t)r <= n), "read %zu gave %ld", n, r);
	free(buf);
}

static void do_termios(struct con_state *st, struct fuzz_in *in)
{
	struct con_termios t;
	t.c_iflag = fuzz_u32(in);
	t.c_oflag = fuzz_u32(in);
	t.c_cflag = fuzz_u32(in);
	t.c_lflag = fuzz_u32(in);
	t.c_line = 0;
	for (int i = 0; i < CON_NCCS; i++)
		t.c_cc[i] = fuzz_u8(in);
	con_set_termios(st, &t);
}

static void do_ioctl(struct con_state *st, struct fuzz_in *in)
{
	static const unsigned long requests[] = {
		CON_TCGETS, CON_TCSETS, CON_TCSETSW, CON_TCSETSF, CON_TCSBRK, CON_TCXONC,
		CON_TCFLSH, CON_TIOCSCTTY, CON_TIOCGPGRP, CON_TIOCSPGRP, CON_TIOCGWINSZ,
		CON_TIOCSWINSZ, CON_FIONREAD, CON_TIOCNOTTY, CON_TCSBRKP, 0x5400,
	};
	unsigned long req = requests[fuzz_u8(in) % (sizeof(requests) / sizeof(requests[0]))];
	size_t size = 0;
	int kind = con_ioctl_arg(req, &size);
	uint8_t *arg = malloc(size ? size : 1);
	for (size_t i = 0; i < size; i++)
		arg[i] = fuzz_u8(in);
	struct con_events ev = { 0 };
	long r = con_ioctl(st, req, size ? arg : NULL, &ev);
	FUZZ_CHECK(kind >= 0 || r == -ENOTTY, "unknown ioctl 0x%lx gave %ld", req, r);
	FUZZ_CHECK(r == 0 || r == -EINVAL || r == -ENOTTY, "ioctl 0x%lx gave %ld", req, r);
	free(arg);
}

/* A restarted console: a fresh state given the old one's snapshot. */
static void do_restart(struct con_state *st)
{
	struct con_saved saved;
	con_state_save(st, &saved);
	con_init(st, sink, NULL);
	FUZZ_CHECK(con_state_restore(st, &saved) == 0, "restore of a fresh snapshot");
}

static void do_bytes(struct con_state *st, struct fuzz_in *in, bool write)
{
	uint8_t buf[256];
	size_t n = fuzz_u8(in);
	for (size_t i = 0; i < n; i++)
		buf[i] = fuzz_u8(in);
	struct con_events ev = { 0 };
	if (write)
		FUZZ_CHECK(con_write(st, buf, n) == (st->stopped ? CON_WOULD_BLOCK : (long)n),
			   "write");
	else
		con_input(st, buf, n, &ev);
}

/* Types one byte many times: up to 508, or just past a full queue. */
static void do_flood(struct con_state *st, struct fuzz_in *in)
{
	static uint8_t buf[CON_INPUT_MAX + 128];
	uint8_t c = fuzz_u8(in), len = fuzz_u8(in);
	size_t n = len & 0x80 ? CON_INPUT_MAX - 64 + (len & 0x7f) : len * 4u;
	memset(buf, c, n);
	struct con_events ev = { 0 };
	con_input(st, buf, n, &ev);
	FUZZ_CHECK(ev.dropped <= n, "dropped more than typed");
}

static void run_op(struct con_state *st, struct fuzz_in *in)
{
	switch (fuzz_u8(in) % OP_COUNT) {
	case OP_TYPE: do_bytes(st, in, false); break;
	case OP_FLOOD: do_flood(st, in); break;
	case OP_TERMIOS: do_termios(st, in); break;
	case OP_READ: do_read(st, fuzz_u16(in) % (CON_INPUT_MAX + 2), false); break;
	case OP_EXPIRED: do_read(st, fuzz_u16(in) % (CON_INPUT_MAX + 2), true); break;
	case OP_WRITE: do_bytes(st, in, true); break;
	case OP_IOCTL: do_ioctl(st, in); break;
	case OP_FLUSH: con_flush_input(st); break;
	case OP_RESTART: do_restart(st); break;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_in in = fuzz_in_make(data, size);
	struct con_state *st = malloc(sizeof(*st));
	con_init(st, sink, NULL);
	while (!fuzz_done(&in)) {
		run_op(st, &in);
		check_queue(st);
		(void)con_read_timer(st);
	}
	free(st);
	return 0;
}
