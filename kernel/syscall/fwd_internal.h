/* SPDX-License-Identifier: MIT */
/* Between fwd.c (the forwarding of system calls) and fwd_calls.c (the
 * kernel's own requests to servers). Not for other modules. */
#pragma once
#include "lib/types.h"

struct proc;
struct uvec;
struct fwd_spec;
struct fwd_redirect;
struct ipc_endpoint;

/* One round trip to one server on p's connection (see fwd.c). */
long fwd_forward_once(struct proc *p, int server, uint32_t op, const struct fwd_spec *spec,
		      const struct uvec *vec, uint64_t *args, struct fwd_redirect *redirect);
/* Whether p serves server's endpoint, or will (a successor that has not yet
 * received): its calls to that server would wait for itself. */
bool fwd_is_self(int server, struct proc *p);
/* The endpoint registered for server, or NULL. */
struct ipc_endpoint *fwd_server_ep(int server);
/* CLOCK_THREAD_CPUTIME_ID reads, answered here; false for other calls. */
bool fwd_thread_cpu_clock(uint64_t nr, const uint64_t args[6], long *ret);
/* Before execve goes to init: 0 if the caller may run the file (the VFS
 * checks mode bits and unveil), else the error. */
long fwd_exec_check(uint64_t upath);
