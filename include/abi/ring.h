/* SPDX-License-Identifier: MIT */
/* The fusion ring: the memory a client and a server share for one
 * connection. A submission ring (client -> server) and a completion ring
 * (server -> client) of fixed 64-byte slots, each single-producer
 * single-consumer, with free-running 32-bit indices (slot = index & mask).
 *
 * Layout of the shared region (IPC_RING_BYTES, page aligned):
 *   page 0: struct ipc_ring_hdr
 *   page 1: IPC_RING_SLOTS submission slots
 *   page 2: IPC_RING_SLOTS completion slots
 * The server's mapping has a fourth page, read-only and never mapped in the
 * client: the grant table (struct ipc_grant_entry[IPC_RING_SLOTS]), which
 * only the kernel writes. A server takes a request's grant from the entry
 * of the request's slot, never from the slot itself, which the client can
 * write: a client cannot make a server use memory it was not lent.
 *
 * A request stays in the submission ring until its completion is posted:
 * the server advances sq.head only after writing the completion, so a
 * successor server finds an unfinished request where its predecessor left it.
 * Sleeping: a side that is about to block sets its *_waiting flag and then
 * re-checks its ring inside the kernel's wait call; a producer that sees the
 * peer's flag set asks the kernel to wake it (ipc_notify). While both sides
 * are awake no system call is needed. */
#pragma once
#include <stdint.h>

#define IPC_RING_SLOTS 64
#define IPC_RING_MASK (IPC_RING_SLOTS - 1)
#define IPC_SLOT_BYTES 64
#define IPC_INLINE_MAX 48
#define IPC_RING_PAGE 4096
#define IPC_RING_BYTES (3 * IPC_RING_PAGE)
#define IPC_SERVER_RING_BYTES (4 * IPC_RING_PAGE)  /* the server's view: + the grant table */

/* Slot flags. */
#define IPC_F_GRANT 0x1    /* data[0..16) holds a struct ipc_grant_ref: a zero-copy buffer */
#define IPC_F_CAP 0x2      /* a capability travels with the request (see ipc_call) */
#define IPC_F_ONEWAY 0x4   /* no completion wanted */
#define IPC_F_WIDE 0x8     /* completion: the result is the int64_t in data[0..8), not status
			    * (a forwarded call's answer past 32 bits: an lseek offset) */

/* A one-way request the kernel queues behind a forwarded call whose caller
 * was interrupted by a signal: seq names the call. A server that deferred
 * the call answers it early (-EINTR, or what it has so far); one that has
 * answered already, or cannot stop, ignores this. */
#define IPC_OP_CANCEL 0xFFFFFFFFu

struct ipc_slot {
	uint64_t seq;           /* request number; a completion carries its request's */
	union {
		uint32_t op;    /* request: operation (include/proto/<server>.h) */
		int32_t status; /* completion: result, negative errno on failure */
	};
	uint16_t len;           /* bytes of data used */
	uint16_t flags;         /* IPC_F_* */
	uint8_t data[IPC_INLINE_MAX];
};
_Static_assert(sizeof(struct ipc_slot) == IPC_SLOT_BYTES, "ring slots are 64 bytes");

/* A granted buffer as the server sees it, in data[] of a request with
 * IPC_F_GRANT: where the kernel mapped it in the server, and its length. */
struct ipc_grant_ref {
	uint64_t addr;
	uint32_t len;
	uint32_t writable;
};
_Static_assert(sizeof(struct ipc_grant_ref) == 16, "grant reference layout");

/* The kernel's record of the grant of the request in submission slot i
 * (entry i of the grant table): valid while seq equals that request's seq
 * (never 0); cleared when the grant is released. */
struct ipc_grant_entry {
	uint64_t seq;
	uint64_t addr;          /* where the buffer is mapped in the server */
	uint32_t len;
	uint32_t writable;
	uint64_t reserved;
};
_Static_assert(sizeof(struct ipc_grant_entry) * IPC_RING_SLOTS <= IPC_RING_PAGE, "grant table");

/* One direction: producer owns tail, consumer owns head. Each index sits on
 * its own cache line so that the two sides do not share a written line. */
struct ipc_ring_idx {
	volatile uint32_t head;
	uint8_t pad0[60];
	volatile uint32_t tail;
	uint8_t pad1[60];
};
_Static_assert(sizeof(struct ipc_ring_idx) == 128, "ring index layout");

struct ipc_ring_hdr {
	uint32_t magic;             /* IPC_RING_MAGIC */
	uint32_t slots;             /* IPC_RING_SLOTS */
	uint8_t pad0[56];
	struct ipc_ring_idx sq;     /* client produces, server consumes */
	struct ipc_ring_idx cq;     /* server produces, client consumes */
	volatile uint32_t server_waiting;  /* server is (about to be) blocked */
	uint8_t pad1[60];
	volatile uint32_t client_waiting;  /* client is (about to be) blocked */
	uint8_t pad2[60];
};
_Static_assert(sizeof(struct ipc_ring_hdr) <= IPC_RING_PAGE, "ring header fits a page");

#define IPC_RING_MAGIC 0x46524E47u  /* "FRNG" */

struct ipc_ring {
	struct ipc_ring_hdr *hdr;
	struct ipc_slot *sq;        /* IPC_RING_SLOTS entries */
	struct ipc_slot *cq;
};
