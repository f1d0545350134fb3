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
#include <stddef.h>
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

/* The index arithmetic and memory ordering, inline: a call crosses them
 * several times. Each side loads the index it owns relaxed and the peer's
 * with acquire, and publishes with a release store. Acquire on the peer's
 * tail makes the slot contents it wrote visible; acquire on the peer's
 * head makes sure the peer has finished reading a slot before it is
 * overwritten. The waiting flags add a full fence on both sides (Dekker):
 * either the sleeper sees the new index or the producer sees the flag. */

static inline uint32_t ipc__load_own(volatile uint32_t *p)
{
	return __atomic_load_n(p, __ATOMIC_RELAXED);
}

static inline uint32_t ipc__load_peer(volatile uint32_t *p)
{
	return __atomic_load_n(p, __ATOMIC_ACQUIRE);
}

static inline void ipc__publish(volatile uint32_t *p, uint32_t v)
{
	__atomic_store_n(p, v, __ATOMIC_RELEASE);
}

/* Entries between head and tail, clamped so that a corrupt index cannot
 * make a caller walk more than one ring's worth of slots. */
static inline unsigned ipc__used(uint32_t head, uint32_t tail)
{
	uint32_t n = tail - head;
	return n > IPC_RING_SLOTS ? IPC_RING_SLOTS : n;
}

static inline unsigned ipc__min_u(unsigned a, unsigned b)
{
	return a < b ? a : b;
}

/* ---- client: submissions ---- */

/* Returns how many slots the client may reserve. */
static inline unsigned ipc_sq_space(struct ipc_ring *r)
{
	struct ipc_ring_idx *q = &r->hdr->sq;
	return IPC_RING_SLOTS - ipc__used(ipc__load_peer(&q->head), ipc__load_own(&q->tail));
}

/* Returns the i-th free submission slot; the caller has checked the space. */
static inline struct ipc_slot *ipc_sq_free_slot(struct ipc_ring *r, unsigned i)
{
	return &r->sq[(ipc__load_own(&r->hdr->sq.tail) + i) & IPC_RING_MASK];
}

/* Returns the i-th free submission slot past the tail, or NULL if the ring
 * has no room for it. */
static inline struct ipc_slot *ipc_sq_reserve_at(struct ipc_ring *r, unsigned i)
{
	return i < ipc_sq_space(r) ? ipc_sq_free_slot(r, i) : NULL;
}

/* Returns the next free submission slot, or NULL when the ring is full. */
static inline struct ipc_slot *ipc_sq_reserve(struct ipc_ring *r)
{
	return ipc_sq_reserve_at(r, 0);
}

/* Publishes the first n reserved slots (n is clamped to the free space). */
static inline void ipc_sq_submit(struct ipc_ring *r, unsigned n)
{
	n = ipc__min_u(n, ipc_sq_space(r));
	ipc__publish(&r->hdr->sq.tail, ipc__load_own(&r->hdr->sq.tail) + n);
}

/* ---- client: completions ---- */

/* Returns how many completions wait to be reaped. */
static inline unsigned ipc_cq_ready(struct ipc_ring *r)
{
	struct ipc_ring_idx *q = &r->hdr->cq;
	return ipc__used(ipc__load_own(&q->head), ipc__load_peer(&q->tail));
}

/* Returns the i-th unreaped completion; the caller has checked it is ready. */
static inline struct ipc_slot *ipc_cq_ready_slot(struct ipc_ring *r, unsigned i)
{
	return &r->cq[(ipc__load_own(&r->hdr->cq.head) + i) & IPC_RING_MASK];
}

/* Returns the i-th unreaped completion, or NULL past the last. */
static inline struct ipc_slot *ipc_cq_peek_at(struct ipc_ring *r, unsigned i)
{
	return i < ipc_cq_ready(r) ? ipc_cq_ready_slot(r, i) : NULL;
}

/* Returns the oldest unreaped completion, or NULL when there is none. */
static inline struct ipc_slot *ipc_cq_peek(struct ipc_ring *r)
{
	return ipc_cq_peek_at(r, 0);
}

/* Gives the n oldest completion slots back to the server (clamped). */
static inline void ipc_cq_release(struct ipc_ring *r, unsigned n)
{
	n = ipc__min_u(n, ipc_cq_ready(r));
	ipc__publish(&r->hdr->cq.head, ipc__load_own(&r->hdr->cq.head) + n);
}

/* ---- server ---- */

/* Returns how many requests are submitted and not yet completed. */
static inline unsigned ipc_sq_pending(struct ipc_ring *r)
{
	struct ipc_ring_idx *q = &r->hdr->sq;
	return ipc__used(ipc__load_own(&q->head), ipc__load_peer(&q->tail));
}

/* Returns the i-th request not yet completed; the caller has checked that
 * it is pending. */
static inline struct ipc_slot *ipc_sq_pending_slot(struct ipc_ring *r, unsigned i)
{
	return &r->sq[(ipc__load_own(&r->hdr->sq.head) + i) & IPC_RING_MASK];
}

/* Returns the i-th request not yet completed, or NULL past the tail. */
static inline struct ipc_slot *ipc_sq_peek_at(struct ipc_ring *r, unsigned i)
{
	return i < ipc_sq_pending(r) ? ipc_sq_pending_slot(r, i) : NULL;
}

/* Returns how many completions the server may reserve. */
static inline unsigned ipc_cq_space(struct ipc_ring *r)
{
	struct ipc_ring_idx *q = &r->hdr->cq;
	return IPC_RING_SLOTS - ipc__used(ipc__load_peer(&q->head), ipc__load_own(&q->tail));
}

/* Returns the i-th free completion slot; the caller has checked the space. */
static inline struct ipc_slot *ipc_cq_free_slot(struct ipc_ring *r, unsigned i)
{
	return &r->cq[(ipc__load_own(&r->hdr->cq.tail) + i) & IPC_RING_MASK];
}

/* Returns the i-th free completion slot, or NULL if the ring has no room. */
static inline struct ipc_slot *ipc_cq_reserve_at(struct ipc_ring *r, unsigned i)
{
	return i < ipc_cq_space(r) ? ipc_cq_free_slot(r, i) : NULL;
}

/* Returns the next free completion slot, or NULL when the ring is full. */
static inline struct ipc_slot *ipc_cq_reserve(struct ipc_ring *r)
{
	return ipc_cq_reserve_at(r, 0);
}

/* Publishes n completions, then retires the n oldest requests they answer.
 * n is clamped to both the free completion space and the pending requests.
 * The server must be done reading those requests. */
static inline void ipc_cq_post(struct ipc_ring *r, unsigned n)
{
	n = ipc__min_u(n, ipc__min_u(ipc_cq_space(r), ipc_sq_pending(r)));
	ipc__publish(&r->hdr->cq.tail, ipc__load_own(&r->hdr->cq.tail) + n);
	ipc__publish(&r->hdr->sq.head, ipc__load_own(&r->hdr->sq.head) + n);
}

/* Retires the n oldest requests without a completion (IPC_F_ONEWAY). */
static inline void ipc_sq_retire(struct ipc_ring *r, unsigned n)
{
	n = ipc__min_u(n, ipc_sq_pending(r));
	ipc__publish(&r->hdr->sq.head, ipc__load_own(&r->hdr->sq.head) + n);
}

/* ---- waking ---- */

/* Returns the word a side sleeps on (futex word on the host). */
static inline volatile uint32_t *ipc_ring_waiting_word(struct ipc_ring *r, enum ipc_side side)
{
	return side == IPC_SIDE_SERVER ? &r->hdr->server_waiting : &r->hdr->client_waiting;
}

/* Setting the flag is followed by a full fence: the caller's re-check of the
 * ring that follows cannot be ordered before the flag is visible. */
static inline void ipc_ring_set_waiting(struct ipc_ring *r, enum ipc_side side, bool waiting)
{
	volatile uint32_t *w = ipc_ring_waiting_word(r, side);
	if (!waiting) {
		__atomic_store_n(w, 0, __ATOMIC_RELAXED);
		return;
	}
	__atomic_store_n(w, 1, __ATOMIC_SEQ_CST);
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
}

/* Returns true if the peer sleeping on w must be woken; clears its flag so
 * that exactly one notifier wakes it and a sleep that races with us fails. */
static inline bool ipc__should_notify(volatile uint32_t *w)
{
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	if (__atomic_load_n(w, __ATOMIC_RELAXED) == 0)
		return false;
	return __atomic_exchange_n(w, 0, __ATOMIC_ACQ_REL) != 0;
}

/* Called by the client after it submitted or released: wake the server? */
static inline bool ipc_ring_client_should_notify(struct ipc_ring *r)
{
	return ipc__should_notify(&r->hdr->server_waiting);
}

/* Called by the server after it posted or retired: wake the client? */
static inline bool ipc_ring_server_should_notify(struct ipc_ring *r)
{
	return ipc__should_notify(&r->hdr->client_waiting);
}

/* The next request number from a caller-held counter; never 0, so 0 can
 * mean "no request". */
static inline uint64_t ipc_seq_next(uint64_t *counter)
{
	if (++*counter == 0)
		*counter = 1;
	return *counter;
}
