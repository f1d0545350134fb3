// SPDX-License-Identifier: MIT
/* The two-thread ring stress (ring_stress.c) under ASan/UBSan. */
#include "harness.h"
#include "ring_stress.h"
#include "host/ipc_host.h"

static void run_stress(uint64_t n, unsigned spin)
{
	struct ring_stress_report rep;
	int rc = ring_stress_run(n, spin, &rep);
	ck_assert_msg(rc == 0, "%s", rep.error);
	ck_assert_uint_eq(rep.reaped, n);
}

START_TEST(two_threads_pass_2m_checksummed_messages_in_order)
{
	run_stress(2000000, IPC_HOST_SPIN_DEFAULT);
}
END_TEST

START_TEST(two_threads_pass_2m_messages_sleeping_whenever_dry)
{
	run_stress(2000000, 0);
}
END_TEST

UNIT_SUITE(ring_stress_suite)
static Suite *ring_stress_suite(void)
{
	Suite *s = suite_create("ring_stress");
	TCase *tc = tcase_create("ring_stress");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, two_threads_pass_2m_checksummed_messages_in_order);
	tcase_add_test(tc, two_threads_pass_2m_messages_sleeping_whenever_dry);
	suite_add_tcase(s, tc);
	return s;
}
