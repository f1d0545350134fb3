// SPDX-License-Identifier: MIT
/* servers/vfs/vfs_inode.c and vfs_dcache.c: the inode cache (LRU of clean
 * initrd inodes, dirty and held ones kept) and the dentry cache (negative
 * entries, invalidation, limit, counters). */
#include "fixture.h"
#include <errno.h>
#include <string.h>

#define NFILES 20

static struct vfs_cache_stats stats(void)
{
	struct vfs_cache_stats cs;
	vfs_cache_stats(fx, &cs);
	return cs;
}

/* A state with limits cfg and /data/f00../data/f19, 100 bytes each
 * ("fNN" then dots). */
static void load_files(struct vfs_config *cfg)
{
	static char body[NFILES][100];
	struct fx_archive a;
	char name[32];
	fx_reset(cfg);
	fx_ar_begin(&a);
	fx_ar_add(&a, "data", 040755, NULL, 0);
	for (int i = 0; i < NFILES; i++) {
		memset(body[i], '.', sizeof(body[i]));
		body[i][0] = 'f';
		body[i][1] = (char)('0' + i / 10);
		body[i][2] = (char)('0' + i % 10);
		snprintf(name, sizeof(name), "data/f%02d", i);
		fx_ar_add(&a, name, 0100644, body[i], sizeof(body[i]));
	}
	fx_ar_end(&a, true);
	fx_ar_load(&a);
}

static void expect_file(int i, const char *prefix)
{
	char path[32];
	snprintf(path, sizeof(path), "/data/f%02d", i);
	const char *got = fx_get(&ROOT, path);
	ck_assert_uint_eq(strlen(got), 100);
	ck_assert_msg(strncmp(got, prefix, strlen(prefix)) == 0, "%s: %.8s", path, got);
}

static void read_all(void)
{
	char want[16];
	for (int i = 0; i < NFILES; i++) {
		snprintf(want, sizeof(want), "f%02d.", i);
		expect_file(i, want);
	}
}

START_TEST(clean_initrd_inodes_are_dropped_at_the_limit_and_rebuilt)
{
	struct vfs_config cfg = { .icache_max_inodes = fx_base_inodes() + 5 };
	load_files(&cfg);
	struct vfs_cache_stats s0 = stats();
	ck_assert_uint_eq(s0.inode_misses, 0); /* nothing built until used */
	uint32_t fixed = s0.inodes_resident;  /* /, /dev and nodes, /tmp, /data */
	read_all();
	struct vfs_cache_stats s1 = stats();
	ck_assert_uint_eq(s1.inodes_resident, cfg.icache_max_inodes);
	ck_assert_uint_eq(s1.inode_misses, NFILES);
	ck_assert_uint_eq(s1.inode_evictions, NFILES - (cfg.icache_max_inodes - fixed));
	expect_file(NFILES - 1, "f19."); /* recent: still resident */
	ck_assert_uint_eq(stats().inode_misses, NFILES);
	expect_file(0, "f00.");          /* dropped long ago: rebuilt */
	ck_assert_uint_eq(stats().inode_misses, NFILES + 1);
	ck_assert_uint_gt(stats().inode_hits, s1.inode_hits);
}
END_TEST

START_TEST(dirty_inodes_are_never_dropped)
{
	struct vfs_config cfg = { .icache_max_inodes = fx_base_inodes() + 3 };
	load_files(&cfg);
	struct vfs_cache_stats s0 = stats();
	char path[32];
	for (unsigned i = 0; i < 5; i++) {
		snprintf(path, sizeof(path), "/data/f%02d", i);
		int fd = fx_open(&ROOT, path, O_WRONLY, 0);
		ck_assert_int_eq(vfs_write(fx, &ROOT, fd, "DIRTY", 5), 5);
		ck_assert_int_eq(vfs_close(fx, &ROOT, fd), 0);
	}
	for (unsigned i = 5; i < NFILES; i++) {
		snprintf(path, sizeof(path), "f%02u.", i);
		expect_file(i, path);
	}
	struct vfs_cache_stats s1 = stats();
	ck_assert_uint_eq(s1.inodes_dirty, s0.inodes_dirty + 5);
	ck_assert_uint_eq(s1.inodes_resident, s0.inodes_resident + 5); /* over the limit */
	ck_assert_uint_eq(s1.heap_bytes, 500);
	uint64_t misses = s1.inode_misses;
	for (int i = 0; i < 5; i++)
		expect_file(i, "DIRTY");
	ck_assert_uint_eq(stats().inode_misses, misses);
}
END_TEST

START_TEST(open_inodes_are_not_dropped)
{
	struct vfs_config cfg = { .icache_max_inodes = fx_base_inodes() + 2 };
	load_files(&cfg);
	int fd = fx_open(&ROOT, "/data/f03", O_RDONLY, 0);
	read_all();
	uint64_t misses = stats().inode_misses;
	ck_assert_int_eq(fx_stat_rc(&ROOT, "/data/f03"), 0);
	ck_assert_uint_eq(stats().inode_misses, misses);
	ck_assert_int_eq(vfs_close(fx, &ROOT, fd), 0);
	ck_assert_uint_le(stats().inodes_resident, cfg.icache_max_inodes);
}
END_TEST

START_TEST(byte_limit_drops_clean_file_data)
{
	struct vfs_config cfg = { .icache_max_bytes = 250 };
	load_files(&cfg);
	read_all();
	struct vfs_cache_stats s = stats();
	ck_assert_uint_le(s.bytes_resident, 250);
	ck_assert_uint_eq(s.inode_evictions, NFILES - 2);
	read_all(); /* rebuilt as needed, same bytes */
}
END_TEST

START_TEST(negative_dentry_hits_on_a_repeated_missing_name)
{
	ck_assert_int_eq(fx_stat_rc(&ROOT, "/tmp/nope"), -ENOENT);
	struct vfs_cache_stats s0 = stats();
	ck_assert_int_eq(fx_stat_rc(&ROOT, "/tmp/nope"), -ENOENT);
	struct vfs_cache_stats s1 = stats();
	ck_assert_uint_eq(s1.dentry_negative_hits, s0.dentry_negative_hits + 1);
	ck_assert_uint_eq(s1.dentry_hits, s0.dentry_hits + 2); /* "tmp" and "nope" */
	ck_assert_uint_eq(s1.dentry_misses, s0.dentry_misses);
}
END_TEST

START_TEST(negative_dentry_turns_positive_on_create)
{
	ck_assert_int_eq(fx_stat_rc(&ROOT, "/tmp/x"), -ENOENT);
	fx_put(&ROOT, "/tmp/x", "x", 1);
	struct vfs_cache_stats s0 = stats();
	ck_assert_int_eq(fx_stat_rc(&ROOT, "/tmp/x"), 0);
	struct vfs_cache_stats s1 = stats();
	ck_assert_uint_eq(s1.dentry_misses, s0.dentry_misses);
	ck_assert_uint_eq(s1.dentry_negative_hits, s0.dentry_negative_hits);
	ck_assert_int_eq(fx_stat_rc(&ROOT, "/tmp/d"), -ENOENT);
	ck_assert_int_eq(vfs_mkdirat(fx, &ROOT, AT_FDCWD, "/tmp/d", 0755), 0);
	ck_assert_int_eq(fx_stat_rc(&ROOT, "/tmp/d"), 0);
	ck_assert_int_eq(fx_stat_rc(&ROOT, "/tmp/s"), -ENOENT);
	ck_assert_int_eq(vfs_symlinkat(fx, &ROOT, "x", AT_FDCWD, "/tmp/s"), 0);
	ck_assert_int_eq(fx_stat_rc(&ROOT, "/tmp/s"), 0);
}
END_TEST

START_TEST(positive_dentry_turns_negative_on_unlink_and_rmdir)
{
	fx_put(&ROOT, "/tmp/x", "x", 1);
	ck_assert_int_eq(vfs_mkdirat(fx, &ROOT, AT_FDCWD, "/tmp/d", 0755), 0);
	ck_assert_int_eq(fx_stat_rc(&ROOT, "/tmp/x"), 0);
	ck_assert_int_eq(fx_stat_rc(&ROOT, "/tmp/d"), 0);
	ck_assert_int_eq(vfs_unlinkat(fx, &ROOT, AT_FDCWD, "/tmp/x", 0), 0);
	ck_assert_int_eq(vfs_unlinkat(fx, &ROOT, AT_FDCWD, "/tmp/d", AT_REMOVEDIR), 0);
	struct vfs_cache_stats s0 = stats();
	ck_assert_int_eq(fx_stat_rc(&ROOT, "/tmp/x"), -ENOENT);
	ck_assert_int_eq(fx_stat_rc(&ROOT, "/tmp/d"), -ENOENT);
	ck_assert_uint_eq(stats().dentry_negative_hits, s0.dentry_negative_hits + 2);
}
END_TEST

START_TEST(rename_updates_both_cached_names)
{
	fx_put(&ROOT, "/tmp/a", "A", 1);
	ck_assert_int_eq(fx_stat_rc(&ROOT, "/tmp/a"), 0);
	ck_assert_int_eq(fx_stat_rc(&ROOT, "/tmp/b"), -ENOENT);
	ck_assert_int_eq(vfs_renameat(fx, &ROOT, AT_FDCWD, "/tmp/a", AT_FDCWD, "/tmp/b"), 0);
	ck_assert_int_eq(fx_stat_rc(&ROOT, "/tmp/a"), -ENOENT);
	ck_assert_str_eq(fx_get(&ROOT, "/tmp/b"), "A");
	fx_put(&ROOT, "/tmp/c", "C", 1);
	ck_assert_int_eq(vfs_renameat(fx, &ROOT, AT_FDCWD, "/tmp/c", AT_FDCWD, "/tmp/b"), 0);
	ck_assert_str_eq(fx_get(&ROOT, "/tmp/b"), "C");
	ck_assert_int_eq(fx_stat_rc(&ROOT, "/tmp/c"), -ENOENT);
}
END_TEST

START_TEST(dentry_cache_evicts_least_recently_used_at_its_limit)
{
	struct vfs_config cfg = { .dcache_max = 8 };
	fx_reset(&cfg);
	char path[32];
	for (int i = 0; i < 20; i++) {
		snprintf(path, sizeof(path), "/tmp/n%d", i);
		ck_assert_int_eq(fx_stat_rc(&ROOT, path), -ENOENT);
	}
	struct vfs_cache_stats s = stats();
	ck_assert_uint_eq(s.dentries, 8);
	ck_assert_uint_gt(s.dentry_evictions, 0);
	ck_assert_int_eq(fx_stat_rc(&ROOT, "/tmp/n19"), -ENOENT); /* recent: a hit */
	ck_assert_uint_eq(stats().dentry_misses, s.dentry_misses);
	ck_assert_int_eq(fx_stat_rc(&ROOT, "/tmp/n0"), -ENOENT);  /* evicted: a miss */
	ck_assert_uint_eq(stats().dentry_misses, s.dentry_misses + 1);
}
END_TEST

START_TEST(a_recreated_directory_has_no_stale_entries)
{
	ck_assert_int_eq(vfs_mkdirat(fx, &ROOT, AT_FDCWD, "/tmp/d", 0755), 0);
	fx_put(&ROOT, "/tmp/d/x", "x", 1);
	ck_assert_int_eq(fx_stat_rc(&ROOT, "/tmp/d/ghost"), -ENOENT);
	ck_assert_int_eq(vfs_unlinkat(fx, &ROOT, AT_FDCWD, "/tmp/d/x", 0), 0);
	ck_assert_int_eq(vfs_unlinkat(fx, &ROOT, AT_FDCWD, "/tmp/d", AT_REMOVEDIR), 0);
	ck_assert_int_eq(vfs_mkdirat(fx, &ROOT, AT_FDCWD, "/tmp/d", 0755), 0);
	ck_assert_int_eq(fx_stat_rc(&ROOT, "/tmp/d/x"), -ENOENT);
	fx_put(&ROOT, "/tmp/d/ghost", "g", 1);
	ck_assert_str_eq(fx_get(&ROOT, "/tmp/d/ghost"), "g");
}
END_TEST

UNIT_SUITE(cache_suite)
static Suite *cache_suite(void)
{
	Suite *s = suite_create("vfs_cache");
	TCase *tc = fx_tcase(s, "cache");
	tcase_add_test(tc, clean_initrd_inodes_are_dropped_at_the_limit_and_rebuilt);
	tcase_add_test(tc, dirty_inodes_are_never_dropped);
	tcase_add_test(tc, open_inodes_are_not_dropped);
	tcase_add_test(tc, byte_limit_drops_clean_file_data);
	tcase_add_test(tc, negative_dentry_hits_on_a_repeated_missing_name);
	tcase_add_test(tc, negative_dentry_turns_positive_on_create);
	tcase_add_test(tc, positive_dentry_turns_negative_on_unlink_and_rmdir);
	tcase_add_test(tc, rename_updates_both_cached_names);
	tcase_add_test(tc, dentry_cache_evicts_least_recently_used_at_its_limit);
	tcase_add_test(tc, a_recreated_directory_has_no_stale_entries);
	return s;
}
