/* SPDX-License-Identifier: MIT */
/* Endpoints and connections: the kernel side of the fusion ring.
 *
 * An endpoint is a service. A client holding an endpoint capability with
 * WRITE connects: the kernel makes a connection (a CAP_CONNECTION derived
 * from the client's endpoint capability, so revoking that capability cuts
 * the connection) and maps its ring into the client and, when it first
 * serves it, into the server. Requests and completions travel through the
 * ring without the kernel; the kernel only wakes sides that sleep, hands
 * connections with work to receiving server threads (switching straight to
 * one when a client calls), maps zero-copy grants into the server for the
 * duration of a request, and passes capabilities along. */
#pragma once
#include "ipc/cap.h"
#include "abi/ipc.h"
#include "abi/ring.h"
#include "sched/thread.h"

#define IPC_EP_MAX_CONNS 512

struct proc;
struct ipc_grant;

struct ipc_endpoint {
	struct kobj obj;
	struct proc *server;           /* the process that serves it now */
	struct waitq receivers;        /* server threads in ipc_receive */
	struct waitq server_wait;      /* clients waiting for a server to appear */
	struct ipc_conn *ready_head, *ready_tail;
	struct ipc_conn *conns[IPC_EP_MAX_CONNS];
	uint32_t server_caps;          /* live capabilities with READ (could serve) */
	uint64_t stale[IPC_EP_MAX_CONNS / 64]; /* ids of closed connections whose pages
						* stay in the server until it next receives */
	uint32_t nstale;               /* bits set in stale */
	virt_t arena;                  /* where the server's rings are (srvmap.c); kept
					* for a successor */
	struct proc *arena_owner;      /* the process that has it mapped, or NULL */
};

struct ipc_conn {
	struct kobj obj;
	struct ipc_endpoint *ep;
	int id;                        /* index in ep->conns */
	phys_t frames[IPC_SERVER_RING_BYTES / IPC_RING_PAGE];  /* the ring, then the grant table */
	struct ipc_ring ring;          /* the kernel's view, through the direct map */
	struct ipc_grant_entry *gtab;  /* ... and of the grant table */
	struct proc *client;
	virt_t client_va, server_va;
	uint64_t badge;
	struct waitq client_wq;        /* the client thread waiting for completions */
	struct ipc_conn *ready_next;
	bool ready, announced, dead;
	bool close_pending;            /* dead, but the server still holds a request */
	bool serving;                  /* handed to the server, not yet replied on */
	int pending_cap;               /* slot in the server's table, or -1 */
	struct ipc_grant *grants;
	uint32_t cq_scan;              /* completions checked for grant release */
	/* Forwarding connections (the kernel is the client's side): */
	phys_t bounce;                 /* FWD_BOUNCE_BYTES, contiguous; 0 if none */
	virt_t bounce_va;              /* ... mapped in the server (behind the ring) */
	bool busy;                     /* a thread of the client has a call on it */
};

/* A new endpoint; the first process to receive on it becomes its server. */
struct ipc_endpoint *endpoint_create(void);
/* Waits until the endpoint has a server (grants need its address space);
 * -EPIPE when nothing can serve it any more. */
long endpoint_wait_server(struct ipc_endpoint *ep);
/* Counts a new capability that could serve its endpoint (READ). */
void endpoint_cap_added(struct cap *cap);
/* Creates a connection for the client from its endpoint capability;
 * returns the connection's slot in the client's table, the ring address
 * in *ring. */
long ipc_connect(struct proc *client, struct cap *ep_cap, uint64_t *ring);
long ipc_call(struct proc *client, struct ipc_conn *c, unsigned flags,
	      const struct ipc_call_args *a);
long ipc_receive(struct proc *server, struct ipc_endpoint *ep, struct ipc_recv *out,
		 unsigned flags);
long ipc_reply(struct proc *server, struct ipc_endpoint *ep, int conn,
	       struct ipc_recv *out, unsigned flags);
/* A connection on which the kernel forwards p's system calls (badge = pid;
 * no ring mapping in p). NULL when out of memory. */
struct ipc_conn *fwd_conn_open(struct ipc_endpoint *ep, struct proc *p);
/* Maps the ring and the bounce area into the server if needed; false if
 * there is no server or no memory. */
bool fwd_conn_ready_server(struct ipc_conn *c);
/* Publishes the request the kernel wrote at the submission tail, hands it
 * to the server and waits for its completion; 0, -EPIPE or -EINTR. */
long fwd_conn_transact(struct ipc_conn *c);
/* Publishes the one-way request the kernel wrote at the submission tail
 * and wakes the server; waits for nothing. */
void fwd_conn_post(struct ipc_conn *c);
/* Releases a forwarding connection (its process is gone). */
void fwd_conn_close(struct ipc_conn *c);

/* Deletes the capabilities passed with requests whose connections closed
 * before their servers were told of them (queued by the close, which runs
 * inside a capability's deletion where cap_ functions cannot). Called on
 * the way out of every system call that did something slow, and when a
 * process dies. */
extern unsigned ipc_orphan_caps;
void ipc_drop_orphan_caps(void);

/* The process is gone: its endpoints lose their server, its grants and
 * ring mappings are forgotten. */
void ipc_proc_died(struct proc *p);
