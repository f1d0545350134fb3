// SPDX-License-Identifier: MIT
/* servers/vfs/vfs_ops_open.c: open flags. */
#include "fixture.h"
#include <errno.h>
#include <string.h>

START_TEST(creat_excl_on_an_existing_name_gives_eexist)
{
	fx_put(&ROOT, "/tmp/f", "x", 1);
	ck_assert_int_eq(vfs_openat(fx, &ROOT, AT_FDCWD, "/tmp/f", O_CREAT | O_EXCL | O_RDWR, 0644),
			 -EEXIST);
	ck_assert_int_eq(vfs_symlinkat(fx, &ROOT, "nowhere", AT_FDCWD, "/tmp/dangling"), 0);
	ck_assert_int_eq(vfs_openat(fx, &ROOT, AT_FDCWD, "/tmp/dangling",
				    O_CREAT | O_EXCL | O_RDWR, 0644), -EEXIST);
	ck_assert_int_eq(vfs_openat(fx, &ROOT, AT_FDCWD, "/tmp", O_CREAT | O_EXCL | O_RDONLY, 0),
			 -EEXIST);
	ck_assert_int_ge(vfs_openat(fx, &ROOT, AT_FDCWD, "/tmp/g", O_CREAT | O_EXCL | O_RDWR, 0644),
			 0);
}
END_TEST

START_TEST(creat_through_a_dangling_symlink_makes_its_target)
{
	ck_assert_int_eq(vfs_symlinkat(fx, &ROOT, "target", AT_FDCWD, "/tmp/link"), 0);
	int fd = fx_open(&ROOT, "/tmp/link", O_CREAT | O_WRONLY, 0644);
	ck_assert_int_eq(vfs_write(fx, &ROOT, fd, "via", 3), 3);
	ck_assert_str_eq(fx_get(&ROOT, "/tmp/target"), "via");
}
END_TEST

START_TEST(trunc_empties_an_existing_file)
{
	fx_put(&ROOT, "/tmp/f", "long contents", 13);
	int fd = fx_open(&ROOT, "/tmp/f", O_RDWR | O_TRUNC, 0);
	struct linux_stat st;
	ck_assert_int_eq(vfs_fstat(fx, &ROOT, fd, &st), 0);
	ck_assert_int_eq(st.st_size, 0);
	ck_assert_str_eq(fx_get(&ROOT, "/tmp/f"), "");
}
END_TEST

START_TEST(append_writes_at_the_end_whatever_the_offset)
{
	fx_put(&ROOT, "/tmp/f", "abc", 3);
	int fd = fx_open(&ROOT, "/tmp/f", O_WRONLY | O_APPEND, 0);
	ck_assert_int_eq(vfs_lseek(fx, &ROOT, fd, 0, SEEK_SET), 0);
	ck_assert_int_eq(vfs_write(fx, &ROOT, fd, "de", 2), 2);
	ck_assert_int_eq(vfs_lseek(fx, &ROOT, fd, 0, SEEK_CUR), 5);
	int other = fx_open(&ROOT, "/tmp/f", O_WRONLY, 0);
	ck_assert_int_eq(vfs_write(fx, &ROOT, other, "XYZ", 3), 3);
	ck_assert_int_eq(vfs_write(fx, &ROOT, fd, "f", 1), 1);
	ck_assert_str_eq(fx_get(&ROOT, "/tmp/f"), "XYZdef");
}
END_TEST

START_TEST(directory_flags_and_modes_are_checked)
{
	fx_put(&ROOT, "/tmp/f", "x", 1);
	ck_assert_int_eq(vfs_openat(fx, &ROOT, AT_FDCWD, "/tmp/f", O_RDONLY | O_DIRECTORY, 0),
			 -ENOTDIR);
	ck_assert_int_eq(vfs_openat(fx, &ROOT, AT_FDCWD, "/tmp", O_WRONLY, 0), -EISDIR);
	ck_assert_int_eq(vfs_openat(fx, &ROOT, AT_FDCWD, "/tmp", O_RDWR, 0), -EISDIR);
	ck_assert_int_eq(vfs_openat(fx, &ROOT, AT_FDCWD, "/tmp", O_CREAT | O_RDONLY, 0), -EISDIR);
	int dfd = fx_open(&ROOT, "/tmp", O_RDONLY | O_DIRECTORY, 0);
	char b[4];
	ck_assert_int_eq(vfs_read(fx, &ROOT, dfd, b, sizeof(b)), -EISDIR);
	ck_assert_int_eq(vfs_openat(fx, &ROOT, AT_FDCWD, "/tmp/f", O_ACCMODE, 0), -EINVAL);
}
END_TEST

START_TEST(open_missing_without_creat_gives_enoent)
{
	ck_assert_int_eq(vfs_openat(fx, &ROOT, AT_FDCWD, "/tmp/none", O_RDONLY, 0), -ENOENT);
	ck_assert_int_eq(vfs_openat(fx, &ROOT, AT_FDCWD, "/none/f", O_CREAT | O_RDWR, 0644),
			 -ENOENT);
}
END_TEST

START_TEST(access_mode_limits_reads_and_writes)
{
	fx_put(&ROOT, "/tmp/f", "abc", 3);
	int ro = fx_open(&ROOT, "/tmp/f", O_RDONLY, 0);
	int wo = fx_open(&ROOT, "/tmp/f", O_WRONLY, 0);
	char b[4];
	ck_assert_int_eq(vfs_write(fx, &ROOT, ro, "x", 1), -EBADF);
	ck_assert_int_eq(vfs_read(fx, &ROOT, wo, b, 1), -EBADF);
	ck_assert_int_eq(vfs_read(fx, &ROOT, 77, b, 1), -EBADF);
	ck_assert_int_eq(vfs_close(fx, &ROOT, ro), 0);
	ck_assert_int_eq(vfs_close(fx, &ROOT, ro), -EBADF);
}
END_TEST

START_TEST(cloexec_flag_lands_on_the_descriptor)
{
	int fd = fx_open(&ROOT, "/tmp/f", O_CREAT | O_RDWR | O_CLOEXEC, 0644);
	ck_assert_int_eq(vfs_fcntl(fx, &ROOT, fd, F_GETFD, 0), FD_CLOEXEC);
	ck_assert_int_eq(vfs_fcntl(fx, &ROOT, fd, F_GETFL, 0) & (O_ACCMODE | O_CREAT), O_RDWR);
}
END_TEST

UNIT_SUITE(open_suite)
static Suite *open_suite(void)
{
	Suite *s = suite_create("vfs_open");
	TCase *tc = fx_tcase(s, "open");
	tcase_add_test(tc, creat_excl_on_an_existing_name_gives_eexist);
	tcase_add_test(tc, creat_through_a_dangling_symlink_makes_its_target);
	tcase_add_test(tc, trunc_empties_an_existing_file);
	tcase_add_test(tc, append_writes_at_the_end_whatever_the_offset);
	tcase_add_test(tc, directory_flags_and_modes_are_checked);
	tcase_add_test(tc, open_missing_without_creat_gives_enoent);
	tcase_add_test(tc, access_mode_limits_reads_and_writes);
	tcase_add_test(tc, cloexec_flag_lands_on_the_descriptor);
	return s;
}
