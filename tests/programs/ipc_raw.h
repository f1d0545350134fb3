/* SPDX-License-Identifier: MIT */
/* Helpers for driving servers with malformed requests (t_malformed):
 * starting a private instance of a server binary the way init does
 * (srv_start: endpoint, ready notification, state object; srv_alive,
 * srv_stop), and writing requests straight into a fusion ring, with any
 * op, length and flags (raw_put, raw_wait), beside libipc's well-formed
 * calls. Every wait is bounded by an alarm, so a hung server fails a check
 * instead of hanging the test. Header-only, for tests/programs/. */
#pragma once
#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include "ipc.h"
#include "uk.h"

#define RAW_BOUND_S 3             /* longest wait for any answer */
#define RAW_NO_ANSWER INT32_MIN   /* raw_wait: no completion came */

/* A server instance this program started and may end. */
struct srv {
	const char *name;             /* check names start with it */
	const char *path;             /* its binary in the initrd */
	uint64_t state_bytes;         /* its state: object (manifest), 0 for none */
	bool no_ready;                /* it does not signal ready (echo): do not wait */
	int ep;                       /* the endpoint, all rights */
	int proc;                     /* its process capability */
	int mem;                      /* its state object, or -1 */
	long pid;
};

static void raw_on_alarm(int sig)
{
	(void)sig;  /* only interrupts the blocking call */
}

/* Alarms interrupt blocking calls (no SA_RESTART): call once at start. */
static inline void raw_init(void)
{
	struct sigaction sa = { .sa_handler = raw_on_alarm };
	sigaction(SIGALRM, &sa, NULL);
}

/* Ends the instance at once and reaps it; returns its wait status. */
static inline int srv_stop(struct srv *s)
{
	int st = -1;
	if (s->pid > 0) {
		uk_proc_kill(s->proc);
		uk_wait(s->pid, &st, 0);
	}
	int caps[] = { s->proc, s->ep, s->mem };
	for (int i = 0; i < 3; i++)
		if (caps[i] >= 0)
			uk_cap_delete(caps[i]);
	s->pid = s->proc = s->ep = s->mem = -1;
	return st;
}

/* Starts s->path with the capabilities init would give it (svc.c
 * build_caps): slot 1 the endpoint, 2 a ready notification, 3 the state
 * object if any. Returns 0 once it signalled ready (at once for no_ready),
 * -1 if it exited first or took more than RAW_BOUND_S (its wait status in
 * *status when status is not NULL). */
static inline int srv_start(struct srv *s, int *status)
{
	char *argv[] = { (char *)s->path, NULL }, *envp[] = { NULL };
	uint64_t bits = 0;
	int ready = uk_notif_create();
	s->ep = uk_endpoint_create();
	s->mem = s->state_bytes ? uk_mem_create(s->state_bytes) : -1;
	struct uk_spawn_cap caps[] = { { s->ep, CAP_R_READ | CAP_R_WRITE, 0 },
				       { ready, CAP_R_WRITE, 0 },
				       { s->mem, CAP_R_READ | CAP_R_WRITE | CAP_R_MAP, 0 },
				       { -1, 0, 0 } };
	if (s->mem < 0)
		caps[2].slot = -1;
	s->pid = uk_spawn_path_caps(s->path, argv, envp, UK_SPAWN_SHARE_INITRD, caps);
	s->proc = s->pid > 0 ? uk_proc_cap(s->pid) : -1;
	alarm(RAW_BOUND_S);
	bool ok = s->proc >= 0 && (s->no_ready || (uk_proc_watch(s->proc, ready, 2) == 0 &&
						   uk_notif_wait(ready, &bits, 0) == 0 && (bits & 1)));
	alarm(0);
	uk_cap_delete(ready);
	if (ok)
		return 0;
	int st = srv_stop(s);
	if (status)
		*status = st;
	return -1;
}

/* Whether the instance still runs. */
static inline bool srv_alive(const struct srv *s)
{
	struct uk_procinfo pi;
	return s->pid > 0 && uk_procinfo(s->pid, &pi) == 0 && pi.state == UK_PROC_RUNNING;
}

/* Closes a connection and unmaps its ring (the kernel leaves it mapped in
 * the client). */
static inline void raw_close(struct ipc_client *c)
{
	uk_cap_delete(c->conn);
	munmap(c->ring.hdr, IPC_RING_BYTES);
}

/* Writes one request into the next submission slot as given (data: 48
 * bytes or NULL for zeros) without publishing it; its seq in *seq. */
static inline struct ipc_slot *raw_fill(struct ipc_client *c, uint32_t op, uint16_t len,
					uint16_t flags, const void *data, uint64_t *seq)
{
	struct ipc_slot *s = ipc_sq_reserve(&c->ring);
	if (!s)
		return NULL;
	s->seq = *seq = ipc_seq_next(&c->seq);
	s->op = op;
	s->len = len;
	s->flags = flags;
	memset(s->data, 0, sizeof(s->data));
	if (data)
		memcpy(s->data, data, sizeof(s->data));
	return s;
}

/* Publishes one request as given and tells the kernel (no wait); returns
 * its seq, 0 if the ring is full. */
static inline uint64_t raw_put(struct ipc_client *c, uint32_t op, uint16_t len, uint16_t flags,
			       const void *data)
{
	uint64_t seq;
	if (!raw_fill(c, op, len, flags, data, &seq))
		return 0;
	ipc_sq_submit(&c->ring, 1);
	uk_ipc_call(c->conn, IPC_CALL_SUBMIT, NULL);
	return seq;
}

/* Waits (at most RAW_BOUND_S) for the completion of seq, dropping others;
 * returns its status, or RAW_NO_ANSWER. */
static inline int32_t raw_wait(struct ipc_client *c, uint64_t seq)
{
	int32_t status = RAW_NO_ANSWER;
	bool found = false;
	alarm(RAW_BOUND_S);
	while (!found) {
		struct ipc_slot *done;
		while (!found && (done = ipc_cq_peek(&c->ring))) {
			found = done->seq == seq;
			if (found)
				status = done->status;
			ipc_cq_release(&c->ring, 1);
		}
		if (!found && uk_ipc_call(c->conn, IPC_CALL_SUBMIT | IPC_CALL_WAIT, NULL) < 0)
			break;
	}
	alarm(0);
	return status;
}

/* One raw request and its answer (RAW_NO_ANSWER if none came). */
static inline int32_t raw_call(struct ipc_client *c, uint32_t op, uint16_t len, uint16_t flags,
			       const void *data)
{
	uint64_t seq = raw_put(c, op, len, flags, data);
	return seq ? raw_wait(c, seq) : RAW_NO_ANSWER;
}

/* A raw request lending buf[0..len) (the kernel publishes it); no wait. */
static inline uint64_t raw_put_grant(struct ipc_client *c, uint32_t op, uint16_t len,
				     uint16_t flags, const void *data, void *buf, size_t buflen,
				     bool writable)
{
	uint64_t seq;
	struct ipc_call_args a = { .grant_addr = (uint64_t)buf, .grant_len = buflen,
				   .grant_writable = writable };
	if (!raw_fill(c, op, len, flags, data, &seq))
		return 0;
	return uk_ipc_call(c->conn, IPC_CALL_GRANT | IPC_CALL_SUBMIT, &a) < 0 ? 0 : seq;
}

/* libipc's ipc_call, bounded by an alarm (-EINTR when nothing came). */
static inline int bounded_call(struct ipc_client *c, uint32_t op, const void *req, size_t len,
			       void *reply, size_t *rlen)
{
	alarm(RAW_BOUND_S);
	int r = ipc_call(c, op, req, len, reply, rlen);
	alarm(0);
	return r;
}
