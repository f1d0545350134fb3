// SPDX-License-Identifier: MIT
/* The host transport of libipc (see ipc_host.h): shared memory from mmap,
 * sleeping and waking with futex(2). Futexes are not FUTEX_PRIVATE because
 * the two sides may be different processes. */
#include <errno.h>
#include <linux/futex.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "ipc_host.h"

typedef bool (*ring_cond_t)(struct ipc_ring *r);

static void futex_wait(volatile uint32_t *w, uint32_t expected)
{
	syscall(SYS_futex, (uint32_t *)w, FUTEX_WAIT, expected, NULL, NULL, 0);
}

static void futex_wake(volatile uint32_t *w)
{
	syscall(SYS_futex, (uint32_t *)w, FUTEX_WAKE, 1, NULL, NULL, 0);
}

/* Returns once cond holds: polls c->spin times, then sleeps on the side's
 * waiting word. A wake-up between the re-check and FUTEX_WAIT is not lost:
 * the notifier has cleared the word, so FUTEX_WAIT returns at once. */
static void wait_until(struct ipc_host_conn *c, enum ipc_side side, ring_cond_t cond)
{
	struct ipc_ring *r = &c->ring;
	for (unsigned i = 0; i < c->spin; i++) {
		if (cond(r))
			return;
		__builtin_ia32_pause();
	}
	for (;;) {
		ipc_ring_set_waiting(r, side, true);
		if (cond(r))
			break;
		futex_wait(ipc_ring_waiting_word(r, side), 1);
		c->sleeps++;
	}
	ipc_ring_set_waiting(r, side, false);
}

static void wake_server(struct ipc_host_conn *c)
{
	if (ipc_ring_client_should_notify(&c->ring))
		futex_wake(ipc_ring_waiting_word(&c->ring, IPC_SIDE_SERVER));
}

static void wake_client(struct ipc_host_conn *c)
{
	if (ipc_ring_server_should_notify(&c->ring))
		futex_wake(ipc_ring_waiting_word(&c->ring, IPC_SIDE_CLIENT));
}

static bool has_space(struct ipc_ring *r) { return ipc_sq_space(r) > 0; }
static bool has_completion(struct ipc_ring *r) { return ipc_cq_ready(r) > 0; }
static bool has_request(struct ipc_ring *r) { return ipc_sq_pending(r) > 0; }
static bool has_cq_space(struct ipc_ring *r) { return ipc_cq_space(r) > 0; }

int ipc_host_create(struct ipc_host_conn *c)
{
	void *p = mmap(NULL, IPC_RING_BYTES, PROT_READ | PROT_WRITE,
		       MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return -errno;
	ipc_ring_init(p);
	return ipc_host_attach(c, p);
}

int ipc_host_attach(struct ipc_host_conn *c, void *region)
{
	memset(c, 0, sizeof(*c));
	c->spin = IPC_HOST_SPIN_DEFAULT;
	c->region = region;
	return ipc_ring_attach(&c->ring, region);
}

void ipc_host_destroy(struct ipc_host_conn *c)
{
	munmap(c->region, IPC_RING_BYTES);
	c->region = NULL;
}

/* ---- client ---- */

void ipc_host_wait_space(struct ipc_host_conn *c)
{
	wait_until(c, IPC_SIDE_CLIENT, has_space);
}

void ipc_host_wait_completions(struct ipc_host_conn *c)
{
	wait_until(c, IPC_SIDE_CLIENT, has_completion);
}

static unsigned min_u(unsigned a, unsigned b)
{
	return a < b ? a : b;
}

unsigned ipc_host_submit(struct ipc_host_conn *c, const struct ipc_slot *reqs, unsigned n)
{
	struct ipc_ring *r = &c->ring;
	n = min_u(n, ipc_sq_space(r));
	if (n == 0)
		return 0;
	for (unsigned i = 0; i < n; i++)
		*ipc_sq_free_slot(r, i) = reqs[i];
	ipc_sq_submit(r, n);
	wake_server(c);
	return n;
}

unsigned ipc_host_reap(struct ipc_host_conn *c, struct ipc_slot *out, unsigned max)
{
	struct ipc_ring *r = &c->ring;
	unsigned n = min_u(max, ipc_cq_ready(r));
	if (n == 0)
		return 0;
	for (unsigned i = 0; i < n; i++)
		out[i] = *ipc_cq_ready_slot(r, i);
	ipc_cq_release(r, n);
	wake_server(c);
	return n;
}

int ipc_host_call(struct ipc_host_conn *c, const struct ipc_slot *req, struct ipc_slot *rep)
{
	struct ipc_slot s = *req;
	s.seq = ipc_seq_next(&c->next_seq);
	while (ipc_host_submit(c, &s, 1) == 0)
		ipc_host_wait_space(c);
	ipc_host_wait_completions(c);
	ipc_host_reap(c, rep, 1);
	return rep->seq == s.seq ? 0 : -EPROTO;
}

/* ---- server ---- */

void ipc_host_wait_requests(struct ipc_host_conn *c)
{
	wait_until(c, IPC_SIDE_SERVER, has_request);
}

static void answer(const struct ipc_slot *req, struct ipc_slot *rep,
		   ipc_host_handler_t fn, void *ctx)
{
	rep->len = 0;
	rep->flags = 0;
	rep->status = fn(ctx, req, rep);
	rep->seq = req->seq;
}

/* Waits for completion space unless the oldest request is one-way (which
 * needs none). Returns the free completion slots. */
static unsigned cq_room(struct ipc_host_conn *c)
{
	struct ipc_ring *r = &c->ring;
	unsigned space = ipc_cq_space(r);
	if (space == 0 && !(ipc_sq_pending_slot(r, 0)->flags & IPC_F_ONEWAY)) {
		wait_until(c, IPC_SIDE_SERVER, has_cq_space);
		space = ipc_cq_space(r);
	}
	return space;
}

/* Serves up to max requests in order, counting both rings once per batch.
 * Completions are written in place and posted together; a one-way request
 * first posts those before it, since requests leave the ring in order. */
static unsigned serve(struct ipc_host_conn *c, ipc_host_handler_t fn, void *ctx, unsigned max)
{
	struct ipc_ring *r = &c->ring;
	unsigned pending, space, unposted = 0, served = 0;
	struct ipc_slot *req, scratch;
	ipc_host_wait_requests(c);
	pending = min_u(ipc_sq_pending(r), max);
	space = cq_room(c);
	for (; served < pending; served++) {
		req = ipc_sq_pending_slot(r, unposted);
		if (req->flags & IPC_F_ONEWAY) {
			ipc_cq_post(r, unposted);
			space -= unposted;
			unposted = 0;
			answer(req, &scratch, fn, ctx);
			ipc_sq_retire(r, 1);
		} else if (unposted < space) {
			answer(req, ipc_cq_free_slot(r, unposted), fn, ctx);
			unposted++;
		} else {
			break;
		}
	}
	ipc_cq_post(r, unposted);
	wake_client(c);
	return served;
}

unsigned ipc_host_serve(struct ipc_host_conn *c, ipc_host_handler_t fn, void *ctx)
{
	return serve(c, fn, ctx, IPC_RING_SLOTS);
}

unsigned ipc_host_serve_one(struct ipc_host_conn *c, ipc_host_handler_t fn, void *ctx)
{
	return serve(c, fn, ctx, 1);
}
