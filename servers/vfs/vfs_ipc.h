/* SPDX-License-Identifier: MIT */
/* The VFS server's decoding side, shared by its two files: vfs_ipc.c
 * (the main loop, callers, parked requests) and vfs_calls.c (one handler
 * per forwarded call and the table of them). */
#pragma once
#include <stdint.h>
#include <string.h>
#include <stdint.h>
#include "ipc.h"
#include "vfs.h"
#include "proto/fwd.h"
#include "proto/fwd_calls.h"

/* The state every handler works on (the arena's). */
extern struct vfs_state *vfs_srv;
/* One handler per forwarded call, by FWD_VFS_ operation. */
extern const ipc_handler_fn vfs_handlers[FWD_VFS_NOPS];

/* The caller of rq: pid, credentials and promises (read from the kernel
 * for calls that need them), and its wait_id. A process the VFS has not
 * seen gets the console on descriptors 0, 1 and 2. */
struct vfs_caller vfs_caller_of(const struct ipc_request *rq);
/* The answer for a call's result r: VFS_WOULD_BLOCK parks the request
 * (IPC_DEFER; -EAGAIN when too many are parked), VFS_FORWARD_CONSOLE
 * redirects it to the console server; anything else is r. */
int32_t vfs_answer_slow(const struct ipc_request *rq, struct ipc_slot *out, int64_t r);
static inline int32_t vfs_answer(const struct ipc_request *rq, struct ipc_slot *out, int64_t r)
{
	if (__builtin_expect(r > INT32_MAX, 0)) {  /* an offset past 2 GiB: all 64 bits */
		out->flags |= IPC_F_WIDE;
		memcpy(out->data, &r, sizeof(r));
		out->len = sizeof(r);
		return 0;
	}
	return r > VFS_WOULD_BLOCK ? (int32_t)r : vfs_answer_slow(rq, out, r);  /* the usual: r */
}
/* A process is gone: its parked requests are answered (never served
 * again: an open would give a dead process a descriptor). */
void vfs_forget_parked(int pid);
/* Keeps /proc/vfs/cachestat current when a program is about to read it. */
void vfs_refresh_cachestat(const char *path);
