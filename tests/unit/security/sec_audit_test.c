// SPDX-License-Identifier: MIT
/* servers/security/sec_audit.c: the ring keeps the newest records, a valid
 * log survives "restart" (init on existing memory), text has whole lines. */
#include <string.h>
#include "harness.h"
#include "proto/security.h"
#include "../../../servers/security/sec_audit.h"

static struct sec_audit log_mem;

START_TEST(records_appear_oldest_first_as_text_lines)
{
	memset(&log_mem, 0, sizeof(log_mem));
	sec_audit_init(&log_mem);
	struct sec_audit_rec r = { .pid = 7, .uid = 1000, .op = SEC_OP_CAP_GRANT, .result = 5,
				   .a0 = 3, .a1 = 9, .a2 = 1 };
	sec_audit_add(&log_mem, &r);
	r.op = SEC_OP_CAP_REVOKE;
	r.result = -1;
	sec_audit_add(&log_mem, &r);
	char buf[512];
	size_t n = sec_audit_text(&log_mem, buf, sizeof(buf));
	buf[n] = '\0';
	ck_assert_str_eq(buf, "0 0 pid 7 uid 1000 grant 3 9 1 -> 5\n1 0 pid 7 uid 1000 revoke 3 9 1 -> -1\n");
}
END_TEST

START_TEST(the_ring_keeps_the_newest_and_a_restart_keeps_the_log)
{
	memset(&log_mem, 0, sizeof(log_mem));
	sec_audit_init(&log_mem);
	struct sec_audit_rec r = { .op = SEC_OP_CAP_CHECK };
	for (int i = 0; i < SEC_AUDIT_RECORDS + 10; i++)
		sec_audit_add(&log_mem, &r);
	sec_audit_init(&log_mem);  /* a successor finds it valid */
	ck_assert_uint_eq(log_mem.next, SEC_AUDIT_RECORDS + 10);
	static char buf[64 * SEC_AUDIT_RECORDS];
	size_t n = sec_audit_text(&log_mem, buf, sizeof(buf) - 1);
	buf[n] = '\0';
	ck_assert_int_eq(strncmp(buf, "10 ", 3), 0);  /* records 0..9 were overwritten */
}
END_TEST

START_TEST(text_stops_at_a_whole_line)
{
	memset(&log_mem, 0, sizeof(log_mem));
	sec_audit_init(&log_mem);
	struct sec_audit_rec r = { .op = SEC_OP_CAP_CHECK };
	sec_audit_add(&log_mem, &r);
	sec_audit_add(&log_mem, &r);
	char buf[64];
	size_t n = sec_audit_text(&log_mem, buf, 40);
	ck_assert_uint_gt(n, 0);
	ck_assert_int_eq(buf[n - 1], '\n');
	ck_assert_uint_lt(n, 40);
}
END_TEST

static Suite *audit_suite(void)
{
	Suite *s = suite_create("sec_audit");
	TCase *tc = tcase_create("audit");
	tcase_add_test(tc, records_appear_oldest_first_as_text_lines);
	tcase_add_test(tc, the_ring_keeps_the_newest_and_a_restart_keeps_the_log);
	tcase_add_test(tc, text_stops_at_a_whole_line);
	suite_add_tcase(s, tc);
	return s;
}
UNIT_SUITE(audit_suite)
