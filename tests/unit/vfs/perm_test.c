// SPDX-License-Identifier: MIT
/* servers/vfs/vfs_perm.c and its callers: rwx bits, owners from the
 * caller, umask, the sticky bit, chmod, access checks. */
#include "fixture.h"
#include <errno.h>
#include <string.h>
#include <unistd.h>

START_TEST(non_root_gets_eacces_on_a_0600_root_file)
{
	fx_put(&ROOT, "/tmp/secret", "s", 1);
	ck_assert_int_eq(vfs_fchmodat(fx, &ROOT, AT_FDCWD, "/tmp/secret", 0600, 0), 0);
	ck_assert_int_eq(vfs_openat(fx, &USER, AT_FDCWD, "/tmp/secret", O_RDONLY, 0), -EACCES);
	ck_assert_int_eq(vfs_openat(fx, &USER, AT_FDCWD, "/tmp/secret", O_WRONLY, 0), -EACCES);
	ck_assert_int_eq(vfs_truncate(fx, &USER, "/tmp/secret", 0), -EACCES);
	ck_assert_int_ge(vfs_openat(fx, &ROOT, AT_FDCWD, "/tmp/secret", O_RDWR, 0), 0);
	ck_assert_int_eq(fx_stat_rc(&USER, "/tmp/secret"), 0); /* stat needs no read bit */
}
END_TEST

START_TEST(new_files_take_owner_from_the_caller_and_mode_less_umask)
{
	int fd = fx_open(&USER, "/tmp/mine", O_CREAT | O_WRONLY, 0666);
	struct linux_stat st;
	ck_assert_int_eq(vfs_fstat(fx, &USER, fd, &st), 0);
	ck_assert_uint_eq(st.st_uid, 1000);
	ck_assert_uint_eq(st.st_gid, 1000);
	ck_assert_uint_eq(st.st_mode, 0100644);
	ck_assert_int_eq(vfs_umask(fx, &USER, 027), 022);
	ck_assert_int_eq(vfs_mkdirat(fx, &USER, AT_FDCWD, "/tmp/dir", 0777), 0);
	ck_assert_uint_eq(fx_stat(&USER, "/tmp/dir").st_mode, 040750);
	fx_open(&USER, "/tmp/f2", O_CREAT | O_WRONLY, 0666);
	ck_assert_uint_eq(fx_stat(&USER, "/tmp/f2").st_mode, 0100640);
	/* Created 0 but still opened for writing by its creator. */
	int z = vfs_openat(fx, &USER, AT_FDCWD, "/tmp/zero", O_CREAT | O_RDWR, 0);
	ck_assert_int_ge(z, 0);
	ck_assert_int_eq(vfs_write(fx, &USER, z, "ok", 2), 2);
}
END_TEST

START_TEST(creating_needs_write_and_search_on_the_directory)
{
	ck_assert_int_eq(vfs_openat(fx, &USER, AT_FDCWD, "/f", O_CREAT | O_WRONLY, 0644), -EACCES);
	ck_assert_int_eq(vfs_mkdirat(fx, &USER, AT_FDCWD, "/d", 0755), -EACCES);
	ck_assert_int_eq(vfs_mkdirat(fx, &ROOT, AT_FDCWD, "/tmp/closed", 0700), 0);
	fx_put(&ROOT, "/tmp/closed/f", "x", 1);
	ck_assert_int_eq(fx_stat_rc(&USER, "/tmp/closed/f"), -EACCES);
	ck_assert_int_eq(vfs_chdir(fx, &USER, "/tmp/closed"), -EACCES);
	ck_assert_int_eq(vfs_openat(fx, &USER, AT_FDCWD, "/tmp/closed", O_RDONLY, 0), -EACCES);
}
END_TEST

START_TEST(group_bits_apply_to_members)
{
	struct vfs_caller member = USER;
	member.cred.ngroups = 1;
	member.cred.groups[0] = 50;
	fx_put(&ROOT, "/tmp/g", "g", 1);
	ck_assert_int_eq(vfs_fchmodat(fx, &ROOT, AT_FDCWD, "/tmp/g", 0640, 0), 0);
	ck_assert_int_eq(vfs_openat(fx, &member, AT_FDCWD, "/tmp/g", O_RDONLY, 0), -EACCES);
	/* Only root could change the group; emulate with a file made by gid 50. */
	struct vfs_caller maker = { .pid = 9, .cred = { .uid = 3000, .gid = 50 } };
	int fd = fx_open(&maker, "/tmp/h", O_CREAT | O_WRONLY, 0640);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_ge(vfs_openat(fx, &member, AT_FDCWD, "/tmp/h", O_RDONLY, 0), 0);
	ck_assert_int_eq(vfs_openat(fx, &member, AT_FDCWD, "/tmp/h", O_WRONLY, 0), -EACCES);
	ck_assert_int_eq(vfs_openat(fx, &OTHER, AT_FDCWD, "/tmp/h", O_RDONLY, 0), -EACCES);
}
END_TEST

START_TEST(sticky_tmp_keeps_others_from_removing_files)
{
	fx_put(&USER, "/tmp/users", "u", 1);
	ck_assert_int_eq(vfs_unlinkat(fx, &OTHER, AT_FDCWD, "/tmp/users", 0), -EPERM);
	ck_assert_int_eq(vfs_renameat(fx, &OTHER, AT_FDCWD, "/tmp/users", AT_FDCWD, "/tmp/o"),
			 -EPERM);
	fx_put(&OTHER, "/tmp/others", "o", 1);
	ck_assert_int_eq(vfs_renameat(fx, &OTHER, AT_FDCWD, "/tmp/others", AT_FDCWD, "/tmp/users"),
			 -EPERM);
	ck_assert_int_eq(vfs_unlinkat(fx, &USER, AT_FDCWD, "/tmp/users", 0), 0);
	ck_assert_int_eq(vfs_unlinkat(fx, &ROOT, AT_FDCWD, "/tmp/others", 0), 0);
}
END_TEST

START_TEST(chmod_needs_the_owner_or_root)
{
	fx_put(&USER, "/tmp/f", "x", 1);
	ck_assert_int_eq(vfs_fchmodat(fx, &OTHER, AT_FDCWD, "/tmp/f", 0777, 0), -EPERM);
	ck_assert_int_eq(vfs_fchmodat(fx, &USER, AT_FDCWD, "/tmp/f", 0600, 0), 0);
	ck_assert_uint_eq(fx_stat(&USER, "/tmp/f").st_mode, 0100600);
	int fd = fx_open(&USER, "/tmp/f", O_RDONLY, 0);
	ck_assert_int_eq(vfs_fchmod(fx, &USER, fd, 04755), 0);
	ck_assert_uint_eq(fx_stat(&USER, "/tmp/f").st_mode, 0104755);
	ck_assert_int_eq(vfs_fchmodat(fx, &ROOT, AT_FDCWD, "/tmp/f", 0644, 0), 0);
	ck_assert_int_eq(vfs_fchmod(fx, &ROOT, fd, 0644), -EBADF); /* not root's descriptor */
	ck_assert_int_eq(vfs_fchmod(fx, &USER, 55, 0644), -EBADF);
}
END_TEST

START_TEST(faccessat_checks_each_requested_bit)
{
	fx_put(&USER, "/tmp/f", "x", 1);
	ck_assert_int_eq(vfs_faccessat(fx, &USER, AT_FDCWD, "/tmp/f", R_OK | W_OK, 0), 0);
	ck_assert_int_eq(vfs_faccessat(fx, &USER, AT_FDCWD, "/tmp/f", X_OK, 0), -EACCES);
	ck_assert_int_eq(vfs_faccessat(fx, &OTHER, AT_FDCWD, "/tmp/f", R_OK, 0), 0);
	ck_assert_int_eq(vfs_faccessat(fx, &OTHER, AT_FDCWD, "/tmp/f", W_OK, 0), -EACCES);
	ck_assert_int_eq(vfs_faccessat(fx, &OTHER, AT_FDCWD, "/tmp/f", F_OK, 0), 0);
	ck_assert_int_eq(vfs_faccessat(fx, &OTHER, AT_FDCWD, "/tmp/none", F_OK, 0), -ENOENT);
	ck_assert_int_eq(vfs_faccessat(fx, &OTHER, AT_FDCWD, "/tmp/f", 8, 0), -EINVAL);
	/* root may read and write anything, but execute only what has an x bit */
	ck_assert_int_eq(vfs_faccessat(fx, &ROOT, AT_FDCWD, "/tmp/f", R_OK | W_OK, 0), 0);
	ck_assert_int_eq(vfs_faccessat(fx, &ROOT, AT_FDCWD, "/tmp/f", X_OK, 0), -EACCES);
	ck_assert_int_eq(vfs_faccessat(fx, &ROOT, AT_FDCWD, "/tmp", X_OK, 0), 0);
}
END_TEST

START_TEST(statfs_reports_a_tmpfs)
{
	struct linux_statfs sf;
	ck_assert_int_eq(vfs_statfs(fx, &USER, "/tmp", &sf), 0);
	ck_assert_int_eq(sf.f_type, 0x01021994);
	ck_assert_int_eq(sf.f_bsize, 4096);
	ck_assert_uint_ge(sf.f_bfree, 1);
	ck_assert_int_eq(vfs_statfs(fx, &USER, "/nowhere", &sf), -ENOENT);
}
END_TEST

UNIT_SUITE(perm_suite)
static Suite *perm_suite(void)
{
	Suite *s = suite_create("vfs_perm");
	TCase *tc = fx_tcase(s, "perm");
	tcase_add_test(tc, non_root_gets_eacces_on_a_0600_root_file);
	tcase_add_test(tc, new_files_take_owner_from_the_caller_and_mode_less_umask);
	tcase_add_test(tc, creating_needs_write_and_search_on_the_directory);
	tcase_add_test(tc, group_bits_apply_to_members);
	tcase_add_test(tc, sticky_tmp_keeps_others_from_removing_files);
	tcase_add_test(tc, chmod_needs_the_owner_or_root);
	tcase_add_test(tc, faccessat_checks_each_requested_bit);
	tcase_add_test(tc, statfs_reports_a_tmpfs);
	return s;
}
