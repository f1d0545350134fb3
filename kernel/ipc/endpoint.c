// SPDX-License-Identifier: MIT
/* Endpoints: the ready list, receive, reply and the fused call path; what
 * happens when a server dies. Connections are in conn.c, the server's view
 * of its rings in srvmap.c, the kernel's forwarding connections in
 * fwd_conn.c. See endpoint.h. */
#include "abi/errno.h"
#include "ipc/grant.h"
#include "ipc/ipc_internal.h"
#include "mm/slab.h"
#include "proc/proc.h"
#include "lib/string.h"

static struct ipc_endpoint *all_eps[256];

static void ep_release(struct kobj *obj)
{
	struct ipc_endpoint *ep = (struct ipc_endpoint *)obj;
	for (size_t i = 0; i < ARRAY_SIZE(all_eps); i++)
		if (all_eps[i] == ep)
			all_eps[i] = NULL;
	kfree(ep);
}

/* The last capability that could serve the endpoint is gone: no successor
 * can come, so every client learns it now instead of waiting forever. */
static void ep_on_delete(struct cap *cap)
{
	struct ipc_endpoint *ep = (struct ipc_endpoint *)cap->obj;
	if (!(cap->rights & CAP_R_READ) || --ep->server_caps)
		return;
	waitq_wake(&ep->server_wait, 1 << 30, -EPIPE);
	for (int i = 0; i < IPC_EP_MAX_CONNS; i++) {
		struct ipc_conn *c = ep->conns[i];
		if (c) {
			c->dead = true;
			waitq_wake(&c->client_wq, 1 << 30, -EPIPE);
		}
	}
}

static const struct kobj_ops ep_ops = { .release = ep_release, .on_delete = ep_on_delete };

struct ipc_endpoint *endpoint_create(void)
{
	size_t slot = 0;
	while (slot < ARRAY_SIZE(all_eps) && all_eps[slot])
		slot++;
	if (slot == ARRAY_SIZE(all_eps))
		return NULL;
	struct ipc_endpoint *ep = kmalloc(sizeof(*ep));
	if (!ep)
		return NULL;
	memset(ep, 0, sizeof(*ep));
	kobj_init(&ep->obj, CAP_ENDPOINT, &ep_ops);
	all_eps[slot] = ep;
	return ep;
}

void endpoint_cap_added(struct cap *cap)
{
	if (cap->obj->type == CAP_ENDPOINT && (cap->rights & CAP_R_READ))
		((struct ipc_endpoint *)cap->obj)->server_caps++;
}

void ep_ready_push(struct ipc_conn *c)
{
	struct ipc_endpoint *ep = c->ep;
	if (c->ready)
		return;
	c->ready = true;
	c->ready_next = NULL;
	if (ep->ready_tail)
		ep->ready_tail->ready_next = c;
	else
		ep->ready_head = c;
	ep->ready_tail = c;
}

static struct ipc_conn *ready_pop(struct ipc_endpoint *ep)
{
	struct ipc_conn *c = ep->ready_head;
	if (c) {
		ep->ready_head = c->ready_next;
		if (!ep->ready_head)
			ep->ready_tail = NULL;
		c->ready = false;
	}
	return c;
}

void ep_ready_remove(struct ipc_conn *c)
{
	struct ipc_endpoint *ep = c->ep;
	struct ipc_conn **pp = &ep->ready_head, *prev = NULL;
	while (*pp && *pp != c)
		prev = *pp, pp = &(*pp)->ready_next;
	if (!*pp)
		return;
	*pp = c->ready_next;
	if (ep->ready_tail == c)
		ep->ready_tail = prev;
	c->ready = false;
}

/* Fills what the server learns; maps the ring into it the first time. */
long ep_announce(struct ipc_conn *c, struct ipc_recv *out)
{
	if (!c->server_va && !srvmap_conn(c))
		return -ENOMEM;
	*out = (struct ipc_recv){
		.conn = c->id, .cap_slot = c->pending_cap, .ring = c->server_va,
		.badge = c->badge, .new_conn = !c->announced,
		.client_pid = c->client ? c->client->pid : 0,
		.flags = c->bounce ? IPC_RECV_F_KERNEL : 0,
	};
	c->pending_cap = -1;
	c->announced = true;
	c->serving = true;
	return 0;
}

static long claim_endpoint(struct proc *p, struct ipc_endpoint *ep)
{
	if (ep->server && ep->server != p && ep->server->state == PROC_ALIVE)
		return -EBUSY;
	long err = srvmap_claim(ep, p);
	if (err)
		return err;
	if (ep->server != p) {
		ep->server = p;
		waitq_wake(&ep->server_wait, 1 << 30, 0);
	}
	return 0;
}

long endpoint_wait_server(struct ipc_endpoint *ep)
{
	while (!ep->server || ep->server->state != PROC_ALIVE) {
		if (!ep->server_caps)
			return -EPIPE;
		int r = sched_block(&ep->server_wait, 0);
		if (r < 0)
			return r;
	}
	return 0;
}

long ipc_receive(struct proc *p, struct ipc_endpoint *ep, struct ipc_recv *out, unsigned flags)
{
	long err = claim_endpoint(p, ep);
	if (err)
		return err;
	struct thread *t = thread_current();
	for (;;) {
		struct ipc_conn *c = ready_pop(ep);
		if (c && !c->dead)
			return ep_announce(c, out);
		if (c)
			continue;
		if (flags & IPC_RECV_NONBLOCK)
			return -EAGAIN;
		t->ipc_handed = NULL;
		int r = sched_block(&ep->receivers, 0);
		c = t->ipc_handed;
		t->ipc_handed = NULL;
		if (c && !c->dead)
			return ep_announce(c, out);
		if (r < 0)
			return r;
	}
}

long ipc_call(struct proc *client, struct ipc_conn *c, unsigned flags,
	      const struct ipc_call_args *a)
{
	long err = 0;
	if (c->dead)
		return -EPIPE;
	if ((flags & (IPC_CALL_CAP | IPC_CALL_GRANT)) && (err = endpoint_wait_server(c->ep)))
		return err;
	if ((flags & IPC_CALL_CAP) && (err = grant_pass_cap(client, c, a->cap_slot)))
		return err;
	if ((flags & IPC_CALL_GRANT) && (err = grant_publish(client, c, a)))
		return err;
	bool submit = flags & (IPC_CALL_SUBMIT | IPC_CALL_GRANT | IPC_CALL_CAP);
	struct thread *srv = submit ? c->ep->receivers.head : NULL;
	if (submit && !srv)
		ep_ready_push(c);
	if (srv)
		srv->ipc_handed = c;
	if (!(flags & IPC_CALL_WAIT)) {
		if (srv)
			sched_wake(srv, 0);
		return 0;
	}
	while (conn_cq_empty(c) && !c->dead) {
		int r = srv ? sched_block_handoff(&c->client_wq, srv) : sched_block(&c->client_wq, 0);
		srv = NULL;
		if (r < 0)
			return r;
	}
	/* Grants are released when the server replies (ipc_reply), never on
	 * the client's word: the client can write the completion ring. */
	return c->dead ? -EPIPE : 0;
}

long ipc_reply(struct proc *p, struct ipc_endpoint *ep, int conn, struct ipc_recv *out,
	       unsigned flags)
{
	if (ep->server != p || conn < 0 || conn >= IPC_EP_MAX_CONNS)
		return -EINVAL;
	if (ep->nstale)
		srvmap_claim(ep, p);  /* between requests: the rings of closed connections go */
	struct ipc_conn *c = ep->conns[conn];
	if (c)
		c->serving = false;  /* done with it until it is handed over again */
	if (c && c->close_pending) {
		conn_close_pending(c);
		c = NULL;
	}
	if (!c)  /* closed while being served: nothing to answer */
		return (flags & IPC_REPLY_RECEIVE) ? ipc_receive(p, ep, out, flags & IPC_RECV_NONBLOCK)
						   : -EPIPE;
	grant_reap(c);
	struct thread *client = conn_cq_empty(c) ? NULL : c->client_wq.head;
	if (!(flags & IPC_REPLY_RECEIVE)) {
		if (client)
			sched_wake(client, 0);
		return 0;
	}
	if (client && !ep->ready_head) {
		struct thread *t = thread_current();
		t->ipc_handed = NULL;
		int r = sched_block_handoff(&ep->receivers, client);
		struct ipc_conn *h = t->ipc_handed;
		t->ipc_handed = NULL;
		if (h && !h->dead)
			return ep_announce(h, out);
		if (r < 0)
			return r;
	} else if (client) {
		sched_wake(client, 0);
	}
	return ipc_receive(p, ep, out, flags & IPC_RECV_NONBLOCK);
}

void ipc_proc_died(struct proc *p)
{
	for (size_t i = 0; i < ARRAY_SIZE(all_eps); i++) {
		struct ipc_endpoint *ep = all_eps[i];
		if (!ep || ep->server != p)
			continue;
		for (int j = 0; j < IPC_EP_MAX_CONNS; j++)
			if (ep->conns[j] && ep->conns[j]->close_pending)
				conn_close_pending(ep->conns[j]);
		ep->server = NULL;
		srvmap_server_gone(ep);
		for (int j = 0; j < IPC_EP_MAX_CONNS; j++) {
			struct ipc_conn *c = ep->conns[j];
			if (!c)
				continue;
			grant_server_gone(c);
			c->announced = c->serving = false;
			if (c->ring.hdr->sq.tail != c->ring.hdr->sq.head)
				ep_ready_push(c);  /* unfinished requests wait for a successor */
			if (!conn_cq_empty(c))   /* answered, but the server died before waking them */
				waitq_wake(&c->client_wq, 1 << 30, 0);
		}
	}
}

struct thread *ep_hand_over(struct ipc_conn *c)
{
	struct thread *srv = c->ep->receivers.head;
	if (srv)
		srv->ipc_handed = c;
	else
		ep_ready_push(c);
	return srv;
}
