// SPDX-License-Identifier: MIT
/* kernel/proc/cpio.c: the newc reader, on archives made with mkinitrd's
 * writer (tools/mkinitrd/cpio_write.c) and then corrupted byte by byte. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "harness.h"
#include "proc/cpio.h"
#include "../../../tools/mkinitrd/cpio_write.h"

#define HDR_LEN 110
#define FIELD_FILESIZE 6
#define FIELD_NAMESIZE 11

/* An archive in an exactly-sized heap buffer, so ASan sees any overread. */
struct archive {
	char *buf;
	size_t len;
};

static struct archive finish_archive(char *mem, size_t len)
{
	struct archive a = { malloc(len ? len : 1), len };
	memcpy(a.buf, mem, len);
	free(mem);
	return a;
}

/* Builds: bin (dir), bin/init "INIT", etc/motd "hello\n", empty, link -> bin/init. */
static struct archive sample(bool trailer)
{
	char *mem;
	size_t len;
	FILE *fp = open_memstream(&mem, &len);
	struct cpio_out o;
	cpio_out_init(&o, fp);
	ck_assert_int_eq(cpio_out_entry(&o, "bin", 0040755, NULL, 0), 0);
	ck_assert_int_eq(cpio_out_entry(&o, "bin/init", 0100755, "INIT", 4), 0);
	ck_assert_int_eq(cpio_out_entry(&o, "etc/motd", 0100644, "hello\n", 6), 0);
	ck_assert_int_eq(cpio_out_entry(&o, "empty", 0100644, NULL, 0), 0);
	ck_assert_int_eq(cpio_out_entry(&o, "link", 0120777, "bin/init", 8), 0);
	if (trailer)
		ck_assert_int_eq(cpio_out_trailer(&o), 0);
	fclose(fp);
	return finish_archive(mem, len);
}

/* Builds an archive of one file named name followed by the trailer. */
static struct archive single(const char *name, const char *data)
{
	char *mem;
	size_t len;
	FILE *fp = open_memstream(&mem, &len);
	struct cpio_out o;
	cpio_out_init(&o, fp);
	ck_assert_int_eq(cpio_out_entry(&o, name, 0100644, data, strlen(data)), 0);
	ck_assert_int_eq(cpio_out_trailer(&o), 0);
	fclose(fp);
	return finish_archive(mem, len);
}

static void set_field(struct archive *a, size_t hdr, int field, uint32_t v)
{
	char tmp[9];
	snprintf(tmp, sizeof(tmp), "%08X", v);
	memcpy(a->buf + hdr + 6 + 8 * field, tmp, 8);
}

static int find(const struct archive *a, const char *path, struct cpio_entry *e)
{
	return cpio_find(a->buf, a->len, path, e);
}

START_TEST(finds_file_with_and_without_leading_slash)
{
	struct archive a = sample(true);
	struct cpio_entry e;
	ck_assert_int_eq(find(&a, "etc/motd", &e), CPIO_OK);
	ck_assert_uint_eq(e.size, 6);
	ck_assert_mem_eq(e.data, "hello\n", 6);
	ck_assert_str_eq(e.name, "etc/motd");
	ck_assert_uint_eq(e.namelen, 8);
	ck_assert_uint_eq(e.mode, 0100644);
	ck_assert_int_eq(find(&a, "/bin/init", &e), CPIO_OK);
	ck_assert_mem_eq(e.data, "INIT", 4);
	ck_assert_uint_eq(e.mode & CPIO_S_IFMT, CPIO_S_IFREG);
	ck_assert_int_eq(find(&a, "bin/", &e), CPIO_OK);
	ck_assert_uint_eq(e.mode & CPIO_S_IFMT, CPIO_S_IFDIR);
	free(a.buf);
}
END_TEST

START_TEST(finds_empty_file_and_symlink_target)
{
	struct archive a = sample(true);
	struct cpio_entry e;
	ck_assert_int_eq(find(&a, "empty", &e), CPIO_OK);
	ck_assert_uint_eq(e.size, 0);
	ck_assert_int_eq(find(&a, "link", &e), CPIO_OK);
	ck_assert_uint_eq(e.mode & CPIO_S_IFMT, CPIO_S_IFLNK);
	ck_assert_uint_eq(e.size, 8);
	ck_assert_mem_eq(e.data, "bin/init", 8);
	free(a.buf);
}
END_TEST

START_TEST(find_missing_path_returns_not_found)
{
	struct archive a = sample(true);
	struct cpio_entry e;
	ck_assert_int_eq(find(&a, "bin/ini", &e), CPIO_ERR_NOT_FOUND);
	ck_assert_int_eq(find(&a, "bin/init2", &e), CPIO_ERR_NOT_FOUND);
	ck_assert_int_eq(find(&a, "TRAILER!!!", &e), CPIO_ERR_NOT_FOUND);
	free(a.buf);
}
END_TEST

struct names {
	char seen[8][32];
	int n;
	int stop_after;
};

static int collect(const struct cpio_entry *e, void *arg)
{
	struct names *nm = arg;
	ck_assert_uint_eq(strlen(e->name), e->namelen);
	snprintf(nm->seen[nm->n], sizeof(nm->seen[0]), "%s", e->name);
	nm->n++;
	return nm->n == nm->stop_after ? 42 : 0;
}

START_TEST(iterates_every_entry_in_archive_order)
{
	struct archive a = sample(true);
	struct names nm = { .stop_after = -1 };
	ck_assert_int_eq(cpio_iterate(a.buf, a.len, collect, &nm), CPIO_OK);
	ck_assert_int_eq(nm.n, 5);
	ck_assert_str_eq(nm.seen[0], "bin");
	ck_assert_str_eq(nm.seen[1], "bin/init");
	ck_assert_str_eq(nm.seen[4], "link");
	free(a.buf);
}
END_TEST

START_TEST(iterate_stops_and_returns_callback_value)
{
	struct archive a = sample(true);
	struct names nm = { .stop_after = 2 };
	ck_assert_int_eq(cpio_iterate(a.buf, a.len, collect, &nm), 42);
	ck_assert_int_eq(nm.n, 2);
	free(a.buf);
}
END_TEST

START_TEST(strips_dot_slash_prefix_from_names)
{
	struct archive a = single("./sbin/tool", "T");
	struct cpio_entry e;
	ck_assert_int_eq(find(&a, "/sbin/tool", &e), CPIO_OK);
	ck_assert_str_eq(e.name, "sbin/tool");
	free(a.buf);
}
END_TEST

START_TEST(root_dot_entry_has_empty_name)
{
	struct archive a = single(".", "");
	struct cpio_entry e;
	ck_assert_int_eq(find(&a, "/", &e), CPIO_OK);
	ck_assert_uint_eq(e.namelen, 0);
	ck_assert_str_eq(e.name, "");
	free(a.buf);
}
END_TEST

START_TEST(reads_archive_at_odd_address)
{
	struct archive a = sample(true);
	char *odd = malloc(a.len + 1);
	memcpy(odd + 1, a.buf, a.len);
	struct cpio_entry e;
	ck_assert_int_eq(cpio_find(odd + 1, a.len, "etc/motd", &e), CPIO_OK);
	ck_assert_mem_eq(e.data, "hello\n", 6);
	free(odd);
	free(a.buf);
}
END_TEST

START_TEST(accepts_crc_magic_070702)
{
	struct archive a = single("f", "data");
	struct cpio_entry e;
	a.buf[5] = '2';
	ck_assert_int_eq(find(&a, "f", &e), CPIO_OK);
	free(a.buf);
}
END_TEST

START_TEST(rejects_bad_magic)
{
	struct archive a = single("f", "data");
	struct cpio_entry e;
	a.buf[5] = '7'; /* 070707 is the old binary-ish "odc" format */
	ck_assert_int_eq(find(&a, "f", &e), CPIO_ERR_BAD_MAGIC);
	a.buf[5] = '1';
	a.buf[0] = 'x';
	ck_assert_int_eq(find(&a, "f", &e), CPIO_ERR_BAD_MAGIC);
	free(a.buf);
}
END_TEST

START_TEST(rejects_non_hex_digit_in_header)
{
	struct archive a = single("f", "data");
	struct cpio_entry e;
	a.buf[6 + 8 * FIELD_FILESIZE + 3] = 'g';
	ck_assert_int_eq(find(&a, "f", &e), CPIO_ERR_BAD_HEX);
	a.buf[6 + 8 * FIELD_FILESIZE + 3] = ' ';
	ck_assert_int_eq(find(&a, "f", &e), CPIO_ERR_BAD_HEX);
	free(a.buf);
}
END_TEST

START_TEST(rejects_name_without_nul)
{
	struct archive a = single("file", "data");
	struct cpio_entry e;
	a.buf[HDR_LEN + 4] = 'x'; /* the name's NUL */
	ck_assert_int_eq(find(&a, "file", &e), CPIO_ERR_NAME_UNTERMINATED);
	free(a.buf);
}
END_TEST

START_TEST(rejects_namesize_zero)
{
	struct archive a = single("file", "data");
	struct cpio_entry e;
	set_field(&a, 0, FIELD_NAMESIZE, 0);
	ck_assert_int_eq(find(&a, "file", &e), CPIO_ERR_NAME_SIZE);
	free(a.buf);
}
END_TEST

START_TEST(rejects_name_with_embedded_nul)
{
	struct archive a = single("file", "data");
	struct cpio_entry e;
	a.buf[HDR_LEN + 1] = '\0';
	ck_assert_int_eq(find(&a, "f", &e), CPIO_ERR_NAME_SIZE);
	free(a.buf);
}
END_TEST

START_TEST(rejects_namesize_past_end)
{
	struct archive a = single("file", "data");
	struct cpio_entry e;
	set_field(&a, 0, FIELD_NAMESIZE, 0xffffffff);
	ck_assert_int_eq(find(&a, "file", &e), CPIO_ERR_NAME_SIZE);
	set_field(&a, 0, FIELD_NAMESIZE, (uint32_t)(a.len - HDR_LEN + 1));
	ck_assert_int_eq(find(&a, "file", &e), CPIO_ERR_NAME_SIZE);
	free(a.buf);
}
END_TEST

START_TEST(rejects_file_size_past_end)
{
	struct archive a = single("file", "data");
	struct cpio_entry e;
	set_field(&a, 0, FIELD_FILESIZE, 0xffffffff);
	ck_assert_int_eq(find(&a, "file", &e), CPIO_ERR_DATA_PAST_END);
	set_field(&a, 0, FIELD_FILESIZE, (uint32_t)(a.len - 116 + 1));
	ck_assert_int_eq(find(&a, "file", &e), CPIO_ERR_DATA_PAST_END);
	free(a.buf);
}
END_TEST

START_TEST(rejects_archive_cut_inside_file_data)
{
	struct archive a = single("file", "data");
	struct cpio_entry e;
	ck_assert_int_eq(cpio_find(a.buf, 118, "nothing", &e), CPIO_ERR_DATA_PAST_END);
	free(a.buf);
}
END_TEST

START_TEST(rejects_missing_trailer)
{
	struct archive a = sample(false);
	struct cpio_entry e;
	ck_assert_int_eq(find(&a, "nothing", &e), CPIO_ERR_NO_TRAILER);
	ck_assert_int_eq(find(&a, "bin/init", &e), CPIO_OK); /* found before the end */
	free(a.buf);
}
END_TEST

START_TEST(rejects_truncated_header)
{
	struct archive a = sample(true);
	struct cpio_entry e;
	ck_assert_int_eq(cpio_find(a.buf, HDR_LEN - 1, "x", &e), CPIO_ERR_TRUNCATED);
	/* Cut inside the trailer's header (the trailer takes 124 bytes). */
	ck_assert_int_eq(cpio_find(a.buf, a.len - 124 + 50, "x", &e), CPIO_ERR_TRUNCATED);
	ck_assert_int_eq(cpio_find(a.buf, 0, "x", &e), CPIO_ERR_NO_TRAILER);
	free(a.buf);
}
END_TEST

START_TEST(rejects_null_arguments)
{
	struct archive a = sample(true);
	struct cpio_entry e;
	ck_assert_int_eq(cpio_find(NULL, 10, "x", &e), CPIO_ERR_INVALID);
	ck_assert_int_eq(cpio_find(a.buf, a.len, NULL, &e), CPIO_ERR_INVALID);
	ck_assert_int_eq(cpio_iterate(a.buf, a.len, NULL, NULL), CPIO_ERR_INVALID);
	free(a.buf);
}
END_TEST

START_TEST(strerror_describes_every_error)
{
	for (int err = CPIO_OK; err >= CPIO_ERR_NOT_FOUND; err--)
		ck_assert_str_ne(cpio_strerror(err), "unknown error");
	ck_assert_str_eq(cpio_strerror(CPIO_ERR_NOT_FOUND - 1), "unknown error");
	ck_assert_str_eq(cpio_strerror(5), "unknown error");
}
END_TEST

UNIT_SUITE(cpio_suite)
static Suite *cpio_suite(void)
{
	Suite *s = suite_create("cpio");
	TCase *tc = tcase_create("cpio");
	tcase_add_test(tc, finds_file_with_and_without_leading_slash);
	tcase_add_test(tc, finds_empty_file_and_symlink_target);
	tcase_add_test(tc, find_missing_path_returns_not_found);
	tcase_add_test(tc, iterates_every_entry_in_archive_order);
	tcase_add_test(tc, iterate_stops_and_returns_callback_value);
	tcase_add_test(tc, strips_dot_slash_prefix_from_names);
	tcase_add_test(tc, root_dot_entry_has_empty_name);
	tcase_add_test(tc, reads_archive_at_odd_address);
	tcase_add_test(tc, accepts_crc_magic_070702);
	tcase_add_test(tc, rejects_bad_magic);
	tcase_add_test(tc, rejects_non_hex_digit_in_header);
	tcase_add_test(tc, rejects_name_without_nul);
	tcase_add_test(tc, rejects_namesize_zero);
	tcase_add_test(tc, rejects_name_with_embedded_nul);
	tcase_add_test(tc, rejects_namesize_past_end);
	tcase_add_test(tc, rejects_file_size_past_end);
	tcase_add_test(tc, rejects_archive_cut_inside_file_data);
	tcase_add_test(tc, rejects_missing_trailer);
	tcase_add_test(tc, rejects_truncated_header);
	tcase_add_test(tc, rejects_null_arguments);
	tcase_add_test(tc, strerror_describes_every_error);
	suite_add_tcase(s, tc);
	return s;
}
