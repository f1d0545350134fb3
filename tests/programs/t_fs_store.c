// SPDX-License-Identifier: MIT
/* t_fs_store: the file store's space. Deleted files give their space back
 * (the finding: a 4 MiB file written in 64 KiB pieces and deleted, nine
 * times, failed with ENOSPC on an empty file system), one file can grow to
 * most of the store, statfs tells the truth about both, and holes
 * (ftruncate, lseek SEEK_DATA/SEEK_HOLE) take no space. Works in
 * /tmp/t_fs_store.<pid>; the fill-up checks run only on a store smaller
 * than 256 MiB (not on a Linux host's /tmp). */
#define _GNU_SOURCE
#include <stdlib.h>
#include <sys/statfs.h>
#include "tap.h"
#include "fs_util.h"

#define PIECE (64 * 1024)
#define FILE_BYTES (4 * 1024 * 1024)
#define SMALL_STORE (256ull << 20)

static unsigned char piece[PIECE];

/* Free bytes of the store, or -1. */
static long long free_bytes(void)
{
	struct statfs sf;
	return statfs(fs_dir, &sf) == 0 ? (long long)(sf.f_bfree * sf.f_bsize) : -1LL;
}

static long long total_bytes(void)
{
	struct statfs sf;
	return statfs(fs_dir, &sf) == 0 ? (long long)(sf.f_blocks * sf.f_bsize) : -1LL;
}

/* Writes bytes of pattern seed to path in PIECE-sized writes. Returns
 * the bytes written before the first failure (errno set), or bytes. */
static long long write_file(const char *path, long long bytes, unsigned seed)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0)
		return -1;
	long long done = 0;
	while (done < bytes) {
		size_t n = bytes - done < PIECE ? (size_t)(bytes - done) : PIECE;
		fs_pattern_fill(piece, n, seed, (uint64_t)done);
		ssize_t w = write(fd, piece, n);
		if (w <= 0)
			break;
		done += w;
	}
	int err = errno;
	close(fd);
	errno = err;
	return done;
}

/* Reads path back and checks it is pattern seed of bytes bytes. */
static int file_is(const char *path, long long bytes, unsigned seed)
{
	int fd = open(path, O_RDONLY);
	long long done = 0;
	ssize_t r;
	while (fd >= 0 && (r = read(fd, piece, PIECE)) > 0) {
		if (!fs_pattern_check(piece, (size_t)r, seed, (uint64_t)done))
			break;
		done += r;
	}
	if (fd >= 0)
		close(fd);
	return done == bytes;
}

/* Whether this is a store of its own (this OS's), where nothing else
 * moves the free-space figures while the test runs. */
static int store_is_quiet(void)
{
	long long total = total_bytes();
	return total > 0 && (unsigned long long)total <= SMALL_STORE;
}

static void test_space_comes_back(void)
{
	long long before = free_bytes();
	int all_written = 1, all_read = 1, all_gone = 1;
	for (int round = 0; round < 12; round++) {
		long long n = write_file(fs_path("big"), FILE_BYTES, (unsigned)round);
		if (n != FILE_BYTES) {
			tap_note("round %d: wrote %lld bytes: %s", round, n, strerror(errno));
			all_written = 0;
			break;
		}
		all_read &= file_is(fs_path("big"), FILE_BYTES, (unsigned)round);
		all_gone &= unlink(fs_path("big")) == 0;
	}
	CHECK("nine_4mib_write_delete_cycles_never_fill_the_store", all_written);
	CHECK("each_4mib_file_reads_back_intact", all_read);
	CHECK("each_4mib_file_is_deleted", all_gone);
	long long after = free_bytes();
	tap_note("free before %lld, after %lld", before, after);
	if (store_is_quiet())
		CHECK("statfs_free_space_is_back_after_the_deletes",
		      before > 0 && llabs(after - before) <= 64 * 1024);
	else
		tap_skip("statfs_free_space_is_back_after_the_deletes", "a shared store");
}

static void test_statfs_counts_files(void)
{
	long long before = free_bytes();
	long long n = write_file(fs_path("four"), FILE_BYTES, 7);
	long long during = free_bytes();
	if (store_is_quiet())
		CHECK("statfs_free_space_drops_by_what_a_file_holds",
		      n == FILE_BYTES && before - during >= FILE_BYTES &&
			      before - during <= FILE_BYTES + 256 * 1024);
	else
		tap_skip("statfs_free_space_drops_by_what_a_file_holds", "a shared store");
	struct stat st;
	CHECK("st_blocks_counts_the_bytes_held",
	      stat(fs_path("four"), &st) == 0 && st.st_blocks >= FILE_BYTES / 512 &&
		      st.st_blocks <= FILE_BYTES / 512 + 64);
	unlink(fs_path("four"));
	if (store_is_quiet())
		CHECK("statfs_free_space_returns_after_unlink",
		      llabs(free_bytes() - before) <= 64 * 1024);
	else
		tap_skip("statfs_free_space_returns_after_unlink", "a shared store");
	struct statfs sf;
	CHECK("statfs_reports_more_blocks_than_free", statfs(fs_dir, &sf) == 0 &&
							      sf.f_blocks >= sf.f_bfree &&
							      sf.f_bavail <= sf.f_bfree && sf.f_bsize > 0);
}

static void test_one_file_fills_the_store(void)
{
	long long total = total_bytes(), before = free_bytes();
	if (!store_is_quiet()) {
		tap_skip("one_file_grows_to_most_of_the_store", "the store is not small");
		return;
	}
	long long n = write_file(fs_path("huge"), total + 4 * PIECE, 3);
	int err = errno;
	tap_note("store %lld bytes, %lld free; one file reached %lld bytes", total, before, n);
	CHECK("one_file_grows_to_most_of_the_store", n >= before - before / 16);
	CHECK("a_write_to_a_full_store_gives_enospc", n <= total && err == ENOSPC);
	CHECK("statfs_shows_a_full_store", free_bytes() < 256 * 1024);
	int fd = open(fs_path("huge"), O_WRONLY | O_APPEND);
	CHECK_ERRNO("another_write_to_the_full_store_gives_enospc", write(fd, piece, PIECE), ENOSPC);
	close(fd);
	int fd2 = open(fs_path("other"), O_WRONLY | O_CREAT, 0644);
	CHECK("creating_an_empty_file_works_when_the_store_is_full", fd2 >= 0);
	close(fd2);
	CHECK("the_huge_file_reads_back_intact", file_is(fs_path("huge"), n, 3));
	unlink(fs_path("huge"));
	unlink(fs_path("other"));
	CHECK("the_space_is_back_after_the_huge_file_goes", llabs(free_bytes() - before) <= 64 * 1024);
	long long again = write_file(fs_path("huge2"), n, 4);
	CHECK("a_file_as_large_fits_again", again == n);
	unlink(fs_path("huge2"));
}

static void test_holes(void)
{
	long long before = free_bytes();
	int fd = open(fs_path("sparse"), O_RDWR | O_CREAT | O_TRUNC, 0644);
	CHECK("ftruncate_to_one_gib_succeeds", fd >= 0 && ftruncate(fd, 1ll << 30) == 0);
	struct stat st;
	CHECK("a_hole_takes_no_blocks", fstat(fd, &st) == 0 && st.st_size == 1ll << 30 &&
						st.st_blocks < 64);
	if (store_is_quiet())
		CHECK("a_hole_takes_no_store_space", llabs(free_bytes() - before) <= 64 * 1024);
	char buf[100];
	memset(buf, 'x', sizeof(buf));
	CHECK("a_hole_reads_as_zeros", pread(fd, buf, sizeof(buf), 500000000) == sizeof(buf) &&
					       buf[0] == 0 && buf[99] == 0);
	CHECK("a_write_inside_the_hole_succeeds", pwrite(fd, "data", 4, 1 << 20) == 4);
	CHECK("seek_data_finds_the_written_block", lseek(fd, 0, SEEK_DATA) >= 0 &&
							    lseek(fd, 0, SEEK_DATA) <= (1 << 20));
	off_t hole = lseek(fd, 1 << 20, SEEK_HOLE);
	CHECK("seek_hole_finds_the_hole_after_it", hole > (1 << 20) && hole < (1ll << 30));
	CHECK_ERRNO("seek_data_past_the_end_gives_enxio", lseek(fd, 1ll << 30, SEEK_DATA), ENXIO);
	CHECK("seek_hole_at_the_last_byte_is_in_the_tail_hole",
	      lseek(fd, (1ll << 30) - 1, SEEK_HOLE) == (1ll << 30) - 1);
	CHECK("shrinking_keeps_the_bytes_before", ftruncate(fd, (1 << 20) + 2) == 0 &&
							  pread(fd, buf, 10, 1 << 20) == 2 &&
							  !memcmp(buf, "da", 2));
	CHECK("growing_again_reads_zeros_past_the_old_end",
	      ftruncate(fd, (1 << 20) + 8) == 0 && pread(fd, buf, 10, 1 << 20) == 8 &&
		      !memcmp(buf, "da\0\0\0\0\0\0", 8));
	close(fd);
	unlink(fs_path("sparse"));
}

/* Offsets past 2 GiB come back whole (the answer travels as 64 bits). */
static void test_far_offsets(void)
{
	const char *p = fs_path("far");
	int fd = open(p, O_CREAT | O_RDWR | O_TRUNC, 0600);
	const off_t far = 3ll << 30;
	CHECK("lseek_to_3gib_returns_3gib", fd >= 0 && lseek(fd, far, SEEK_SET) == far);
	CHECK("lseek_cur_reports_3gib", lseek(fd, 0, SEEK_CUR) == far);
	CHECK("a_byte_written_at_3gib_makes_the_size_3gib_plus_1", write(fd, "x", 1) == 1 &&
	      lseek(fd, 0, SEEK_END) == far + 1);
	struct stat st;
	CHECK("fstat_reports_the_size_past_2gib", fstat(fd, &st) == 0 && st.st_size == far + 1);
	char c = 0;
	CHECK("pread_at_3gib_reads_the_byte", pread(fd, &c, 1, far) == 1 && c == 'x');
	close(fd);
	unlink(p);
}

int main(void)
{
	tap_begin();
	if (!CHECK("fs_store_make_test_dir", fs_dir_create("t_fs_store") == 0))
		return tap_end("t_fs_store");
	test_space_comes_back();
	test_statfs_counts_files();
	test_one_file_fills_the_store();
	test_holes();
	test_far_offsets();
	CHECK("fs_store_remove_test_dir", fs_dir_remove() == 0);
	return tap_end("t_fs_store");
}
