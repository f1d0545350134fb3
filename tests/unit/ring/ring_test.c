// SPDX-License-Identifier: MIT
/* libipc/ring.c: index arithmetic, ordering, batching, in-order retirement,
 * attach checks and the waiting flags, on one thread. */
#include <errno.h>
#include <stdint.h>
#include <string.h>
#include "harness.h"
#include "ring.h"

static uint8_t region[IPC_RING_BYTES] __attribute__((aligned(IPC_RING_PAGE)));
static struct ipc_ring ring;

static struct ipc_ring *fresh_ring(void)
{
	ipc_ring_init(region);
	ck_assert_int_eq(ipc_ring_attach(&ring, region), 0);
	return &ring;
}

/* Client: submits n requests numbered from seq, op = seq * 3. */
static void submit_n(struct ipc_ring *r, uint64_t seq, unsigned n)
{
	for (unsigned i = 0; i < n; i++) {
		struct ipc_slot *s = ipc_sq_reserve_at(r, i);
		ck_assert_ptr_nonnull(s);
		s->seq = seq + i;
		s->op = (uint32_t)(seq + i) * 3;
		s->len = 0;
	}
	ipc_sq_submit(r, n);
}

/* Server: answers the n oldest requests (status = op + 1) and posts them. */
static void serve_n(struct ipc_ring *r, unsigned n)
{
	for (unsigned i = 0; i < n; i++) {
		struct ipc_slot *req = ipc_sq_peek_at(r, i);
		struct ipc_slot *rep = ipc_cq_reserve_at(r, i);
		ck_assert_ptr_nonnull(req);
		ck_assert_ptr_nonnull(rep);
		rep->seq = req->seq;
		rep->status = (int32_t)req->op + 1;
	}
	ipc_cq_post(r, n);
}

/* Client: reaps n completions, expecting numbers seq.. in order. */
static void reap_n(struct ipc_ring *r, uint64_t seq, unsigned n)
{
	for (unsigned i = 0; i < n; i++) {
		struct ipc_slot *c = ipc_cq_peek_at(r, i);
		ck_assert_ptr_nonnull(c);
		ck_assert_uint_eq(c->seq, seq + i);
		ck_assert_int_eq(c->status, (int32_t)((uint32_t)(seq + i) * 3) + 1);
	}
	ipc_cq_release(r, n);
}

START_TEST(empty_ring_peeks_null)
{
	struct ipc_ring *r = fresh_ring();
	ck_assert_ptr_null(ipc_cq_peek(r));
	ck_assert_ptr_null(ipc_sq_peek_at(r, 0));
	ck_assert_uint_eq(ipc_sq_pending(r), 0);
	ck_assert_uint_eq(ipc_cq_ready(r), 0);
	ck_assert_uint_eq(ipc_sq_space(r), IPC_RING_SLOTS);
	ck_assert_uint_eq(ipc_cq_space(r), IPC_RING_SLOTS);
}
END_TEST

START_TEST(full_ring_reserve_returns_null_after_64)
{
	struct ipc_ring *r = fresh_ring();
	for (unsigned i = 0; i < IPC_RING_SLOTS; i++)
		ck_assert_ptr_eq(ipc_sq_reserve_at(r, i), &r->sq[i]);
	ck_assert_ptr_null(ipc_sq_reserve_at(r, IPC_RING_SLOTS));
	submit_n(r, 1, IPC_RING_SLOTS);
	ck_assert_uint_eq(ipc_sq_space(r), 0);
	ck_assert_ptr_null(ipc_sq_reserve(r));
	ck_assert_uint_eq(ipc_sq_pending(r), IPC_RING_SLOTS);
	ipc_sq_submit(r, 1);   /* nothing reserved: clamped, no overrun */
	ck_assert_uint_eq(ipc_sq_pending(r), IPC_RING_SLOTS);
}
END_TEST

START_TEST(reserve_returns_same_slot_until_submitted)
{
	struct ipc_ring *r = fresh_ring();
	struct ipc_slot *a = ipc_sq_reserve(r);
	ck_assert_ptr_eq(ipc_sq_reserve(r), a);
	ck_assert_uint_eq(ipc_sq_pending(r), 0);
	ipc_sq_submit(r, 1);
	ck_assert_ptr_ne(ipc_sq_reserve(r), a);
	ck_assert_ptr_eq(ipc_sq_peek_at(r, 0), a);
}
END_TEST

START_TEST(indices_wrap_around_uint32_max)
{
	struct ipc_ring *r = fresh_ring();
	const uint32_t start = UINT32_MAX - 40;
	r->hdr->sq.head = r->hdr->sq.tail = start;
	r->hdr->cq.head = r->hdr->cq.tail = start;
	uint64_t seq = 1;
	for (unsigned round = 0; round < 10; round++) {
		unsigned n = 7 + round * 5;   /* 7..52: crosses the wrap mid-batch */
		submit_n(r, seq, n);
		ck_assert_uint_eq(ipc_sq_pending(r), n);
		ck_assert_uint_eq(ipc_sq_space(r), IPC_RING_SLOTS - n);
		serve_n(r, n);
		ck_assert_uint_eq(ipc_cq_ready(r), n);
		reap_n(r, seq, n);
		seq += n;
	}
	ck_assert_uint_lt(r->hdr->sq.tail, start);   /* it did wrap */
	ck_assert_uint_eq(r->hdr->sq.tail, (uint32_t)(start + seq - 1));
	ck_assert_uint_eq(ipc_sq_space(r), IPC_RING_SLOTS);
	ck_assert_ptr_null(ipc_cq_peek(r));
}
END_TEST

START_TEST(wrapped_full_ring_still_reports_full)
{
	struct ipc_ring *r = fresh_ring();
	r->hdr->sq.head = r->hdr->sq.tail = UINT32_MAX - 10;
	submit_n(r, 1, IPC_RING_SLOTS);
	ck_assert_uint_eq(ipc_sq_space(r), 0);
	ck_assert_ptr_null(ipc_sq_reserve(r));
	ck_assert_uint_eq(ipc_sq_pending(r), IPC_RING_SLOTS);
	ck_assert_uint_eq(ipc_sq_peek_at(r, 63)->seq, 64);
	ck_assert_ptr_null(ipc_sq_peek_at(r, 64));
}
END_TEST

START_TEST(requests_and_completions_keep_their_order)
{
	struct ipc_ring *r = fresh_ring();
	submit_n(r, 100, 10);
	for (unsigned i = 0; i < 10; i++)
		ck_assert_uint_eq(ipc_sq_peek_at(r, i)->seq, 100 + i);
	ck_assert_ptr_null(ipc_sq_peek_at(r, 10));
	serve_n(r, 4);
	serve_n(r, 6);
	ck_assert_uint_eq(ipc_cq_peek(r)->seq, 100);
	reap_n(r, 100, 10);
}
END_TEST

START_TEST(batches_submit_and_reap_in_any_split)
{
	struct ipc_ring *r = fresh_ring();
	submit_n(r, 1, 20);
	submit_n(r, 21, 20);
	submit_n(r, 41, 20);
	ck_assert_uint_eq(ipc_sq_pending(r), 60);
	serve_n(r, 25);
	serve_n(r, 35);
	ck_assert_uint_eq(ipc_cq_ready(r), 60);
	ck_assert_uint_eq(ipc_sq_pending(r), 0);
	reap_n(r, 1, 40);
	ck_assert_uint_eq(ipc_cq_ready(r), 20);
	reap_n(r, 41, 20);
	ck_assert_uint_eq(ipc_cq_space(r), IPC_RING_SLOTS);
}
END_TEST

START_TEST(batch_slot_accessors_match_checked_ones)
{
	struct ipc_ring *r = fresh_ring();
	r->hdr->sq.head = r->hdr->sq.tail = 60;
	r->hdr->cq.head = r->hdr->cq.tail = 60;
	for (unsigned i = 0; i < 8; i++)
		ck_assert_ptr_eq(ipc_sq_free_slot(r, i), ipc_sq_reserve_at(r, i));
	submit_n(r, 1, 8);
	for (unsigned i = 0; i < 8; i++) {
		ck_assert_ptr_eq(ipc_sq_pending_slot(r, i), ipc_sq_peek_at(r, i));
		ck_assert_ptr_eq(ipc_cq_free_slot(r, i), ipc_cq_reserve_at(r, i));
	}
	ck_assert_ptr_eq(ipc_sq_pending_slot(r, 5), &r->sq[1]);   /* (60 + 5) & 63 */
	serve_n(r, 8);
	for (unsigned i = 0; i < 8; i++)
		ck_assert_ptr_eq(ipc_cq_ready_slot(r, i), ipc_cq_peek_at(r, i));
}
END_TEST

START_TEST(request_stays_until_its_completion_is_posted)
{
	struct ipc_ring *r = fresh_ring();
	struct ipc_ring successor;
	submit_n(r, 7, 3);
	ck_assert_uint_eq(ipc_sq_peek_at(r, 0)->seq, 7);   /* read, not answered */
	ck_assert_uint_eq(ipc_sq_space(r), IPC_RING_SLOTS - 3);
	/* The first server dies; a successor maps the same region. */
	ck_assert_int_eq(ipc_ring_attach(&successor, region), 0);
	ck_assert_uint_eq(ipc_sq_pending(&successor), 3);
	ck_assert_uint_eq(ipc_sq_peek_at(&successor, 0)->seq, 7);
	serve_n(&successor, 1);
	ck_assert_uint_eq(ipc_sq_pending(&successor), 2);
	ck_assert_uint_eq(ipc_sq_peek_at(&successor, 0)->seq, 8);
	ck_assert_uint_eq(ipc_sq_space(r), IPC_RING_SLOTS - 2);
	reap_n(r, 7, 1);
}
END_TEST

START_TEST(full_completion_ring_holds_requests_back)
{
	struct ipc_ring *r = fresh_ring();
	submit_n(r, 1, IPC_RING_SLOTS);
	serve_n(r, IPC_RING_SLOTS);   /* cq full, client has not reaped */
	submit_n(r, 65, 5);
	ck_assert_ptr_null(ipc_cq_reserve(r));
	ipc_cq_post(r, 5);            /* nothing to post: clamped */
	ck_assert_uint_eq(ipc_sq_pending(r), 5);
	reap_n(r, 1, 2);
	serve_n(r, 2);
	ck_assert_uint_eq(ipc_sq_pending(r), 3);
	ck_assert_uint_eq(ipc_sq_peek_at(r, 0)->seq, 67);
}
END_TEST

START_TEST(oneway_request_retires_without_completion)
{
	struct ipc_ring *r = fresh_ring();
	submit_n(r, 1, 2);
	ipc_sq_retire(r, 1);
	ck_assert_uint_eq(ipc_sq_pending(r), 1);
	ck_assert_uint_eq(ipc_cq_ready(r), 0);
	ck_assert_uint_eq(ipc_sq_peek_at(r, 0)->seq, 2);
	ipc_sq_retire(r, 5);          /* clamped to what is pending */
	ck_assert_uint_eq(ipc_sq_pending(r), 0);
	ck_assert_uint_eq(ipc_sq_space(r), IPC_RING_SLOTS);
}
END_TEST

START_TEST(release_is_clamped_to_ready_completions)
{
	struct ipc_ring *r = fresh_ring();
	submit_n(r, 1, 3);
	serve_n(r, 3);
	ipc_cq_release(r, 10);
	ck_assert_uint_eq(ipc_cq_ready(r), 0);
	ck_assert_uint_eq(ipc_cq_space(r), IPC_RING_SLOTS);
}
END_TEST

START_TEST(attach_rejects_bad_magic)
{
	struct ipc_ring r;
	ipc_ring_init(region);
	((struct ipc_ring_hdr *)region)->magic ^= 1;
	ck_assert_int_eq(ipc_ring_attach(&r, region), -EINVAL);
	memset(region, 0, sizeof(region));
	ck_assert_int_eq(ipc_ring_attach(&r, region), -EINVAL);
}
END_TEST

START_TEST(attach_rejects_wrong_slot_count_and_misalignment)
{
	struct ipc_ring r;
	ipc_ring_init(region);
	ck_assert_int_eq(ipc_ring_attach(&r, region + 64), -EINVAL);
	ck_assert_int_eq(ipc_ring_attach(&r, NULL), -EINVAL);
	((struct ipc_ring_hdr *)region)->slots = 128;
	ck_assert_int_eq(ipc_ring_attach(&r, region), -EINVAL);
}
END_TEST

START_TEST(attach_rejects_indices_more_than_a_ring_apart)
{
	struct ipc_ring r;
	ipc_ring_init(region);
	((struct ipc_ring_hdr *)region)->cq.tail = IPC_RING_SLOTS + 1;
	ck_assert_int_eq(ipc_ring_attach(&r, region), -EINVAL);
}
END_TEST

START_TEST(corrupt_peer_index_is_clamped_to_one_ring)
{
	struct ipc_ring *r = fresh_ring();
	r->hdr->sq.tail = 1000;       /* a client lying about its tail */
	ck_assert_uint_eq(ipc_sq_pending(r), IPC_RING_SLOTS);
	ck_assert_ptr_null(ipc_sq_peek_at(r, IPC_RING_SLOTS));
	r->hdr->cq.head = 5;          /* a client releasing more than posted */
	ck_assert_uint_eq(ipc_cq_space(r), 0);
	ck_assert_ptr_null(ipc_cq_reserve(r));
}
END_TEST

START_TEST(notify_only_a_waiting_peer_and_only_once)
{
	struct ipc_ring *r = fresh_ring();
	ck_assert(!ipc_ring_client_should_notify(r));
	ck_assert(!ipc_ring_server_should_notify(r));
	ipc_ring_set_waiting(r, IPC_SIDE_SERVER, true);
	ck_assert_uint_eq(*ipc_ring_waiting_word(r, IPC_SIDE_SERVER), 1);
	ck_assert(!ipc_ring_server_should_notify(r));   /* the client is not waiting */
	ck_assert(ipc_ring_client_should_notify(r));
	ck_assert_uint_eq(r->hdr->server_waiting, 0);   /* the notifier cleared it */
	ck_assert(!ipc_ring_client_should_notify(r));
	ipc_ring_set_waiting(r, IPC_SIDE_CLIENT, true);
	ipc_ring_set_waiting(r, IPC_SIDE_CLIENT, false);
	ck_assert(!ipc_ring_server_should_notify(r));
}
END_TEST

START_TEST(seq_next_skips_zero)
{
	uint64_t ctr = UINT64_MAX - 1;
	ck_assert_uint_eq(ipc_seq_next(&ctr), UINT64_MAX);
	ck_assert_uint_eq(ipc_seq_next(&ctr), 1);
}
END_TEST

UNIT_SUITE(ring_suite)
static Suite *ring_suite(void)
{
	Suite *s = suite_create("ring");
	TCase *tc = tcase_create("ring");
	tcase_add_test(tc, empty_ring_peeks_null);
	tcase_add_test(tc, full_ring_reserve_returns_null_after_64);
	tcase_add_test(tc, reserve_returns_same_slot_until_submitted);
	tcase_add_test(tc, indices_wrap_around_uint32_max);
	tcase_add_test(tc, wrapped_full_ring_still_reports_full);
	tcase_add_test(tc, requests_and_completions_keep_their_order);
	tcase_add_test(tc, batches_submit_and_reap_in_any_split);
	tcase_add_test(tc, batch_slot_accessors_match_checked_ones);
	tcase_add_test(tc, request_stays_until_its_completion_is_posted);
	tcase_add_test(tc, full_completion_ring_holds_requests_back);
	tcase_add_test(tc, oneway_request_retires_without_completion);
	tcase_add_test(tc, release_is_clamped_to_ready_completions);
	tcase_add_test(tc, attach_rejects_bad_magic);
	tcase_add_test(tc, attach_rejects_wrong_slot_count_and_misalignment);
	tcase_add_test(tc, attach_rejects_indices_more_than_a_ring_apart);
	tcase_add_test(tc, corrupt_peer_index_is_clamped_to_one_ring);
	tcase_add_test(tc, notify_only_a_waiting_peer_and_only_once);
	tcase_add_test(tc, seq_next_skips_zero);
	suite_add_tcase(s, tc);
	return s;
}
