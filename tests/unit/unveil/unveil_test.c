// SPDX-License-Identifier: MIT
/* servers/vfs/vfs_unveil.c: unveil(2) rules over canonical paths. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "harness.h"
#include "../../../servers/vfs/vfs_unveil.h"

#define R VFS_UV_R
#define W VFS_UV_W
#define X VFS_UV_X
#define C VFS_UV_C

static struct vfs_unveil uv;

static void fresh(void)
{
	vfs_unveil_init(&uv);
}

static int file(const char *path, uint8_t want)
{
	return vfs_unveil_check(&uv, path, want, false);
}

static int dir(const char *path, uint8_t want)
{
	return vfs_unveil_check(&uv, path, want, true);
}

static int add(const char *path, uint8_t perms)
{
	return vfs_unveil_add(&uv, path, perms);
}

static int create(const char *parent, const char *name)
{
	return vfs_unveil_check_create(&uv, parent, name);
}

START_TEST(inactive_state_allows_everything)
{
	ck_assert(!vfs_unveil_active(&uv));
	ck_assert_int_eq(file("/etc/passwd", R | W | X | C), 0);
	ck_assert_int_eq(dir("/", R), 0);
	ck_assert_int_eq(create("/tmp", "x"), 0);
}
END_TEST

START_TEST(first_successful_unveil_hides_unrelated_paths)
{
	ck_assert_int_eq(add("tmp", R), -EINVAL);
	ck_assert_int_eq(file("/etc/passwd", R), 0);
	ck_assert_int_eq(add("/tmp", R), 0);
	ck_assert(vfs_unveil_active(&uv));
	ck_assert_int_eq(file("/etc/passwd", 0), -ENOENT);
	ck_assert_int_eq(dir("/etc", 0), -ENOENT);
}
END_TEST

START_TEST(each_permission_set_on_a_file_grants_exactly_its_bits)
{
	static const uint8_t bits[] = { R, W, X, C };
	for (uint8_t perms = 0; perms < 16; perms++) {
		fresh();
		ck_assert_int_eq(add("/f", perms), 0);
		for (int b = 0; b < 4; b++) {
			int want = perms == 0 ? -ENOENT : (perms & bits[b]) ? 0 : -EACCES;
			ck_assert_msg(file("/f", bits[b]) == want, "perms %u bit %u", perms, bits[b]);
		}
	}
}
END_TEST

START_TEST(directory_unveil_covers_descendants_by_whole_components)
{
	ck_assert_int_eq(add("/a/b", R | W), 0);
	ck_assert_int_eq(dir("/a/b", R), 0);
	ck_assert_int_eq(file("/a/b/c/d.txt", R | W), 0);
	ck_assert_int_eq(file("/a/b/c/d.txt", X), -EACCES);
	ck_assert_int_eq(file("/a/bc", R), -ENOENT);
	ck_assert_int_eq(dir("/a/bc", 0), -ENOENT);
	ck_assert_int_eq(file("/a/b.c/d", R), -ENOENT);
}
END_TEST

START_TEST(most_specific_entry_wins_in_both_directions)
{
	ck_assert_int_eq(add("/a", R | W), 0);
	ck_assert_int_eq(add("/a/ro", R), 0);
	ck_assert_int_eq(file("/a/ro/f", W), -EACCES);
	ck_assert_int_eq(file("/a/ro/f", R), 0);
	ck_assert_int_eq(file("/a/rw/f", W), 0);
	ck_assert_int_eq(add("/b", R), 0);
	ck_assert_int_eq(add("/b/tmp", R | W | C), 0);
	ck_assert_int_eq(create("/b/tmp", "new"), 0);
	ck_assert_int_eq(create("/b", "new"), -EACCES);
}
END_TEST

START_TEST(ancestors_can_be_inspected_but_not_opened)
{
	ck_assert_int_eq(add("/usr/share/man", R), 0);
	ck_assert_int_eq(dir("/", 0), 0);
	ck_assert_int_eq(dir("/usr/share", 0), 0);
	ck_assert_int_eq(dir("/usr/share", R), -ENOENT);
	ck_assert_int_eq(file("/usr/share", 0), -ENOENT);
	ck_assert_int_eq(dir("/usr/lib", 0), -ENOENT);
	ck_assert_int_eq(create("/usr", "share"), -ENOENT);
}
END_TEST

START_TEST(only_entries_that_grant_something_make_ancestors_inspectable)
{
	ck_assert_int_eq(add("/secret/x", 0), 0);
	ck_assert_int_eq(dir("/secret", 0), -ENOENT);
	ck_assert_int_eq(add("/tmp/f", R), 0);
	ck_assert_int_eq(add("/", 0), 0);
	ck_assert_int_eq(dir("/tmp", 0), 0);
	ck_assert_int_eq(dir("/tmp", R), -ENOENT);
	ck_assert_int_eq(file("/tmp/f", R), 0);
	ck_assert_int_eq(file("/tmp/g", 0), -ENOENT);
}
END_TEST

START_TEST(empty_permissions_hide_a_subtree)
{
	ck_assert_int_eq(add("/a", R | W), 0);
	ck_assert_int_eq(add("/a/hidden", 0), 0);
	ck_assert_int_eq(dir("/a/hidden", 0), -ENOENT);
	ck_assert_int_eq(dir("/a/hidden", R), -ENOENT);
	ck_assert_int_eq(file("/a/hidden/f", R), -ENOENT);
	ck_assert_int_eq(file("/a/other", R), 0);
}
END_TEST

START_TEST(lock_forbids_adds_but_hides_nothing_by_itself)
{
	vfs_unveil_lock(&uv);
	ck_assert(!vfs_unveil_active(&uv));
	ck_assert_int_eq(add("/tmp", R), -EPERM);
	ck_assert_int_eq(file("/etc/passwd", R | W), 0);
	fresh();
	ck_assert_int_eq(add("/tmp", R), 0);
	vfs_unveil_lock(&uv);
	ck_assert_int_eq(add("/etc", R), -EPERM);
	ck_assert_int_eq(file("/tmp/f", R), 0);
	ck_assert_int_eq(file("/etc/passwd", R), -ENOENT);
}
END_TEST

START_TEST(permission_strings_parse_in_any_order)
{
	static const struct { const char *s; int ret; uint8_t perms; } cases[] = {
		{ "", 0, 0 }, { "cxwr", 0, R | W | X | C }, { "rr", 0, R }, { "wc", 0, W | C },
		{ "rb", -EINVAL, 0 }, { "R", -EINVAL, 0 }, { " ", -EINVAL, 0 },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		uint8_t p = 0xee;
		ck_assert_int_eq(vfs_unveil_perms(cases[i].s, &p), cases[i].ret);
		ck_assert_int_eq(p, cases[i].ret == 0 ? cases[i].perms : 0xee);
	}
}
END_TEST

START_TEST(more_than_max_entries_gives_e2big)
{
	char path[32];
	for (int i = 0; i < VFS_UNVEIL_MAX; i++) {
		snprintf(path, sizeof(path), "/d%d", i);
		ck_assert_int_eq(add(path, R | W), 0);
	}
	ck_assert_int_eq(add("/one/more", R), -E2BIG);
	ck_assert_int_eq(add("/d7", R), 0);
	ck_assert_int_eq(file("/d7/f", W), -EACCES);
	ck_assert_int_eq(file("/one/more", R), -ENOENT);
}
END_TEST

START_TEST(malformed_paths_give_einval_or_enametoolong)
{
	static const char *bad[] = { "", "tmp", "/tmp/", "//tmp", "/a//b", "/a/./b", "/a/..",
				     "/." };
	char path[VFS_UNVEIL_PATH + 1];
	memset(path, 'a', sizeof(path));
	path[0] = '/';
	path[VFS_UNVEIL_PATH] = '\0';
	ck_assert_int_eq(add(path, R), -ENAMETOOLONG);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_int_eq(add(bad[i], R), -EINVAL);
	ck_assert_int_eq(add("/tmp", 0x10), -EINVAL);
	path[VFS_UNVEIL_PATH - 1] = '\0';
	ck_assert_int_eq(add(path, R), 0);
	ck_assert_int_eq(file(path, R), 0);
	ck_assert_int_eq(file("/aaa/../etc", R), -EINVAL);
	ck_assert_int_eq(file("/etc", 0x10), -EINVAL);
}
END_TEST

START_TEST(unveiling_root_covers_everything)
{
	ck_assert_int_eq(add("/", R), 0);
	ck_assert_int_eq(file("/etc/passwd", R), 0);
	ck_assert_int_eq(file("/etc/passwd", W), -EACCES);
	ck_assert_int_eq(add("/dev/null", R | W), 0);
	ck_assert_int_eq(file("/dev/null", W), 0);
	ck_assert_int_eq(file("/dev/zero", W), -EACCES);
}
END_TEST

START_TEST(check_create_joins_a_root_parent_with_one_slash)
{
	ck_assert_int_eq(add("/x", C), 0);
	ck_assert_int_eq(create("/", "x"), 0);
	ck_assert_int_eq(create("/", "y"), -ENOENT);
	ck_assert_int_eq(add("/d", R), 0);
	ck_assert_int_eq(create("/d", "x"), -EACCES);
	ck_assert_int_eq(create("/", "x/y"), -EINVAL);
	ck_assert_int_eq(create("/", ""), -EINVAL);
	ck_assert_int_eq(create("", "x"), -EINVAL);
}
END_TEST

START_TEST(same_path_again_may_drop_permissions_but_not_add)
{
	ck_assert_int_eq(add("/t", R | W | C), 0);
	ck_assert_int_eq(add("/t", R), 0);
	ck_assert_int_eq(add("/t", R | W), -EPERM);
	ck_assert_uint_eq(uv.count, 1);
	ck_assert_int_eq(file("/t/f", W), -EACCES);
	ck_assert_int_eq(add("/t", 0), 0);
	ck_assert_int_eq(file("/t/f", R), -ENOENT);
	ck_assert_int_eq(add("/t", R), -EPERM);
}
END_TEST

START_TEST(forked_copy_is_independent_of_the_parent)
{
	static struct vfs_unveil child;
	ck_assert_int_eq(add("/tmp", R | W), 0);
	vfs_unveil_copy(&child, &uv);
	ck_assert_int_eq(vfs_unveil_add(&child, "/tmp", R), 0);
	vfs_unveil_lock(&child);
	ck_assert_int_eq(vfs_unveil_check(&child, "/tmp/f", W, false), -EACCES);
	ck_assert_int_eq(file("/tmp/f", W), 0);
}
END_TEST

UNIT_SUITE(unveil_suite)
static Suite *unveil_suite(void)
{
	Suite *s = suite_create("vfs_unveil");
	TCase *tc = tcase_create("vfs_unveil");
	tcase_add_checked_fixture(tc, fresh, NULL);
	tcase_add_test(tc, inactive_state_allows_everything);
	tcase_add_test(tc, first_successful_unveil_hides_unrelated_paths);
	tcase_add_test(tc, each_permission_set_on_a_file_grants_exactly_its_bits);
	tcase_add_test(tc, directory_unveil_covers_descendants_by_whole_components);
	tcase_add_test(tc, most_specific_entry_wins_in_both_directions);
	tcase_add_test(tc, ancestors_can_be_inspected_but_not_opened);
	tcase_add_test(tc, only_entries_that_grant_something_make_ancestors_inspectable);
	tcase_add_test(tc, empty_permissions_hide_a_subtree);
	tcase_add_test(tc, lock_forbids_adds_but_hides_nothing_by_itself);
	tcase_add_test(tc, permission_strings_parse_in_any_order);
	tcase_add_test(tc, more_than_max_entries_gives_e2big);
	tcase_add_test(tc, malformed_paths_give_einval_or_enametoolong);
	tcase_add_test(tc, unveiling_root_covers_everything);
	tcase_add_test(tc, check_create_joins_a_root_parent_with_one_slash);
	tcase_add_test(tc, same_path_again_may_drop_permissions_but_not_add);
	tcase_add_test(tc, forked_copy_is_independent_of_the_parent);
	suite_add_tcase(s, tc);
	return s;
}
