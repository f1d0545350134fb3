/* SPDX-License-Identifier: MIT */
/* Arguments and results of the IPC system calls (see syscall.h). The ring
 * itself is in ring.h. */
#pragma once
#include <stdint.h>

/* ipc_call flags */
#define IPC_CALL_SUBMIT 0x1   /* n requests were published: wake the server */
#define IPC_CALL_WAIT 0x2     /* block until a completion is available */
#define IPC_CALL_GRANT 0x4    /* publish one request carrying a zero-copy grant */
#define IPC_CALL_CAP 0x8      /* transfer a capability with the request */

/* Needed only with IPC_CALL_GRANT or IPC_CALL_CAP (the flags travel in a
 * register so that a plain call copies nothing). */
struct ipc_call_args {
	uint32_t reserved0;
	int32_t cap_slot;         /* IPC_CALL_CAP: the capability to pass (needs GRANT) */
	uint64_t grant_addr;      /* IPC_CALL_GRANT: the buffer in the caller */
	uint64_t grant_len;
	uint32_t grant_writable;  /* the server may write into it */
	uint32_t reserved;
};
_Static_assert(sizeof(struct ipc_call_args) == 32, "ipc_call_args layout");

/* ipc_receive / ipc_reply flags */
#define IPC_RECV_NONBLOCK 0x1
#define IPC_REPLY_RECEIVE 0x2   /* after replying, wait for the next request */
/* With IPC_REPLY_RECEIVE: a connection the server has been told of before
 * (same ring, badge, client; no capability with it) comes back as the
 * call's result, 1 + its id, and *out is left alone; 0 means *out was
 * written as without the flag. */
#define IPC_RECV_REGS 0x4

/* What a server learns about a connection with work pending. */
struct ipc_recv {
	int32_t conn;             /* the server's handle for the connection */
	int32_t cap_slot;         /* a capability the client passed, or -1 */
	uint64_t ring;            /* the ring's address in the server */
	uint64_t badge;           /* the badge of the client's capability */
	uint32_t new_conn;        /* 1 the first time this connection is seen */
	int32_t client_pid;       /* the process that made the connection (the kernel says so) */
	uint32_t flags;           /* IPC_RECV_F_* */
	uint32_t reserved;
};
_Static_assert(sizeof(struct ipc_recv) == 40, "ipc_recv layout");

/* ipc_recv.flags */
#define IPC_RECV_F_KERNEL 0x1   /* the kernel's forwarding connection: it writes the requests */
