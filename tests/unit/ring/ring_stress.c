// SPDX-License-Identifier: MIT
/* The two-thread ring stress (see ring_stress.h). Request number s carries
 * 0..40 payload bytes derived from s and, in its last 8 bytes, a checksum
 * over seq, op, len and payload. The server checks order and checksum and
 * echoes the checksum; the client checks each completion against the
 * request it rebuilds from the sequence number. The client submits batches
 * of random size so that partial batches and a full ring both occur. */
#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "host/ipc_host.h"
#include "ring_stress.h"

struct stress {
	struct ipc_host_conn client, server;   /* one view per thread */
	uint64_t n;
	uint64_t served;                       /* server thread only */
	char client_error[160], server_error[160];
};

static uint64_t mix(uint64_t x)
{
	x += 0x9e3779b97f4a7c15ull;
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
	return x ^ (x >> 31);
}

static uint64_t checksum(const struct ipc_slot *s)
{
	uint64_t h = 0xcbf29ce484222325ull ^ s->seq ^ ((uint64_t)s->op << 32) ^ s->len;
	for (unsigned i = 0; i + 8 < s->len; i++)
		h = (h ^ s->data[i]) * 0x100000001b3ull;
	return h;
}

static void fill(struct ipc_slot *s, uint64_t seq)
{
	uint64_t r = mix(seq), sum;
	memset(s, 0, sizeof(*s));
	s->seq = seq;
	s->op = (uint32_t)(r >> 32);
	s->len = 8 + r % (IPC_INLINE_MAX - 8 + 1);
	for (unsigned i = 0; i + 8 < s->len; i++)
		s->data[i] = (uint8_t)mix(seq * 64 + i);
	sum = checksum(s);
	memcpy(s->data + s->len - 8, &sum, 8);
}

static void fail(char *error, const char *fmt, ...)
{
	va_list ap;
	if (error[0])
		return;
	va_start(ap, fmt);
	vsnprintf(error, 160, fmt, ap);
	va_end(ap);
}

static int32_t serve_msg(void *ctx, const struct ipc_slot *req, struct ipc_slot *rep)
{
	struct stress *st = ctx;
	uint64_t sum;
	st->served++;
	if (req->seq != st->served)
		fail(st->server_error, "server: request %lu came as number %lu",
		     (unsigned long)req->seq, (unsigned long)st->served);
	if (req->len < 8 || req->len > IPC_INLINE_MAX) {
		fail(st->server_error, "server: request %lu has len %u",
		     (unsigned long)req->seq, req->len);
		return -EBADMSG;
	}
	memcpy(&sum, req->data + req->len - 8, 8);
	if (sum != checksum(req)) {
		fail(st->server_error, "server: request %lu fails its checksum",
		     (unsigned long)req->seq);
		return -EBADMSG;
	}
	memcpy(rep->data, &sum, 8);
	rep->len = 8;
	return 0;
}

static void *server_main(void *arg)
{
	struct stress *st = arg;
	while (st->served < st->n)
		ipc_host_serve(&st->server, serve_msg, st);
	return NULL;
}

static void check_completion(struct stress *st, const struct ipc_slot *c, uint64_t seq)
{
	struct ipc_slot req;
	uint64_t sum;
	fill(&req, seq);
	memcpy(&sum, req.data + req.len - 8, 8);
	if (c->seq != seq)
		fail(st->client_error, "client: completion %lu came as number %lu",
		     (unsigned long)c->seq, (unsigned long)seq);
	else if (c->status != 0 || c->len != 8 || memcmp(c->data, &sum, 8) != 0)
		fail(st->client_error, "client: completion %lu: status %d len %u, bad echo",
		     (unsigned long)seq, c->status, c->len);
}

/* Submits what fits in batches of random size, reaps what is there, and
 * sleeps on the futex only when neither made progress: for completions if
 * requests are in flight, else for space. Returns the number of requests
 * sent. */
static uint64_t client_run(struct stress *st, uint64_t *reaped)
{
	struct ipc_slot batch[IPC_RING_SLOTS], done[IPC_RING_SLOTS];
	uint64_t next = 1, expect = 1, rnd = 0;
	while (expect <= st->n) {
		unsigned want = 1 + mix(rnd++) % IPC_RING_SLOTS, space, k = 0, m;
		space = ipc_sq_space(&st->client.ring);
		if (want > space)
			want = space;
		if (want > st->n + 1 - next)
			want = st->n + 1 - next;
		for (unsigned i = 0; i < want; i++)
			fill(&batch[i], next + i);
		if (want)
			k = ipc_host_submit(&st->client, batch, want);
		next += k;
		m = ipc_host_reap(&st->client, done, IPC_RING_SLOTS);
		for (unsigned i = 0; i < m; i++)
			check_completion(st, &done[i], expect++);
		if (k || m)
			continue;
		/* A full ring with nothing in flight is the server between
		 * posting completions and freeing their submission slots. */
		if (next > expect)
			ipc_host_wait_completions(&st->client);
		else
			ipc_host_wait_space(&st->client);
	}
	*reaped = expect - 1;
	return next - 1;
}

int ring_stress_run(uint64_t n, unsigned spin, struct ring_stress_report *rep)
{
	struct stress *st = calloc(1, sizeof(*st));
	pthread_t server;
	int rc = -1;
	memset(rep, 0, sizeof(*rep));
	if (!st || ipc_host_create(&st->client) != 0 ||
	    ipc_host_attach(&st->server, st->client.region) != 0) {
		snprintf(rep->error, sizeof(rep->error), "cannot create the ring");
		free(st);
		return -1;
	}
	st->n = n;
	st->client.spin = st->server.spin = spin;
	if (pthread_create(&server, NULL, server_main, st) == 0) {
		rep->sent = client_run(st, &rep->reaped);
		pthread_join(server, NULL);
		rc = 0;
	} else {
		snprintf(rep->error, sizeof(rep->error), "cannot start the server thread");
	}
	rep->served = st->served;
	rep->client_sleeps = st->client.sleeps;
	rep->server_sleeps = st->server.sleeps;
	if (rc == 0 && (st->server_error[0] || st->client_error[0]))
		snprintf(rep->error, sizeof(rep->error), "%s", st->server_error[0] ?
			 st->server_error : st->client_error);
	else if (rc == 0 && (rep->sent != n || rep->served != n || rep->reaped != n))
		snprintf(rep->error, sizeof(rep->error), "sent %lu served %lu reaped %lu of %lu",
			 (unsigned long)rep->sent, (unsigned long)rep->served,
			 (unsigned long)rep->reaped, (unsigned long)n);
	if (rep->error[0])
		rc = -1;
	ipc_host_destroy(&st->client);
	free(st);
	return rc;
}
