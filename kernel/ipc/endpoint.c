// SPDX-License-Identifier: MIT
/* Endpoints, connections and the fused call path. See endpoint.h. */
#include "abi/errno.h"
#include "ipc/endpoint.h"
#include "ipc/grant.h"
#include "proto/fwd.h"
#include "mm/frame.h"
#include "mm/phys.h"
#include "mm/slab.h"
#include "proc/proc.h"
#include "proc/uvm.h"
#include "lib/string.h"

#define NFRAMES (IPC_SERVER_RING_BYTES / IPC_RING_PAGE)  /* the server maps them all */
#define CLIENT_FRAMES (IPC_RING_BYTES / IPC_RING_PAGE)   /* the client, not the grant table */
#define FWD_BOUNCE_ORDER 4
#define FWD_BOUNCE_PAGES (1u << FWD_BOUNCE_ORDER)
_Static_assert(FWD_BOUNCE_PAGES * PAGE_SIZE == FWD_BOUNCE_BYTES, "bounce size");

static struct ipc_endpoint *all_eps[256];

static void ep_release(struct kobj *obj)
{
	struct ipc_endpoint *ep = (struct ipc_endpoint *)obj;
	for (size_t i = 0; i < ARRAY_SIZE(all_eps); i++)
		if (all_eps[i] == ep)
			all_eps[i] = NULL;
	kfree(ep);
}

static void conn_close(struct ipc_conn *c);

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

static void ready_push(struct ipc_conn *c)
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

static void ready_remove(struct ipc_conn *c)
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

static void conn_release(struct kobj *obj)
{
	struct ipc_conn *c = (struct ipc_conn *)obj;
	if (c->bounce)
		frame_free_order(c->bounce, FWD_BOUNCE_ORDER);
	for (int i = 0; i < NFRAMES; i++)
		if (c->frames[i] != FRAME_NONE)
			frame_unref(c->frames[i]);
	kobj_put(&c->ep->obj);
	kfree(c);
}

static void conn_on_delete(struct cap *cap)
{
	conn_close((struct ipc_conn *)cap->obj);
}

static const struct kobj_ops conn_ops = { .release = conn_release, .on_delete = conn_on_delete };

static struct ipc_conn *conn_alloc(struct ipc_endpoint *ep)
{
	int id = 0;
	while (id < IPC_EP_MAX_CONNS && ep->conns[id])
		id++;
	struct ipc_conn *c = id < IPC_EP_MAX_CONNS ? kmalloc(sizeof(*c)) : NULL;
	if (!c)
		return NULL;
	kobj_init(&c->obj, CAP_CONNECTION, &conn_ops);
	for (int i = 0; i < NFRAMES; i++)
		c->frames[i] = frame_alloc_zeroed();
	for (int i = 0; i < NFRAMES; i++) {
		if (c->frames[i] == FRAME_NONE) {
			for (int j = 0; j < NFRAMES; j++)
				if (c->frames[j] != FRAME_NONE)
					frame_unref(c->frames[j]);
			kfree(c);
			return NULL;
		}
	}
	c->ring.hdr = phys_to_virt(c->frames[0]);
	c->ring.sq = phys_to_virt(c->frames[1]);
	c->ring.cq = phys_to_virt(c->frames[2]);
	c->gtab = phys_to_virt(c->frames[3]);
	c->ring.hdr->magic = IPC_RING_MAGIC;
	c->ring.hdr->slots = IPC_RING_SLOTS;
	c->ep = ep;
	c->id = id;
	c->pending_cap = -1;
	kobj_get(&ep->obj);
	ep->conns[id] = c;
	return c;
}

long ipc_connect(struct proc *client, struct cap *ep_cap, uint64_t *ring)
{
	struct ipc_endpoint *ep = (struct ipc_endpoint *)ep_cap->obj;
	struct ipc_conn *c = conn_alloc(ep);
	if (!c)
		return -ENOMEM;
	c->client = client;
	c->badge = ep_cap->badge;
	c->client_va = uvm_map_frames(client, c->frames, CLIENT_FRAMES, VMA_PROT_READ | VMA_PROT_WRITE);
	int slot = c->client_va ? cap_install_child(&client->caps, ep_cap, &c->obj,
						    CAP_R_READ | CAP_R_WRITE) : -ENOMEM;
	if (slot < 0) {
		if (c->client_va)
			uvm_unmap_region(client, c->client_va, IPC_RING_BYTES);
		c->client_va = 0;
		ep->conns[c->id] = NULL;
	} else {
		*ring = c->client_va;
	}
	kobj_put(&c->obj);  /* the capability holds the connection now */
	return slot;
}

/* Marks the connection dead, releases grants and wakes the client. The
 * ring stays mapped in the client (it owns that memory and may still touch
 * it; munmap frees it) and in the server until the server next enters the
 * kernel to receive, so that neither faults on a ring it was using. */
/* Unmaps the connection from the server and frees its id. */
static void conn_finish_close(struct ipc_conn *c)
{
	struct proc *srv = c->ep->server;
	grant_release_all(c);
	if (c->server_va && srv && c->bounce && srv->pml4)
		uvm_unmap_region(srv, c->server_va, IPC_SERVER_RING_BYTES);
	else if (c->server_va && srv)
		c->ep->stale[c->id] = c->server_va;
	if (c->bounce_va && srv && srv->pml4)
		uvm_unmap_region(srv, c->bounce_va, FWD_BOUNCE_BYTES);
	c->bounce_va = 0;
	c->client_va = c->server_va = 0;
	c->ep->conns[c->id] = NULL;
}

/* Marks the connection dead and wakes the client. A forwarded request the
 * server still holds (it may have deferred it) keeps the connection, its
 * ring, bounce area and grants mapped until the server answers it
 * (ipc_reply then finishes the close), so the server never touches memory
 * that went away under it. */
static void conn_close(struct ipc_conn *c)
{
	if ((c->dead && !c->ep->conns[c->id]) || c->close_pending)
		return;
	c->dead = true;
	waitq_wake(&c->client_wq, 1 << 30, -EPIPE);
	if (c->ready)
		ready_remove(c);
	struct ipc_ring_hdr *h = c->ring.hdr;
	if (c->bounce && c->ep->server && c->announced && h->sq.head != h->sq.tail) {
		c->close_pending = true;
		kobj_get(&c->obj);
		return;
	}
	conn_finish_close(c);
}

/* The server answered (or lost) a request of a connection whose client is
 * gone: the deferred close happens now. */
static void conn_close_pending(struct ipc_conn *c)
{
	c->close_pending = false;
	conn_finish_close(c);
	kobj_put(&c->obj);
}

static bool cq_empty(const struct ipc_conn *c)
{
	return c->ring.hdr->cq.tail == c->ring.hdr->cq.head;
}

/* Fills what the server learns; maps the ring into it the first time. */
static void map_bounce(struct ipc_conn *c, struct proc *srv);

/* The ring as the server sees it: read-write, and the grant table behind
 * it read-only (only the kernel writes it). */
static virt_t map_server_ring(struct ipc_conn *c, struct proc *srv)
{
	phys_t frames[NFRAMES];
	for (int i = 0; i < NFRAMES; i++)
		frames[i] = c->frames[i] | (i == NFRAMES - 1 ? UVM_FRAME_RO : 0);
	return uvm_map_frames(srv, frames, NFRAMES, VMA_PROT_READ | VMA_PROT_WRITE);
}

static long announce(struct proc *server, struct ipc_conn *c, struct ipc_recv *out)
{
	map_bounce(c, server);  /* a successor serving a request its predecessor left */
	if (!c->server_va) {
		c->server_va = map_server_ring(c, server);
		if (!c->server_va)
			return -ENOMEM;
		c->announced = false;
	}
	*out = (struct ipc_recv){
		.conn = c->id, .cap_slot = c->pending_cap, .ring = c->server_va,
		.badge = c->badge, .new_conn = !c->announced,
		.client_pid = c->client ? c->client->pid : 0,
		.flags = c->bounce ? IPC_RECV_F_KERNEL : 0,
	};
	c->pending_cap = -1;
	c->announced = true;
	return 0;
}

static long claim_endpoint(struct proc *p, struct ipc_endpoint *ep)
{
	if (ep->server && ep->server != p && ep->server->state == PROC_ALIVE)
		return -EBUSY;
	ep->server = p;
	waitq_wake(&ep->server_wait, 1 << 30, 0);
	for (int i = 0; i < IPC_EP_MAX_CONNS; i++) {
		if (ep->stale[i] && p->pml4)
			uvm_unmap_region(p, ep->stale[i], IPC_SERVER_RING_BYTES);
		ep->stale[i] = 0;
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
			return announce(p, c, out);
		if (c)
			continue;
		if (flags & IPC_RECV_NONBLOCK)
			return -EAGAIN;
		t->ipc_handed = NULL;
		int r = sched_block(&ep->receivers, 0);
		c = t->ipc_handed;
		t->ipc_handed = NULL;
		if (c && !c->dead)
			return announce(p, c, out);
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
		ready_push(c);
	if (srv)
		srv->ipc_handed = c;
	if (!(flags & IPC_CALL_WAIT)) {
		if (srv)
			sched_wake(srv, 0);
		return 0;
	}
	while (cq_empty(c) && !c->dead) {
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
	struct ipc_conn *c = ep->conns[conn];
	if (c && c->close_pending) {
		conn_close_pending(c);
		c = NULL;
	}
	if (!c)  /* closed while being served: nothing to answer */
		return (flags & IPC_REPLY_RECEIVE) ? ipc_receive(p, ep, out, flags & IPC_RECV_NONBLOCK)
						   : -EPIPE;
	grant_reap(c);
	struct thread *client = cq_empty(c) ? NULL : c->client_wq.head;
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
			return announce(p, h, out);
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
		ep->server = NULL;
		memset(ep->stale, 0, sizeof(ep->stale));
		for (int j = 0; j < IPC_EP_MAX_CONNS; j++) {
			struct ipc_conn *c = ep->conns[j];
			if (c && c->close_pending)
				conn_close_pending(c);
			c = ep->conns[j];
			if (!c)
				continue;
			grant_server_gone(c);
			c->server_va = 0;
			c->bounce_hint = c->bounce_va;
			c->bounce_va = 0;
			c->announced = false;
			if (c->ring.hdr->sq.tail != c->ring.hdr->sq.head)
				ready_push(c);  /* unfinished requests wait for a successor */
			if (!cq_empty(c))   /* answered, but the server died before waking them */
				waitq_wake(&c->client_wq, 1 << 30, 0);
		}
	}
}

struct ipc_conn *fwd_conn_open(struct ipc_endpoint *ep, struct proc *p)
{
	struct ipc_conn *c = conn_alloc(ep);
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

/* Maps the bounce area into the server (at its old address for a successor). */
static void map_bounce(struct ipc_conn *c, struct proc *srv)
{
	if (c->bounce_va || !c->bounce)
		return;
	phys_t pages[FWD_BOUNCE_PAGES];
	for (unsigned i = 0; i < FWD_BOUNCE_PAGES; i++)
		pages[i] = c->bounce + i * PAGE_SIZE;
	/* One buddy block: its frames carry no references of their own. */
	c->bounce_va = uvm_map_frames_at(srv, c->bounce_hint, pages, FWD_BOUNCE_PAGES,
					 VMA_PROT_READ | VMA_PROT_WRITE, false);
}

bool fwd_conn_ready_server(struct ipc_conn *c)
{
	struct proc *srv = c->ep->server;
	if (!srv || srv->state != PROC_ALIVE)
		return false;
	if (!c->server_va) {
		c->server_va = map_server_ring(c, srv);
		c->announced = false;
	}
	map_bounce(c, srv);
	return c->server_va && c->bounce_va;
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
	struct thread *srv = c->ep->receivers.head;
	if (srv) {
		srv->ipc_handed = c;
		sched_wake(srv, 0);
	} else {
		ready_push(c);
	}
}

long fwd_conn_transact(struct ipc_conn *c)
{
	struct ipc_ring_hdr *h = c->ring.hdr;
	uint64_t seq = c->ring.sq[h->sq.tail & IPC_RING_MASK].seq;
	bool cancelled = false;
	__atomic_store_n(&h->sq.tail, h->sq.tail + 1, __ATOMIC_RELEASE);
	struct thread *srv = c->ep->receivers.head;
	if (srv)
		srv->ipc_handed = c;
	else
		ready_push(c);
	while (cq_empty(c) && !c->dead) {
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
