// SPDX-License-Identifier: MIT
/* servers/security/sec_cred.c: the set*id rules, saved ids, EPERM for an
 * unprivileged process, groups. */
#include <errno.h>
#include <string.h>
#include "harness.h"
#include "../../../servers/security/sec_cred.h"

static struct uk_sec user(uint32_t r, uint32_t e, uint32_t s)
{
	struct uk_sec c;
	memset(&c, 0, sizeof(c));
	c.uid = r, c.euid = c.fsuid = e, c.suid = s;
	c.gid = r, c.egid = c.fsgid = e, c.sgid = s;
	return c;
}

#define K SEC_ID_KEEP

START_TEST(root_setuid_sets_all_three_ids)
{
	struct uk_sec c = user(0, 0, 0);
	ck_assert_int_eq(sec_setuid(&c, 1000), 0);
	ck_assert_uint_eq(c.uid, 1000);
	ck_assert_uint_eq(c.euid, 1000);
	ck_assert_uint_eq(c.suid, 1000);
	ck_assert_uint_eq(c.fsuid, 1000);
	ck_assert_int_eq(sec_setuid(&c, 0), -EPERM); /* no way back */
}
END_TEST

START_TEST(unprivileged_setuid_moves_only_the_effective_id_to_real_or_saved)
{
	struct uk_sec c = user(1000, 1000, 2000);
	ck_assert_int_eq(sec_setuid(&c, 2000), 0);
	ck_assert_uint_eq(c.uid, 1000);
	ck_assert_uint_eq(c.euid, 2000);
	ck_assert_uint_eq(c.suid, 2000);
	ck_assert_int_eq(sec_setuid(&c, 1000), 0);
	ck_assert_uint_eq(c.euid, 1000);
	ck_assert_int_eq(sec_setuid(&c, 3000), -EPERM);
	ck_assert_uint_eq(c.euid, 1000);
	ck_assert_int_eq(sec_setuid(&c, K), -EINVAL);
}
END_TEST

START_TEST(seteuid_to_root_and_back_through_the_saved_id)
{
	struct uk_sec c = user(1000, 0, 0);   /* a set-user-ID-root program */
	ck_assert_int_eq(sec_setreuid(&c, K, 1000), 0);
	ck_assert_uint_eq(c.euid, 1000);
	ck_assert_uint_eq(c.suid, 0);         /* kept: the way back */
	ck_assert_int_eq(sec_setreuid(&c, K, 0), 0);
	ck_assert_uint_eq(c.euid, 0);
}
END_TEST

START_TEST(setreuid_setting_the_real_id_updates_the_saved_id)
{
	struct uk_sec c = user(1000, 2000, 3000);
	ck_assert_int_eq(sec_setreuid(&c, 2000, K), 0);
	ck_assert_uint_eq(c.uid, 2000);
	ck_assert_uint_eq(c.suid, 2000);
	ck_assert_int_eq(sec_setreuid(&c, 3000, K), -EPERM); /* real must be real or effective */
}
END_TEST

START_TEST(setresuid_unprivileged_takes_only_current_ids)
{
	struct uk_sec c = user(1000, 2000, 3000);
	ck_assert_int_eq(sec_setresuid(&c, 3000, 1000, 2000), 0);
	ck_assert_uint_eq(c.uid, 3000);
	ck_assert_uint_eq(c.euid, 1000);
	ck_assert_uint_eq(c.suid, 2000);
	ck_assert_int_eq(sec_setresuid(&c, K, 4000, K), -EPERM);
	ck_assert_uint_eq(c.euid, 1000);
	ck_assert_int_eq(sec_setresuid(&c, K, K, K), 0);
}
END_TEST

START_TEST(group_calls_follow_the_same_rules)
{
	struct uk_sec c = user(1000, 1000, 1000);
	c.gid = c.egid = c.sgid = 100;
	ck_assert_int_eq(sec_setgid(&c, 200), -EPERM);
	ck_assert_int_eq(sec_setregid(&c, K, 200), -EPERM);
	ck_assert_int_eq(sec_setresgid(&c, 200, K, K), -EPERM);
	struct uk_sec r = user(0, 0, 0);
	ck_assert_int_eq(sec_setresgid(&r, 10, 20, 30), 0);
	ck_assert_uint_eq(r.gid, 10);
	ck_assert_uint_eq(r.egid, 20);
	ck_assert_uint_eq(r.sgid, 30);
	ck_assert_uint_eq(r.fsgid, 20);
}
END_TEST

START_TEST(setgroups_needs_privilege_and_replaces_the_list)
{
	const uint32_t g[3] = { 10, 20, 30 };
	struct uk_sec c = user(1000, 1000, 1000);
	ck_assert_int_eq(sec_setgroups(&c, 3, g), -EPERM);
	struct uk_sec r = user(0, 0, 0);
	ck_assert_int_eq(sec_setgroups(&r, UK_NGROUPS_MAX + 1, g), -EINVAL);
	ck_assert_int_eq(sec_setgroups(&r, 3, g), 0);
	ck_assert_uint_eq(r.ngroups, 3);
	ck_assert_uint_eq(r.groups[2], 30);
	ck_assert_int_eq(sec_setgroups(&r, 0, NULL), 0);
	ck_assert_uint_eq(r.ngroups, 0);
}
END_TEST

static Suite *cred_suite(void)
{
	Suite *s = suite_create("sec_cred");
	TCase *tc = tcase_create("cred");
	tcase_add_test(tc, root_setuid_sets_all_three_ids);
	tcase_add_test(tc, unprivileged_setuid_moves_only_the_effective_id_to_real_or_saved);
	tcase_add_test(tc, seteuid_to_root_and_back_through_the_saved_id);
	tcase_add_test(tc, setreuid_setting_the_real_id_updates_the_saved_id);
	tcase_add_test(tc, setresuid_unprivileged_takes_only_current_ids);
	tcase_add_test(tc, group_calls_follow_the_same_rules);
	tcase_add_test(tc, setgroups_needs_privilege_and_replaces_the_list);
	suite_add_tcase(s, tc);
	return s;
}
UNIT_SUITE(cred_suite)
