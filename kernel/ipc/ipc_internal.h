/* SPDX-License-Identifier: MIT */
/* Between the files of kernel/ipc that make up endpoints and connections
 * (endpoint.c: receive, reply, call; conn.c: connection objects; srvmap.c:
 * the server's view of its rings; fwd_conn.c: the kernel's forwarding
 * connections). Not for other modules: endpoint.h is the interface. */
#pragma once
#include "ipc/endpoint.h"
#include "proto/fwd.h"

#define IPC_RING_FRAMES (IPC_RING_BYTES / IPC_RING_PAGE)  /* what the client maps */
#define IPC_CONN_FRAMES (IPC_SERVER_RING_BYTES / IPC_RING_PAGE)  /* + the grant table */
#define FWD_BOUNCE_ORDER 4
#define FWD_BOUNCE_PAGES (1u << FWD_BOUNCE_ORDER)

/* conn.c */
/* A new connection of ep with its ring and grant table (no client yet);
 * NULL when the endpoint is full or memory is short. A client's own
 * connection (not fwd) leaves the last ids for the kernel's forwarding. */
struct ipc_conn *conn_alloc(struct ipc_endpoint *ep, bool fwd);
/* Marks c dead and wakes its client; the close finishes now, or when the
 * server answers a request it still holds (conn_close_pending). */
void conn_close(struct ipc_conn *c);
void conn_close_pending(struct ipc_conn *c);
static inline bool conn_cq_empty(const struct ipc_conn *c)
{
	return c->ring.hdr->cq.tail == c->ring.hdr->cq.head;
}

/* endpoint.c */
/* Puts c on its endpoint's list of connections with work (once), or takes
 * it off. */
void ep_ready_push(struct ipc_conn *c);
void ep_ready_remove(struct ipc_conn *c);
/* Hands c to a server thread blocked in receive, or queues it; returns
 * the thread it was handed to (the caller may switch to it), or NULL. */
struct thread *ep_hand_over(struct ipc_conn *c);
/* Tells the server of c in *out (mapping the ring the first time): 0 or
 * -ENOMEM. */
long ep_announce(struct ipc_conn *c, struct ipc_recv *out);

/* srvmap.c: the server's view. */
/* Makes sure p, now the server of ep, has the area its rings are mapped
 * in; 0 or -ENOMEM. */
long srvmap_claim(struct ipc_endpoint *ep, struct proc *p);
/* Maps c's ring, grant table and (forwarding) bounce area into the
 * server if they are not; returns the ring's address there, or 0. */
virt_t srvmap_conn(struct ipc_conn *c);
/* Takes c's pages out of the server now. */
void srvmap_unmap(struct ipc_conn *c);
/* c closed while the server may still touch its ring: its pages leave the
 * server when it next receives (srvmap_claim), and its id stays unused
 * until then. */
void srvmap_defer_unmap(struct ipc_conn *c);
/* The server of ep died: forget its mappings (they went with its address
 * space), keeping the area's address for a successor. */
void srvmap_server_gone(struct ipc_endpoint *ep);
