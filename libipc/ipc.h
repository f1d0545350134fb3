/* SPDX-License-Identifier: MIT */
/* libipc: clients and servers over fusion rings (abi/ring.h).
 *
 * Client: ipc_connect() an endpoint capability, then ipc_call() (fused,
 * synchronous), ipc_call_grant() (zero-copy buffer), or ipc_send() /
 * ipc_flush() / ipc_reap() to queue many requests and collect many
 * completions with no system call while the server is awake.
 *
 * Server: ipc_serve(ep_slot, dispatch) runs the receive-dispatch-reply loop;
 * handlers read the request in place and fill the completion.
 *
 * Functions return negative errno values on failure. */
#pragma once
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "abi/ipc.h"
#include "abi/ring.h"
#include "ring.h"

struct ipc_client {
	int conn;             /* connection capability slot */
	struct ipc_ring ring;
	uint64_t seq;
};

int ipc_connect(struct ipc_client *c, int ep_slot);
/* Sends op with len (<= IPC_INLINE_MAX) bytes and waits for its answer;
 * copies up to *rlen reply bytes into reply (rlen updated). Returns the
 * server's status (>= 0, or a negative errno from the server or transport). */
int ipc_call(struct ipc_client *c, uint32_t op, const void *req, size_t len, void *reply,
	     size_t *rlen);
/* As ipc_call, with buf[0..buflen) lent to the server (zero-copy) for the
 * duration of the request; writable lets the server fill it. */
int ipc_call_grant(struct ipc_client *c, uint32_t op, const void *req, size_t len, void *buf,
		   size_t buflen, bool writable, void *reply, size_t *rlen);
/* As ipc_call, passing a capability (needs GRANT) to the server. */
int ipc_call_cap(struct ipc_client *c, uint32_t op, const void *req, size_t len, int cap_slot,
		 void *reply, size_t *rlen);
/* Queues a request; returns its sequence number (> 0), or -EAGAIN when the
 * submission ring is full (reap first). Wakes the server only if it sleeps. */
int64_t ipc_send(struct ipc_client *c, uint32_t op, const void *req, size_t len);
/* Calls fn for every completion available, blocking until at least min
 * have been seen; returns how many were reaped. */
typedef void (*ipc_reap_fn)(const struct ipc_slot *completion, void *arg);
int ipc_reap(struct ipc_client *c, unsigned min, ipc_reap_fn fn, void *arg);

/* Server side. */
struct ipc_request {
	const struct ipc_slot *slot;  /* the request, in the ring */
	uint64_t badge;               /* who sent it (the client's capability badge) */
	void *grant;                  /* IPC_F_GRANT: the lent buffer, else NULL */
	size_t grant_len;
	bool grant_writable;
	int cap_slot;                 /* a passed capability, or -1; deleted when the
				       * handler returns (copy it to keep it) */
	int conn;                     /* the connection, for ipc_complete */
	int pid;                      /* the client's process (kernel-reported; 0 on the host) */
	bool kernel;                  /* on the kernel's forwarding connection of that process */
};

/* A handler that cannot answer yet returns IPC_DEFER; the request stays at
 * the head of its ring (no further request of that connection is served)
 * until ipc_complete() answers it, possibly from another thread. */
#define IPC_DEFER INT32_MIN

/* A handler's answer that may not fit the 32-bit status (an offset past
 * 2 GiB, seconds past 2038): as the status when it fits, else flagged
 * IPC_F_WIDE with all 64 bits in out->data. */
static inline int32_t ipc_answer64(struct ipc_slot *out, int64_t r)
{
	if (r <= INT32_MAX && r > INT32_MIN)
		return (int32_t)r;
	out->flags |= IPC_F_WIDE;
	__builtin_memcpy(out->data, &r, sizeof(r));
	out->len = sizeof(r);
	return 0;
}

/* Fills reply->data/len and returns the status placed in the completion. */
typedef int32_t (*ipc_handler_fn)(void *ctx, const struct ipc_request *rq, struct ipc_slot *reply);

struct ipc_dispatch {
	uint32_t base;                  /* first operation number */
	uint32_t count;                 /* handlers[op - base] */
	const ipc_handler_fn *handlers; /* NULL entries answer -ENOSYS */
	void *ctx;
	bool kernel_only;               /* every request must come from the kernel's
					 * forwarding (-EPERM otherwise): its arguments
					 * are addresses the kernel wrote */
	ipc_handler_fn other;           /* ops outside the table (a second protocol on
					 * the same endpoint); NULL answers -ENOSYS */
};

/* Serves the endpoint forever; returns only on an error (negative errno). */
int ipc_serve(int ep_slot, const struct ipc_dispatch *d);
/* Answers the deferred request of conn with status and len bytes of data,
 * and wakes its client. */
int ipc_complete(int ep_slot, int conn, int32_t status, const void *data, size_t len);
/* The badge of a connection the server has seen. */
uint64_t ipc_conn_badge(int conn);
/* The request a deferred connection waits on (NULL if none is deferred). */
const struct ipc_slot *ipc_deferred_request(int conn);
/* Called by ipc_serve when the client of a deferred request was
 * interrupted (IPC_OP_CANCEL, abi/ring.h): rq is the deferred request. The
 * handler may answer it early with ipc_complete; its result is ignored. */
void ipc_serve_on_cancel(ipc_handler_fn fn);
/* Brackets a change a kill must not cut in half (ipc_serve brackets each
 * request to its answer; a server's own threads bracket their own work,
 * e.g. a timer thread's expiries). A kill waits until the count is 0. */
void ipc_guard_enter(void);
void ipc_guard_leave(void);
