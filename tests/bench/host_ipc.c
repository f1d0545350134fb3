// SPDX-License-Identifier: MIT
/* Host IPC benchmark: a client process and a forked server process exchange
 * 64-byte messages over the fusion ring (libipc/host, futex wake-ups), a
 * pipe pair and a Unix stream socket pair.
 *
 * Round trip (rtt): one request, wait for its reply, repeat. Ring sides poll
 * the ring c->spin times (IPC_HOST_SPIN_DEFAULT: 1000 polls with a pause,
 * about 25 us on the machine this was tuned on) before they FUTEX_WAIT, so
 * with the peer on another core a round trip makes no system call; on one
 * core the spin is wasted and each side ends up in FUTEX_WAIT.
 * Throughput (msgs_per_s): both clients keep up to 64 requests in flight
 * and submit them BATCH (32) at a time, so that the server works on one
 * half while the client fills the other (whole-ring batches of 64 run in
 * lockstep and reach about half the rate here). The ring client submits a
 * batch with one publish and reaps whatever completions are ready; the
 * server answers every pending request and posts them as one batch. The
 * pipe client writes a batch with one write() per 64-byte message and then
 * reads replies, one read() each, until 32 remain in flight; its server
 * reads and answers one message at a time.
 *
 * Placement: every transport is measured twice, client and server pinned
 * to two different CPUs ("apart") and both pinned to one ("together"), and
 * each figure is the better of the two. A polling ring wants two cores; a
 * pipe often does better on one (in a VM, waking an idle vCPU costs tens of
 * microseconds), so each transport is shown at its best.
 *
 * Each figure is the median of RUNS timed runs of RUN_NS each, after a
 * warm-up. Prints only the BENCH lines; -v adds per-run figures on stderr. */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "host/ipc_host.h"

#define RUNS 5
#define RUN_NS 200000000ull   /* 0.2 s per timed run */
#define WARMUP_NS 40000000ull
#define MSG_BYTES 64
#define BATCH 32              /* throughput: requests per submission */
#define OP_ECHO 1
#define OP_STOP 2

struct placement {
	const char *name;
	int client_cpu, server_cpu;   /* -1: not pinned */
};

struct figures {
	double ring_rtt_ns, ring_msgs_per_s, pipe_rtt_ns, pipe_msgs_per_s, unix_rtt_ns;
};

static int verbose;
static const struct placement *where;   /* the placement being measured */

static uint64_t now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static double median(double *v, int n)
{
	qsort(v, n, sizeof(*v), cmp_double);
	return v[n / 2];
}

/* Moves the calling process to CPU cpu; a failure only costs accuracy. */
static void pin(int cpu)
{
	cpu_set_t set;
	if (cpu < 0)
		return;
	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	sched_setaffinity(0, sizeof(set), &set);
}

static void die(const char *what)
{
	perror(what);
	exit(1);
}

/* One timed run: calls step() in chunks until RUN_NS elapsed; step returns
 * how many messages it completed. Returns messages per second. */
typedef uint64_t (*step_fn)(void *ctx);

static double timed_run(step_fn step, void *ctx, uint64_t duration)
{
	uint64_t t0 = now_ns(), t, msgs = 0;
	do {
		for (int i = 0; i < 256; i++)
			msgs += step(ctx);
		t = now_ns();
	} while (t - t0 < duration);
	return (double)msgs * 1e9 / (double)(t - t0);
}

/* Median over RUNS of msgs/s. */
static double measure(const char *name, step_fn step, void *ctx)
{
	double v[RUNS];
	timed_run(step, ctx, WARMUP_NS);
	for (int i = 0; i < RUNS; i++) {
		v[i] = timed_run(step, ctx, RUN_NS);
		if (verbose)
			fprintf(stderr, "# %s %s run %d: %.0f msgs/s (%.0f ns each)\n",
				where->name, name, i, v[i], 1e9 / v[i]);
	}
	return median(v, RUNS);
}

/* ---- ring ---- */

static int32_t echo(void *ctx, const struct ipc_slot *req, struct ipc_slot *rep)
{
	int *stop = ctx;
	if (req->op == OP_STOP)
		*stop = 1;
	if (req->len > IPC_INLINE_MAX)
		return -EINVAL;
	memcpy(rep->data, req->data, req->len);
	rep->len = req->len;
	return 0;
}

static void ring_server(struct ipc_host_conn *c)
{
	int stop = 0;
	while (!stop)
		ipc_host_serve(c, echo, &stop);
}

static struct ipc_slot ring_msg(uint32_t op)
{
	struct ipc_slot s;
	memset(&s, 0, sizeof(s));
	s.op = op;
	s.len = IPC_INLINE_MAX;
	memset(s.data, 0x5a, sizeof(s.data));
	return s;
}

struct ring_client {
	struct ipc_host_conn conn;
	unsigned long inflight;   /* throughput: submitted, not reaped */
};

static uint64_t ring_rtt_step(void *ctx)
{
	struct ipc_host_conn *c = &((struct ring_client *)ctx)->conn;
	struct ipc_slot req = ring_msg(OP_ECHO), rep;
	if (ipc_host_call(c, &req, &rep) != 0 || rep.len != IPC_INLINE_MAX)
		die("ring call");
	return 1;
}

/* Submits up to BATCH requests and reaps whatever is ready. */
static uint64_t ring_tput_step(void *ctx)
{
	struct ring_client *rc = ctx;
	struct ipc_host_conn *c = &rc->conn;
	struct ipc_slot batch[BATCH], done[IPC_RING_SLOTS];
	unsigned space = ipc_sq_space(&c->ring), n;
	if (space > BATCH)
		space = BATCH;
	for (unsigned i = 0; i < space; i++) {
		batch[i] = ring_msg(OP_ECHO);
		batch[i].seq = ipc_seq_next(&c->next_seq);
	}
	if (space)
		ipc_host_submit(c, batch, space);
	rc->inflight += space;
	n = ipc_host_reap(c, done, IPC_RING_SLOTS);
	rc->inflight -= n;
	if (space || n)
		return n;
	/* Full with nothing in flight: the server has posted completions
	 * and not yet freed their submission slots. */
	if (rc->inflight)
		ipc_host_wait_completions(c);
	else
		ipc_host_wait_space(c);
	return 0;
}

/* Drains what is in flight, then stops the server. */
static void ring_stop(struct ipc_host_conn *c, pid_t pid)
{
	struct ipc_slot done[IPC_RING_SLOTS], req = ring_msg(OP_STOP), rep;
	while (ipc_sq_pending(&c->ring) || ipc_cq_ready(&c->ring)) {
		if (!ipc_host_reap(c, done, IPC_RING_SLOTS))
			ipc_host_wait_completions(c);
	}
	ipc_host_call(c, &req, &rep);
	waitpid(pid, NULL, 0);
}

static void bench_ring(double *rtt_ns, double *msgs_per_s)
{
	struct ring_client rc = { .inflight = 0 };
	if (ipc_host_create(&rc.conn) != 0)
		die("ipc_host_create");
	pid_t pid = fork();
	if (pid < 0)
		die("fork");
	if (pid == 0) {
		pin(where->server_cpu);
		ring_server(&rc.conn);
		_exit(0);
	}
	*rtt_ns = 1e9 / measure("ring rtt", ring_rtt_step, &rc);
	*msgs_per_s = measure("ring throughput", ring_tput_step, &rc);
	if (verbose)
		fprintf(stderr, "# ring client futex sleeps: %lu\n", rc.conn.sleeps);
	ring_stop(&rc.conn, pid);
	ipc_host_destroy(&rc.conn);
}

/* ---- pipes and Unix sockets: one 64-byte message per read or write ---- */

struct stream {
	int rfd, wfd;
	unsigned inflight;   /* throughput: requests sent, replies not read */
};

/* Moves one whole message; returns -1 once the peer has closed. */
static int xfer(ssize_t (*op)(int, void *, size_t), int fd, char *buf)
{
	size_t done = 0;
	while (done < MSG_BYTES) {
		ssize_t n = op(fd, buf + done, MSG_BYTES - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		done += (size_t)n;
	}
	return 0;
}

static ssize_t write_op(int fd, void *buf, size_t n)
{
	return write(fd, buf, n);
}

static int send_msg(int fd, char *buf) { return xfer(write_op, fd, buf); }
static int recv_msg(int fd, char *buf) { return xfer(read, fd, buf); }

/* Echoes until the client closes its end. */
static void stream_server(struct stream s)
{
	char buf[MSG_BYTES];
	while (recv_msg(s.rfd, buf) == 0 && send_msg(s.wfd, buf) == 0)
		;
	_exit(0);
}

static uint64_t stream_rtt_step(void *ctx)
{
	struct stream *s = ctx;
	char buf[MSG_BYTES];
	memset(buf, 0x5a, sizeof(buf));
	if (send_msg(s->wfd, buf) || recv_msg(s->rfd, buf))
		die("stream round trip");
	return 1;
}

/* Writes BATCH requests, then reads replies until BATCH remain in flight. */
static uint64_t stream_tput_step(void *ctx)
{
	struct stream *s = ctx;
	char buf[MSG_BYTES];
	uint64_t n = 0;
	memset(buf, 0x5a, sizeof(buf));
	for (int i = 0; i < BATCH; i++)
		if (send_msg(s->wfd, buf))
			die("stream send");
	for (s->inflight += BATCH; s->inflight > BATCH; s->inflight--, n++)
		if (recv_msg(s->rfd, buf))
			die("stream receive");
	return n;
}

/* Forks a server over the given descriptors and returns its pid; the client
 * keeps `client`, the server `server`, each closing the other's. */
static pid_t start_stream_server(struct stream client, struct stream server)
{
	pid_t pid = fork();
	if (pid < 0)
		die("fork");
	if (pid == 0) {
		pin(where->server_cpu);
		close(client.rfd);
		if (client.wfd != client.rfd)
			close(client.wfd);
		stream_server(server);
	}
	close(server.rfd);
	if (server.wfd != server.rfd)
		close(server.wfd);
	return pid;
}

static void stop_stream_server(struct stream client, pid_t pid)
{
	close(client.rfd);
	if (client.wfd != client.rfd)
		close(client.wfd);
	waitpid(pid, NULL, 0);
}

static void bench_pipe(double *rtt_ns, double *msgs_per_s)
{
	int req[2], rep[2];
	if (pipe(req) || pipe(rep))
		die("pipe");
	struct stream client = { rep[0], req[1], 0 }, server = { req[0], rep[1], 0 };
	pid_t pid = start_stream_server(client, server);
	*rtt_ns = 1e9 / measure("pipe rtt", stream_rtt_step, &client);
	*msgs_per_s = measure("pipe throughput", stream_tput_step, &client);
	stop_stream_server(client, pid);
}

static void bench_unix(double *rtt_ns)
{
	int sv[2];
	if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv))
		die("socketpair");
	struct stream client = { sv[0], sv[0], 0 }, server = { sv[1], sv[1], 0 };
	pid_t pid = start_stream_server(client, server);
	*rtt_ns = 1e9 / measure("unix rtt", stream_rtt_step, &client);
	stop_stream_server(client, pid);
}

static void measure_all(struct figures *f)
{
	pin(where->client_cpu);
	bench_ring(&f->ring_rtt_ns, &f->ring_msgs_per_s);
	bench_pipe(&f->pipe_rtt_ns, &f->pipe_msgs_per_s);
	bench_unix(&f->unix_rtt_ns);
}

static double min_d(double a, double b) { return a < b ? a : b; }
static double max_d(double a, double b) { return a > b ? a : b; }

int main(int argc, char **argv)
{
	struct placement places[2] = { { "apart", -1, -1 }, { "together", -1, -1 } };
	struct figures f[2];
	cpu_set_t allowed;
	int cpus[2] = { -1, -1 }, n = 0;
	verbose = argc > 1 && strcmp(argv[1], "-v") == 0;
	signal(SIGPIPE, SIG_IGN);
	if (sched_getaffinity(0, sizeof(allowed), &allowed) == 0)
		for (int c = 0; c < CPU_SETSIZE && n < 2; c++)
			if (CPU_ISSET(c, &allowed))
				cpus[n++] = c;
	places[0].client_cpu = places[1].client_cpu = places[1].server_cpu = cpus[0];
	places[0].server_cpu = n > 1 ? cpus[1] : cpus[0];
	for (int i = 0; i < 2; i++) {
		where = &places[i];
		measure_all(&f[i]);
	}
	printf("BENCH host_ring_rtt_ns %.0f ns\n", min_d(f[0].ring_rtt_ns, f[1].ring_rtt_ns));
	printf("BENCH host_pipe_rtt_ns %.0f ns\n", min_d(f[0].pipe_rtt_ns, f[1].pipe_rtt_ns));
	printf("BENCH host_unix_rtt_ns %.0f ns\n", min_d(f[0].unix_rtt_ns, f[1].unix_rtt_ns));
	printf("BENCH host_ring_msgs_per_s %.0f msgs/s\n",
	       max_d(f[0].ring_msgs_per_s, f[1].ring_msgs_per_s));
	printf("BENCH host_pipe_msgs_per_s %.0f msgs/s\n",
	       max_d(f[0].pipe_msgs_per_s, f[1].pipe_msgs_per_s));
	return 0;
}
