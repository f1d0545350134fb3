/* SPDX-License-Identifier: MIT */
/* Forwarding Linux system calls to the servers that own them (see
 * include/proto/fwd.h for what a server sees). Entry points: fwd_syscall
 * from the dispatcher; fwd_register for init; fwd_proc_* for process
 * lifetime notices to the VFS. */
#pragma once
#include "lib/types.h"

struct proc;
struct ipc_endpoint;
struct kobj;

/* Returns true and *ret when nr is forwarded (to a registered server). */
bool fwd_syscall(uint64_t nr, const uint64_t args[6], long *ret);
/* Makes ep the server for calls of kind server (enum fwd_server). */
long fwd_register(int server, struct ipc_endpoint *ep);
bool fwd_registered(int server);
/* True if p holds the receiving side of the endpoint serving kind server. */
bool fwd_is_server(int server, const struct proc *p);
/* Whether p is serving one of the forwarding endpoints right now. */
bool fwd_serves_any(const struct proc *p);
/* Sends a kernel request (FWD_OP_*) on p's connection to server and waits
 * for the answer; -ENOSYS when no server (other than p) is there. */
long fwd_notice(struct proc *p, int server, uint32_t op, uint64_t a0, uint64_t a1);
/* Sends a kernel request (FWD_*_op) on p's connection to server one way:
 * published now, served when the server (or its successor) gets to it,
 * never waited for. */
long fwd_post(struct proc *p, int server, uint32_t op, uint64_t a0, uint64_t a1);
/* The endpoint serving calls of kind server, or NULL. */
struct kobj *fwd_endpoint(int server);
/* The same notice to the time server about p (its timers), if p ever
 * called it. */
long fwd_time_notice(struct proc *p, uint32_t op, uint64_t pid);
/* Sends a kernel notice (FWD_VFS_proc_*) about p to the VFS; waits for it. */
long fwd_proc_notice(struct proc *p, uint32_t op, uint64_t a0, uint64_t a1);
/* uk_seccall: the security server's protocol (proto/security.h). */
long fwd_seccall(const uint64_t args[6]);
/* Whether p ever sent server a call (it has a connection to it). */
bool fwd_ever_called(const struct proc *p, int server);
/* p is dying: if it leads a session, the console hangs up that session's
 * terminal (its foreground group gets SIGHUP). */
long fwd_session_end(struct proc *p);
/* Closes p's forwarding connections (p is exiting). */
void fwd_proc_gone(struct proc *p);
