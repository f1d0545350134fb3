// SPDX-License-Identifier: MIT
/* tools/mkinitrd: the whole command (mki_run) on temporary trees, read back
 * with the kernel's reader (kernel/proc/cpio.c); bad input must fail with a
 * message naming the path and leave nothing in the output directory. */
#define _GNU_SOURCE /* nftw */
#include <dirent.h>
#include <ftw.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>
#include "harness.h"
#include "proc/cpio.h"
#include "../../../tools/mkinitrd/mki.h"

static char base[64];
static char errbuf[4096];

/* Returns base/rel in one of a few rotating buffers. */
static const char *at(const char *rel)
{
	static char bufs[8][4096];
	static int next;
	char *b = bufs[next++ % 8];
	snprintf(b, sizeof(bufs[0]), "%s/%s", base, rel);
	return b;
}

static void put(const char *rel, const char *content, mode_t mode)
{
	FILE *f = fopen(at(rel), "w");
	ck_assert_ptr_nonnull(f);
	fputs(content, f);
	fclose(f);
	chmod(at(rel), mode);
}

static void dir(const char *rel)
{
	ck_assert_int_eq(mkdir(at(rel), 0755), 0);
}

/* root/: a.txt, empty, link -> a.txt, sub/deeper/tool (0755);
 * extra/: prog; single.txt. */
static void setup(void)
{
	strcpy(base, "/tmp/mkinitrd_test.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(base));
	dir("out");
	dir("root");
	dir("root/sub");
	dir("root/sub/deeper");
	dir("extra");
	put("root/a.txt", "hello", 0644);
	put("root/empty", "", 0644);
	put("root/sub/deeper/tool", "#!tool", 0755);
	ck_assert_int_eq(symlink("a.txt", at("root/link")), 0);
	put("extra/prog", "PROG", 0755);
	put("single.txt", "single", 0600);
}

static int rm_one(const char *p, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st, (void)flag, (void)ftw;
	return remove(p);
}

static void teardown(void)
{
	nftw(base, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

/* Runs mkinitrd with the given arguments (NULL-terminated); the message
 * goes to errbuf. Returns the exit status. */
static int run(const char *arg, ...)
{
	char *argv[16] = { "mkinitrd" };
	int argc = 1;
	va_list ap;
	va_start(ap, arg);
	for (; arg && argc < 15; arg = va_arg(ap, const char *))
		argv[argc++] = (char *)arg;
	va_end(ap);
	char *msg = NULL;
	size_t len = 0;
	FILE *errf = open_memstream(&msg, &len);
	int status = mki_run(argc, argv, errf);
	fclose(errf);
	snprintf(errbuf, sizeof(errbuf), "%s", msg);
	free(msg);
	return status;
}

struct image {
	char *buf;
	size_t len;
};

/* Reads a file into an exactly-sized buffer. */
static struct image slurp(const char *path)
{
	struct image im = { 0 };
	FILE *f = fopen(path, "rb");
	ck_assert_ptr_nonnull(f);
	fseek(f, 0, SEEK_END);
	im.len = (size_t)ftell(f);
	rewind(f);
	im.buf = malloc(im.len ? im.len : 1);
	ck_assert_uint_eq(fread(im.buf, 1, im.len, f), im.len);
	fclose(f);
	return im;
}

static void expect_file(const struct image *im, const char *path, const char *data,
			uint32_t mode)
{
	struct cpio_entry e;
	ck_assert_int_eq(cpio_find(im->buf, im->len, path, &e), CPIO_OK);
	ck_assert_uint_eq(e.mode, mode);
	ck_assert_uint_eq(e.size, strlen(data));
	ck_assert_mem_eq(e.data, data, e.size);
}

/* Returns the number of entries in base/out. */
static int out_dir_entries(void)
{
	DIR *d = opendir(at("out"));
	int n = 0;
	for (struct dirent *de; (de = readdir(d));)
		n += strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") != 0;
	closedir(d);
	return n;
}

/* Asserts a run failed with status 1, said something about what, and left
 * base/out empty. */
static void expect_failure(int status, const char *what)
{
	ck_assert_int_eq(status, 1);
	ck_assert_msg(strstr(errbuf, what), "message '%s' lacks '%s'", errbuf, what);
	ck_assert_int_eq(out_dir_entries(), 0);
}

START_TEST(round_trip_keeps_files_dirs_symlinks_and_empty_files)
{
	ck_assert_int_eq(run("-o", at("out/i.img"), at("root"), NULL), 0);
	struct image im = slurp(at("out/i.img"));
	expect_file(&im, "a.txt", "hello", 0100644);
	expect_file(&im, "/empty", "", 0100644);
	expect_file(&im, "sub/deeper/tool", "#!tool", 0100755);
	expect_file(&im, "link", "a.txt", 0120777);
	expect_file(&im, "sub", "", 0040755);
	expect_file(&im, "sub/deeper", "", 0040755);
	free(im.buf);
}
END_TEST

struct listing {
	char names[16][64];
	int n;
};

static int list_cb(const struct cpio_entry *e, void *arg)
{
	struct listing *l = arg;
	ck_assert_int_lt(l->n, 16);
	ck_assert_uint_eq(e->uid, 0);
	ck_assert_uint_eq(e->gid, 0);
	ck_assert_uint_eq(e->mtime, 0);
	snprintf(l->names[l->n++], sizeof(l->names[0]), "%s", e->name);
	return 0;
}

START_TEST(names_are_sorted_and_relative_with_zero_owner_and_mtime)
{
	ck_assert_int_eq(run("-o", at("out/i.img"), at("root"), NULL), 0);
	struct image im = slurp(at("out/i.img"));
	struct listing l = { 0 };
	ck_assert_int_eq(cpio_iterate(im.buf, im.len, list_cb, &l), CPIO_OK);
	static const char *const want[] = {
		"a.txt", "empty", "link", "sub", "sub/deeper", "sub/deeper/tool",
	};
	ck_assert_int_eq(l.n, ARRAY_SIZE(want));
	for (size_t i = 0; i < ARRAY_SIZE(want); i++)
		ck_assert_str_eq(l.names[i], want[i]);
	ck_assert_mem_eq(im.buf, "070701", 6);
	ck_assert_uint_eq(im.len % 4, 0);
	free(im.buf);
}
END_TEST

START_TEST(extra_tree_goes_under_prefix_and_file_at_path)
{
	char extra[4200], single[4200];
	snprintf(extra, sizeof(extra), "%s:bin", at("extra"));
	snprintf(single, sizeof(single), "%s:/etc/conf/s.txt", at("single.txt"));
	ck_assert_int_eq(run("-o", at("out/i.img"), at("root"), extra, single, NULL), 0);
	struct image im = slurp(at("out/i.img"));
	expect_file(&im, "bin/prog", "PROG", 0100755);
	expect_file(&im, "bin", "", 0040755);
	expect_file(&im, "etc/conf/s.txt", "single", 0100600);
	expect_file(&im, "etc/conf", "", 0040755);
	expect_file(&im, "a.txt", "hello", 0100644);
	free(im.buf);
}
END_TEST

START_TEST(later_source_overrides_file_and_keeps_directory_mode)
{
	char over[4200];
	chmod(at("root/sub"), 0700);
	put("extra/tool", "NEW", 0755);
	snprintf(over, sizeof(over), "%s:sub/deeper", at("extra"));
	ck_assert_int_eq(run("-o", at("out/i.img"), at("root"), over, NULL), 0);
	struct image im = slurp(at("out/i.img"));
	expect_file(&im, "sub/deeper/tool", "NEW", 0100755);
	expect_file(&im, "sub/deeper/prog", "PROG", 0100755);
	expect_file(&im, "sub", "", 0040700);
	free(im.buf);
}
END_TEST

START_TEST(output_is_identical_across_runs_and_mtimes)
{
	ck_assert_int_eq(run("-o", at("out/1.img"), at("root"), NULL), 0);
	struct timeval tv[2] = { { 1000000, 0 }, { 1000000, 0 } };
	ck_assert_int_eq(utimes(at("root/a.txt"), tv), 0);
	ck_assert_int_eq(run("-o", at("out/2.img"), at("root"), NULL), 0);
	struct image a = slurp(at("out/1.img")), b = slurp(at("out/2.img"));
	ck_assert_uint_eq(a.len, b.len);
	ck_assert_mem_eq(a.buf, b.buf, a.len);
	free(a.buf);
	free(b.buf);
}
END_TEST

START_TEST(missing_dir_fails_without_output)
{
	expect_failure(run("-o", at("out/i.img"), at("nope"), NULL), "nope: No such file");
}
END_TEST

START_TEST(file_given_as_dir_fails_without_output)
{
	expect_failure(run("-o", at("out/i.img"), at("single.txt"), NULL),
		       "single.txt: not a directory");
}
END_TEST

START_TEST(missing_extra_source_fails_without_output)
{
	char extra[4200];
	snprintf(extra, sizeof(extra), "%s:bin", at("gone"));
	expect_failure(run("-o", at("out/i.img"), at("root"), extra, NULL), "gone");
}
END_TEST

START_TEST(component_over_255_bytes_fails_without_output)
{
	char extra[4200], name[257];
	memset(name, 'n', 256);
	name[256] = '\0';
	snprintf(extra, sizeof(extra), "%s:%s", at("extra"), name);
	expect_failure(run("-o", at("out/i.img"), at("root"), extra, NULL),
		       "longer than 255 bytes");
}
END_TEST

START_TEST(path_over_1023_bytes_fails_without_output)
{
	char rel[2048] = "root";
	char comp[251];
	memset(comp, 'd', 250);
	comp[250] = '\0';
	for (int i = 0; i < 5; i++) {
		strcat(rel, "/");
		strcat(rel, comp);
		dir(rel);
	}
	expect_failure(run("-o", at("out/i.img"), at("root"), NULL),
		       "longer than 1023 bytes");
}
END_TEST

START_TEST(dotdot_in_archive_path_is_rejected)
{
	char extra[4200];
	snprintf(extra, sizeof(extra), "%s:bin/../..", at("extra"));
	expect_failure(run("-o", at("out/i.img"), at("root"), extra, NULL), "'..'");
}
END_TEST

START_TEST(fifo_in_tree_is_rejected)
{
	ck_assert_int_eq(mkfifo(at("root/sub/fifo"), 0644), 0);
	expect_failure(run("-o", at("out/i.img"), at("root"), NULL),
		       "sub/fifo: unsupported file type");
}
END_TEST

START_TEST(file_replacing_a_directory_is_rejected)
{
	char single[4200];
	snprintf(single, sizeof(single), "%s:sub", at("single.txt"));
	expect_failure(run("-o", at("out/i.img"), at("root"), single, NULL),
		       "sub: a directory in one source");
}
END_TEST

START_TEST(unreadable_file_fails_without_output_when_not_root)
{
	if (geteuid() == 0)
		return; /* root reads mode 000 files */
	chmod(at("root/a.txt"), 0);
	expect_failure(run("-o", at("out/i.img"), at("root"), NULL), "a.txt: cannot read");
}
END_TEST

START_TEST(missing_output_directory_fails)
{
	ck_assert_int_eq(run("-o", at("out/none/i.img"), at("root"), NULL), 1);
	ck_assert_ptr_nonnull(strstr(errbuf, "out/none/i.img: cannot create"));
	ck_assert_int_eq(out_dir_entries(), 0);
}
END_TEST

START_TEST(output_that_is_a_directory_is_refused)
{
	dir("out/d.img");
	ck_assert_int_eq(run("-o", at("out/d.img"), at("root"), NULL), 1);
	ck_assert_ptr_nonnull(strstr(errbuf, "not a regular file"));
	ck_assert_int_eq(out_dir_entries(), 1);
}
END_TEST

START_TEST(failed_run_keeps_previous_output)
{
	put("out/i.img", "old", 0644);
	ck_assert_int_eq(run("-o", at("out/i.img"), at("nope"), NULL), 1);
	struct image im = slurp(at("out/i.img"));
	ck_assert_uint_eq(im.len, 3);
	ck_assert_int_eq(out_dir_entries(), 1);
	free(im.buf);
}
END_TEST

START_TEST(usage_errors_exit_2)
{
	ck_assert_int_eq(run(at("root"), NULL), 2);
	ck_assert_ptr_nonnull(strstr(errbuf, "usage:"));
	ck_assert_int_eq(run("-o", at("out/i.img"), NULL), 2);
	ck_assert_int_eq(run("-x", "-o", at("out/i.img"), at("root"), NULL), 2);
	ck_assert_int_eq(out_dir_entries(), 0);
}
END_TEST

UNIT_SUITE(mkinitrd_suite)
static Suite *mkinitrd_suite(void)
{
	Suite *s = suite_create("mkinitrd");
	TCase *tc = tcase_create("mkinitrd");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, round_trip_keeps_files_dirs_symlinks_and_empty_files);
	tcase_add_test(tc, names_are_sorted_and_relative_with_zero_owner_and_mtime);
	tcase_add_test(tc, extra_tree_goes_under_prefix_and_file_at_path);
	tcase_add_test(tc, later_source_overrides_file_and_keeps_directory_mode);
	tcase_add_test(tc, output_is_identical_across_runs_and_mtimes);
	tcase_add_test(tc, missing_dir_fails_without_output);
	tcase_add_test(tc, file_given_as_dir_fails_without_output);
	tcase_add_test(tc, missing_extra_source_fails_without_output);
	tcase_add_test(tc, component_over_255_bytes_fails_without_output);
	tcase_add_test(tc, path_over_1023_bytes_fails_without_output);
	tcase_add_test(tc, dotdot_in_archive_path_is_rejected);
	tcase_add_test(tc, fifo_in_tree_is_rejected);
	tcase_add_test(tc, file_replacing_a_directory_is_rejected);
	tcase_add_test(tc, unreadable_file_fails_without_output_when_not_root);
	tcase_add_test(tc, missing_output_directory_fails);
	tcase_add_test(tc, output_that_is_a_directory_is_refused);
	tcase_add_test(tc, failed_run_keeps_previous_output);
	tcase_add_test(tc, usage_errors_exit_2);
	suite_add_tcase(s, tc);
	return s;
}
