// SPDX-License-Identifier: MIT
/* ipc_serve: receive a connection with work, dispatch each request through
 * the table, post completions, reply (which also waits for the next). */
#include <errno.h>
#include <string.h>
#include "ipc.h"
#include "uk_syscall.h"
#include "abi/syscall.h"

#define SERVE_MAX_CONNS 512  /* IPC_EP_MAX_CONNS: a connection id is below it */

struct serve_conn {
	struct ipc_ring ring;
	uint64_t addr;
	uint64_t badge;
	int32_t pid;             /* the client's process, as the kernel reports it */
	bool kernel;             /* the kernel's forwarding connection */
	volatile int deferred;   /* the head request awaits ipc_complete */
};

static struct serve_conn conns[SERVE_MAX_CONNS];
static ipc_handler_fn on_cancel;
static volatile uint32_t guard;  /* requests being served (uk_kill_guard) */

static inline void guard_enter(void)
{
	__atomic_add_fetch(&guard, 1, __ATOMIC_SEQ_CST);
}

static inline void guard_leave(void)
{
	__atomic_sub_fetch(&guard, 1, __ATOMIC_SEQ_CST);
}

void ipc_guard_enter(void)
{
	guard_enter();
}

void ipc_guard_leave(void)
{
	guard_leave();
}

void ipc_serve_on_cancel(ipc_handler_fn fn)
{
	on_cancel = fn;
}

/* A deferred request with IPC_OP_CANCEL for it right behind: the handler
 * may answer it now. True when it did (the ring moves on). */
static bool cancel_deferred(const struct ipc_dispatch *d, struct serve_conn *sc, int conn)
{
	if (!on_cancel || ipc_sq_pending(&sc->ring) < 2)
		return false;
	const struct ipc_slot *in = ipc_sq_peek_at(&sc->ring, 0);
	const struct ipc_slot *next = ipc_sq_peek_at(&sc->ring, 1);
	if (next->op != IPC_OP_CANCEL || next->seq != in->seq)
		return false;
	struct ipc_request rq = { .slot = in, .badge = sc->badge, .cap_slot = -1, .conn = conn,
				  .pid = sc->pid, .kernel = sc->kernel };
	struct ipc_slot scratch;
	on_cancel(d->ctx, &rq, &scratch);
	return !__atomic_load_n(&sc->deferred, __ATOMIC_ACQUIRE);
}

static inline int32_t dispatch(const struct ipc_dispatch *d, const struct ipc_request *rq,
			struct ipc_slot *reply)
{
	uint32_t op = rq->slot->op;
	if (d->kernel_only && !rq->kernel)
		return -EPERM;  /* forwarded calls come from the kernel, never from a client */
	if (op < d->base || op - d->base >= d->count)
		return d->other ? d->other(d->ctx, rq, reply) : -ENOSYS;
	if (!d->handlers[op - d->base])
		return -ENOSYS;
	return d->handlers[op - d->base](d->ctx, rq, reply);
}

/* The buffer lent with the request at the head of the ring, as the
 * kernel's grant table (read-only here, never mapped in the client) has
 * it; none when the table has no grant for this request (a client forged
 * the flag): the handler then sees no grant. */
static void take_grant(struct serve_conn *sc, const struct ipc_slot *in, struct ipc_request *rq)
{
	const struct ipc_grant_entry *gtab = (const void *)(sc->addr + IPC_RING_BYTES);
	uint32_t head = __atomic_load_n(&sc->ring.hdr->sq.head, __ATOMIC_RELAXED);
	const struct ipc_grant_entry *e = &gtab[head & IPC_RING_MASK];
	uint64_t seq = __atomic_load_n(&e->seq, __ATOMIC_ACQUIRE);
	if (!seq || seq != __atomic_load_n(&in->seq, __ATOMIC_RELAXED))
		return;
	rq->grant = (void *)e->addr;
	rq->grant_len = e->len;
	rq->grant_writable = e->writable;
}

/* A passed capability lives as long as its request's handling: a handler
 * that keeps it copies it. */
static inline void drop_cap(int slot)
{
	if (slot >= 0)
		uk_syscall5(UK_SYS_cap_delete, slot, 0, 0, 0, 0);
}

static inline bool sq_pending(const struct ipc_ring_hdr *h)
{
	return ipc__load_peer((volatile uint32_t *)&h->sq.tail) != h->sq.head;
}

/* Serves the request at the head of the ring in place; false when the
 * completion ring is full or the request was deferred. The index
 * arithmetic is spelled out: this is the fused call's path. */
static bool serve_one(const struct ipc_dispatch *d, struct serve_conn *sc, int conn, int *cap_slot)
{
	struct ipc_ring_hdr *h = sc->ring.hdr;
	uint32_t head = ipc__load_own(&h->sq.head);
	const struct ipc_slot *in = &sc->ring.sq[head & IPC_RING_MASK];
	uint16_t flags = __atomic_load_n(&in->flags, __ATOMIC_RELAXED);
	struct ipc_request rq = { .slot = in, .badge = sc->badge, .cap_slot = *cap_slot,
				  .conn = conn, .pid = sc->pid,
				  .kernel = sc->kernel };
	if (flags & IPC_F_GRANT)
		take_grant(sc, in, &rq);
	*cap_slot = -1;
	if ((flags & IPC_F_ONEWAY) && !rq.grant) {  /* a grant is released by its completion */
		struct ipc_slot scratch;
		guard_enter();
		dispatch(d, &rq, &scratch);
		drop_cap(rq.cap_slot);
		ipc__publish(&h->sq.head, head + 1);
		guard_leave();
		return true;
	}
	uint32_t tail = ipc__load_own(&h->cq.tail);
	if (tail - ipc__load_peer(&h->cq.head) >= IPC_RING_SLOTS)
		return false;
	struct ipc_slot *out = &sc->ring.cq[tail & IPC_RING_MASK];
	out->len = 0;
	out->flags = 0;
	guard_enter();  /* from the first change to the answer: no kill lands between */
	int32_t status = dispatch(d, &rq, out);
	drop_cap(rq.cap_slot);
	if (status == IPC_DEFER) {
		__atomic_store_n(&sc->deferred, 1, __ATOMIC_RELEASE);
		guard_leave();
		return false;
	}
	out->seq = in->seq;
	out->status = status;
	ipc__publish(&h->cq.tail, tail + 1);   /* the completion, */
	ipc__publish(&h->sq.head, head + 1);   /* then the request leaves */
	guard_leave();
	return true;
}

/* Serves until the ring is empty (or the client stops reaping), then marks
 * the server as sleeping on this ring and checks once more. */
static void drain(const struct ipc_dispatch *d, struct serve_conn *sc, int conn, int *cap_slot)
{
	struct ipc_ring_hdr *h = sc->ring.hdr;
	unsigned served = 0;
	for (;;) {
		if (__atomic_load_n(&sc->deferred, __ATOMIC_ACQUIRE) && !cancel_deferred(d, sc, conn))
			return;
		ipc_ring_set_waiting(&sc->ring, IPC_SIDE_SERVER, false);
		while (served < IPC_RING_SLOTS && sq_pending(h) && serve_one(d, sc, conn, cap_slot))
			served++;
		if (__atomic_load_n(&sc->deferred, __ATOMIC_ACQUIRE) && !cancel_deferred(d, sc, conn))
			return;
		ipc_ring_set_waiting(&sc->ring, IPC_SIDE_SERVER, true);
		if (!sq_pending(h) || !ipc_cq_space(&sc->ring) || served >= IPC_RING_SLOTS)
			return;  /* a ring's worth, then the other connections: the client's next call wakes us */
	}
}

/* Takes in what receive said of a connection (its ring the first time);
 * the connection's state, or NULL when its ring is spoiled. */
static struct serve_conn *learn(const struct ipc_recv *r)
{
	struct serve_conn *sc = &conns[r->conn];
	if (r->new_conn || sc->addr != r->ring) {
		if (ipc_ring_attach(&sc->ring, (void *)r->ring) < 0) {
			sc->addr = 0;  /* a client spoiled its ring: serve none of it */
			return NULL;
		}
		sc->addr = r->ring;
	}
	if (r->new_conn)
		sc->deferred = 0;
	sc->badge = r->badge;
	sc->pid = r->client_pid;
	sc->kernel = r->flags & IPC_RECV_F_KERNEL;
	return sc;
}

int ipc_serve(int ep_slot, const struct ipc_dispatch *d)
{
	struct ipc_recv r;
	uk_syscall5(UK_SYS_kill_guard, (long)&guard, 0, 0, 0, 0);
	long rc = uk_syscall5(UK_SYS_ipc_receive, ep_slot, (long)&r, 0, 0, 0);
	for (;;) {
		int conn, cap_slot = -1;
		struct serve_conn *sc;
		if (rc > 0 && rc <= SERVE_MAX_CONNS) {  /* a connection known already */
			conn = (int)rc - 1;
			sc = conns[conn].addr ? &conns[conn] : NULL;
		} else if (rc == 0 && r.conn >= 0 && r.conn < SERVE_MAX_CONNS) {
			conn = r.conn;
			cap_slot = r.cap_slot;
			sc = learn(&r);
		} else if (rc == -EINTR) {
			rc = uk_syscall5(UK_SYS_ipc_receive, ep_slot, (long)&r, 0, 0, 0);
			continue;
		} else {
			return rc < 0 ? (int)rc : -EPROTO;
		}
		if (!sc) {
			drop_cap(cap_slot);
			rc = uk_syscall5(UK_SYS_ipc_receive, ep_slot, (long)&r, 0, 0, 0);
			continue;
		}
		drain(d, sc, conn, &cap_slot);
		drop_cap(cap_slot);  /* its request was not served this time */
		rc = uk_syscall5(UK_SYS_ipc_reply, ep_slot, conn, (long)&r,
				 IPC_REPLY_RECEIVE | IPC_RECV_REGS, 0);
	}
}

int ipc_complete(int ep_slot, int conn, int32_t status, const void *data, size_t len)
{
	if (conn < 0 || conn >= SERVE_MAX_CONNS || len > IPC_INLINE_MAX)
		return -EINVAL;
	struct serve_conn *sc = &conns[conn];
	if (!__atomic_load_n(&sc->deferred, __ATOMIC_ACQUIRE))
		return -EINVAL;
	const struct ipc_slot *in = ipc_sq_peek_at(&sc->ring, 0);
	struct ipc_slot *out = ipc_cq_reserve(&sc->ring);
	if (!in || !out)
		return -EAGAIN;
	ipc_guard_enter();
	out->seq = in->seq;
	out->flags = 0;
	out->len = (uint16_t)len;
	if (len)
		memcpy(out->data, data, len);
	out->status = status;
	ipc_cq_post(&sc->ring, 1);
	__atomic_store_n(&sc->deferred, 0, __ATOMIC_RELEASE);
	ipc_guard_leave();
	long r = uk_syscall5(UK_SYS_ipc_reply, ep_slot, conn, 0, 0, 0);
	return r < 0 ? (int)r : 0;
}

const struct ipc_slot *ipc_deferred_request(int conn)
{
	if (conn < 0 || conn >= SERVE_MAX_CONNS || !conns[conn].deferred)
		return NULL;
	return ipc_sq_peek_at(&conns[conn].ring, 0);
}

uint64_t ipc_conn_badge(int conn)
{
	return conn >= 0 && conn < SERVE_MAX_CONNS ? conns[conn].badge : 0;
}
