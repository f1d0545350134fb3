/* SPDX-License-Identifier: MIT */
/* Forwarded Linux system calls: how a server sees them.
 *
 * The kernel turns a program's Linux system call into a request on a
 * connection of the program to the server that owns the call: op = the
 * server's own number for the call (FWD_<SERVER>_<name>, from the one
 * description in include/proto/fwd_calls.h), data = the six argument
 * registers (struct fwd_args). Pointer arguments are rewritten to addresses
 * in the server: small buffers and strings are copied into the connection's
 * bounce area (mapped in the server), large buffers are granted (the
 * caller's pages mapped into the server for the duration of the call). The
 * completion's status is the system call's result. The badge of the
 * connection is the caller's pid. readv/writev/preadv/pwritev arrive as
 * read/write/pread64/pwrite64 on one gathered buffer.
 *
 * A server may answer FWD_STATUS_REDIRECT with a struct fwd_redirect in the
 * completion data: the kernel then sends the same call to another server,
 * with the first argument replaced by the handle (the VFS does this for
 * descriptors that name the console). */
#pragma once
#include <stdint.h>

#define FWD_STATUS_REDIRECT (-4097)
/* The server raised a signal for the caller (a terminal's SIGTTIN or
 * SIGTTOU) and the call should run again once it is handled, as Linux's
 * ERESTARTSYS: again after a stop and continue or an SA_RESTART handler,
 * -EINTR after a handler without SA_RESTART. */
#define FWD_STATUS_RESTART (-4098)
/* A server's answer that the call needs pledge promise bit (abi/pledge.h)
 * the caller lacks: the kernel treats it as a call outside the promises. */
#define FWD_STATUS_PLEDGE(bit) (-5000 - (bit))
#define FWD_STATUS_IS_PLEDGE(s) ((s) <= -5000 && (s) > -5064)

/* Servers the kernel forwards to (fwd_register). */
enum fwd_server {
	FWD_SRV_VFS = 1,
	FWD_SRV_CONSOLE,
	FWD_SRV_PROC,      /* init: execve and spawn by path */
	FWD_SRV_TIME,
	FWD_SRV_SECURITY,
	FWD_NSERVERS
};

struct fwd_args {
	uint64_t a[6];
};
_Static_assert(sizeof(struct fwd_args) == 48, "fwd_args fills a slot");

struct fwd_redirect {
	uint32_t server;       /* enum fwd_server */
	uint32_t reserved;
	uint64_t handle;       /* replaces the first argument */
};
_Static_assert(sizeof(struct fwd_redirect) == 16, "fwd_redirect layout");

/* Bytes of the per-connection bounce area; larger buffers are granted. */
#define FWD_BOUNCE_BYTES (64 * 1024)
#define FWD_GRANT_MIN (16 * 1024)
