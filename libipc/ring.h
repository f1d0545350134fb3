/* SPDX-License-Identifier: MIT */
/* Operations on the fusion ring (include/abi/ring.h): the portable core of
 * libipc, free of system calls, shared by programs in the OS and the Linux
 * host transport (libipc/host/).
 *
 * Both rings are single-producer single-consumer. The client produces
 * submissions and consumes completions; the server reads each request in
 * place and consumes it only when it posts the matching completion
 * (ipc_cq_post), so an unfinished request survives its server.
 *
 * Reserving is stateless (struct ipc_ring has no room for a reservation
 * count): ipc_sq_reserve() returns the next free slot and keeps returning it
 * until ipc_sq_submit() publishes it; to fill a batch, take slots with
 * ipc_sq_reserve_at(r, 0..n-1) and then ipc_sq_submit(r, n). Completions
 * work the same way with ipc_cq_reserve_at() and ipc_cq_post().
 *
 * The checked accessors (*_reserve*, *_peek*) read the peer's index on each
 * call, a cache miss whenever the peer has moved it. A batch loop should
 * take the count once (ipc_sq_space, ipc_cq_ready, ipc_sq_pending,
 * ipc_cq_space) and then use the matching unchecked *_slot accessor for i
 * below that count, which reads only the caller's own index.
 *
 * Waking: after moving an index it owns forward (submit or release on the
 * client, post or retire on the server), a side calls its *_should_notify()
 * and, if that returns true, wakes the peer (ipc_notify in the OS, FUTEX_WAKE
 * on the peer's waiting word on the host). A side about to sleep calls
 * ipc_ring_set_waiting(r, side, true), re-checks its ring, and sleeps only
 * while the waiting word is still 1; the notifier clears the word before
 * waking, so a wake-up between the re-check and the sleep is not lost.
 *
 * A misbehaving peer can make the counts below wrong, never out of range:
 * every count is clamped to IPC_RING_SLOTS and every slot index is masked. */
#pragma once
#include <stdbool.h>
#include <stdint.h>
#include "abi/ring.h"

enum ipc_side {
	IPC_SIDE_CLIENT,
	IPC_SIDE_SERVER,
};

/* Zeroes IPC_RING_BYTES at region and stamps the magic. Called once, by
 * whoever creates the region, before it is shared. */
void ipc_ring_init(void *region);

/* Fills r with the views of an initialized region. Returns -EINVAL if the
 * magic, slot count or indices are not those of a fusion ring. */
int ipc_ring_attach(struct ipc_ring *r, void *region);

/* Client: submissions. */
unsigned ipc_sq_space(struct ipc_ring *r);
struct ipc_slot *ipc_sq_free_slot(struct ipc_ring *r, unsigned i);  /* i < ipc_sq_space */
struct ipc_slot *ipc_sq_reserve(struct ipc_ring *r);
struct ipc_slot *ipc_sq_reserve_at(struct ipc_ring *r, unsigned i);
void ipc_sq_submit(struct ipc_ring *r, unsigned n);

/* Client: completions. */
unsigned ipc_cq_ready(struct ipc_ring *r);
struct ipc_slot *ipc_cq_ready_slot(struct ipc_ring *r, unsigned i); /* i < ipc_cq_ready */
struct ipc_slot *ipc_cq_peek(struct ipc_ring *r);
struct ipc_slot *ipc_cq_peek_at(struct ipc_ring *r, unsigned i);
void ipc_cq_release(struct ipc_ring *r, unsigned n);

/* Server: requests are read in place and leave the ring in order. */
unsigned ipc_sq_pending(struct ipc_ring *r);
struct ipc_slot *ipc_sq_pending_slot(struct ipc_ring *r, unsigned i); /* i < ipc_sq_pending */
struct ipc_slot *ipc_sq_peek_at(struct ipc_ring *r, unsigned i);
unsigned ipc_cq_space(struct ipc_ring *r);
struct ipc_slot *ipc_cq_free_slot(struct ipc_ring *r, unsigned i);  /* i < ipc_cq_space */
struct ipc_slot *ipc_cq_reserve(struct ipc_ring *r);
struct ipc_slot *ipc_cq_reserve_at(struct ipc_ring *r, unsigned i);
/* Publishes n completions, then frees the n requests' submission slots: for
 * a moment a client can reap a completion whose request still holds its
 * slot, so a client that finds the ring full and no completion ready may
 * have nothing in flight; it must then wait for space, not a completion. */
void ipc_cq_post(struct ipc_ring *r, unsigned n);
void ipc_sq_retire(struct ipc_ring *r, unsigned n);

/* Waking protocol (see the top of this file). */
volatile uint32_t *ipc_ring_waiting_word(struct ipc_ring *r, enum ipc_side side);
void ipc_ring_set_waiting(struct ipc_ring *r, enum ipc_side side, bool waiting);
bool ipc_ring_client_should_notify(struct ipc_ring *r);
bool ipc_ring_server_should_notify(struct ipc_ring *r);

/* The next request number from a caller-held counter; never 0, so 0 can
 * mean "no request". */
static inline uint64_t ipc_seq_next(uint64_t *counter)
{
	if (++*counter == 0)
		*counter = 1;
	return *counter;
}
