/* SPDX-License-Identifier: MIT */
/* Zero-copy grants: a client's buffer, pinned and mapped into the server for
 * exactly as long as the request that carries it is unanswered; and
 * capabilities passed along with a request. */
#pragma once
#include "abi/ipc.h"
#include "lib/types.h"

struct proc;
struct ipc_conn;

#define IPC_GRANT_MAX (MiB(256))

/* Pins the buffer named in a, maps it into the server, writes the
 * server-side reference into the next (reserved) submission slot and
 * publishes that slot. */
long grant_publish(struct proc *client, struct ipc_conn *c, const struct ipc_call_args *a);
/* Releases the grants of requests whose completions have been posted. */
void grant_reap(struct ipc_conn *c);
void grant_release_all(struct ipc_conn *c);
/* The server died: its mappings went with its address space. */
void grant_server_gone(struct ipc_conn *c);
/* For forwarded calls: lends [uaddr, uaddr+len) of the client to the server
 * until grant_release_all; *server_addr is where the server sees uaddr. */
long grant_map_for_kernel(struct ipc_conn *c, uint64_t uaddr, size_t len, bool writable,
			  uint64_t *server_addr);
/* Copies a capability of the client into the server's table for the next
 * request it receives on c. */
long grant_pass_cap(struct proc *client, struct ipc_conn *c, int slot);
