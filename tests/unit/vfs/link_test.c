// SPDX-License-Identifier: MIT
/* servers/vfs/vfs_ops_link.c, vfs_ops_attr.c, vfs_ops_copy.c and the FIFO
 * opens of vfs_ops_open.c: link counts, special nodes, owners and times,
 * copies, and the waits of FIFO opens. Expected behaviour from link(2),
 * mknod(2), chown(2), utimensat(2), sendfile(2) and fifo(7). */
#include "fixture.h"
#include <errno.h>
#include <string.h>
#include <sys/sysmacros.h>

static uint64_t nlink(const char *path)
{
	struct linux_stat st;
	return vfs_newfstatat(fx, &ROOT, AT_FDCWD, path, &st, AT_SYMLINK_NOFOLLOW) == 0 ? st.st_nlink : 0;
}

START_TEST(links_count_names_and_the_inode_lives_until_the_last)
{
	fx_put(&ROOT, "/tmp/a", "data", 4);
	ck_assert_int_eq(vfs_linkat(fx, &ROOT, AT_FDCWD, "/tmp/a", AT_FDCWD, "/tmp/b", 0), 0);
	ck_assert_int_eq(vfs_linkat(fx, &ROOT, AT_FDCWD, "/tmp/b", AT_FDCWD, "/tmp/c", 0), 0);
	ck_assert_uint_eq(nlink("/tmp/a"), 3);
	ck_assert_uint_eq(fx_stat(&ROOT, "/tmp/c").st_ino, fx_stat(&ROOT, "/tmp/a").st_ino);
	ck_assert_int_eq(vfs_unlinkat(fx, &ROOT, AT_FDCWD, "/tmp/a", 0), 0);
	ck_assert_uint_eq(nlink("/tmp/b"), 2);
	int fd = fx_open(&ROOT, "/tmp/b", O_RDONLY, 0);
	ck_assert_int_eq(vfs_unlinkat(fx, &ROOT, AT_FDCWD, "/tmp/b", 0), 0);
	ck_assert_int_eq(vfs_unlinkat(fx, &ROOT, AT_FDCWD, "/tmp/c", 0), 0);
	char buf[8];
	ck_assert_int_eq(vfs_pread(fx, &ROOT, fd, buf, 4, 0), 4);  /* held by the descriptor */
	struct linux_stat st;
	ck_assert_int_eq(vfs_fstat(fx, &ROOT, fd, &st), 0);
	ck_assert_uint_eq(st.st_nlink, 0);
	ck_assert_int_eq(vfs_close(fx, &ROOT, fd), 0);
}
END_TEST

START_TEST(rename_onto_another_link_of_the_same_inode_changes_nothing)
{
	fx_put(&ROOT, "/tmp/a", "x", 1);
	ck_assert_int_eq(vfs_linkat(fx, &ROOT, AT_FDCWD, "/tmp/a", AT_FDCWD, "/tmp/b", 0), 0);
	ck_assert_int_eq(vfs_renameat(fx, &ROOT, AT_FDCWD, "/tmp/a", AT_FDCWD, "/tmp/b"), 0);
	ck_assert_uint_eq(nlink("/tmp/a"), 2);
	fx_put(&ROOT, "/tmp/c", "y", 1);
	ck_assert_int_eq(vfs_renameat(fx, &ROOT, AT_FDCWD, "/tmp/c", AT_FDCWD, "/tmp/b"), 0);
	ck_assert_uint_eq(nlink("/tmp/a"), 1);  /* the replaced name was one of two */
}
END_TEST

START_TEST(link_errors_follow_link_2)
{
	fx_put(&ROOT, "/tmp/a", "x", 1);
	fx_put(&ROOT, "/tmp/b", "y", 1);
	ck_assert_int_eq(vfs_linkat(fx, &ROOT, AT_FDCWD, "/tmp/a", AT_FDCWD, "/tmp/b", 0), -EEXIST);
	ck_assert_int_eq(vfs_linkat(fx, &ROOT, AT_FDCWD, "/tmp", AT_FDCWD, "/tmp/d", 0), -EPERM);
	ck_assert_int_eq(vfs_linkat(fx, &ROOT, AT_FDCWD, "/tmp/no", AT_FDCWD, "/tmp/d", 0), -ENOENT);
	ck_assert_int_eq(vfs_linkat(fx, &ROOT, AT_FDCWD, "/tmp/a", AT_FDCWD, "/tmp/d/", 0), -ENOENT);
	ck_assert_int_eq(vfs_linkat(fx, &ROOT, AT_FDCWD, "/tmp/a", AT_FDCWD, "/tmp/d", 4), -EINVAL);
	ck_assert_int_eq(vfs_linkat(fx, &USER, AT_FDCWD, "/tmp/a", AT_FDCWD, "/tmp/u", 0), -EPERM);
	ck_assert_int_eq(vfs_mkdirat(fx, &ROOT, AT_FDCWD, "/ro", 0755), 0);
	ck_assert_int_eq(vfs_fchmodat(fx, &ROOT, AT_FDCWD, "/tmp/a", 0666, 0), 0);
	ck_assert_int_eq(vfs_linkat(fx, &USER, AT_FDCWD, "/tmp/a", AT_FDCWD, "/ro/u", 0), -EACCES);
	ck_assert_int_eq(vfs_linkat(fx, &USER, AT_FDCWD, "/tmp/a", AT_FDCWD, "/tmp/u", 0), 0);
}
END_TEST

START_TEST(a_hard_link_to_an_initrd_file_keeps_its_count_when_the_cache_is_trimmed)
{
	struct vfs_config cfg = { .icache_max_inodes = 1 };
	fx_reset(&cfg);
	struct fx_archive a;
	fx_ar_begin(&a);
	fx_ar_add(&a, "etc/f", 0100644, "archive", 7);
	fx_ar_add(&a, "etc/g", 0100644, "other", 5);
	fx_ar_end(&a, true);
	fx_ar_load(&a);
	ck_assert_int_eq(vfs_linkat(fx, &ROOT, AT_FDCWD, "/etc/f", AT_FDCWD, "/tmp/f2", 0), 0);
	ck_assert_str_eq(fx_get(&ROOT, "/etc/g"), "other");  /* pressure on the cache */
	ck_assert_uint_eq(nlink("/etc/f"), 2);
	ck_assert_str_eq(fx_get(&ROOT, "/tmp/f2"), "archive");
}
END_TEST

START_TEST(mknod_makes_fifos_files_and_devices_for_root)
{
	ck_assert_int_eq(vfs_mknodat(fx, &USER, AT_FDCWD, "/tmp/p", S_IFIFO | 0666, 0), 0);
	ck_assert_uint_eq(fx_stat(&ROOT, "/tmp/p").st_mode, S_IFIFO | 0644);  /* umask 022 */
	ck_assert_int_eq(vfs_mknodat(fx, &USER, AT_FDCWD, "/tmp/r", 0644, 0), 0);
	ck_assert_uint_eq(fx_stat(&ROOT, "/tmp/r").st_mode, S_IFREG | 0644);
	ck_assert_int_eq(vfs_mknodat(fx, &USER, AT_FDCWD, "/tmp/c", S_IFCHR | 0644, makedev(1, 3)), -EPERM);
	ck_assert_int_eq(vfs_mknodat(fx, &ROOT, AT_FDCWD, "/tmp/c", S_IFCHR | 0644, makedev(1, 3)), 0);
	ck_assert_uint_eq(fx_stat(&ROOT, "/tmp/c").st_rdev, makedev(1, 3));
	ck_assert_int_eq(vfs_mknodat(fx, &ROOT, AT_FDCWD, "/tmp/d", S_IFDIR | 0755, 0), -EPERM);
	ck_assert_int_eq(vfs_mknodat(fx, &ROOT, AT_FDCWD, "/tmp/e", 0170000, 0), -EINVAL);
	ck_assert_int_eq(vfs_mknodat(fx, &ROOT, AT_FDCWD, "/tmp/p", S_IFIFO | 0644, 0), -EEXIST);
	ck_assert_int_eq(vfs_mknodat(fx, &OTHER, AT_FDCWD, "/dev/x", S_IFIFO | 0644, 0), -EACCES);
}
END_TEST

static const struct vfs_caller RD = { .pid = 31, .wait_id = 31 };
static const struct vfs_caller WR = { .pid = 32, .wait_id = 32 };

START_TEST(fifo_opens_wait_for_the_other_end)
{
	ck_assert_int_eq(vfs_mknodat(fx, &ROOT, AT_FDCWD, "/tmp/f", S_IFIFO | 0666, 0), 0);
	ck_assert_int_eq(vfs_openat(fx, &RD, AT_FDCWD, "/tmp/f", O_RDONLY, 0), VFS_WOULD_BLOCK);
	uint64_t wake = vfs_wake_count(fx);
	/* A parked reader counts: the writer goes through, and wakes the reader. */
	int w = vfs_openat(fx, &WR, AT_FDCWD, "/tmp/f", O_WRONLY, 0);
	ck_assert_int_ge(w, 0);
	ck_assert_uint_gt(vfs_wake_count(fx), wake);
	int r = vfs_openat(fx, &RD, AT_FDCWD, "/tmp/f", O_RDONLY, 0);
	ck_assert_int_ge(r, 0);
	vfs_wait_done(fx, RD.wait_id);
	ck_assert_int_eq(vfs_write(fx, &WR, w, "abc", 3), 3);
	char buf[4];
	ck_assert_int_eq(vfs_read(fx, &RD, r, buf, sizeof(buf)), 3);
	ck_assert_int_eq(vfs_close(fx, &WR, w), 0);
	ck_assert_int_eq(vfs_read(fx, &RD, r, buf, sizeof(buf)), 0);
	ck_assert_int_eq(vfs_close(fx, &RD, r), 0);
	ck_assert_int_eq(vfs_openat(fx, &WR, AT_FDCWD, "/tmp/f", O_WRONLY | O_NONBLOCK, 0), -ENXIO);
	ck_assert_int_ge(vfs_openat(fx, &RD, AT_FDCWD, "/tmp/f", O_RDONLY | O_NONBLOCK, 0), 0);
	ck_assert_int_ge(vfs_openat(fx, &WR, AT_FDCWD, "/tmp/f", O_RDWR, 0), 0);
}
END_TEST

START_TEST(a_cancelled_fifo_opener_no_longer_counts)
{
	ck_assert_int_eq(vfs_mknodat(fx, &ROOT, AT_FDCWD, "/tmp/f", S_IFIFO | 0666, 0), 0);
	ck_assert_int_eq(vfs_openat(fx, &RD, AT_FDCWD, "/tmp/f", O_RDONLY, 0), VFS_WOULD_BLOCK);
	vfs_wait_done(fx, RD.wait_id);  /* a signal ended the wait */
	ck_assert_int_eq(vfs_openat(fx, &WR, AT_FDCWD, "/tmp/f", O_WRONLY | O_NONBLOCK, 0), -ENXIO);
	ck_assert_int_eq(vfs_openat(fx, &WR, AT_FDCWD, "/tmp/f", O_WRONLY, 0), VFS_WOULD_BLOCK);
	vfs_wait_reset(fx);  /* a successor: the requests will come again */
	ck_assert_int_eq(vfs_openat(fx, &WR, AT_FDCWD, "/tmp/f", O_WRONLY | O_NONBLOCK, 0), -ENXIO);
}
END_TEST

START_TEST(chown_follows_the_rules_of_chown_2)
{
	fx_put(&ROOT, "/tmp/f", "x", 1);
	ck_assert_int_eq(vfs_fchmodat(fx, &ROOT, AT_FDCWD, "/tmp/f", 06775, 0), 0);
	ck_assert_int_eq(vfs_fchownat(fx, &ROOT, AT_FDCWD, "/tmp/f", 1000, 1000, 0), 0);
	ck_assert_uint_eq(fx_stat(&ROOT, "/tmp/f").st_mode & 07777, 0775);
	const struct vfs_caller member = { .pid = 2, .cred = { .uid = 1000, .gid = 1000,
							       .ngroups = 1, .groups = { 50 } } };
	ck_assert_int_eq(vfs_fchownat(fx, &member, AT_FDCWD, "/tmp/f", -1u, 50, 0), 0);
	ck_assert_int_eq(vfs_fchownat(fx, &member, AT_FDCWD, "/tmp/f", -1u, 51, 0), -EPERM);
	ck_assert_int_eq(vfs_fchownat(fx, &member, AT_FDCWD, "/tmp/f", 0, -1u, 0), -EPERM);
	ck_assert_int_eq(vfs_fchownat(fx, &member, AT_FDCWD, "/tmp/f", 1000, -1u, 0), 0);
	ck_assert_int_eq(vfs_fchownat(fx, &OTHER, AT_FDCWD, "/tmp/f", -1u, 2000, 0), -EPERM);
	ck_assert_uint_eq(fx_stat(&ROOT, "/tmp/f").st_gid, 50);
	ck_assert_int_eq(vfs_fchownat(fx, &ROOT, AT_FDCWD, "/tmp/f", 0, 0, 8), -EINVAL);
}
END_TEST

static uint64_t fake_now = 7000000000ull;
static uint64_t fake_clock(void *ctx)
{
	(void)ctx;
	return fake_now;
}

START_TEST(utimensat_sets_omits_and_checks_permission)
{
	struct vfs_config cfg = { .clock = fake_clock };
	fx_reset(&cfg);
	fx_put(&ROOT, "/tmp/f", "x", 1);
	ck_assert_int_eq(vfs_fchmodat(fx, &ROOT, AT_FDCWD, "/tmp/f", 0666, 0), 0);
	struct linux_timespec t[2] = { { 10, 1 }, { 20, (1l << 30) - 2 } };  /* mtime omitted */
	ck_assert_int_eq(vfs_utimensat(fx, &ROOT, AT_FDCWD, "/tmp/f", t, 0), 0);
	struct linux_stat st = fx_stat(&ROOT, "/tmp/f");
	ck_assert_uint_eq(st.st_atime_sec, 10);
	ck_assert_uint_eq(st.st_atime_nsec, 1);
	ck_assert_uint_eq(st.st_mtime_sec, 7);
	ck_assert_int_eq(vfs_utimensat(fx, &USER, AT_FDCWD, "/tmp/f", t, 0), -EPERM);
	ck_assert_int_eq(vfs_utimensat(fx, &USER, AT_FDCWD, "/tmp/f", NULL, 0), 0);
	ck_assert_int_eq(vfs_fchmodat(fx, &ROOT, AT_FDCWD, "/tmp/f", 0644, 0), 0);
	ck_assert_int_eq(vfs_utimensat(fx, &USER, AT_FDCWD, "/tmp/f", NULL, 0), -EACCES);
	t[0].tv_nsec = 1000000000;
	ck_assert_int_eq(vfs_utimensat(fx, &ROOT, AT_FDCWD, "/tmp/f", t, 0), -EINVAL);
	ck_assert_int_eq(vfs_utimensat(fx, &ROOT, AT_FDCWD, NULL, NULL, 0), -EFAULT);
}
END_TEST

START_TEST(sendfile_and_copy_file_range_move_the_right_offsets)
{
	fx_put(&ROOT, "/tmp/src", "0123456789", 10);
	int in = fx_open(&ROOT, "/tmp/src", O_RDONLY, 0);
	int out = fx_open(&ROOT, "/tmp/dst", O_CREAT | O_RDWR, 0644);
	int64_t off = 4;
	ck_assert_int_eq(vfs_sendfile(fx, &ROOT, out, in, &off, 3), 3);
	ck_assert_int_eq(off, 7);
	ck_assert_int_eq(vfs_lseek(fx, &ROOT, in, 0, SEEK_CUR), 0);
	ck_assert_int_eq(vfs_sendfile(fx, &ROOT, out, in, NULL, 2), 2);
	ck_assert_int_eq(vfs_lseek(fx, &ROOT, in, 0, SEEK_CUR), 2);
	int64_t oi = 8, oo = 0;
	ck_assert_int_eq(vfs_copy_file_range(fx, &ROOT, in, &oi, out, &oo, 100, 0), 2);
	ck_assert_int_eq(oi, 10);
	ck_assert_int_eq(oo, 2);
	char b[8] = "";
	ck_assert_int_eq(vfs_pread(fx, &ROOT, out, b, sizeof(b), 0), 5);
	ck_assert_mem_eq(b, "89601", 5);
	ck_assert_int_eq(vfs_copy_file_range(fx, &ROOT, in, NULL, out, NULL, 1, 1), -EINVAL);
	ck_assert_int_eq(vfs_sendfile(fx, &ROOT, in, out, NULL, 1), -EBADF);
}
END_TEST

START_TEST(an_unveiled_read_only_file_refuses_chmod_chown_and_times)
{
	fx_put(&USER, "/tmp/f", "x", 1);
	ck_assert_int_eq(vfs_unveil_call(fx, &USER, "/tmp/f", "r"), 0);
	ck_assert_int_eq(vfs_fchmodat(fx, &USER, AT_FDCWD, "/tmp/f", 0600, 0), -EACCES);
	ck_assert_int_eq(vfs_fchownat(fx, &USER, AT_FDCWD, "/tmp/f", -1u, 1000, 0), -EACCES);
	ck_assert_int_eq(vfs_utimensat(fx, &USER, AT_FDCWD, "/tmp/f", NULL, 0), -EACCES);
	ck_assert_int_eq(vfs_linkat(fx, &USER, AT_FDCWD, "/tmp/f", AT_FDCWD, "/tmp/g", 0), -ENOENT);
	ck_assert_int_eq(vfs_mknodat(fx, &USER, AT_FDCWD, "/tmp/p", S_IFIFO | 0600, 0), -ENOENT);
}
END_TEST

UNIT_SUITE(link_suite)
static Suite *link_suite(void)
{
	Suite *s = suite_create("vfs_link");
	TCase *tc = fx_tcase(s, "link");
	tcase_add_test(tc, links_count_names_and_the_inode_lives_until_the_last);
	tcase_add_test(tc, rename_onto_another_link_of_the_same_inode_changes_nothing);
	tcase_add_test(tc, link_errors_follow_link_2);
	tcase_add_test(tc, a_hard_link_to_an_initrd_file_keeps_its_count_when_the_cache_is_trimmed);
	tcase_add_test(tc, mknod_makes_fifos_files_and_devices_for_root);
	tcase_add_test(tc, fifo_opens_wait_for_the_other_end);
	tcase_add_test(tc, a_cancelled_fifo_opener_no_longer_counts);
	tcase_add_test(tc, chown_follows_the_rules_of_chown_2);
	tcase_add_test(tc, utimensat_sets_omits_and_checks_permission);
	tcase_add_test(tc, sendfile_and_copy_file_range_move_the_right_offsets);
	tcase_add_test(tc, an_unveiled_read_only_file_refuses_chmod_chown_and_times);
	return s;
}
