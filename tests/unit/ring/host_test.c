// SPDX-License-Identifier: MIT
/* libipc/host/ipc_host.c: synchronous calls, batches, one-way requests and
 * a successor server, across threads and across fork(). */
#include <errno.h>
#include <pthread.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "harness.h"
#include "host/ipc_host.h"

#define OP_ADD 1
#define OP_NOTE 2   /* one-way: adds to the server's total */
#define OP_STOP 3

struct adder {
	struct ipc_host_conn conn;
	uint64_t total;
	int stop;
};

/* Replies to OP_ADD with the 64-bit sum of the request's two operands. */
static int32_t adder_handle(void *ctx, const struct ipc_slot *req, struct ipc_slot *rep)
{
	struct adder *a = ctx;
	uint64_t x[2], sum;
	if (req->len != sizeof(x))
		return -EINVAL;
	memcpy(x, req->data, sizeof(x));
	switch (req->op) {
	case OP_ADD:
		sum = x[0] + x[1];
		memcpy(rep->data, &sum, sizeof(sum));
		rep->len = sizeof(sum);
		return 0;
	case OP_NOTE:
		a->total += x[0];
		return 0;
	case OP_STOP:
		a->stop = 1;
		return 0;
	default:
		return -ENOSYS;
	}
}

static void *adder_main(void *arg)
{
	struct adder *a = arg;
	while (!a->stop)
		ipc_host_serve(&a->conn, adder_handle, a);
	return NULL;
}

static struct ipc_slot request(uint32_t op, uint64_t x, uint64_t y)
{
	struct ipc_slot s;
	uint64_t v[2] = { x, y };
	memset(&s, 0, sizeof(s));
	s.op = op;
	s.len = sizeof(v);
	memcpy(s.data, v, sizeof(v));
	return s;
}

static uint64_t reply_value(const struct ipc_slot *rep)
{
	uint64_t v;
	ck_assert_uint_eq(rep->len, sizeof(v));
	memcpy(&v, rep->data, sizeof(v));
	return v;
}

START_TEST(call_returns_server_thread_answer)
{
	struct ipc_host_conn c;
	struct adder a;
	pthread_t t;
	struct ipc_slot req, rep;
	ck_assert_int_eq(ipc_host_create(&c), 0);
	memset(&a, 0, sizeof(a));
	ck_assert_int_eq(ipc_host_attach(&a.conn, c.region), 0);
	a.conn.spin = c.spin = 0;           /* every wait goes through the futex */
	ck_assert_int_eq(pthread_create(&t, NULL, adder_main, &a), 0);
	for (uint64_t i = 0; i < 1000; i++) {
		req = request(OP_ADD, i, 1u << 20);
		ck_assert_int_eq(ipc_host_call(&c, &req, &rep), 0);
		ck_assert_int_eq(rep.status, 0);
		ck_assert_uint_eq(reply_value(&rep), i + (1u << 20));
		ck_assert_uint_eq(rep.seq, i + 1);
	}
	req = request(OP_STOP, 0, 0);
	ck_assert_int_eq(ipc_host_call(&c, &req, &rep), 0);
	pthread_join(t, NULL);
	ck_assert_uint_gt(c.sleeps, 0);
	ipc_host_destroy(&c);
}
END_TEST

START_TEST(call_works_across_fork)
{
	struct ipc_host_conn c;
	struct ipc_slot req, rep;
	int status;
	ck_assert_int_eq(ipc_host_create(&c), 0);
	pid_t pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		struct adder a;
		memset(&a, 0, sizeof(a));
		if (ipc_host_attach(&a.conn, c.region) != 0)
			_exit(2);
		adder_main(&a);
		_exit(0);
	}
	for (uint64_t i = 0; i < 2000; i++) {
		req = request(OP_ADD, i, i);
		ck_assert_int_eq(ipc_host_call(&c, &req, &rep), 0);
		ck_assert_uint_eq(reply_value(&rep), 2 * i);
	}
	req = request(OP_STOP, 0, 0);
	ck_assert_int_eq(ipc_host_call(&c, &req, &rep), 0);
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	ipc_host_destroy(&c);
}
END_TEST

START_TEST(serve_answers_pending_batch_at_once)
{
	struct ipc_host_conn c, s;
	struct adder a;
	struct ipc_slot reqs[10], reps[10];
	memset(&a, 0, sizeof(a));
	ck_assert_int_eq(ipc_host_create(&c), 0);
	ck_assert_int_eq(ipc_host_attach(&s, c.region), 0);
	for (unsigned i = 0; i < 10; i++) {
		reqs[i] = request(i == 4 ? 99 : OP_ADD, i, 100);
		reqs[i].seq = ipc_seq_next(&c.next_seq);
	}
	ck_assert_uint_eq(ipc_host_submit(&c, reqs, 10), 10);
	ck_assert_uint_eq(ipc_host_serve(&s, adder_handle, &a), 10);
	ck_assert_uint_eq(ipc_host_reap(&c, reps, 10), 10);
	for (unsigned i = 0; i < 10; i++) {
		ck_assert_uint_eq(reps[i].seq, i + 1);
		if (i == 4) {
			ck_assert_int_eq(reps[i].status, -ENOSYS);
			continue;
		}
		ck_assert_int_eq(reps[i].status, 0);
		ck_assert_uint_eq(reply_value(&reps[i]), i + 100);
	}
	ipc_host_destroy(&c);
}
END_TEST

START_TEST(submit_stops_at_a_full_ring)
{
	struct ipc_host_conn c;
	struct ipc_slot reqs[IPC_RING_SLOTS + 6];
	memset(reqs, 0, sizeof(reqs));
	ck_assert_int_eq(ipc_host_create(&c), 0);
	ck_assert_uint_eq(ipc_host_submit(&c, reqs, IPC_RING_SLOTS + 6), IPC_RING_SLOTS);
	ck_assert_uint_eq(ipc_host_submit(&c, reqs, 1), 0);
	ck_assert_uint_eq(ipc_host_reap(&c, reqs, 1), 0);
	ipc_host_destroy(&c);
}
END_TEST

START_TEST(oneway_requests_get_no_completion)
{
	struct ipc_host_conn c, s;
	struct adder a;
	struct ipc_slot reqs[5], reps[5];
	memset(&a, 0, sizeof(a));
	ck_assert_int_eq(ipc_host_create(&c), 0);
	ck_assert_int_eq(ipc_host_attach(&s, c.region), 0);
	for (unsigned i = 0; i < 5; i++) {
		reqs[i] = request(i % 2 ? OP_NOTE : OP_ADD, 10 * i, 1);
		reqs[i].flags = i % 2 ? IPC_F_ONEWAY : 0;
		reqs[i].seq = i + 1;
	}
	ck_assert_uint_eq(ipc_host_submit(&c, reqs, 5), 5);
	ck_assert_uint_eq(ipc_host_serve(&s, adder_handle, &a), 5);
	ck_assert_uint_eq(a.total, 10 + 30);
	ck_assert_uint_eq(ipc_sq_pending(&s.ring), 0);
	ck_assert_uint_eq(ipc_host_reap(&c, reps, 5), 3);
	ck_assert_uint_eq(reps[0].seq, 1);
	ck_assert_uint_eq(reps[1].seq, 3);
	ck_assert_uint_eq(reps[2].seq, 5);
	ck_assert_uint_eq(reply_value(&reps[2]), 41);
	ipc_host_destroy(&c);
}
END_TEST

static int32_t die_without_reply(void *ctx, const struct ipc_slot *req, struct ipc_slot *rep)
{
	(void)ctx;
	(void)req;
	(void)rep;
	_exit(0);
}

START_TEST(successor_server_answers_request_left_by_dead_one)
{
	struct ipc_host_conn c;
	struct adder a;
	struct ipc_slot req, rep;
	int status;
	memset(&a, 0, sizeof(a));
	ck_assert_int_eq(ipc_host_create(&c), 0);
	req = request(OP_ADD, 40, 2);
	req.seq = 77;
	ck_assert_uint_eq(ipc_host_submit(&c, &req, 1), 1);
	pid_t pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {   /* the first server reads the request and dies */
		struct ipc_host_conn s;
		if (ipc_host_attach(&s, c.region) == 0)
			ipc_host_serve_one(&s, die_without_reply, NULL);
		_exit(1);
	}
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	ck_assert_uint_eq(ipc_host_reap(&c, &rep, 1), 0);
	ck_assert_int_eq(ipc_host_attach(&a.conn, c.region), 0);
	ck_assert_uint_eq(ipc_sq_pending(&a.conn.ring), 1);
	ck_assert_uint_eq(ipc_host_serve_one(&a.conn, adder_handle, &a), 1);
	ck_assert_uint_eq(ipc_host_reap(&c, &rep, 1), 1);
	ck_assert_uint_eq(rep.seq, 77);
	ck_assert_uint_eq(reply_value(&rep), 42);
	ipc_host_destroy(&c);
}
END_TEST

UNIT_SUITE(ring_host_suite)
static Suite *ring_host_suite(void)
{
	Suite *s = suite_create("ring_host");
	TCase *tc = tcase_create("ring_host");
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, call_returns_server_thread_answer);
	tcase_add_test(tc, call_works_across_fork);
	tcase_add_test(tc, serve_answers_pending_batch_at_once);
	tcase_add_test(tc, submit_stops_at_a_full_ring);
	tcase_add_test(tc, oneway_requests_get_no_completion);
	tcase_add_test(tc, successor_server_answers_request_left_by_dead_one);
	suite_add_tcase(s, tc);
	return s;
}
