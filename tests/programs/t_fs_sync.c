// SPDX-License-Identifier: MIT
/* t_fs_sync: the calls about keeping and moving bytes, from the Linux man
 * pages: fsync(2), fdatasync(2), sync(2), syncfs(2) (EBADF, EINVAL on a
 * pipe), fallocate(2) (mode 0, FALLOC_FL_KEEP_SIZE, FALLOC_FL_PUNCH_HOLE,
 * EOPNOTSUPP for the rest, EBADF, EINVAL, ESPIPE, ENODEV), sendfile(2)
 * (with and without an offset, into a file and a pipe, EBADF, EINVAL,
 * ESPIPE) and copy_file_range(2) (offsets, EOF, overlap, EBADF, EINVAL,
 * EISDIR). Works in /tmp/t_fs_sync.<pid>. */
#define _GNU_SOURCE
#include <sys/sendfile.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include "tap.h"
#include "fs_util.h"

#ifndef FALLOC_FL_KEEP_SIZE
#define FALLOC_FL_KEEP_SIZE 0x01
#endif
#ifndef FALLOC_FL_PUNCH_HOLE
#define FALLOC_FL_PUNCH_HOLE 0x02
#endif
#ifndef FALLOC_FL_COLLAPSE_RANGE
#define FALLOC_FL_COLLAPSE_RANGE 0x08
#endif

static long long size_of(int fd)
{
	struct stat st;
	return fstat(fd, &st) == 0 ? (long long)st.st_size : -1;
}

static long long blocks_of(int fd)
{
	struct stat st;
	return fstat(fd, &st) == 0 ? (long long)st.st_blocks : -1;
}

static void test_syncs(void)
{
	int fd = open(fs_path("s"), O_RDWR | O_CREAT, 0644);
	write(fd, "abc", 3);
	CHECK("fsync_of_a_file_succeeds", fsync(fd) == 0);
	CHECK("fdatasync_of_a_file_succeeds", fdatasync(fd) == 0);
	CHECK("syncfs_succeeds", syncfs(fd) == 0);
	sync();
	CHECK("sync_returns", 1);
	int ro = open(fs_path("s"), O_RDONLY);
	CHECK("fsync_of_a_read_only_descriptor_succeeds", fsync(ro) == 0);
	close(ro);
	int dfd = open(fs_dir, O_RDONLY | O_DIRECTORY);
	CHECK("fsync_of_a_directory_succeeds", fsync(dfd) == 0);
	close(dfd);
	int p[2];
	pipe(p);
	CHECK_ERRNO("fsync_of_a_pipe_gives_einval", fsync(p[0]), EINVAL);
	CHECK_ERRNO("fdatasync_of_a_pipe_gives_einval", fdatasync(p[1]), EINVAL);
	CHECK("syncfs_of_a_pipe_succeeds", syncfs(p[0]) == 0);
	close(p[0]);
	close(p[1]);
	CHECK_ERRNO("fsync_of_a_closed_descriptor_gives_ebadf", fsync(99), EBADF);
	CHECK_ERRNO("fdatasync_of_a_closed_descriptor_gives_ebadf", fdatasync(99), EBADF);
	CHECK_ERRNO("syncfs_of_a_closed_descriptor_gives_ebadf", syncfs(99), EBADF);
	close(fd);
}

static void test_fallocate(void)
{
	int fd = open(fs_path("fa"), O_RDWR | O_CREAT | O_TRUNC, 0644);
	CHECK("fallocate_grows_the_file", fallocate(fd, 0, 0, 100000) == 0 &&
						  size_of(fd) == 100000);
	CHECK("fallocated_space_counts_in_blocks", blocks_of(fd) >= 100000 / 512);
	char buf[16];
	CHECK("fallocated_bytes_read_as_zeros", pread(fd, buf, 16, 50000) == 16 && buf[0] == 0 &&
							 buf[15] == 0);
	CHECK("fallocate_keep_size_leaves_the_size",
	      fallocate(fd, FALLOC_FL_KEEP_SIZE, 100000, 50000) == 0 && size_of(fd) == 100000 &&
		      blocks_of(fd) >= 150000 / 512);
	pwrite(fd, "xxxxxxxxxx", 10, 8190);
	CHECK("punch_hole_zeroes_the_range",
	      fallocate(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, 8192, 4096) == 0 &&
		      pread(fd, buf, 10, 8190) == 10 && !memcmp(buf, "xx\0\0\0\0\0\0\0\0", 10) &&
		      size_of(fd) == 100000);
	CHECK_ERRNO("punch_hole_without_keep_size_gives_eopnotsupp",
		    fallocate(fd, FALLOC_FL_PUNCH_HOLE, 0, 10), EOPNOTSUPP);
	CHECK_ERRNO("fallocate_unknown_mode_gives_eopnotsupp", fallocate(fd, 0x1000, 0, 10),
		    EOPNOTSUPP);
	struct statfs sf;
	if (fstatfs(fd, &sf) == 0 && sf.f_type == 0x01021994)  /* tmpfs's modes */
		CHECK_ERRNO("fallocate_collapse_range_gives_eopnotsupp",
			    fallocate(fd, FALLOC_FL_COLLAPSE_RANGE, 0, 4096), EOPNOTSUPP);
	else
		tap_skip("fallocate_collapse_range_gives_eopnotsupp", "not a tmpfs");
	CHECK_ERRNO("fallocate_zero_length_gives_einval", fallocate(fd, 0, 0, 0), EINVAL);
	CHECK_ERRNO("fallocate_negative_offset_gives_einval", fallocate(fd, 0, -1, 10), EINVAL);
	CHECK_ERRNO("fallocate_closed_descriptor_gives_ebadf", fallocate(99, 0, 0, 10), EBADF);
	int ro = open(fs_path("fa"), O_RDONLY);
	CHECK_ERRNO("fallocate_read_only_descriptor_gives_ebadf", fallocate(ro, 0, 0, 10), EBADF);
	close(ro);
	int p[2];
	pipe(p);
	CHECK_ERRNO("fallocate_on_a_pipe_gives_espipe", fallocate(p[1], 0, 0, 10), ESPIPE);
	close(p[0]);
	close(p[1]);
	int null = open("/dev/null", O_WRONLY);
	CHECK_ERRNO("fallocate_on_a_device_gives_enodev", fallocate(null, 0, 0, 10), ENODEV);
	close(null);
	close(fd);
}

static void test_sendfile(void)
{
	fs_write_file(fs_path("src"), "0123456789abcdefghij");
	int in = open(fs_path("src"), O_RDONLY);
	int out = open(fs_path("dst"), O_RDWR | O_CREAT | O_TRUNC, 0644);
	CHECK("sendfile_copies_from_the_file_offset", sendfile(out, in, NULL, 5) == 5 &&
							       lseek(in, 0, SEEK_CUR) == 5);
	off_t off = 10;
	CHECK("sendfile_with_an_offset_copies_from_it", sendfile(out, in, &off, 5) == 5 &&
								off == 15 && lseek(in, 0, SEEK_CUR) == 5);
	char buf[32] = "";
	CHECK("sendfile_wrote_both_pieces_in_order",
	      pread(out, buf, sizeof(buf), 0) == 10 && !memcmp(buf, "01234abcde", 10));
	off = 18;
	CHECK("sendfile_stops_at_the_end_of_the_input", sendfile(out, in, &off, 100) == 2);
	CHECK("sendfile_at_the_end_returns_0", sendfile(out, in, &off, 100) == 0);
	int p[2];
	pipe(p);
	off = 0;
	CHECK("sendfile_into_a_pipe", sendfile(p[1], in, &off, 4) == 4 &&
					      read(p[0], buf, 4) == 4 && !memcmp(buf, "0123", 4));
	int null = open("/dev/null", O_WRONLY);
	CHECK("sendfile_into_dev_null", sendfile(null, in, NULL, 3) == 3);
	close(null);
	CHECK_ERRNO("sendfile_from_a_pipe_with_an_offset_gives_espipe",
		    sendfile(out, p[0], &off, 1), ESPIPE);
	CHECK_ERRNO("sendfile_from_a_pipe_gives_einval", sendfile(out, p[0], NULL, 1), EINVAL);
	CHECK_ERRNO("sendfile_from_a_write_only_descriptor_gives_ebadf",
		    sendfile(in, out, NULL, 1), EBADF);
	CHECK_ERRNO("sendfile_to_a_closed_descriptor_gives_ebadf", sendfile(99, in, NULL, 1), EBADF);
	int app = open(fs_path("dst"), O_WRONLY | O_APPEND);
	CHECK_ERRNO("sendfile_to_an_append_descriptor_gives_einval", sendfile(app, in, NULL, 1),
		    EINVAL);
	close(app);
	off = -1;
	CHECK_ERRNO("sendfile_negative_offset_gives_einval", sendfile(out, in, &off, 1), EINVAL);
	CHECK_ERRNO("sendfile_bad_offset_pointer_gives_efault",
		    syscall(SYS_sendfile, out, in, (void *)1, 1), EFAULT);
	close(p[0]);
	close(p[1]);
	close(in);
	close(out);
}

static void test_copy_file_range(void)
{
	fs_write_file(fs_path("cin"), "The quick brown fox");
	int in = open(fs_path("cin"), O_RDONLY);
	int out = open(fs_path("cout"), O_RDWR | O_CREAT | O_TRUNC, 0644);
	CHECK("copy_file_range_uses_and_moves_both_offsets",
	      copy_file_range(in, NULL, out, NULL, 4, 0) == 4 && lseek(in, 0, SEEK_CUR) == 4 &&
		      lseek(out, 0, SEEK_CUR) == 4);
	loff_t oi = 10, oo = 100;
	CHECK("copy_file_range_with_offsets_moves_them_only",
	      copy_file_range(in, &oi, out, &oo, 5, 0) == 5 && oi == 15 && oo == 105 &&
		      lseek(in, 0, SEEK_CUR) == 4);
	char buf[8] = "";
	CHECK("copy_file_range_wrote_at_the_output_offset", pread(out, buf, 5, 100) == 5 &&
								    !memcmp(buf, "brown", 5));
	oi = 16;
	CHECK("copy_file_range_stops_at_the_end_of_the_input",
	      copy_file_range(in, &oi, out, NULL, 100, 0) == 3);
	oi = 50;
	CHECK("copy_file_range_past_the_end_returns_0", copy_file_range(in, &oi, out, NULL, 10, 0) == 0);
	CHECK_ERRNO("copy_file_range_flags_give_einval", copy_file_range(in, NULL, out, NULL, 1, 1),
		    EINVAL);
	CHECK_ERRNO("copy_file_range_closed_descriptor_gives_ebadf",
		    copy_file_range(99, NULL, out, NULL, 1, 0), EBADF);
	CHECK_ERRNO("copy_file_range_into_a_read_only_descriptor_gives_ebadf",
		    copy_file_range(in, NULL, in, NULL, 1, 0), EBADF);
	int app = open(fs_path("cout"), O_WRONLY | O_APPEND);
	CHECK_ERRNO("copy_file_range_into_an_append_descriptor_gives_ebadf",
		    copy_file_range(in, NULL, app, NULL, 1, 0), EBADF);
	close(app);
	int dfd = open(fs_dir, O_RDONLY | O_DIRECTORY);
	CHECK_ERRNO("copy_file_range_from_a_directory_gives_eisdir",
		    copy_file_range(dfd, NULL, out, NULL, 1, 0), EISDIR);
	close(dfd);
	int p[2];
	pipe(p);
	CHECK_ERRNO("copy_file_range_into_a_pipe_gives_einval",
		    copy_file_range(in, NULL, p[1], NULL, 1, 0), EINVAL);
	close(p[0]);
	close(p[1]);
	int rw = open(fs_path("cin"), O_RDWR);
	loff_t a = 0, b = 2;
	CHECK_ERRNO("copy_file_range_overlapping_in_one_file_gives_einval",
		    copy_file_range(rw, &a, rw, &b, 5, 0), EINVAL);
	a = 0, b = 10;
	CHECK("copy_file_range_within_one_file_without_overlap",
	      copy_file_range(rw, &a, rw, &b, 3, 0) == 3 && pread(rw, buf, 3, 10) == 3 &&
		      !memcmp(buf, "The", 3));
	close(rw);
	close(in);
	close(out);
}

int main(void)
{
	tap_begin();
	if (!CHECK("fs_sync_make_test_dir", fs_dir_create("t_fs_sync") == 0))
		return tap_end("t_fs_sync");
	test_syncs();
	test_fallocate();
	test_sendfile();
	test_copy_file_range();
	CHECK("fs_sync_remove_test_dir", fs_dir_remove() == 0);
	return tap_end("t_fs_sync");
}
