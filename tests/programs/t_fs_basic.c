// SPDX-License-Identifier: MIT
/* t_fs_basic: files through the VFS: open/openat/creat and their flags
 * (O_CREAT, O_EXCL, O_TRUNC, O_APPEND, O_DIRECTORY, O_NOFOLLOW, O_CLOEXEC),
 * read/write/pread/pwrite/readv/writev, lseek, truncate/ftruncate, the
 * devices /dev/null, /dev/zero, /dev/console, /dev/tty and a file of the
 * initrd. Works in /tmp/t_fs_basic.<pid>. */
#include <sys/uio.h>
#include "tap.h"
#include "fs_util.h"

/* Returns 1 if buf[0..n) is all zero. */
static int all_zero(const unsigned char *buf, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (buf[i])
			return 0;
	return 1;
}

static void test_open_create(void)
{
	char buf[64];
	int fd = open(fs_path("a"), O_RDWR | O_CREAT | O_EXCL, 0644);
	if (!CHECK("open_creat_excl_new_file_succeeds", fd >= 0))
		return;
	CHECK("write_to_new_file_returns_count", write(fd, "hello", 5) == 5);
	CHECK("close_new_file_succeeds", close(fd) == 0);
	CHECK("created_file_has_written_size", fs_size(fs_path("a")) == 5);
	CHECK_ERRNO("open_creat_excl_existing_gives_eexist",
		    open(fs_path("a"), O_RDWR | O_CREAT | O_EXCL, 0644), EEXIST);
	CHECK_ERRNO("open_missing_without_creat_gives_enoent",
		    open(fs_path("missing"), O_RDONLY), ENOENT);

	fd = open(fs_path("a"), O_RDWR | O_CREAT, 0644);
	CHECK("open_creat_existing_keeps_contents",
	      fd >= 0 && read(fd, buf, sizeof(buf)) == 5 && !memcmp(buf, "hello", 5));
	close(fd);
	fd = open(fs_path("a"), O_WRONLY | O_TRUNC);
	CHECK("open_trunc_empties_file", fd >= 0 && fs_size(fs_path("a")) == 0);
	close(fd);

	fd = creat(fs_path("c"), 0644);
	CHECK("creat_makes_write_only_file", fd >= 0 && write(fd, "xyz", 3) == 3);
	CHECK_ERRNO("read_on_creat_descriptor_gives_ebadf", read(fd, buf, 1), EBADF);
	close(fd);
	fd = creat(fs_path("c"), 0644);
	CHECK("creat_existing_truncates", fd >= 0 && fs_size(fs_path("c")) == 0);
	close(fd);
}

static void test_open_flags(void)
{
	char buf[64];
	fs_write_file(fs_path("ap"), "abc");
	int fd = open(fs_path("ap"), O_WRONLY | O_APPEND);
	if (CHECK("open_append_succeeds", fd >= 0)) {
		lseek(fd, 0, SEEK_SET);
		CHECK("append_write_after_seek_to_start_succeeds", write(fd, "def", 3) == 3);
		CHECK("append_write_leaves_offset_at_end", lseek(fd, 0, SEEK_CUR) == 6);
		close(fd);
	}
	CHECK("append_writes_go_to_the_end",
	      fs_read_file(fs_path("ap"), buf, sizeof(buf)) == 6 && !strcmp(buf, "abcdef"));

	CHECK_ERRNO("open_directory_flag_on_file_gives_enotdir",
		    open(fs_path("ap"), O_RDONLY | O_DIRECTORY), ENOTDIR);
	fd = open(fs_dir, O_RDONLY | O_DIRECTORY);
	CHECK("open_directory_flag_on_directory_succeeds", fd >= 0);
	close(fd);
	CHECK_ERRNO("open_directory_for_writing_gives_eisdir", open(fs_dir, O_WRONLY), EISDIR);

	CHECK("symlink_for_nofollow_succeeds", symlink("ap", fs_path("ln")) == 0);
	CHECK_ERRNO("open_nofollow_on_symlink_gives_eloop",
		    open(fs_path("ln"), O_RDONLY | O_NOFOLLOW), ELOOP);
	fd = open(fs_path("ap"), O_RDONLY | O_NOFOLLOW);
	CHECK("open_nofollow_on_regular_file_succeeds", fd >= 0);
	close(fd);
	fd = open(fs_path("ln"), O_RDONLY);
	CHECK("open_through_symlink_reads_target",
	      fd >= 0 && read(fd, buf, 6) == 6 && !memcmp(buf, "abcdef", 6));
	close(fd);

	fd = open(fs_path("ap"), O_RDONLY | O_CLOEXEC);
	CHECK("open_cloexec_sets_fd_cloexec", fd >= 0 && fcntl(fd, F_GETFD) == FD_CLOEXEC);
	close(fd);
	fd = open(fs_path("ap"), O_RDONLY);
	CHECK("open_without_cloexec_leaves_fd_flags_clear", fd >= 0 && fcntl(fd, F_GETFD) == 0);
	close(fd);
}

static void test_openat(void)
{
	char buf[64];
	int dfd = open(fs_dir, O_RDONLY | O_DIRECTORY);
	if (!CHECK("openat_setup_open_dir", dfd >= 0))
		return;
	int fd = openat(dfd, "rel", O_WRONLY | O_CREAT | O_EXCL, 0644);
	CHECK("openat_relative_to_dirfd_creates_file", fd >= 0 && write(fd, "R", 1) == 1);
	close(fd);
	CHECK("openat_file_appears_in_that_directory",
	      fs_read_file(fs_path("rel"), buf, sizeof(buf)) == 1 && buf[0] == 'R');
	fd = openat(dfd, fs_path("rel"), O_RDONLY);
	CHECK("openat_absolute_path_ignores_dirfd", fd >= 0);
	close(fd);
	fd = openat(AT_FDCWD, fs_path("rel"), O_RDONLY);
	CHECK("openat_at_fdcwd_succeeds", fd >= 0);
	CHECK_ERRNO("openat_relative_to_file_fd_gives_enotdir", openat(fd, "x", O_RDONLY), ENOTDIR);
	close(fd);
	CHECK_ERRNO("openat_relative_to_bad_fd_gives_ebadf", openat(999, "x", O_RDONLY), EBADF);
	CHECK_ERRNO("openat_excl_existing_gives_eexist",
		    openat(dfd, "rel", O_WRONLY | O_CREAT | O_EXCL, 0644), EEXIST);
	close(dfd);
}

static void test_read_write(void)
{
	char buf[64];
	int fd = open(fs_path("rw"), O_RDWR | O_CREAT | O_TRUNC, 0644);
	if (!CHECK("read_write_setup_open", fd >= 0))
		return;
	CHECK("write_ten_bytes_returns_ten", write(fd, "0123456789", 10) == 10);
	CHECK("write_zero_bytes_returns_zero", write(fd, "", 0) == 0);
	lseek(fd, 0, SEEK_SET);
	CHECK("read_returns_written_bytes", read(fd, buf, 4) == 4 && !memcmp(buf, "0123", 4));
	CHECK("read_advances_offset", read(fd, buf, 2) == 2 && !memcmp(buf, "45", 2));
	CHECK("read_short_at_end_returns_rest", read(fd, buf, 64) == 4 && !memcmp(buf, "6789", 4));
	CHECK("read_at_end_returns_zero", read(fd, buf, 64) == 0);

	lseek(fd, 4, SEEK_SET);
	CHECK("pread_reads_at_offset", pread(fd, buf, 3, 5) == 3 && !memcmp(buf, "567", 3));
	CHECK("pread_leaves_offset_unchanged", lseek(fd, 0, SEEK_CUR) == 4);
	CHECK("pwrite_writes_at_offset", pwrite(fd, "XY", 2, 8) == 2);
	CHECK("pwrite_leaves_offset_unchanged", lseek(fd, 0, SEEK_CUR) == 4);
	CHECK("pwrite_result_reads_back",
	      pread(fd, buf, 10, 0) == 10 && !memcmp(buf, "01234567XY", 10));
	CHECK("pread_past_end_returns_zero", pread(fd, buf, 4, 100) == 0);
	CHECK("pwrite_past_end_extends_file", pwrite(fd, "Z", 1, 20) == 1);
	memset(buf, 0x55, sizeof(buf));
	CHECK("pwrite_past_end_leaves_zero_gap",
	      pread(fd, buf, 64, 10) == 11 && all_zero((unsigned char *)buf, 10) && buf[10] == 'Z');
	CHECK_ERRNO("pread_negative_offset_gives_einval", pread(fd, buf, 1, -1), EINVAL);
	CHECK_ERRNO("pwrite_negative_offset_gives_einval", pwrite(fd, "a", 1, -1), EINVAL);
	close(fd);

	fd = open(fs_path("rw"), O_RDONLY);
	CHECK_ERRNO("write_on_read_only_fd_gives_ebadf", write(fd, "a", 1), EBADF);
	close(fd);
	fd = open(fs_path("rw"), O_WRONLY);
	CHECK_ERRNO("read_on_write_only_fd_gives_ebadf", read(fd, buf, 1), EBADF);
	close(fd);
	CHECK_ERRNO("read_on_closed_fd_gives_ebadf", read(fd, buf, 1), EBADF);
}

static void test_vectors(void)
{
	char a[4], b[8], c[16];
	int fd = open(fs_path("vec"), O_RDWR | O_CREAT | O_TRUNC, 0644);
	if (!CHECK("vectors_setup_open", fd >= 0))
		return;
	struct iovec wv[3] = {
		{ "one", 3 }, { "", 0 }, { "-two-three", 10 },
	};
	CHECK("writev_returns_total", writev(fd, wv, 3) == 13);
	lseek(fd, 0, SEEK_SET);
	struct iovec rv[3] = { { a, 4 }, { b, 8 }, { c, 16 } };
	CHECK("readv_returns_file_size", readv(fd, rv, 3) == 13);
	CHECK("readv_fills_buffers_in_order",
	      !memcmp(a, "one-", 4) && !memcmp(b, "two-thre", 8) && c[0] == 'e');
	CHECK("readv_at_end_returns_zero", readv(fd, rv, 3) == 0);
	close(fd);
}

static void test_lseek(void)
{
	int fd = open(fs_path("seek"), O_RDWR | O_CREAT | O_TRUNC, 0644);
	if (!CHECK("lseek_setup_open", fd >= 0))
		return;
	write(fd, "abcdefghij", 10);
	CHECK("lseek_set_returns_offset", lseek(fd, 3, SEEK_SET) == 3);
	CHECK("lseek_cur_forward_adds", lseek(fd, 2, SEEK_CUR) == 5);
	CHECK("lseek_cur_backward_subtracts", lseek(fd, -1, SEEK_CUR) == 4);
	CHECK("lseek_end_returns_size", lseek(fd, 0, SEEK_END) == 10);
	CHECK("lseek_end_negative_returns_size_minus", lseek(fd, -2, SEEK_END) == 8);
	char ch = 0;
	CHECK("read_after_lseek_reads_there", read(fd, &ch, 1) == 1 && ch == 'i');
	CHECK_ERRNO("lseek_set_negative_gives_einval", lseek(fd, -1, SEEK_SET), EINVAL);
	CHECK_ERRNO("lseek_cur_before_start_gives_einval", lseek(fd, -100, SEEK_CUR), EINVAL);
	CHECK_ERRNO("lseek_end_before_start_gives_einval", lseek(fd, -11, SEEK_END), EINVAL);
	CHECK_ERRNO("lseek_bad_whence_gives_einval", lseek(fd, 0, 99), EINVAL);
	CHECK("lseek_failure_keeps_offset", lseek(fd, 0, SEEK_CUR) == 9);
	CHECK("lseek_past_end_succeeds", lseek(fd, 100, SEEK_SET) == 100);
	CHECK("lseek_past_end_does_not_grow_file", fs_size(fs_path("seek")) == 10);
	CHECK("write_past_end_grows_file", write(fd, "!", 1) == 1 && fs_size(fs_path("seek")) == 101);
	unsigned char gap[90];
	CHECK("write_past_end_leaves_zero_gap",
	      pread(fd, gap, sizeof(gap), 10) == 90 && all_zero(gap, sizeof(gap)));
	close(fd);
	CHECK_ERRNO("lseek_closed_fd_gives_ebadf", lseek(fd, 0, SEEK_SET), EBADF);
}

static void test_truncate(void)
{
	unsigned char buf[200];
	fs_write_file(fs_path("tr"), "0123456789");
	CHECK("truncate_grow_succeeds", truncate(fs_path("tr"), 100) == 0);
	CHECK("truncate_grow_sets_size", fs_size(fs_path("tr")) == 100);
	int fd = open(fs_path("tr"), O_RDWR);
	if (!CHECK("truncate_setup_open", fd >= 0))
		return;
	CHECK("truncate_grow_keeps_data_and_reads_zeros",
	      read(fd, buf, sizeof(buf)) == 100 && !memcmp(buf, "0123456789", 10) &&
		      all_zero(buf + 10, 90));
	CHECK("ftruncate_shrink_succeeds", ftruncate(fd, 3) == 0);
	CHECK("ftruncate_shrink_sets_size", fs_size(fs_path("tr")) == 3);
	CHECK("read_after_shrink_returns_rest",
	      pread(fd, buf, sizeof(buf), 0) == 3 && !memcmp(buf, "012", 3));
	CHECK("ftruncate_keeps_offset", lseek(fd, 0, SEEK_CUR) == 100);
	CHECK("ftruncate_regrow_succeeds", ftruncate(fd, 8) == 0);
	CHECK("regrow_after_shrink_reads_zeros_not_old_data",
	      pread(fd, buf, sizeof(buf), 0) == 8 && !memcmp(buf, "012", 3) && all_zero(buf + 3, 5));
	CHECK("ftruncate_to_zero_succeeds", ftruncate(fd, 0) == 0 && fs_size(fs_path("tr")) == 0);
	CHECK_ERRNO("ftruncate_negative_gives_einval", ftruncate(fd, -1), EINVAL);
	close(fd);
	CHECK_ERRNO("truncate_negative_gives_einval", truncate(fs_path("tr"), -1), EINVAL);
	CHECK_ERRNO("truncate_directory_gives_eisdir", truncate(fs_dir, 0), EISDIR);
	CHECK_ERRNO("truncate_missing_gives_enoent", truncate(fs_path("nope"), 0), ENOENT);
	fd = open(fs_path("tr"), O_RDONLY);
	CHECK_ERRNO("ftruncate_read_only_fd_gives_einval", ftruncate(fd, 0), EINVAL);
	close(fd);
}

static void test_devices(void)
{
	unsigned char buf[4096];
	struct stat st;
	int fd = open("/dev/null", O_RDWR);
	if (CHECK("open_dev_null_succeeds", fd >= 0)) {
		CHECK("read_dev_null_returns_zero", read(fd, buf, sizeof(buf)) == 0);
		CHECK("write_dev_null_returns_count", write(fd, buf, 100) == 100);
		CHECK("dev_null_is_char_device", fstat(fd, &st) == 0 && S_ISCHR(st.st_mode));
		close(fd);
	}
	fd = open("/dev/zero", O_RDWR);
	if (CHECK("open_dev_zero_succeeds", fd >= 0)) {
		memset(buf, 0xaa, sizeof(buf));
		CHECK("read_dev_zero_fills_buffer", read(fd, buf, sizeof(buf)) == sizeof(buf));
		CHECK("read_dev_zero_gives_zeros", all_zero(buf, sizeof(buf)));
		CHECK("write_dev_zero_returns_count", write(fd, buf, 10) == 10);
		close(fd);
	}
	CHECK("dev_console_exists", stat("/dev/console", &st) == 0 && S_ISCHR(st.st_mode));
	CHECK("dev_tty_exists", stat("/dev/tty", &st) == 0 && S_ISCHR(st.st_mode));
}

static void test_initrd_file(void)
{
	char buf[256];
	ssize_t n = fs_read_file("/etc/hostname", buf, sizeof(buf));
	CHECK("read_etc_hostname_succeeds", n > 0);
	if (fs_on_uk())
		CHECK("etc_hostname_holds_microkernel", n == 12 && !strcmp(buf, "microkernel\n"));
	else
		tap_skip("etc_hostname_holds_microkernel", "not this OS: host's /etc/hostname");
	struct stat st;
	CHECK("stat_etc_hostname_gives_its_size",
	      stat("/etc/hostname", &st) == 0 && S_ISREG(st.st_mode) && st.st_size == n);
}

int main(void)
{
	tap_begin();
	if (!CHECK("fs_basic_create_test_dir", fs_dir_create("t_fs_basic") == 0))
		return tap_end("t_fs_basic");
	test_open_create();
	test_open_flags();
	test_openat();
	test_read_write();
	test_vectors();
	test_lseek();
	test_truncate();
	test_devices();
	test_initrd_file();
	CHECK("fs_basic_remove_test_dir", fs_dir_remove() == 0);
	return tap_end("t_fs_basic");
}
