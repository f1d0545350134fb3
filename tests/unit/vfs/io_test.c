// SPDX-License-Identifier: MIT
/* servers/vfs/vfs_ops_io.c and vfs_data.c: reads, writes, offsets,
 * truncation, devices, space limits. */
#include "fixture.h"
#include <errno.h>
#include <stdlib.h>
#include <string.h>

START_TEST(read_write_and_lseek_move_the_shared_offset)
{
	int fd = fx_open(&ROOT, "/tmp/f", O_CREAT | O_RDWR, 0644);
	char b[16] = { 0 };
	ck_assert_int_eq(vfs_write(fx, &ROOT, fd, "0123456789", 10), 10);
	ck_assert_int_eq(vfs_read(fx, &ROOT, fd, b, sizeof(b)), 0);
	ck_assert_int_eq(vfs_lseek(fx, &ROOT, fd, 2, SEEK_SET), 2);
	ck_assert_int_eq(vfs_read(fx, &ROOT, fd, b, 3), 3);
	ck_assert_mem_eq(b, "234", 3);
	ck_assert_int_eq(vfs_lseek(fx, &ROOT, fd, 1, SEEK_CUR), 6);
	ck_assert_int_eq(vfs_lseek(fx, &ROOT, fd, -2, SEEK_END), 8);
	ck_assert_int_eq(vfs_read(fx, &ROOT, fd, b, sizeof(b)), 2);
	ck_assert_mem_eq(b, "89", 2);
	ck_assert_int_eq(vfs_lseek(fx, &ROOT, fd, -11, SEEK_END), -EINVAL);
	ck_assert_int_eq(vfs_lseek(fx, &ROOT, fd, 0, 42), -EINVAL);
	ck_assert_int_eq(vfs_lseek(fx, &ROOT, fd, 3, SEEK_DATA), 3);
	ck_assert_int_eq(vfs_lseek(fx, &ROOT, fd, 3, SEEK_HOLE), 10);
	ck_assert_int_eq(vfs_lseek(fx, &ROOT, fd, 10, SEEK_DATA), -ENXIO);
}
END_TEST

START_TEST(pread_and_pwrite_leave_the_offset_alone)
{
	int fd = fx_open(&ROOT, "/tmp/f", O_CREAT | O_RDWR, 0644);
	char b[8] = { 0 };
	ck_assert_int_eq(vfs_write(fx, &ROOT, fd, "abcdef", 6), 6);
	ck_assert_int_eq(vfs_pwrite(fx, &ROOT, fd, "XY", 2, 1), 2);
	ck_assert_int_eq(vfs_pread(fx, &ROOT, fd, b, 4, 0), 4);
	ck_assert_mem_eq(b, "aXYd", 4);
	ck_assert_int_eq(vfs_lseek(fx, &ROOT, fd, 0, SEEK_CUR), 6);
	ck_assert_int_eq(vfs_pread(fx, &ROOT, fd, b, 4, -1), -EINVAL);
	ck_assert_int_eq(vfs_pread(fx, &ROOT, fd, b, 4, 100), 0);
}
END_TEST

START_TEST(writing_past_the_end_fills_the_gap_with_zeros)
{
	int fd = fx_open(&ROOT, "/tmp/f", O_CREAT | O_RDWR, 0644);
	ck_assert_int_eq(vfs_lseek(fx, &ROOT, fd, 5000, SEEK_SET), 5000);
	ck_assert_int_eq(vfs_write(fx, &ROOT, fd, "z", 1), 1);
	char b[5001];
	ck_assert_int_eq(vfs_pread(fx, &ROOT, fd, b, sizeof(b), 0), 5001);
	for (int i = 0; i < 5000; i++)
		ck_assert_int_eq(b[i], 0);
	ck_assert_int_eq(b[5000], 'z');
}
END_TEST

static uint64_t fnv(const uint8_t *p, size_t n, uint64_t h)
{
	for (size_t i = 0; i < n; i++)
		h = (h ^ p[i]) * 1099511628211ull;
	return h;
}

START_TEST(eight_mib_across_many_files_reads_back_intact)
{
	enum { FILES = 128, SIZE = 64 * 1024 };
	uint8_t *chunk = malloc(SIZE);
	uint64_t sums[FILES];
	char path[64];
	srand(7);
	for (int f = 0; f < FILES; f++) {
		for (int i = 0; i < SIZE; i++)
			chunk[i] = (uint8_t)rand();
		sums[f] = fnv(chunk, SIZE, 14695981039346656037ull);
		snprintf(path, sizeof(path), "/tmp/d%d", f % 4);
		vfs_mkdirat(fx, &ROOT, AT_FDCWD, path, 0755);
		snprintf(path, sizeof(path), "/tmp/d%d/file%d", f % 4, f);
		int fd = fx_open(&ROOT, path, O_CREAT | O_WRONLY, 0644);
		for (size_t off = 0, step = 1 + (size_t)f * 37; off < SIZE; off += step) {
			size_t n = off + step > SIZE ? SIZE - off : step;
			ck_assert_int_eq(vfs_write(fx, &ROOT, fd, chunk + off, n), (ssize_t)n);
		}
		ck_assert_int_eq(vfs_close(fx, &ROOT, fd), 0);
	}
	for (int f = 0; f < FILES; f++) {
		snprintf(path, sizeof(path), "/tmp/d%d/file%d", f % 4, f);
		int fd = fx_open(&ROOT, path, O_RDONLY, 0);
		uint64_t h = 14695981039346656037ull;
		ssize_t n, total = 0;
		while ((n = vfs_read(fx, &ROOT, fd, chunk, 4000)) > 0) {
			h = fnv(chunk, (size_t)n, h);
			total += n;
		}
		ck_assert_int_eq(total, SIZE);
		ck_assert_uint_eq(h, sums[f]);
		ck_assert_int_eq(vfs_close(fx, &ROOT, fd), 0);
	}
	struct vfs_cache_stats cs;
	vfs_cache_stats(fx, &cs);
	ck_assert_uint_eq(cs.heap_bytes, (uint64_t)FILES * SIZE);
	free(chunk);
}
END_TEST

START_TEST(truncate_and_ftruncate_grow_and_shrink)
{
	fx_put(&ROOT, "/tmp/f", "abcdef", 6);
	ck_assert_int_eq(vfs_truncate(fx, &ROOT, "/tmp/f", 3), 0);
	ck_assert_str_eq(fx_get(&ROOT, "/tmp/f"), "abc");
	int fd = fx_open(&ROOT, "/tmp/f", O_RDWR, 0);
	ck_assert_int_eq(vfs_ftruncate(fx, &ROOT, fd, 5), 0);
	char b[8];
	ck_assert_int_eq(vfs_pread(fx, &ROOT, fd, b, sizeof(b), 0), 5);
	ck_assert_mem_eq(b, "abc\0\0", 5);
	ck_assert_int_eq(vfs_ftruncate(fx, &ROOT, fd, -1), -EINVAL);
	int ro = fx_open(&ROOT, "/tmp/f", O_RDONLY, 0);
	ck_assert_int_eq(vfs_ftruncate(fx, &ROOT, ro, 0), -EINVAL);
	ck_assert_int_eq(vfs_truncate(fx, &ROOT, "/tmp", 0), -EISDIR);
}
END_TEST

START_TEST(dev_null_and_zero_are_served_and_console_is_forwarded)
{
	char b[8];
	memset(b, 'x', sizeof(b));
	int null = fx_open(&ROOT, "/dev/null", O_RDWR, 0);
	int zero = fx_open(&ROOT, "/dev/zero", O_RDONLY, 0);
	int con = fx_open(&ROOT, "/dev/console", O_RDWR, 0);
	int tty = fx_open(&ROOT, "/dev/tty", O_RDWR, 0);
	ck_assert_int_eq(vfs_read(fx, &ROOT, null, b, 8), 0);
	ck_assert_int_eq(vfs_write(fx, &ROOT, null, b, 8), 8);
	ck_assert_int_eq(vfs_read(fx, &ROOT, zero, b, 8), 8);
	ck_assert_mem_eq(b, "\0\0\0\0\0\0\0\0", 8);
	ck_assert_int_eq(vfs_read(fx, &ROOT, con, b, 8), VFS_FORWARD_CONSOLE);
	ck_assert_int_eq(vfs_write(fx, &ROOT, con, b, 8), VFS_FORWARD_CONSOLE);
	ck_assert_int_eq(vfs_write(fx, &ROOT, tty, b, 8), VFS_FORWARD_CONSOLE);
	ck_assert_int_eq(vfs_lseek(fx, &ROOT, con, 0, SEEK_SET), -ESPIPE);
	struct linux_stat st;
	ck_assert_int_eq(vfs_fstat(fx, &ROOT, con, &st), 0);
	ck_assert(S_ISCHR(st.st_mode));
	ck_assert_uint_eq(st.st_rdev, (5 << 8) | 1);
}
END_TEST

START_TEST(data_limit_gives_enospc)
{
	struct vfs_config cfg = { .max_data_bytes = 10000 };
	fx_reset(&cfg);
	static char big[6000];
	int fd = fx_open(&ROOT, "/tmp/a", O_CREAT | O_WRONLY, 0644);
	ck_assert_int_eq(vfs_write(fx, &ROOT, fd, big, sizeof(big)), (ssize_t)sizeof(big));
	int fd2 = fx_open(&ROOT, "/tmp/b", O_CREAT | O_WRONLY, 0644);
	ck_assert_int_eq(vfs_write(fx, &ROOT, fd2, big, sizeof(big)), -ENOSPC);
	ck_assert_int_eq(vfs_ftruncate(fx, &ROOT, fd, 0), 0);
	ck_assert_int_eq(vfs_write(fx, &ROOT, fd2, big, sizeof(big)), (ssize_t)sizeof(big));
	struct linux_statfs sf;
	ck_assert_int_eq(vfs_fstatfs(fx, &ROOT, fd2, &sf), 0);
	ck_assert_int_eq(sf.f_type, VFS_TMPFS_MAGIC);
	ck_assert_uint_eq(sf.f_blocks, 10000 / 4096);
	ck_assert_int_eq(sf.f_namelen, 255);
}
END_TEST

static uint64_t fake_now = 5000000000ull;
static uint64_t fake_clock(void *ctx)
{
	(void)ctx;
	return fake_now;
}

START_TEST(writes_update_mtime_from_the_clock)
{
	struct vfs_config cfg = { .clock = fake_clock };
	fx_reset(&cfg);
	fx_put(&ROOT, "/tmp/f", "a", 1);
	ck_assert_uint_eq(fx_stat(&ROOT, "/tmp/f").st_mtime_sec, 5);
	fake_now = 7500000000ull;
	int fd = fx_open(&ROOT, "/tmp/f", O_WRONLY, 0);
	ck_assert_int_eq(vfs_write(fx, &ROOT, fd, "b", 1), 1);
	struct linux_stat st = fx_stat(&ROOT, "/tmp/f");
	ck_assert_uint_eq(st.st_mtime_sec, 7);
	ck_assert_uint_eq(st.st_mtime_nsec, 500000000);
	ck_assert_uint_eq(st.st_atime_sec, 5);
}
END_TEST

UNIT_SUITE(io_suite)
static Suite *io_suite(void)
{
	Suite *s = suite_create("vfs_io");
	TCase *tc = fx_tcase(s, "io");
	tcase_add_test(tc, read_write_and_lseek_move_the_shared_offset);
	tcase_add_test(tc, pread_and_pwrite_leave_the_offset_alone);
	tcase_add_test(tc, writing_past_the_end_fills_the_gap_with_zeros);
	tcase_add_test(tc, eight_mib_across_many_files_reads_back_intact);
	tcase_add_test(tc, truncate_and_ftruncate_grow_and_shrink);
	tcase_add_test(tc, dev_null_and_zero_are_served_and_console_is_forwarded);
	tcase_add_test(tc, data_limit_gives_enospc);
	tcase_add_test(tc, writes_update_mtime_from_the_clock);
	return s;
}
