// SPDX-License-Identifier: MIT
/* servers/vfs/vfs_fd.c and vfs_ops_fd.c: descriptor tables, dup family,
 * fcntl, fork/exec/exit, the per-process limit. */
#include "fixture.h"
#include <errno.h>
#include <string.h>

static const struct vfs_caller CHILD = { .pid = 20 };

START_TEST(dup_shares_the_offset_and_status_flags)
{
	fx_put(&ROOT, "/tmp/f", "abcdef", 6);
	int fd = fx_open(&ROOT, "/tmp/f", O_RDONLY, 0);
	int d = vfs_dup(fx, &ROOT, fd);
	ck_assert_int_eq(d, fd + 1);
	char b[4];
	ck_assert_int_eq(vfs_read(fx, &ROOT, fd, b, 2), 2);
	ck_assert_int_eq(vfs_read(fx, &ROOT, d, b, 2), 2);
	ck_assert_mem_eq(b, "cd", 2);
	ck_assert_int_eq(vfs_fcntl(fx, &ROOT, fd, F_SETFL, O_NONBLOCK | O_APPEND), 0);
	ck_assert_int_eq(vfs_fcntl(fx, &ROOT, d, F_GETFL, 0) & (O_NONBLOCK | O_APPEND | O_ACCMODE),
			 O_NONBLOCK | O_APPEND | O_RDONLY);
	ck_assert_int_eq(vfs_dup(fx, &ROOT, 99), -EBADF);
}
END_TEST

START_TEST(dup3_and_dup2_replace_the_target_descriptor)
{
	fx_put(&ROOT, "/tmp/a", "A", 1);
	fx_put(&ROOT, "/tmp/b", "B", 1);
	int a = fx_open(&ROOT, "/tmp/a", O_RDONLY, 0);
	int b = fx_open(&ROOT, "/tmp/b", O_RDONLY, 0);
	ck_assert_int_eq(vfs_dup3(fx, &ROOT, a, a, 0), -EINVAL);
	ck_assert_int_eq(vfs_dup3(fx, &ROOT, a, b, O_APPEND), -EINVAL);
	ck_assert_int_eq(vfs_dup3(fx, &ROOT, a, VFS_FD_MAX, 0), -EBADF);
	ck_assert_int_eq(vfs_dup2(fx, &ROOT, a, a), a);
	ck_assert_int_eq(vfs_dup2(fx, &ROOT, 50, 50), -EBADF);
	ck_assert_int_eq(vfs_dup3(fx, &ROOT, a, b, O_CLOEXEC), b);
	ck_assert_int_eq(vfs_fcntl(fx, &ROOT, b, F_GETFD, 0), FD_CLOEXEC);
	char c;
	ck_assert_int_eq(vfs_read(fx, &ROOT, b, &c, 1), 1);
	ck_assert_int_eq(c, 'A');
	ck_assert_int_eq(vfs_dup2(fx, &ROOT, a, 100), 100);
	ck_assert_int_eq(vfs_fcntl(fx, &ROOT, 100, F_GETFD, 0), 0);
}
END_TEST

START_TEST(fcntl_dupfd_and_descriptor_flags)
{
	int fd = fx_open(&ROOT, "/tmp/f", O_CREAT | O_RDWR, 0644);
	ck_assert_int_eq(vfs_fcntl(fx, &ROOT, fd, F_DUPFD, 10), 10);
	ck_assert_int_eq(vfs_fcntl(fx, &ROOT, fd, F_DUPFD, 10), 11);
	ck_assert_int_eq(vfs_fcntl(fx, &ROOT, fd, F_DUPFD_CLOEXEC, 5), 5);
	ck_assert_int_eq(vfs_fcntl(fx, &ROOT, 5, F_GETFD, 0), FD_CLOEXEC);
	ck_assert_int_eq(vfs_fcntl(fx, &ROOT, 10, F_GETFD, 0), 0);
	ck_assert_int_eq(vfs_fcntl(fx, &ROOT, 10, F_SETFD, FD_CLOEXEC), 0);
	ck_assert_int_eq(vfs_fcntl(fx, &ROOT, 10, F_GETFD, 0), FD_CLOEXEC);
	ck_assert_int_eq(vfs_fcntl(fx, &ROOT, fd, F_DUPFD, VFS_FD_MAX), -EINVAL);
	ck_assert_int_eq(vfs_fcntl(fx, &ROOT, fd, 1234, 0), -EINVAL);
	ck_assert_int_eq(vfs_fcntl(fx, &ROOT, fd, F_SETFL, O_WRONLY), 0);
	ck_assert_int_eq(vfs_fcntl(fx, &ROOT, fd, F_GETFL, 0) & O_ACCMODE, O_RDWR);
	ck_assert_int_eq(vfs_fcntl(fx, &ROOT, 77, F_GETFD, 0), -EBADF);
}
END_TEST

START_TEST(fork_shares_descriptions_and_exec_closes_cloexec)
{
	fx_put(&ROOT, "/tmp/f", "0123456789", 10);
	int keep = fx_open(&ROOT, "/tmp/f", O_RDONLY, 0);
	int gone = fx_open(&ROOT, "/tmp/f", O_RDONLY | O_CLOEXEC, 0);
	ck_assert_int_eq(vfs_proc_fork(fx, ROOT.pid, CHILD.pid), 0);
	char b[4];
	ck_assert_int_eq(vfs_read(fx, &CHILD, keep, b, 3), 3);
	ck_assert_int_eq(vfs_read(fx, &ROOT, keep, b, 3), 3);
	ck_assert_mem_eq(b, "345", 3); /* one shared offset */
	ck_assert_int_eq(vfs_fcntl(fx, &CHILD, gone, F_GETFD, 0), FD_CLOEXEC);
	ck_assert_int_eq(vfs_proc_exec(fx, CHILD.pid), 0);
	ck_assert_int_eq(vfs_read(fx, &CHILD, gone, b, 1), -EBADF);
	ck_assert_int_eq(vfs_read(fx, &CHILD, keep, b, 1), 1);
	ck_assert_int_eq(vfs_read(fx, &ROOT, gone, b, 1), 1); /* the parent keeps its own */
	ck_assert_int_eq(vfs_close(fx, &CHILD, keep), 0);
	ck_assert_int_eq(vfs_read(fx, &ROOT, keep, b, 1), 1);
}
END_TEST

START_TEST(fork_inherits_cwd_and_umask)
{
	ck_assert_int_eq(vfs_chdir(fx, &ROOT, "/tmp"), 0);
	ck_assert_int_eq(vfs_umask(fx, &ROOT, 077), 022);
	ck_assert_int_eq(vfs_proc_fork(fx, ROOT.pid, ROOT.pid), -EINVAL);
	ck_assert_int_eq(vfs_proc_fork(fx, ROOT.pid, CHILD.pid), 0);
	char b[16];
	ck_assert_int_eq(vfs_getcwd(fx, &CHILD, b, sizeof(b)), 5);
	ck_assert_str_eq(b, "/tmp");
	ck_assert_int_eq(vfs_umask(fx, &CHILD, 022), 077);
	ck_assert_int_eq(vfs_chdir(fx, &CHILD, "/"), 0);
	ck_assert_int_eq(vfs_getcwd(fx, &ROOT, b, sizeof(b)), 5);
}
END_TEST

START_TEST(open_beyond_256_descriptors_gives_emfile)
{
	for (int i = 0; i < VFS_FD_MAX; i++)
		ck_assert_int_eq(vfs_openat(fx, &ROOT, AT_FDCWD, "/dev/null", O_RDONLY, 0), i);
	ck_assert_int_eq(vfs_openat(fx, &ROOT, AT_FDCWD, "/dev/null", O_RDONLY, 0), -EMFILE);
	ck_assert_int_eq(vfs_dup(fx, &ROOT, 0), -EMFILE);
	int fds[2];
	ck_assert_int_eq(vfs_pipe2(fx, &ROOT, fds, 0), -EMFILE);
	ck_assert_int_eq(vfs_close(fx, &ROOT, 17), 0);
	ck_assert_int_eq(vfs_dup(fx, &ROOT, 0), 17);
	ck_assert_int_eq(vfs_openat(fx, &USER, AT_FDCWD, "/dev/null", O_RDONLY, 0), 0);
}
END_TEST

START_TEST(exit_closes_every_descriptor)
{
	int fds[2];
	ck_assert_int_eq(vfs_pipe2(fx, &ROOT, fds, 0), 0);
	ck_assert_int_eq(vfs_proc_fork(fx, ROOT.pid, CHILD.pid), 0);
	ck_assert_int_eq(vfs_close(fx, &ROOT, fds[1]), 0);
	char c;
	ck_assert_int_eq(vfs_read(fx, &ROOT, fds[0], &c, 1), VFS_WOULD_BLOCK);
	vfs_proc_exit(fx, CHILD.pid);
	ck_assert_int_eq(vfs_read(fx, &ROOT, fds[0], &c, 1), 0);
	/* An exited pid starts afresh. */
	ck_assert_int_eq(vfs_read(fx, &CHILD, fds[0], &c, 1), -EBADF);
}
END_TEST

UNIT_SUITE(fd_suite)
static Suite *fd_suite(void)
{
	Suite *s = suite_create("vfs_fd");
	TCase *tc = fx_tcase(s, "fd");
	tcase_add_test(tc, dup_shares_the_offset_and_status_flags);
	tcase_add_test(tc, dup3_and_dup2_replace_the_target_descriptor);
	tcase_add_test(tc, fcntl_dupfd_and_descriptor_flags);
	tcase_add_test(tc, fork_shares_descriptions_and_exec_closes_cloexec);
	tcase_add_test(tc, fork_inherits_cwd_and_umask);
	tcase_add_test(tc, open_beyond_256_descriptors_gives_emfile);
	tcase_add_test(tc, exit_closes_every_descriptor);
	return s;
}
