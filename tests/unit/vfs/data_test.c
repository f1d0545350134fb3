// SPDX-License-Identifier: MIT
/* servers/vfs/vfs_data.c: file bytes in chunks. Space is counted in the
 * chunks held, holes take none, and all of it comes back. */
#include "fixture.h"
#include <errno.h>
#include <stdlib.h>
#include <string.h>

static struct vfs_cache_stats stats(void)
{
	struct vfs_cache_stats cs;
	vfs_cache_stats(fx, &cs);
	return cs;
}

START_TEST(a_small_file_takes_less_than_a_chunk)
{
	fx_put(&ROOT, "/tmp/s", "hello", 5);
	ck_assert_uint_lt(stats().data_bytes, 4096);
	ck_assert_uint_gt(stats().data_bytes, 0);
	ck_assert_str_eq(fx_get(&ROOT, "/tmp/s"), "hello");
}
END_TEST

START_TEST(growing_a_small_file_past_a_chunk_keeps_its_bytes)
{
	int fd = fx_open(&ROOT, "/tmp/g", O_CREAT | O_RDWR, 0644);
	char b[10000];
	for (int i = 0; i < 10000; i++)
		ck_assert_int_eq(vfs_write(fx, &ROOT, fd, &(char){ (char)(i % 251) }, 1), 1);
	ck_assert_int_eq(vfs_pread(fx, &ROOT, fd, b, sizeof(b), 0), 10000);
	for (int i = 0; i < 10000; i++)
		ck_assert_int_eq(b[i], (char)(i % 251));
	ck_assert_uint_eq(stats().data_bytes, 3 * 4096);
}
END_TEST

START_TEST(truncating_up_makes_a_hole_that_takes_no_space)
{
	int fd = fx_open(&ROOT, "/tmp/h", O_CREAT | O_RDWR, 0644);
	ck_assert_int_eq(vfs_ftruncate(fx, &ROOT, fd, 1ll << 30), 0);
	ck_assert_uint_eq(stats().data_bytes, 0);
	char b[64];
	memset(b, 1, sizeof(b));
	ck_assert_int_eq(vfs_pread(fx, &ROOT, fd, b, sizeof(b), 123456789), 64);
	for (int i = 0; i < 64; i++)
		ck_assert_int_eq(b[i], 0);
	struct linux_stat st;
	ck_assert_int_eq(vfs_fstat(fx, &ROOT, fd, &st), 0);
	ck_assert_int_eq(st.st_blocks, 0);
	ck_assert_int_eq(st.st_size, 1ll << 30);
}
END_TEST

START_TEST(shrinking_clears_the_tail_so_growth_reads_zeros)
{
	int fd = fx_open(&ROOT, "/tmp/t", O_CREAT | O_RDWR, 0644);
	ck_assert_int_eq(vfs_write(fx, &ROOT, fd, "abcdefgh", 8), 8);
	ck_assert_int_eq(vfs_ftruncate(fx, &ROOT, fd, 3), 0);
	ck_assert_int_eq(vfs_ftruncate(fx, &ROOT, fd, 8), 0);
	char b[8];
	ck_assert_int_eq(vfs_pread(fx, &ROOT, fd, b, 8, 0), 8);
	ck_assert_mem_eq(b, "abc\0\0\0\0\0", 8);
}
END_TEST

START_TEST(deleting_files_gives_every_chunk_back)
{
	static char big[100000];
	for (int round = 0; round < 9; round++) {
		int fd = fx_open(&ROOT, "/tmp/big", O_CREAT | O_WRONLY | O_TRUNC, 0644);
		for (int i = 0; i < 40; i++)
			ck_assert_int_eq(vfs_write(fx, &ROOT, fd, big, sizeof(big)), (ssize_t)sizeof(big));
		ck_assert_int_eq(vfs_close(fx, &ROOT, fd), 0);
		ck_assert_uint_ge(stats().data_bytes, 40 * sizeof(big));
		ck_assert_int_eq(vfs_unlinkat(fx, &ROOT, AT_FDCWD, "/tmp/big", 0), 0);
		ck_assert_uint_eq(stats().data_bytes, 0);
	}
}
END_TEST

START_TEST(a_write_that_fills_the_store_is_short_then_enospc)
{
	struct vfs_config cfg = { .max_data_bytes = 3 * 4096 };
	fx_reset(&cfg);
	static char big[5 * 4096];
	int fd = fx_open(&ROOT, "/tmp/f", O_CREAT | O_WRONLY, 0644);
	ck_assert_int_eq(vfs_write(fx, &ROOT, fd, big, sizeof(big)), 3 * 4096);
	ck_assert_int_eq(vfs_write(fx, &ROOT, fd, big, 1), -ENOSPC);
	struct linux_statfs sf;
	ck_assert_int_eq(vfs_fstatfs(fx, &ROOT, fd, &sf), 0);
	ck_assert_uint_eq(sf.f_blocks, 3);
	ck_assert_uint_eq(sf.f_bfree, 0);
	ck_assert_int_eq(vfs_ftruncate(fx, &ROOT, fd, 4096), 0);
	ck_assert_int_eq(vfs_fstatfs(fx, &ROOT, fd, &sf), 0);
	ck_assert_uint_eq(sf.f_bfree, 2);
}
END_TEST

START_TEST(an_initrd_file_is_copied_only_when_changed)
{
	struct fx_archive a;
	fx_ar_begin(&a);
	fx_ar_add(&a, "etc/motd", 0100644, "welcome\n", 8);
	fx_ar_end(&a, true);
	fx_ar_load(&a);
	ck_assert_str_eq(fx_get(&ROOT, "/etc/motd"), "welcome\n");
	ck_assert_uint_eq(stats().data_bytes, 0);
	int fd = fx_open(&ROOT, "/etc/motd", O_WRONLY, 0);
	ck_assert_int_eq(vfs_pwrite(fx, &ROOT, fd, "W", 1, 0), 1);
	ck_assert_uint_gt(stats().data_bytes, 0);
	ck_assert_str_eq(fx_get(&ROOT, "/etc/motd"), "Welcome\n");
}
END_TEST

UNIT_SUITE(data_suite)
static Suite *data_suite(void)
{
	Suite *s = suite_create("vfs_data");
	TCase *tc = fx_tcase(s, "data");
	tcase_add_test(tc, a_small_file_takes_less_than_a_chunk);
	tcase_add_test(tc, growing_a_small_file_past_a_chunk_keeps_its_bytes);
	tcase_add_test(tc, truncating_up_makes_a_hole_that_takes_no_space);
	tcase_add_test(tc, shrinking_clears_the_tail_so_growth_reads_zeros);
	tcase_add_test(tc, deleting_files_gives_every_chunk_back);
	tcase_add_test(tc, a_write_that_fills_the_store_is_short_then_enospc);
	tcase_add_test(tc, an_initrd_file_is_copied_only_when_changed);
	return s;
}
