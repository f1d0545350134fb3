// SPDX-License-Identifier: MIT
/* servers/security/sec_promise.c: promise strings, allow-sets and names. */
#include <errno.h>
#include "harness.h"
#include "../../../servers/security/sec_promise.h"

/* Linux x86-64 numbers the tests name. */
enum { NR_read = 0, NR_write = 1, NR_open = 2, NR_stat = 4, NR_rt_sigreturn = 15,
       NR_fork = 57, NR_execve = 59, NR_exit = 60, NR_getcwd = 79, NR_rename = 82,
       NR_mkdir = 83, NR_unlink = 87, NR_setuid = 105, NR_clock_settime = 227,
       NR_exit_group = 231, NR_openat = 257 };

/* The allow-set of promise string s, which must parse. */
static struct sec_allow allow_of(const char *s)
{
	uint64_t p = ~(uint64_t)0;
	struct sec_allow a;
	ck_assert_int_eq(sec_promise_parse(s, &p), 0);
	sec_promise_allow(p, &a);
	return a;
}

START_TEST(every_promise_name_parses_to_its_bit)
{
	for (unsigned bit = 0; bit < PLEDGE_NPROMISES; bit++) {
		uint64_t p = 0;
		const char *name = sec_promise_name(bit);
		ck_assert_ptr_nonnull(name);
		ck_assert_int_eq(sec_promise_parse(name, &p), 0);
		ck_assert_uint_eq(p, (uint64_t)1 << bit);
	}
	ck_assert_str_eq(sec_promise_name(PLEDGE_stdio), "stdio");
	ck_assert_str_eq(sec_promise_name(PLEDGE_unix), "unix");
	ck_assert_ptr_null(sec_promise_name(PLEDGE_NPROMISES));
}
END_TEST

START_TEST(words_may_be_separated_by_several_spaces)
{
	uint64_t p = 0;
	ck_assert_int_eq(sec_promise_parse("stdio   rpath wpath  ", &p), 0);
	ck_assert_uint_eq(p, (1u << PLEDGE_stdio) | (1u << PLEDGE_rpath) | (1u << PLEDGE_wpath));
}
END_TEST

START_TEST(empty_string_gives_no_promises)
{
	uint64_t p = 123;
	ck_assert_int_eq(sec_promise_parse("", &p), 0);
	ck_assert_uint_eq(p, 0);
}
END_TEST

START_TEST(unknown_or_empty_word_gives_einval_and_leaves_out)
{
	uint64_t p = 7;
	ck_assert_int_eq(sec_promise_parse("stdio bogus", &p), -EINVAL);
	ck_assert_int_eq(sec_promise_parse("stdiox", &p), -EINVAL);
	ck_assert_int_eq(sec_promise_parse("std", &p), -EINVAL);
	ck_assert_int_eq(sec_promise_parse("stdio\trpath", &p), -EINVAL);
	ck_assert_int_eq(sec_promise_parse(" stdio", &p), -EINVAL);  /* as OpenBSD */
	ck_assert_uint_eq(p, 7);
}
END_TEST

START_TEST(stdio_allows_io_and_exit_but_not_paths_exec_fork_or_ids)
{
	struct sec_allow a = allow_of("stdio");
	ck_assert(sec_allow_has(&a, NR_read));
	ck_assert(sec_allow_has(&a, NR_write));
	ck_assert(sec_allow_has(&a, NR_exit_group));
	ck_assert(!sec_allow_has(&a, NR_open));
	ck_assert(!sec_allow_has(&a, NR_openat));
	ck_assert(!sec_allow_has(&a, NR_execve));
	ck_assert(!sec_allow_has(&a, NR_fork));
	ck_assert(!sec_allow_has(&a, NR_setuid));
	ck_assert(!sec_allow_has(&a, UK_NR_UNVEIL));
}
END_TEST

START_TEST(rpath_adds_open_stat_and_getcwd)
{
	struct sec_allow a = allow_of("stdio rpath");
	ck_assert(sec_allow_has(&a, NR_open));
	ck_assert(sec_allow_has(&a, NR_openat));
	ck_assert(sec_allow_has(&a, NR_stat));
	ck_assert(sec_allow_has(&a, NR_getcwd));
	ck_assert(!sec_allow_has(&a, NR_unlink));
}
END_TEST

START_TEST(cpath_allows_unlink_rename_and_mkdir)
{
	struct sec_allow a = allow_of("cpath");
	ck_assert(sec_allow_has(&a, NR_unlink));
	ck_assert(sec_allow_has(&a, NR_rename));
	ck_assert(sec_allow_has(&a, NR_mkdir));
	ck_assert(!sec_allow_has(&a, NR_read));
}
END_TEST

START_TEST(exec_id_and_settime_allow_their_calls)
{
	struct sec_allow a = allow_of("exec");
	ck_assert(sec_allow_has(&a, NR_execve));
	a = allow_of("id");
	ck_assert(sec_allow_has(&a, NR_setuid));
	ck_assert(!sec_allow_has(&a, NR_execve));
	a = allow_of("settime");
	ck_assert(sec_allow_has(&a, NR_clock_settime));
}
END_TEST

START_TEST(exit_sigreturn_and_pledge_are_allowed_with_no_promises)
{
	struct sec_allow a = allow_of("");
	ck_assert(sec_allow_has(&a, NR_exit));
	ck_assert(sec_allow_has(&a, NR_exit_group));
	ck_assert(sec_allow_has(&a, NR_rt_sigreturn));
	ck_assert(sec_allow_has(&a, UK_NR_PLEDGE));
	ck_assert(!sec_allow_has(&a, NR_read));
	ck_assert(!sec_allow_has(&a, UK_NR_UNVEIL));
}
END_TEST

START_TEST(unveil_needs_the_unveil_promise)
{
	struct sec_allow a = allow_of("stdio rpath wpath cpath");
	ck_assert(!sec_allow_has(&a, UK_NR_UNVEIL));
	a = allow_of("unveil");
	ck_assert(sec_allow_has(&a, UK_NR_UNVEIL));
	ck_assert_str_eq(sec_promise_needed(UK_NR_UNVEIL), "unveil");
}
END_TEST

START_TEST(shrink_accepts_subsets_and_refuses_widening)
{
	uint64_t cur = (1u << PLEDGE_stdio) | (1u << PLEDGE_rpath);
	ck_assert_int_eq(sec_promise_shrink(cur, cur), 0);
	ck_assert_int_eq(sec_promise_shrink(cur, 1u << PLEDGE_stdio), 0);
	ck_assert_int_eq(sec_promise_shrink(cur, 0), 0);
	ck_assert_int_eq(sec_promise_shrink(cur, cur | (1u << PLEDGE_wpath)), -EPERM);
	ck_assert_int_eq(sec_promise_shrink(0, 1u << PLEDGE_stdio), -EPERM);
}
END_TEST

START_TEST(needed_names_the_most_basic_promise)
{
	ck_assert_str_eq(sec_promise_needed(NR_stat), "rpath");
	ck_assert_str_eq(sec_promise_needed(NR_fork), "proc");
	ck_assert_str_eq(sec_promise_needed(NR_read), "stdio");
	ck_assert_str_eq(sec_promise_needed(90), "fattr");  /* chmod: not tmppath, which reaches only /tmp */
	ck_assert_ptr_null(sec_promise_needed(NR_exit));  /* never a violation */
	ck_assert_ptr_null(sec_promise_needed(7));        /* poll: not served */
	ck_assert_ptr_null(sec_promise_needed(SEC_NR_MAX));
}
END_TEST

START_TEST(syscall_names_come_from_the_table)
{
	ck_assert_str_eq(sec_syscall_name(NR_read), "read");
	ck_assert_str_eq(sec_syscall_name(NR_openat), "openat");
	ck_assert_str_eq(sec_syscall_name(NR_exit_group), "exit_group");
	ck_assert_str_eq(sec_syscall_name(UK_NR_PLEDGE), "pledge");
	ck_assert_ptr_null(sec_syscall_name(7));
	ck_assert_ptr_null(sec_syscall_name(499));
}
END_TEST

START_TEST(numbers_from_512_up_are_never_allowed)
{
	struct sec_allow a;
	sec_promise_allow(PLEDGE_ALL, &a);
	ck_assert(sec_allow_has(&a, UK_NR_UNVEIL));
	ck_assert(!sec_allow_has(&a, SEC_NR_MAX));
	ck_assert(!sec_allow_has(&a, SEC_NR_MAX + 64));
	ck_assert(!sec_allow_has(&a, ~0u));
	ck_assert_ptr_null(sec_syscall_name(SEC_NR_MAX));
	ck_assert_ptr_null(sec_syscall_name(~0u));
	ck_assert_ptr_null(sec_promise_needed(~0u));
}
END_TEST

START_TEST(every_named_call_is_allowed_by_some_promise)
{
	struct sec_allow all;
	sec_promise_allow(PLEDGE_ALL, &all);
	for (unsigned nr = 0; nr < SEC_NR_MAX; nr++)
		ck_assert_int_eq(sec_allow_has(&all, nr), sec_syscall_name(nr) != NULL);
}
END_TEST

UNIT_SUITE(sec_promise_suite)
static Suite *sec_promise_suite(void)
{
	Suite *s = suite_create("sec_promise");
	TCase *tc = tcase_create("sec_promise");
	tcase_add_test(tc, every_promise_name_parses_to_its_bit);
	tcase_add_test(tc, words_may_be_separated_by_several_spaces);
	tcase_add_test(tc, empty_string_gives_no_promises);
	tcase_add_test(tc, unknown_or_empty_word_gives_einval_and_leaves_out);
	tcase_add_test(tc, stdio_allows_io_and_exit_but_not_paths_exec_fork_or_ids);
	tcase_add_test(tc, rpath_adds_open_stat_and_getcwd);
	tcase_add_test(tc, cpath_allows_unlink_rename_and_mkdir);
	tcase_add_test(tc, exec_id_and_settime_allow_their_calls);
	tcase_add_test(tc, exit_sigreturn_and_pledge_are_allowed_with_no_promises);
	tcase_add_test(tc, unveil_needs_the_unveil_promise);
	tcase_add_test(tc, shrink_accepts_subsets_and_refuses_widening);
	tcase_add_test(tc, needed_names_the_most_basic_promise);
	tcase_add_test(tc, syscall_names_come_from_the_table);
	tcase_add_test(tc, numbers_from_512_up_are_never_allowed);
	tcase_add_test(tc, every_named_call_is_allowed_by_some_promise);
	suite_add_tcase(s, tc);
	return s;
}
