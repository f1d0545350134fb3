// SPDX-License-Identifier: MIT
/* servers/vfs/vfs_dev.c: the device nodes the VFS serves itself. */
#include "fixture.h"
#include <errno.h>
#include <string.h>
#include <sys/sysmacros.h>

START_TEST(urandom_gives_bytes_that_differ_between_reads)
{
	unsigned char a[64], b[64];
	int fd = fx_open(&USER, "/dev/urandom", O_RDONLY, 0);
	ck_assert_int_eq(vfs_read(fx, &USER, fd, a, sizeof(a)), 64);
	ck_assert_int_eq(vfs_read(fx, &USER, fd, b, sizeof(b)), 64);
	ck_assert(memcmp(a, b, sizeof(a)) != 0);
	static unsigned char big[100000];
	ck_assert_int_eq(vfs_read(fx, &USER, fd, big, sizeof(big)), (ssize_t)sizeof(big));
}
END_TEST

START_TEST(random_reads_and_takes_writes)
{
	unsigned char a[16];
	int fd = fx_open(&USER, "/dev/random", O_RDWR, 0);
	ck_assert_int_eq(vfs_read(fx, &USER, fd, a, sizeof(a)), 16);
	ck_assert_int_eq(vfs_write(fx, &USER, fd, "seed", 4), 4);
	struct linux_stat st;
	ck_assert_int_eq(vfs_fstat(fx, &USER, fd, &st), 0);
	ck_assert_uint_eq(st.st_rdev, makedev(1, 8));
	ck_assert_uint_eq(st.st_mode & 0777, 0666);
}
END_TEST

START_TEST(a_device_node_without_a_driver_gives_enxio)
{
	ck_assert_int_eq(vfs_mknodat(fx, &ROOT, AT_FDCWD, "/tmp/odd", S_IFCHR | 0666,
				     makedev(42, 7)), 0);
	ck_assert_int_eq(vfs_openat(fx, &ROOT, AT_FDCWD, "/tmp/odd", O_RDONLY, 0), -ENXIO);
	ck_assert_int_eq(vfs_mknodat(fx, &ROOT, AT_FDCWD, "/tmp/null2", S_IFCHR | 0666,
				     makedev(1, 3)), 0);
	int fd = fx_open(&ROOT, "/tmp/null2", O_WRONLY, 0);
	ck_assert_int_eq(vfs_write(fx, &ROOT, fd, "x", 1), 1);
	ck_assert_int_eq(vfs_mknodat(fx, &USER, AT_FDCWD, "/tmp/c", S_IFCHR | 0666,
				     makedev(1, 3)), -EPERM);
}
END_TEST

UNIT_SUITE(dev_suite)
static Suite *dev_suite(void)
{
	Suite *s = suite_create("vfs_dev");
	TCase *tc = fx_tcase(s, "dev");
	tcase_add_test(tc, urandom_gives_bytes_that_differ_between_reads);
	tcase_add_test(tc, random_reads_and_takes_writes);
	tcase_add_test(tc, a_device_node_without_a_driver_gives_enxio);
	return s;
}
