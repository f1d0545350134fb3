// SPDX-License-Identifier: MIT
/* Random operations on initrd-backed and new files under tiny cache limits,
 * checked against a model of the files' contents: the caches may drop and
 * rebuild anything clean at any call, and must never lose or mix data. */
#include "fixture.h"
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define DIRS 2
#define NAMES 6
#define MAXLEN 300

struct model {
	bool exists;
	size_t len;
	char data[MAXLEN];
};

static struct model m[DIRS][NAMES];

static void path_of(char *buf, int d, int n)
{
	snprintf(buf, 32, "/data/d%d/n%d", d, n);
}

static void load_initial(void)
{
	static char bodies[DIRS][NAMES][40];
	struct fx_archive a;
	char name[32];
	struct vfs_config cfg = { .icache_max_inodes = fx_base_inodes() + 3, .dcache_max = 4 };
	fx_reset(&cfg);
	memset(m, 0, sizeof(m));
	fx_ar_begin(&a);
	for (int d = 0; d < DIRS; d++)
		for (int n = 0; n < NAMES; n += 2) {
			snprintf(bodies[d][n], sizeof(bodies[d][n]), "initial %d %d", d, n);
			snprintf(name, sizeof(name), "data/d%d/n%d", d, n);
			fx_ar_add(&a, name, 0100644, bodies[d][n], strlen(bodies[d][n]));
			m[d][n].exists = true;
			m[d][n].len = strlen(bodies[d][n]);
			memcpy(m[d][n].data, bodies[d][n], m[d][n].len);
		}
	fx_ar_end(&a, true);
	fx_ar_load(&a);
}

static void op_write(int d, int n)
{
	char path[32], buf[64];
	path_of(path, d, n);
	struct model *e = &m[d][n];
	size_t off = (size_t)rand() % 200, len = 1 + (size_t)rand() % 60;
	for (size_t i = 0; i < len; i++)
		buf[i] = (char)('a' + rand() % 26);
	int fd = fx_open(&ROOT, path, O_CREAT | O_WRONLY, 0644);
	ck_assert_int_eq(vfs_pwrite(fx, &ROOT, fd, buf, len, (int64_t)off), (ssize_t)len);
	ck_assert_int_eq(vfs_close(fx, &ROOT, fd), 0);
	if (!e->exists)
		e->len = 0;
	if (off > e->len)
		memset(e->data + e->len, 0, off - e->len);
	memcpy(e->data + off, buf, len);
	if (off + len > e->len)
		e->len = off + len;
	e->exists = true;
}

static void op_check(int d, int n)
{
	char path[32], buf[MAXLEN + 1];
	path_of(path, d, n);
	struct model *e = &m[d][n];
	int fd = vfs_openat(fx, &ROOT, AT_FDCWD, path, O_RDONLY, 0);
	if (!e->exists) {
		ck_assert_int_eq(fd, -ENOENT);
		return;
	}
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(vfs_read(fx, &ROOT, fd, buf, sizeof(buf)), (ssize_t)e->len);
	ck_assert_mem_eq(buf, e->data, e->len);
	ck_assert_int_eq(vfs_close(fx, &ROOT, fd), 0);
}

static void op_unlink(int d, int n)
{
	char path[32];
	path_of(path, d, n);
	int r = vfs_unlinkat(fx, &ROOT, AT_FDCWD, path, 0);
	ck_assert_int_eq(r, m[d][n].exists ? 0 : -ENOENT);
	m[d][n].exists = false;
}

static void op_rename(int d, int n, int d2, int n2)
{
	char from[32], to[32];
	path_of(from, d, n);
	path_of(to, d2, n2);
	int r = vfs_renameat(fx, &ROOT, AT_FDCWD, from, AT_FDCWD, to);
	ck_assert_int_eq(r, m[d][n].exists ? 0 : -ENOENT);
	if (m[d][n].exists && (d != d2 || n != n2)) {
		m[d2][n2] = m[d][n];
		m[d][n].exists = false;
	}
}

START_TEST(random_operations_under_tiny_caches_never_lose_data)
{
	srand(12345);
	load_initial();
	int held[4] = { -1, -1, -1, -1 };
	for (int step = 0; step < 20000; step++) {
		int d = rand() % DIRS, n = rand() % NAMES;
		int k = rand() % 100;
		if (k < 30)
			op_check(d, n);
		else if (k < 55)
			op_write(d, n);
		else if (k < 65)
			op_unlink(d, n);
		else if (k < 80)
			op_rename(d, n, rand() % DIRS, rand() % NAMES);
		else {
			int h = rand() % 4;
			char path[32];
			path_of(path, d, n);
			if (held[h] >= 0)
				ck_assert_int_eq(vfs_close(fx, &ROOT, held[h]), 0);
			held[h] = vfs_openat(fx, &ROOT, AT_FDCWD, path, O_RDONLY, 0);
		}
	}
	for (int d = 0; d < DIRS; d++)
		for (int n = 0; n < NAMES; n++)
			op_check(d, n);
	struct vfs_cache_stats cs;
	vfs_cache_stats(fx, &cs);
	ck_assert_uint_gt(cs.inode_evictions, 0);
	ck_assert_uint_gt(cs.dentry_evictions, 0);
}
END_TEST

UNIT_SUITE(random_suite)
static Suite *random_suite(void)
{
	Suite *s = suite_create("vfs_random");
	TCase *tc = fx_tcase(s, "random");
	tcase_add_test(tc, random_operations_under_tiny_caches_never_lose_data);
	return s;
}
