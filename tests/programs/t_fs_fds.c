// SPDX-License-Identifier: MIT
/* t_fs_fds: the descriptor table: lowest-free allocation, close, dup, dup2,
 * dup3, fcntl (F_DUPFD, F_DUPFD_CLOEXEC, F_GETFD/F_SETFD, F_GETFL/F_SETFL),
 * offsets shared by duplicates but not by separate opens, and EMFILE when
 * the table is full. Works in /tmp/t_fs_fds.<pid>. */
#include <sys/resource.h>
#include <sys/syscall.h>
#include "tap.h"
#include "fs_util.h"

#define MAX_OPEN 5000  /* more than any descriptor limit this test allows */

/* Returns 1 if descriptors a and b refer to the same file. */
static int same_file(int a, int b)
{
	struct stat sa, sb;
	return fstat(a, &sa) == 0 && fstat(b, &sb) == 0 && sa.st_ino == sb.st_ino &&
	       sa.st_dev == sb.st_dev;
}

static void test_close_and_lowest(void)
{
	int a = open(fs_path("f"), O_RDWR | O_CREAT, 0644);
	int b = open(fs_path("f"), O_RDONLY);
	if (!CHECK("lowest_setup_open", a >= 0 && b > a))
		return;
	CHECK("close_open_fd_succeeds", close(a) == 0);
	CHECK_ERRNO("close_same_fd_again_gives_ebadf", close(a), EBADF);
	CHECK_ERRNO("close_negative_fd_gives_ebadf", close(-1), EBADF);
	CHECK_ERRNO("fstat_closed_fd_gives_ebadf", fstat(a, &(struct stat){ 0 }), EBADF);
	int c = open(fs_path("f"), O_RDONLY);
	CHECK("open_reuses_lowest_free_fd", c == a);
	close(b);
	close(c);
}

static void test_dup(void)
{
	char ch;
	int fd = open(fs_path("d"), O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (!CHECK("dup_setup_open", fd >= 0))
		return;
	write(fd, "abcdef", 6);
	int d = dup(fd);
	CHECK("dup_returns_new_fd", d >= 0 && d != fd);
	CHECK("dup_refers_to_same_file", same_file(fd, d));
	CHECK("dup_does_not_copy_cloexec", fcntl(d, F_GETFD) == 0);
	CHECK("dup_shares_offset", lseek(fd, 2, SEEK_SET) == 2 && lseek(d, 0, SEEK_CUR) == 2);
	CHECK("read_through_dup_moves_shared_offset",
	      read(d, &ch, 1) == 1 && ch == 'c' && lseek(fd, 0, SEEK_CUR) == 3);
	CHECK("dup_survives_close_of_original", close(fd) == 0 && read(d, &ch, 1) == 1 && ch == 'd');
	CHECK_ERRNO("dup_bad_fd_gives_ebadf", dup(fd), EBADF);

	int other = open(fs_path("d"), O_RDONLY);
	CHECK("separate_opens_have_own_offsets",
	      other >= 0 && lseek(other, 0, SEEK_CUR) == 0 && read(other, &ch, 1) == 1 && ch == 'a');

	CHECK("dup2_onto_open_fd_returns_it", dup2(d, other) == other);
	CHECK("dup2_replaces_target", lseek(other, 0, SEEK_CUR) == lseek(d, 0, SEEK_CUR) &&
					      same_file(d, other));
	CHECK("dup2_same_fd_returns_it", dup2(d, d) == d);
	CHECK_ERRNO("dup2_same_bad_fd_gives_ebadf", dup2(99, 99), EBADF);
	CHECK_ERRNO("dup2_bad_old_fd_gives_ebadf", dup2(99, 50), EBADF);
	CHECK_ERRNO("dup2_negative_new_fd_gives_ebadf", dup2(d, -1), EBADF);
	CHECK_ERRNO("dup2_beyond_fd_limit_gives_ebadf", dup2(d, 1 << 20), EBADF);
	CHECK("dup2_to_high_free_fd_succeeds", dup2(d, 77) == 77 && same_file(d, 77));
	fcntl(77, F_SETFD, FD_CLOEXEC);
	CHECK("dup2_clears_cloexec_of_new_fd", dup2(d, 77) == 77 && fcntl(77, F_GETFD) == 0);
	close(77);

	CHECK("dup3_cloexec_sets_flag", dup3(d, 78, O_CLOEXEC) == 78 && fcntl(78, F_GETFD) ==
										  FD_CLOEXEC);
	CHECK("dup3_without_flags_leaves_clear", dup3(d, 78, 0) == 78 && fcntl(78, F_GETFD) == 0);
	close(78);
	CHECK_ERRNO("dup3_same_fd_gives_einval", dup3(d, d, 0), EINVAL);
	CHECK_ERRNO("dup3_same_fd_syscall_gives_einval", syscall(SYS_dup3, d, d, 0), EINVAL);
	CHECK_ERRNO("dup3_unknown_flag_gives_einval", syscall(SYS_dup3, d, 79, O_APPEND), EINVAL);
	CHECK_ERRNO("dup3_bad_old_fd_gives_ebadf", dup3(99, 79, 0), EBADF);
	close(d);
	close(other);
}

static void test_fcntl_dupfd(void)
{
	int fd = open(fs_path("d"), O_RDONLY);
	if (!CHECK("dupfd_setup_open", fd >= 0))
		return;
	int a = fcntl(fd, F_DUPFD, 40);
	CHECK("f_dupfd_returns_lowest_at_or_above_arg", a == 40);
	int b = fcntl(fd, F_DUPFD, 40);
	CHECK("f_dupfd_skips_taken_fds", b == 41);
	CHECK("f_dupfd_clears_cloexec", fcntl(b, F_GETFD) == 0);
	close(a);
	a = fcntl(fd, F_DUPFD, 40);
	CHECK("f_dupfd_reuses_freed_fd", a == 40);
	int c = fcntl(fd, F_DUPFD_CLOEXEC, 40);
	CHECK("f_dupfd_cloexec_returns_next_free", c == 42);
	CHECK("f_dupfd_cloexec_sets_cloexec", fcntl(c, F_GETFD) == FD_CLOEXEC);
	int low = fcntl(fd, F_DUPFD, 0);
	CHECK("f_dupfd_zero_gives_lowest_free", low > fd && low < 40);
	CHECK_ERRNO("f_dupfd_negative_arg_gives_einval", fcntl(fd, F_DUPFD, -1), EINVAL);
	CHECK_ERRNO("f_dupfd_bad_fd_gives_ebadf", fcntl(99, F_DUPFD, 0), EBADF);
	close(low);
	close(c);
	close(b);
	close(a);
	close(fd);
}

static void test_fcntl_flags(void)
{
	char buf[16];
	int fd = open(fs_path("fl"), O_RDWR | O_CREAT | O_TRUNC, 0644);
	if (!CHECK("flags_setup_open", fd >= 0))
		return;
	CHECK("f_getfd_new_fd_is_zero", fcntl(fd, F_GETFD) == 0);
	CHECK("f_setfd_cloexec_succeeds", fcntl(fd, F_SETFD, FD_CLOEXEC) == 0);
	CHECK("f_getfd_shows_cloexec", fcntl(fd, F_GETFD) == FD_CLOEXEC);
	int d = dup(fd);
	CHECK("cloexec_is_per_descriptor", fcntl(d, F_GETFD) == 0);
	CHECK("f_setfd_zero_clears_cloexec", fcntl(fd, F_SETFD, 0) == 0 && fcntl(fd, F_GETFD) == 0);

	int fl = fcntl(fd, F_GETFL);
	CHECK("f_getfl_shows_access_mode", fl >= 0 && (fl & O_ACCMODE) == O_RDWR);
	CHECK("f_getfl_without_append", fl >= 0 && !(fl & O_APPEND));
	write(fd, "0123456789", 10);
	CHECK("f_setfl_append_succeeds", fcntl(fd, F_SETFL, fl | O_APPEND) == 0);
	CHECK("f_getfl_shows_append", fcntl(fd, F_GETFL) & O_APPEND);
	CHECK("file_status_flags_are_shared_by_dup", fcntl(d, F_GETFL) & O_APPEND);
	lseek(fd, 0, SEEK_SET);
	write(fd, "AB", 2);
	CHECK("append_set_by_f_setfl_writes_at_end",
	      pread(fd, buf, 16, 0) == 12 && !memcmp(buf, "0123456789AB", 12));
	CHECK("f_setfl_clear_append_succeeds", fcntl(fd, F_SETFL, fl & ~O_APPEND) == 0);
	CHECK("f_getfl_shows_append_cleared", !(fcntl(fd, F_GETFL) & O_APPEND));
	lseek(fd, 0, SEEK_SET);
	write(fd, "xy", 2);
	CHECK("write_after_append_cleared_goes_to_offset",
	      pread(fd, buf, 16, 0) == 12 && !memcmp(buf, "xy23456789AB", 12));
	CHECK("f_setfl_nonblock_succeeds", fcntl(fd, F_SETFL, O_NONBLOCK) == 0);
	CHECK("f_getfl_shows_nonblock", fcntl(fd, F_GETFL) & O_NONBLOCK);
	close(fd);
	close(d);

	fd = open(fs_path("fl"), O_RDONLY);
	fcntl(fd, F_SETFL, O_WRONLY | O_APPEND);
	CHECK("f_setfl_cannot_change_access_mode", (fcntl(fd, F_GETFL) & O_ACCMODE) == O_RDONLY);
	CHECK_ERRNO("fcntl_unknown_command_gives_einval", fcntl(fd, 9999), EINVAL);
	close(fd);
	CHECK_ERRNO("fcntl_getfd_bad_fd_gives_ebadf", fcntl(fd, F_GETFD), EBADF);
	CHECK_ERRNO("fcntl_getfl_bad_fd_gives_ebadf", fcntl(fd, F_GETFL), EBADF);
}

/* On Linux the descriptor limit may be tens of thousands: bring it down to
 * this OS's table size so filling it stays quick. */
static void limit_descriptors(void)
{
	struct rlimit rl;
	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur > 256) {
		rl.rlim_cur = 256;
		if (setrlimit(RLIMIT_NOFILE, &rl) == 0)
			tap_note("lowered RLIMIT_NOFILE to 256 for the EMFILE check");
	}
}

static void test_emfile(void)
{
	static int fds[MAX_OPEN];
	int n = 0, err = 0;
	limit_descriptors();
	while (n < MAX_OPEN) {
		int fd = open("/dev/null", O_RDONLY);
		if (fd < 0) {
			err = errno;
			break;
		}
		fds[n++] = fd;
	}
	tap_note("opened %d descriptors before failing", n);
	CHECK("open_until_full_gives_emfile", n < MAX_OPEN && err == EMFILE);
	CHECK("descriptor_table_holds_many", n > 16);
	CHECK_ERRNO("dup_with_full_table_gives_emfile", dup(0), EMFILE);
	CHECK_ERRNO("f_dupfd_with_full_table_gives_emfile", fcntl(0, F_DUPFD, 0), EMFILE);
	int p[2];
	CHECK_ERRNO("pipe_with_full_table_gives_emfile", pipe(p), EMFILE);
	int closed = 0;
	for (int i = 0; i < n; i++)
		closed += close(fds[i]) == 0;
	CHECK("closing_all_opened_fds_succeeds", closed == n);
	int fd = open("/dev/null", O_RDONLY);
	CHECK("open_after_closing_succeeds", fd >= 0 && fd == fds[0]);
	close(fd);
}

int main(void)
{
	tap_begin();
	if (!CHECK("fs_fds_create_test_dir", fs_dir_create("t_fs_fds") == 0))
		return tap_end("t_fs_fds");
	test_close_and_lowest();
	test_dup();
	test_fcntl_dupfd();
	test_fcntl_flags();
	test_emfile();
	CHECK("fs_fds_remove_test_dir", fs_dir_remove() == 0);
	return tap_end("t_fs_fds");
}
