// SPDX-License-Identifier: MIT
/* The fused call's fast path. A call (ipc_call with SUBMIT|WAIT, nothing
 * else) to a server thread that waits in receive, and a reply-and-receive
 * (ipc_reply with REPLY_RECEIVE and IPC_RECV_REGS) to a client that waits
 * for its completion, are served here with the few checks that matter and
 * a direct switch to the peer; anything unusual (a grant or a capability
 * to pass, nobody waiting on the other side, others queued first, a
 * connection not yet announced to the server, a closing connection, a
 * caller under seccomp or pledge) returns false and the general path in
 * endpoint.c runs instead, with the same result. The message itself is in
 * the ring either way; what the fast path saves is the kernel's bookkeeping
 * and, with IPC_RECV_REGS, the copy of a struct ipc_recv: a server told of
 * a connection it already knows gets 1 + its id as the call's result. */
#include "abi/errno.h"
#include "abi/syscall.h"
#include "ipc/fastpath.h"
#include "ipc/ipc_internal.h"
#include "mm/uaccess.h"
#include "proc/proc.h"
#include "trap.h"

/* The capability of slot in p's table, if it is of type and has rights. */
static inline struct kobj *cap_obj(struct proc *p, uint64_t slot, enum cap_type type,
				   uint32_t rights)
{
	if (slot >= CAP_SLOTS)
		return NULL;
	const struct cap *c = &p->caps.slots[slot];
	if (!c->obj || c->obj->type != type || (c->rights & rights) != rights)
		return NULL;
	return c->obj;
}

/* Whether the server may be told of c by its id alone: it has seen the
 * connection (ring, badge, pid, flags) and nothing else comes with it. */
static inline bool known_to_server(const struct ipc_conn *c)
{
	return c->announced && c->server_va && c->pending_cap < 0 && !c->dead;
}

/* Waits for c's completion as the general path does: 0, -EPIPE or the
 * reason a signal or kill gave. */
static long wait_completion(struct ipc_conn *c)
{
	while (conn_cq_empty(c) && !c->dead) {
		int r = sched_block(&c->client_wq, 0);
		if (r < 0)
			return r;
	}
	return c->dead ? -EPIPE : 0;
}

static bool fast_call(struct thread *t, struct trap_frame *tf)
{
	if (tf->rsi != (IPC_CALL_SUBMIT | IPC_CALL_WAIT))
		return false;
	struct ipc_conn *c = (struct ipc_conn *)cap_obj(t->proc, tf->rdi, CAP_CONNECTION, CAP_R_WRITE);
	if (!c)
		return false;
	struct ipc_endpoint *ep = c->ep;
	struct thread *srv = ep->receivers.head;
	if (!srv || ep->ready_head || !known_to_server(c) || !conn_cq_empty(c))
		return false;
	srv->ipc_handed = c;
	int r = sched_block_handoff(&c->client_wq, srv);
	tf->rax = (uint64_t)(r < 0 ? r : wait_completion(c));
	return true;
}

/* What a server learns when it resumes in receive: 1 + the id of a known
 * connection, or 0 once the general path has written *out. */
static long learn(struct thread *t, struct ipc_endpoint *ep, int r, struct ipc_recv *out)
{
	struct ipc_conn *h = t->ipc_handed;
	t->ipc_handed = NULL;
	if (h && known_to_server(h)) {
		h->serving = true;
		return h->id + 1;
	}
	if (h && !h->dead)
		return ep_announce(h, out);
	return r < 0 ? r : ipc_receive(t->proc, ep, out, 0);
}

static bool fast_reply(struct thread *t, struct trap_frame *tf, long *ret, struct ipc_recv *out)
{
	if (tf->r10 != (IPC_REPLY_RECEIVE | IPC_RECV_REGS))
		return false;
	struct proc *p = t->proc;
	struct ipc_endpoint *ep = (struct ipc_endpoint *)cap_obj(p, tf->rdi, CAP_ENDPOINT, CAP_R_READ);
	uint64_t id = tf->rsi;
	if (!ep || ep->server != p || ep->nstale || id >= IPC_EP_MAX_CONNS || ep->ready_head)
		return false;
	struct ipc_conn *c = ep->conns[id];
	if (!c || c->close_pending || c->grants || conn_cq_empty(c))
		return false;
	struct thread *client = c->client_wq.head;
	if (!client)
		return false;
	c->serving = false;
	c->cq_scan = c->ring.hdr->cq.tail;  /* no grants: nothing to release (grant_reap) */
	t->ipc_handed = NULL;
	int r = sched_block_handoff(&ep->receivers, client);
	*ret = learn(t, ep, r, out);
	return true;
}

bool ipc_fastpath(struct thread *t, struct trap_frame *tf)
{
	const struct proc *p = t->proc;
	if (p->kill_deferred || (p->sec.s.flags & SEC_CHECKED_FLAGS))
		return false;  /* a kill waits, or seccomp or pledge look at every call */
	if (tf->rax == UK_SYS_ipc_call)
		return fast_call(t, tf);
	struct ipc_recv out;
	long r;
	if (!fast_reply(t, tf, &r, &out))
		return false;  /* (a bad *out is -EFAULT below, when it is needed) */
	tf->rax = (uint64_t)(r == 0 ? copy_to_user(tf->rdx, &out, sizeof(out)) : r);
	return true;
}
