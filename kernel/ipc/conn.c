// SPDX-License-Identifier: MIT
/* Connection objects: a ring (and grant table) per client of an endpoint,
 * made by ipc_connect or by the kernel's forwarding (fwd_conn.c), closed
 * when its capability or its client goes. Entry points: conn_alloc,
 * ipc_connect, conn_close, conn_close_pending. */
#include "abi/errno.h"
#include "ipc/grant.h"
#include "ipc/ipc_internal.h"
#include "mm/frame.h"
#include "mm/phys.h"
#include "mm/slab.h"
#include "proc/proc.h"
#include "proc/uvm.h"
#include "lib/string.h"

static void conn_release(struct kobj *obj)
{
	struct ipc_conn *c = (struct ipc_conn *)obj;
	if (c->bounce)
		frame_free_order(c->bounce, FWD_BOUNCE_ORDER);
	for (int i = 0; i < IPC_CONN_FRAMES; i++)
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

/* Ids a client's own connection may not take, so that the kernel's
 * forwarded calls (execve to init, say) get through when clients hold all
 * the others. */
#define IPC_EP_FWD_RESERVED 64

/* The lowest id neither in use nor waiting for its pages to leave the
 * server; a client's connection takes one below the reserve. */
static int free_id(const struct ipc_endpoint *ep, bool fwd)
{
	int end = fwd ? IPC_EP_MAX_CONNS : IPC_EP_MAX_CONNS - IPC_EP_FWD_RESERVED;
	for (int id = 0; id < end; id++)
		if (!ep->conns[id] && !(ep->stale[id / 64] & (1ull << (id % 64))))
			return id;
	return -1;
}

struct ipc_conn *conn_alloc(struct ipc_endpoint *ep, bool fwd)
{
	int id = free_id(ep, fwd);
	struct ipc_conn *c = id >= 0 ? kmalloc(sizeof(*c)) : NULL;
	if (!c)
		return NULL;
	memset(c, 0, sizeof(*c));
	kobj_init(&c->obj, CAP_CONNECTION, &conn_ops);
	bool ok = true;
	for (int i = 0; i < IPC_CONN_FRAMES; i++)
		ok &= (c->frames[i] = frame_alloc_zeroed()) != FRAME_NONE;
	if (!ok) {
		for (int i = 0; i < IPC_CONN_FRAMES; i++)
			if (c->frames[i] != FRAME_NONE)
				frame_unref(c->frames[i]);
		kfree(c);
		return NULL;
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
	struct ipc_conn *c = conn_alloc(ep, false);
	if (!c)
		return -ENOMEM;
	c->client = client;
	c->badge = ep_cap->badge;
	c->client_va = uvm_map_frames(client, c->frames, IPC_RING_FRAMES,
				      VMA_PROT_READ | VMA_PROT_WRITE, false);
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

/* Releases the grants, takes the pages out of the server (now, or when it
 * next receives if it may still be touching a native ring) and frees the
 * id. The client keeps its ring mapped: it owns that memory (munmap frees
 * it). */
static void conn_finish_close(struct ipc_conn *c)
{
	grant_release_all(c);
	if (c->bounce)
		srvmap_unmap(c);
	else
		srvmap_defer_unmap(c);
	c->client_va = 0;
	c->ep->conns[c->id] = NULL;
}

/* A forwarded request the server still holds (it may have deferred it),
 * or a connection the server is in the middle of serving, keeps the
 * connection, its ring, bounce area and grants mapped until the server
 * replies (ipc_reply then finishes the close), so the server never touches
 * memory that went away under it. */
void conn_close(struct ipc_conn *c)
{
	if ((c->dead && !c->ep->conns[c->id]) || c->close_pending)
		return;
	c->dead = true;
	waitq_wake(&c->client_wq, 1 << 30, -EPIPE);
	ep_ready_remove(c);
	struct ipc_ring_hdr *h = c->ring.hdr;
	/* A forwarded request the server holds, or any connection it is
	 * serving right now: its grants and ring stay until it replies. */
	bool held = c->bounce && c->announced && h->sq.head != h->sq.tail;
	if (c->ep->server && (held || c->serving)) {
		c->close_pending = true;
		kobj_get(&c->obj);
		return;
	}
	conn_finish_close(c);
}

void conn_close_pending(struct ipc_conn *c)
{
	c->close_pending = false;
	conn_finish_close(c);
	kobj_put(&c->obj);
}
