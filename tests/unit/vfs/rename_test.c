// SPDX-License-Identifier: MIT
/* servers/vfs/vfs_ops_rename.c: POSIX rename. */
#include "fixture.h"
#include <errno.h>
#include <string.h>

static int ren(const char *from, const char *to)
{
	return vfs_renameat(fx, &ROOT, AT_FDCWD, from, AT_FDCWD, to);
}

static void mkd(const char *path)
{
	ck_assert_int_eq(vfs_mkdirat(fx, &ROOT, AT_FDCWD, path, 0755), 0);
}

START_TEST(rename_moves_a_file_and_replaces_an_existing_one)
{
	fx_put(&ROOT, "/tmp/a", "A", 1);
	fx_put(&ROOT, "/tmp/b", "B", 1);
	int fd = fx_open(&ROOT, "/tmp/b", O_RDONLY, 0);
	ck_assert_int_eq(ren("/tmp/a", "/tmp/b"), 0);
	ck_assert_str_eq(fx_get(&ROOT, "/tmp/b"), "A");
	ck_assert_int_eq(fx_stat_rc(&ROOT, "/tmp/a"), -ENOENT);
	char c;
	ck_assert_int_eq(vfs_read(fx, &ROOT, fd, &c, 1), 1); /* the replaced file lives on */
	ck_assert_int_eq(c, 'B');
	mkd("/tmp/d");
	ck_assert_int_eq(ren("/tmp/b", "/tmp/d/moved"), 0);
	ck_assert_str_eq(fx_get(&ROOT, "/tmp/d/moved"), "A");
	ck_assert_int_eq(ren("/tmp/missing", "/tmp/x"), -ENOENT);
	ck_assert_int_eq(ren("/tmp/d/moved", "/tmp/none/x"), -ENOENT);
}
END_TEST

START_TEST(rename_replaces_an_empty_directory_but_not_a_full_one)
{
	mkd("/tmp/src");
	fx_put(&ROOT, "/tmp/src/f", "s", 1);
	mkd("/tmp/empty");
	mkd("/tmp/full");
	fx_put(&ROOT, "/tmp/full/g", "g", 1);
	ck_assert_int_eq(ren("/tmp/src", "/tmp/full"), -ENOTEMPTY);
	ck_assert_int_eq(ren("/tmp/src", "/tmp/empty"), 0);
	ck_assert_str_eq(fx_get(&ROOT, "/tmp/empty/f"), "s");
	ck_assert_uint_eq(fx_stat(&ROOT, "/tmp").st_nlink, 4); /* empty, full */
}
END_TEST

START_TEST(rename_of_a_directory_into_itself_gives_einval)
{
	mkd("/tmp/a");
	mkd("/tmp/a/b");
	ck_assert_int_eq(ren("/tmp/a", "/tmp/a/b/c"), -EINVAL);
	ck_assert_int_eq(ren("/tmp/a", "/tmp/a/c"), -EINVAL);
	ck_assert_int_eq(ren("/tmp/a/b", "/tmp/a"), -ENOTEMPTY);
	ck_assert_int_eq(ren("/tmp/a/.", "/tmp/x"), -EBUSY);
}
END_TEST

START_TEST(rename_between_file_and_directory_gives_eisdir_or_enotdir)
{
	mkd("/tmp/d");
	fx_put(&ROOT, "/tmp/f", "f", 1);
	ck_assert_int_eq(ren("/tmp/f", "/tmp/d"), -EISDIR);
	ck_assert_int_eq(ren("/tmp/d", "/tmp/f"), -ENOTDIR);
	ck_assert_int_eq(ren("/tmp/f", "/tmp/g/"), -ENOTDIR);
	ck_assert_int_eq(ren("/tmp/f/", "/tmp/g"), -ENOTDIR);
	ck_assert_int_eq(ren("/tmp/d/", "/tmp/e/"), 0);
}
END_TEST

START_TEST(rename_onto_itself_does_nothing)
{
	fx_put(&ROOT, "/tmp/f", "same", 4);
	ck_assert_int_eq(ren("/tmp/f", "/tmp/f"), 0);
	ck_assert_int_eq(ren("/tmp/f", "/tmp/./f"), 0);
	ck_assert_str_eq(fx_get(&ROOT, "/tmp/f"), "same");
}
END_TEST

START_TEST(a_moved_directory_gets_a_new_parent)
{
	char b[64];
	mkd("/tmp/a");
	mkd("/tmp/b");
	mkd("/tmp/a/sub");
	ck_assert_int_eq(vfs_chdir(fx, &ROOT, "/tmp/a/sub"), 0);
	ck_assert_int_eq(ren("/tmp/a/sub", "/tmp/b/moved"), 0);
	ck_assert_int_eq(vfs_getcwd(fx, &ROOT, b, sizeof(b)), 13);
	ck_assert_str_eq(b, "/tmp/b/moved");
	ck_assert_uint_eq(fx_stat(&ROOT, "..").st_ino, fx_stat(&ROOT, "/tmp/b").st_ino);
	ck_assert_uint_eq(fx_stat(&ROOT, "/tmp/a").st_nlink, 2);
	ck_assert_uint_eq(fx_stat(&ROOT, "/tmp/b").st_nlink, 3);
}
END_TEST

UNIT_SUITE(rename_suite)
static Suite *rename_suite(void)
{
	Suite *s = suite_create("vfs_rename");
	TCase *tc = fx_tcase(s, "rename");
	tcase_add_test(tc, rename_moves_a_file_and_replaces_an_existing_one);
	tcase_add_test(tc, rename_replaces_an_empty_directory_but_not_a_full_one);
	tcase_add_test(tc, rename_of_a_directory_into_itself_gives_einval);
	tcase_add_test(tc, rename_between_file_and_directory_gives_eisdir_or_enotdir);
	tcase_add_test(tc, rename_onto_itself_does_nothing);
	tcase_add_test(tc, a_moved_directory_gets_a_new_parent);
	return s;
}
