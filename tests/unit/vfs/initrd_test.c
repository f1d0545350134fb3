// SPDX-License-Identifier: MIT
/* servers/vfs/vfs_initrd.c and vfs_cpio.c: loading a newc archive, files
 * read in place then copied on write, malformed archives. */
#include "fixture.h"
#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* bin/ (dir), bin/init, ./etc/motd (implied etc/), "." and a symlink. */
static void sample(struct fx_archive *a)
{
	fx_ar_begin(a);
	fx_ar_add(a, ".", 040755, NULL, 0);
	fx_ar_add(a, "bin", 040750, NULL, 0);
	fx_ar_add(a, "bin/init", 0100755, "INIT", 4);
	fx_ar_add(a, "./etc/motd", 0100644, "hello\n", 6);
	fx_ar_add(a, "empty", 0100600, NULL, 0);
	fx_ar_add(a, "link", 0120777, "bin/init", 8);
	fx_ar_end(a, true);
}

START_TEST(loads_files_directories_and_symlinks)
{
	struct fx_archive a;
	sample(&a);
	fx_ar_load(&a);
	ck_assert_str_eq(fx_get(&ROOT, "/bin/init"), "INIT");
	ck_assert_str_eq(fx_get(&ROOT, "/etc/motd"), "hello\n");
	ck_assert_str_eq(fx_get(&ROOT, "/link"), "INIT");
	ck_assert_str_eq(fx_get(&ROOT, "/empty"), "");
	struct linux_stat st = fx_stat(&ROOT, "/bin");
	ck_assert_uint_eq(st.st_mode, 040750);
	ck_assert_uint_eq(fx_stat(&ROOT, "/etc").st_mode, 040755);
	ck_assert_uint_eq(fx_stat(&ROOT, "/bin/init").st_mode, 0100755);
	ck_assert_uint_eq(fx_stat(&ROOT, "/empty").st_mode, 0100600);
	char b[16];
	ck_assert_int_eq(vfs_readlinkat(fx, &ROOT, AT_FDCWD, "/link", b, sizeof(b)), 8);
	ck_assert_uint_eq(fx_stat(&ROOT, "/").st_nlink, 7); /* bin etc dev tmp proc + . .. */
}
END_TEST

START_TEST(initrd_files_are_read_in_place_then_copied_on_write)
{
	struct fx_archive a;
	sample(&a);
	char *copy = malloc(a.len);
	memcpy(copy, a.buf, a.len);
	fx_ar_load(&a);
	struct vfs_cache_stats before, after;
	ck_assert_str_eq(fx_get(&ROOT, "/etc/motd"), "hello\n");
	vfs_cache_stats(fx, &before);
	ck_assert_uint_eq(before.heap_bytes, 0);
	int fd = fx_open(&ROOT, "/etc/motd", O_WRONLY, 0);
	ck_assert_int_eq(vfs_write(fx, &ROOT, fd, "", 0), 0);
	vfs_cache_stats(fx, &after);
	ck_assert_uint_eq(after.inodes_dirty, before.inodes_dirty);
	ck_assert_int_eq(vfs_write(fx, &ROOT, fd, "J", 1), 1);
	ck_assert_str_eq(fx_get(&ROOT, "/etc/motd"), "Jello\n");
	vfs_cache_stats(fx, &after);
	ck_assert_uint_eq(after.heap_bytes, 6);
	ck_assert_uint_eq(after.inodes_dirty, before.inodes_dirty + 1);
	ck_assert_mem_eq(a.buf, copy, a.len); /* the archive is never written */
	ck_assert_str_eq(fx_get(&ROOT, "/bin/init"), "INIT");
	free(copy);
}
END_TEST

START_TEST(dev_and_tmp_exist_without_the_archive_providing_them)
{
	struct fx_archive a;
	sample(&a);
	fx_ar_load(&a);
	ck_assert(S_ISCHR(fx_stat(&ROOT, "/dev/null").st_mode));
	ck_assert(S_ISCHR(fx_stat(&ROOT, "/dev/zero").st_mode));
	ck_assert(S_ISCHR(fx_stat(&ROOT, "/dev/console").st_mode));
	ck_assert(S_ISCHR(fx_stat(&ROOT, "/dev/tty").st_mode));
	ck_assert_uint_eq(fx_stat(&ROOT, "/tmp").st_mode, 041777);
	fx_put(&USER, "/tmp/mine", "u", 1);
}
END_TEST

START_TEST(later_entries_replace_earlier_ones)
{
	struct fx_archive a;
	fx_ar_begin(&a);
	fx_ar_add(&a, "etc/f", 0100644, "one", 3);
	fx_ar_add(&a, "etc/f", 0100600, "second", 6);
	fx_ar_add(&a, "etc", 040700, NULL, 0);
	fx_ar_end(&a, false); /* a missing trailer ends at the end of the data */
	fx_ar_load(&a);
	ck_assert_str_eq(fx_get(&ROOT, "/etc/f"), "second");
	ck_assert_uint_eq(fx_stat(&ROOT, "/etc").st_mode, 040700);
	ck_assert_uint_eq(fx_stat(&ROOT, "/etc/f").st_mode, 0100600);
}
END_TEST

/* Loads a copy of a with byte off replaced by c; returns the result. */
static int load_corrupted(const struct fx_archive *a, size_t off, char c)
{
	char *bad = malloc(a->len);
	memcpy(bad, a->buf, a->len);
	bad[off] = c;
	struct vfs_state *s = vfs_create(NULL);
	int r = vfs_load_cpio(s, bad, a->len);
	vfs_destroy(s);
	free(bad);
	return r;
}

START_TEST(malformed_archives_give_einval)
{
	struct fx_archive a;
	sample(&a);
	ck_assert_int_eq(load_corrupted(&a, 0, 'x'), -EINVAL);            /* magic */
	ck_assert_int_eq(load_corrupted(&a, 6 + 8 + 3, 'g'), -EINVAL);    /* mode digit */
	ck_assert_int_eq(load_corrupted(&a, 6 + 6 * 8, '7'), -EINVAL);    /* filesize huge */
	ck_assert_int_eq(load_corrupted(&a, 6 + 11 * 8 + 7, '9'), -EINVAL); /* namesize */
	ck_assert_int_eq(load_corrupted(&a, 110, '\0'), -EINVAL);         /* NUL in name? "." */
	for (size_t cut = 1; cut < a.len; cut += 7) {
		struct vfs_state *s = vfs_create(NULL);
		char *part = malloc(cut);
		memcpy(part, a.buf, cut);
		int r = vfs_load_cpio(s, part, cut);
		ck_assert_msg(r == 0 || r == -EINVAL, "cut %zu: %d", cut, r);
		vfs_destroy(s);
		free(part);
	}
}
END_TEST

START_TEST(a_bad_entry_anywhere_loads_nothing)
{
	struct fx_archive a;
	fx_ar_begin(&a);
	fx_ar_add(&a, "good", 0100644, "g", 1);
	fx_ar_add(&a, "x/../escape", 0100644, "e", 1);
	fx_ar_end(&a, true);
	ck_assert_int_eq(vfs_load_cpio(fx, a.buf, a.len), -EINVAL);
	ck_assert_int_eq(fx_stat_rc(&ROOT, "/good"), -ENOENT);
	fx_ar_begin(&a);
	fx_ar_add(&a, "dir", 040755, "data", 4);
	fx_ar_end(&a, true);
	ck_assert_int_eq(vfs_load_cpio(fx, a.buf, a.len), -EINVAL);
	fx_ar_begin(&a);
	fx_ar_add(&a, "badlink", 0120777, "a\0b", 3);
	fx_ar_end(&a, true);
	ck_assert_int_eq(vfs_load_cpio(fx, a.buf, a.len), -EINVAL);
}
END_TEST

/* Found by the host fuzzer (tests/fuzz/host/corpus/vfs_cpio/): a regular
 * file named "." (the root) was silently ignored instead of rejected. */
START_TEST(file_named_dot_for_the_root_is_einval)
{
	struct fx_archive a;
	fx_ar_begin(&a);
	fx_ar_add(&a, ".", 0100755, "x", 1);
	fx_ar_end(&a, true);
	ck_assert_int_eq(vfs_load_cpio(fx, a.buf, a.len), -EINVAL);
	fx_ar_begin(&a);
	fx_ar_add(&a, "./", 0120777, "bin", 3);
	fx_ar_end(&a, true);
	ck_assert_int_eq(vfs_load_cpio(fx, a.buf, a.len), -EINVAL);
}
END_TEST

/* Found by the host fuzzer (tests/fuzz/host/corpus/vfs_cpio/): a file whose
 * name ends in "/" was loaded, then could not be opened by that name. */
START_TEST(file_name_ending_in_slash_or_dot_is_einval)
{
	static const char *const names[] = { "a/b/c/d/e//", "f/", "g/.", "/./" };
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		struct fx_archive a;
		fx_ar_begin(&a);
		fx_ar_add(&a, names[i], i % 2 ? 0120777 : 0100644, "x", 1);
		fx_ar_end(&a, true);
		ck_assert_int_eq(vfs_load_cpio(fx, a.buf, a.len), -EINVAL);
	}
	struct fx_archive ok;
	fx_ar_begin(&ok);
	fx_ar_add(&ok, "d/.", 040700, NULL, 0);
	fx_ar_add(&ok, "e/", 040700, NULL, 0);
	fx_ar_add(&ok, "x.", 0100644, "x", 1);
	fx_ar_add(&ok, "d/.x", 0100644, "x", 1);
	fx_ar_end(&ok, true);
	fx_ar_load(&ok);
	ck_assert_uint_eq(fx_stat(&ROOT, "/e").st_mode, 040700);
	ck_assert_str_eq(fx_get(&ROOT, "/d/.x"), "x");
}
END_TEST

/* Loads a of the given entries into fx and expects -EINVAL and no trace. */
static void expect_conflict(const char *const *names, const uint32_t *modes, size_t n)
{
	struct fx_archive a;
	fx_ar_begin(&a);
	for (size_t i = 0; i < n; i++) {
		bool dir = S_ISDIR(modes[i]);
		fx_ar_add(&a, names[i], modes[i], dir ? NULL : "x", dir ? 0 : 1);
	}
	fx_ar_end(&a, true);
	ck_assert_int_eq(vfs_load_cpio(fx, a.buf, a.len), -EINVAL);
	ck_assert_int_eq(fx_stat_rc(&ROOT, "/a"), -ENOENT);
	ck_assert(S_ISDIR(fx_stat(&ROOT, "/dev").st_mode));
	ck_assert_uint_eq(fx_stat(&ROOT, "/dev").st_mode, 040755);
	ck_assert(S_ISCHR(fx_stat(&ROOT, "/dev/null").st_mode));
}

/* Found by the host fuzzer (tests/fuzz/host/corpus/vfs_cpio/): entries
 * that contradict each other (a file where a directory must be) failed only
 * while being added, leaving the entries before them loaded. */
START_TEST(conflicting_entries_load_nothing)
{
	expect_conflict((const char *[]){ "a/b/loop", "a/b" },
			(const uint32_t[]){ 0100644, 0100644 }, 2);
	expect_conflict((const char *[]){ "a", "a/x" },
			(const uint32_t[]){ 0120777, 0100644 }, 2);
	expect_conflict((const char *[]){ "a", "dev", "dev" },
			(const uint32_t[]){ 040755, 040700, 0100644 }, 3);
	expect_conflict((const char *[]){ "a", "dev/null/x" },
			(const uint32_t[]){ 040755, 0100644 }, 2);
}
END_TEST

UNIT_SUITE(initrd_suite)
static Suite *initrd_suite(void)
{
	Suite *s = suite_create("vfs_initrd");
	TCase *tc = fx_tcase(s, "initrd");
	tcase_add_test(tc, loads_files_directories_and_symlinks);
	tcase_add_test(tc, initrd_files_are_read_in_place_then_copied_on_write);
	tcase_add_test(tc, dev_and_tmp_exist_without_the_archive_providing_them);
	tcase_add_test(tc, later_entries_replace_earlier_ones);
	tcase_add_test(tc, malformed_archives_give_einval);
	tcase_add_test(tc, a_bad_entry_anywhere_loads_nothing);
	tcase_add_test(tc, file_named_dot_for_the_root_is_einval);
	tcase_add_test(tc, file_name_ending_in_slash_or_dot_is_einval);
	tcase_add_test(tc, conflicting_entries_load_nothing);
	return s;
}
