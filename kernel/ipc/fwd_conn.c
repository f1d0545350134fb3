// SPDX-License-Identifier: MIT
/* The kernel's forwarding connections: the kernel is the client's side
 * (it writes the requests; no process has the ring mapped), and each
 * connection has a 64 KiB bounce area for strings and small buffers. One
 * call at a time travels on one connection; a process has as many as it
 * has calls in flight (kernel/syscall/fwd.c keeps them). Entry points:
 * fwd_conn_open, fwd_conn_ready_server, fwd_conn_transact, fwd_conn_close. */
#include "abi/errno.h"
#include "ipc/ipc_internal.h"
#include "mm/frame.h"
#include "proc/proc.h"

_Static_assert(FWD_BOUNCE_PAGES * PAGE_SIZE == FWD_BOUNCE_BYTES, "bounce size");

struct ipc_conn *fwd_conn_open(struct ipc_endpoint *ep, struct proc *p)
{
	struct ipc_conn *c = conn_alloc(ep, true);
	if (!c)
		return NULL;
	c->bounce = frame_alloc_order(FWD_BOUNCE_ORDER, -1);
	if (c->bounce == FRAME_NONE) {
		c->bounce = 0;
		ep->conns[c->id] = NULL;
		kobj_put(&c->obj);
		return NULL;
	}
	c->client = p;
	c->badge = (uint64_t)p->pid;
	return c;
}

bool fwd_conn_ready_server(struct ipc_conn *c)
{
	struct proc *srv = c->ep->server;
	return srv && srv->state == PROC_ALIVE && srvmap_conn(c);
}

/* Queues IPC_OP_CANCEL for request seq and makes sure the server looks. */
static void post_cancel(struct ipc_conn *c, uint64_t seq)
{
	struct ipc_ring_hdr *h = c->ring.hdr;
	if (h->sq.tail - h->sq.head >= IPC_RING_SLOTS)
		return;
	struct ipc_slot *s = &c->ring.sq[h->sq.tail & IPC_RING_MASK];
	s->seq = seq;
	s->op = IPC_OP_CANCEL;
	s->len = 0;
	s->flags = IPC_F_ONEWAY;
	__atomic_store_n(&h->sq.tail, h->sq.tail + 1, __ATOMIC_RELEASE);
	struct thread *srv = ep_hand_over(c);
	if (srv)
		sched_wake(srv, 0);
}

void fwd_conn_post(struct ipc_conn *c)
{
	struct ipc_ring_hdr *h = c->ring.hdr;
	__atomic_store_n(&h->sq.tail, h->sq.tail + 1, __ATOMIC_RELEASE);
	struct thread *srv = ep_hand_over(c);
	if (srv)
		sched_wake(srv, 0);
}

long fwd_conn_transact(struct ipc_conn *c)
{
	struct ipc_ring_hdr *h = c->ring.hdr;
	uint64_t seq = c->ring.sq[h->sq.tail & IPC_RING_MASK].seq;
	bool cancelled = false;
	__atomic_store_n(&h->sq.tail, h->sq.tail + 1, __ATOMIC_RELEASE);
	struct thread *srv = ep_hand_over(c);
	while (conn_cq_empty(c) && !c->dead) {
		int r = srv ? sched_block_handoff(&c->client_wq, srv) : sched_block(&c->client_wq, 0);
		srv = NULL;
		struct thread *t = thread_current();
		/* The request is in the server's hands: a killed thread leaves
		 * now; a signal asks the server to answer early, and the answer
		 * is still awaited. */
		if (r < 0 && r != -EPIPE && t->killed)
			return r;
		if (r == -EINTR && !cancelled && (t->sigpending & ~t->sigmask)) {
			post_cancel(c, seq);
			cancelled = true;
		}
	}
	return c->dead ? -EPIPE : 0;
}

void fwd_conn_close(struct ipc_conn *c)
{
	conn_close(c);
	kobj_put(&c->obj);
}
