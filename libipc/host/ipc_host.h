/* SPDX-License-Identifier: MIT */
/* The fusion ring on the Linux host, for unit tests and benchmarks: the
 * region is anonymous MAP_SHARED memory (shared by threads and by processes
 * forked after ipc_host_create) and a sleeping side waits with FUTEX_WAIT on
 * its *_waiting word, which the peer clears and FUTEX_WAKEs (see
 * libipc/ring.h). Before sleeping a side polls its ring `spin` times.
 *
 * Client: ipc_host_call (one synchronous request), or ipc_host_submit /
 * ipc_host_reap with ipc_host_wait_space / ipc_host_wait_completions for
 * batches. Server: ipc_host_serve (every pending request, one batch) or
 * ipc_host_serve_one, with a handler that reads the request in place. */
#pragma once
#include <stdint.h>
#include "ring.h"

/* Polls before a futex sleep: about 25 us where a pause takes 25 ns (the
 * 2-core AMD EPYC guest this was tuned on); long enough to cover a peer
 * that is running on another core, short next to a time slice. */
#define IPC_HOST_SPIN_DEFAULT 1000

struct ipc_host_conn {
	struct ipc_ring ring;
	void *region;        /* IPC_RING_BYTES, MAP_SHARED */
	uint64_t next_seq;   /* client: the last request number used */
	unsigned spin;       /* ring polls before a futex sleep */
	unsigned long sleeps; /* FUTEX_WAIT calls made through this view */
};

/* Fills rep (len and data; rep->flags and rep->len start at 0) and returns
 * the status to post. For IPC_F_ONEWAY requests the reply is discarded. */
typedef int32_t (*ipc_host_handler_t)(void *ctx, const struct ipc_slot *req,
				      struct ipc_slot *rep);

/* Maps and initializes a new ring. Returns 0 or a negative errno. */
int ipc_host_create(struct ipc_host_conn *c);
/* A second view of an existing ring (another thread, a successor server).
 * Returns 0 or -EINVAL if region is not a ring. */
int ipc_host_attach(struct ipc_host_conn *c, void *region);
/* Unmaps the ring; for the side that created it, once the peer is gone. */
void ipc_host_destroy(struct ipc_host_conn *c);

/* Client. ipc_host_call needs nothing else in flight; it gives req a new
 * sequence number and returns 0, or -EPROTO if the completion is not req's. */
int ipc_host_call(struct ipc_host_conn *c, const struct ipc_slot *req, struct ipc_slot *rep);
/* Copies up to n requests (seq as given) into the free slots, publishes them
 * and wakes the server; never blocks. Returns how many were submitted. */
unsigned ipc_host_submit(struct ipc_host_conn *c, const struct ipc_slot *reqs, unsigned n);
/* Copies up to max completions out, releases them and wakes the server;
 * never blocks. Returns how many were reaped. */
unsigned ipc_host_reap(struct ipc_host_conn *c, struct ipc_slot *out, unsigned max);
/* Blocks until a submission slot is free. */
void ipc_host_wait_space(struct ipc_host_conn *c);
/* Blocks until a completion is ready: only with requests in flight. A full
 * ring with none in flight (the server has posted their completions but not
 * yet freed their slots, see ipc_cq_post) needs ipc_host_wait_space. */
void ipc_host_wait_completions(struct ipc_host_conn *c);

/* Server. ipc_host_serve waits for a request, then answers every pending
 * request that has a completion slot, posts them as one batch and wakes the
 * client. Returns how many requests it retired (at least 1). */
void ipc_host_wait_requests(struct ipc_host_conn *c);
unsigned ipc_host_serve(struct ipc_host_conn *c, ipc_host_handler_t fn, void *ctx);
unsigned ipc_host_serve_one(struct ipc_host_conn *c, ipc_host_handler_t fn, void *ctx);
