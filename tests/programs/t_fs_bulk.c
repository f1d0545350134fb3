// SPDX-License-Identifier: MIT
/* t_fs_bulk: volume through the VFS: 8 MiB written across 64 files of
 * 128 KiB with a deterministic pattern and many write sizes (1 byte to
 * 128 KiB), read back with other sizes and checksummed, overwritten in
 * place, listed, then deleted; plus one 1 MiB file moved by single
 * write/read calls. Works in /tmp/t_fs_bulk.<pid>. */
#include <stdlib.h>
#include "tap.h"
#include "fs_util.h"

#define NFILES 64
#define FILE_BYTES (128u * 1024)
#define BYTEWISE 4096       /* leading bytes some files write one at a time */
#define BIG_BYTES (1u << 20)

static const size_t write_sizes[] = { 1, 3, 64, 511, 4096, 8191, 65536, 131072 };
#define NSIZES (sizeof(write_sizes) / sizeof(write_sizes[0]))
static const size_t read_sizes[] = { 4096, 1000, 32768, 131072, 7 };
#define NREADS (sizeof(read_sizes) / sizeof(read_sizes[0]))

static unsigned char buf[BIG_BYTES];

/* Returns the FNV-1a hash of p[0..n) continued from h. */
static uint64_t fnv(uint64_t h, const unsigned char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		h = (h ^ p[i]) * 0x100000001b3ull;
	return h;
}

static const char *file_name(int k)
{
	static char name[32];
	snprintf(name, sizeof(name), "bulk_%02d", k);
	return fs_path(name);
}

/* Writes file k with chunk sizes cycling from write_sizes[k % NSIZES] (files
 * k % 32 == 0 first write BYTEWISE single bytes). Returns 0, or -1 if
 * anything failed or came up short. */
static int write_file(int k, uint64_t *hash)
{
	int fd = open(file_name(k), O_WRONLY | O_CREAT | O_EXCL, 0644);
	if (fd < 0)
		return -1;
	fs_pattern_fill(buf, FILE_BYTES, (unsigned)k, 0);
	*hash = fnv(*hash, buf, FILE_BYTES);
	size_t off = 0;
	int r = 0;
	if (k % 32 == 0)
		for (; off < BYTEWISE && r == 0; off++)
			r = write(fd, buf + off, 1) == 1 ? 0 : -1;
	for (unsigned i = (unsigned)k; off < FILE_BYTES && r == 0; i++) {
		size_t n = write_sizes[i % NSIZES];
		if (n > FILE_BYTES - off)
			n = FILE_BYTES - off;
		r = write(fd, buf + off, n) == (ssize_t)n ? 0 : -1;
		off += n;
	}
	return close(fd) == 0 ? r : -1;
}

/* Reads file k back with read sizes cycling from read_sizes[k % NREADS],
 * checking the pattern. Returns 0, or -1 on a mismatch or a failed read. */
static int read_file(int k, uint64_t *hash)
{
	int fd = open(file_name(k), O_RDONLY);
	if (fd < 0)
		return -1;
	size_t off = 0;
	int r = 0;
	for (unsigned i = (unsigned)k; r == 0; i++) {
		ssize_t got = read(fd, buf + off, read_sizes[i % NREADS]);
		if (got == 0)
			break;
		if (got < 0 || off + (size_t)got > FILE_BYTES)
			r = -1;
		else
			off += (size_t)got;
	}
	close(fd);
	if (r != 0 || off != FILE_BYTES || !fs_pattern_check(buf, FILE_BYTES, (unsigned)k, 0))
		return -1;
	*hash = fnv(*hash, buf, FILE_BYTES);
	return 0;
}

static void test_many_files(void)
{
	uint64_t wh = 0xcbf29ce484222325ull, rh = wh;
	int wrote = 0, sized = 0, readok = 0;
	for (int k = 0; k < NFILES; k++)
		wrote += write_file(k, &wh) == 0;
	CHECK("bulk_writes_64_files_of_128k", wrote == NFILES);
	for (int k = 0; k < NFILES; k++)
		sized += fs_size(file_name(k)) == FILE_BYTES;
	CHECK("bulk_files_have_full_size", sized == NFILES);
	for (int k = 0; k < NFILES; k++)
		readok += read_file(k, &rh) == 0;
	CHECK("bulk_read_back_matches_pattern", readok == NFILES);
	CHECK("bulk_checksum_of_reads_matches_writes", rh == wh);
	tap_note("wrote %u bytes, checksum %016llx", NFILES * FILE_BYTES, (unsigned long long)wh);

	DIR *d = opendir(fs_dir);
	int listed = 0;
	struct dirent *e;
	while (d && (e = readdir(d)) != NULL)
		listed += !strncmp(e->d_name, "bulk_", 5);
	if (d)
		closedir(d);
	CHECK("bulk_directory_lists_every_file", listed == NFILES);
}

/* Overwrites a span that crosses write-chunk boundaries in file 5 and checks
 * that the bytes on both sides are untouched. */
static void test_overwrite(void)
{
	const size_t at = 60000, len = 20000;
	unsigned char patch[20000];
	int fd = open(file_name(5), O_RDWR);
	if (!CHECK("bulk_overwrite_setup_open", fd >= 0))
		return;
	fs_pattern_fill(patch, len, 999, at);
	CHECK("bulk_pwrite_in_middle_succeeds", pwrite(fd, patch, len, (off_t)at) == (ssize_t)len);
	CHECK("bulk_overwrite_keeps_size", fs_size(file_name(5)) == FILE_BYTES);
	CHECK("bulk_read_after_overwrite_is_full", pread(fd, buf, FILE_BYTES, 0) == FILE_BYTES);
	CHECK("bulk_overwritten_span_reads_new_data", fs_pattern_check(buf + at, len, 999, at));
	CHECK("bulk_bytes_around_span_are_untouched",
	      fs_pattern_check(buf, at, 5, 0) &&
		      fs_pattern_check(buf + at + len, FILE_BYTES - at - len, 5, at + len));
	close(fd);
}

static void test_big_single_calls(void)
{
	int fd = open(fs_path("big"), O_RDWR | O_CREAT | O_TRUNC, 0644);
	if (!CHECK("bulk_big_setup_open", fd >= 0))
		return;
	fs_pattern_fill(buf, BIG_BYTES, 77, 0);
	CHECK("single_write_of_1_mib_is_complete", write(fd, buf, BIG_BYTES) == BIG_BYTES);
	memset(buf, 0, BIG_BYTES);
	lseek(fd, 0, SEEK_SET);
	CHECK("single_read_of_1_mib_is_complete", read(fd, buf, BIG_BYTES) == BIG_BYTES);
	CHECK("single_read_of_1_mib_matches", fs_pattern_check(buf, BIG_BYTES, 77, 0));
	close(fd);
	CHECK("bulk_big_unlink_succeeds", unlink(fs_path("big")) == 0);
}

static void test_delete(void)
{
	int gone = 0;
	for (int k = 0; k < NFILES; k++)
		gone += unlink(file_name(k)) == 0;
	CHECK("bulk_unlinks_every_file", gone == NFILES);
	struct stat st;
	CHECK_ERRNO("bulk_deleted_file_is_gone", stat(file_name(0), &st), ENOENT);
	CHECK("bulk_emptied_directory_rmdirs", rmdir(fs_dir) == 0);
}

int main(void)
{
	tap_begin();
	if (!CHECK("fs_bulk_create_test_dir", fs_dir_create("t_fs_bulk") == 0))
		return tap_end("t_fs_bulk");
	test_many_files();
	test_overwrite();
	test_big_single_calls();
	test_delete();
	fs_dir_remove();
	return tap_end("t_fs_bulk");
}
