// SPDX-License-Identifier: MIT
/* t_initrd: the cpio newc reader (uk_cpio_find) on archives built here,
 * well-formed and broken in every way it must catch, and then the real
 * initrd this process was given (uk_initrd, uk_initrd_find). On Linux the
 * second part is skipped (no initrd; detected by uk_meminfo failing). */
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include "tap.h"
#include "uk.h"

#define ARC_MAX 4096
#define HDR_LEN 110

struct arc {
	unsigned char buf[ARC_MAX];
	size_t len;
};

static void arc_pad(struct arc *a)
{
	while (a->len & 3)
		a->buf[a->len++] = 0;
}

/* Appends a member with magic ("070701"/"070702"), name, mode and data. */
static void arc_add(struct arc *a, const char *magic, const char *name, unsigned mode,
		    const char *data, size_t len)
{
	unsigned check = 0;
	for (size_t i = 0; i < len; i++)
		check += (unsigned char)data[i];
	a->len += (size_t)snprintf((char *)a->buf + a->len, ARC_MAX - a->len,
		"%s%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X", magic, 1u, mode,
		0u, 0u, 1u, 0u, (unsigned)len, 0u, 0u, 0u, 0u, (unsigned)strlen(name) + 1, check);
	memcpy(a->buf + a->len, name, strlen(name) + 1);
	a->len += strlen(name) + 1;
	arc_pad(a);
	memcpy(a->buf + a->len, data, len);
	a->len += len;
	arc_pad(a);
}

/* A small well-formed archive: a directory, files, an empty file, trailer. */
static void arc_sample(struct arc *a)
{
	a->len = 0;
	arc_add(a, "070701", "bin", S_IFDIR | 0755, "", 0);
	arc_add(a, "070701", "bin/hello", S_IFREG | 0755, "hello, world", 12);
	arc_add(a, "070701", "bin/empty", S_IFREG | 0644, "", 0);
	arc_add(a, "070702", "etc/sum", S_IFREG | 0644, "abc", 3);
	arc_add(a, "070701", "TRAILER!!!", 0, "", 0);
}

/* Offset of the header of member number idx (0-based) in sample-built a. */
static size_t arc_member(const struct arc *a, int idx)
{
	size_t off = 0;
	for (int i = 0; i < idx; i++) {
		unsigned name, size;
		sscanf((const char *)a->buf + off + 94, "%8x", &name);
		sscanf((const char *)a->buf + off + 54, "%8x", &size);
		off = (off + HDR_LEN + name + 3) & ~3UL;
		off = (off + size + 3) & ~3UL;
	}
	return off;
}

/* Looks path up in a; returns 0, or the errno of the failure. */
static int find_err(const struct arc *a, size_t len, const char *path)
{
	const void *d = NULL;
	size_t n = 0;
	errno = 0;
	return uk_cpio_find(a->buf, len, path, &d, &n) == 0 ? 0 : errno;
}

static void test_find_well_formed(void)
{
	struct arc a;
	const void *d = NULL;
	size_t n = 0;

	arc_sample(&a);
	int r = uk_cpio_find(a.buf, a.len, "/bin/hello", &d, &n);
	CHECK("cpio_finds_file_by_absolute_path", r == 0 && n == 12 && memcmp(d, "hello, world", 12) == 0);
	CHECK("cpio_file_data_lies_inside_archive",
	      r == 0 && (const unsigned char *)d > a.buf && (const unsigned char *)d + n <= a.buf + a.len);
	CHECK("cpio_finds_file_by_relative_path", find_err(&a, a.len, "bin/hello") == 0);
	CHECK("cpio_finds_file_by_dot_slash_path", find_err(&a, a.len, "./bin/hello") == 0);
	r = uk_cpio_find(a.buf, a.len, "/bin/empty", &d, &n);
	CHECK("cpio_finds_empty_file", r == 0 && n == 0);
	r = uk_cpio_find(a.buf, a.len, "/etc/sum", &d, &n);
	CHECK("cpio_finds_070702_file_with_good_checksum", r == 0 && n == 3 && memcmp(d, "abc", 3) == 0);
	CHECK("cpio_missing_file_gives_enoent", find_err(&a, a.len, "/bin/nope") == ENOENT);
	CHECK("cpio_prefix_of_name_gives_enoent", find_err(&a, a.len, "/bin/hell") == ENOENT);
	CHECK("cpio_directory_is_not_a_file", find_err(&a, a.len, "/bin") == ENOENT);
	CHECK("cpio_root_path_gives_enoent", find_err(&a, a.len, "/") == ENOENT);
	CHECK("cpio_trailer_is_not_a_file", find_err(&a, a.len, "TRAILER!!!") == ENOENT);
	CHECK_ERRNO("cpio_null_path_gives_einval", uk_cpio_find(a.buf, a.len, NULL, &d, &n), EINVAL);
	CHECK_ERRNO("cpio_null_archive_gives_einval", uk_cpio_find(NULL, 0, "/bin/hello", &d, &n), EINVAL);
}

static void test_stops_at_trailer(void)
{
	struct arc a;

	arc_sample(&a);
	arc_add(&a, "070701", "bin/late", S_IFREG | 0644, "x", 1);
	CHECK("cpio_members_after_trailer_are_ignored", find_err(&a, a.len, "/bin/late") == ENOENT);
	memset(a.buf + a.len, 'Z', 64);
	CHECK("cpio_garbage_after_trailer_is_ignored", find_err(&a, a.len + 64, "/bin/nope") == ENOENT);
}

static void test_malformed(void)
{
	struct arc a;
	size_t hello = 0;

	arc_sample(&a);
	CHECK("cpio_empty_archive_gives_einval", find_err(&a, 0, "/bin/hello") == EINVAL);
	CHECK("cpio_missing_trailer_gives_einval",
	      find_err(&a, arc_member(&a, 4), "/bin/nope") == EINVAL);
	hello = arc_member(&a, 1);
	a.buf[hello + 5] = '7';
	CHECK("cpio_bad_magic_gives_einval", find_err(&a, a.len, "/bin/hello") == EINVAL);
	arc_sample(&a);
	a.buf[hello + 6 + 8 * 6 + 3] = 'g';
	CHECK("cpio_non_hex_field_gives_einval", find_err(&a, a.len, "/bin/hello") == EINVAL);
	arc_sample(&a);
	memcpy(a.buf + hello + 54, "0000FFFF", 8);
	CHECK("cpio_file_size_beyond_archive_gives_einval", find_err(&a, a.len, "/bin/hello") == EINVAL);
	arc_sample(&a);
	memcpy(a.buf + hello + 94, "00000000", 8);
	CHECK("cpio_name_size_zero_gives_einval", find_err(&a, a.len, "/bin/hello") == EINVAL);
	arc_sample(&a);
	memcpy(a.buf + hello + 94, "00000009", 8);   /* "bin/hello" without its NUL */
	CHECK("cpio_name_without_nul_gives_einval", find_err(&a, a.len, "/bin/hello") == EINVAL);
	arc_sample(&a);
	memcpy(a.buf + hello + 94, "7FFFFFFF", 8);
	CHECK("cpio_name_size_beyond_archive_gives_einval", find_err(&a, a.len, "/bin/hello") == EINVAL);
	arc_sample(&a);
	a.buf[arc_member(&a, 4) - 4] ^= 1;   /* the "a" of "abc" */
	CHECK("cpio_bad_070702_checksum_gives_eio", find_err(&a, a.len, "/etc/sum") == EIO);
}

/* Every prefix of a valid archive: a member wholly inside the prefix is
 * found, anything else is EINVAL; never a read past the prefix. */
static void test_truncation(void)
{
	struct arc a;
	int ok = 1;

	arc_sample(&a);
	size_t hello_end = arc_member(&a, 2);
	for (size_t len = 0; len < a.len; len++) {
		int e = find_err(&a, len, "/bin/hello");
		int e2 = find_err(&a, len, "/bin/nope");
		ok &= (len >= hello_end ? e == 0 : e == EINVAL) && e2 == EINVAL;
	}
	CHECK("cpio_every_truncation_is_found_or_einval", ok);
}

/* Corrupts one byte at a time with a few values: every result is success
 * inside the buffer or one of the documented errors. */
static void test_corruption(void)
{
	static const unsigned char vals[] = { 0, '0', '7', 'F', 'f', 0xff, '/' };
	struct arc a;
	int ok = 1;

	arc_sample(&a);
	size_t len = a.len;
	for (size_t i = 0; i < len; i++) {
		for (size_t v = 0; v < sizeof(vals); v++) {
			const void *d = NULL;
			size_t n = 0;
			arc_sample(&a);
			a.buf[i] = vals[v];
			errno = 0;
			if (uk_cpio_find(a.buf, len, "/bin/hello", &d, &n) == 0)
				ok &= (const unsigned char *)d >= a.buf &&
				      (const unsigned char *)d + n <= a.buf + len;
			else
				ok &= errno == EINVAL || errno == ENOENT || errno == EIO;
		}
	}
	CHECK("cpio_single_byte_corruption_is_contained", ok);
}

/* Returns 1 if this is the kernel (its native calls work), 0 on Linux. */
static int on_this_kernel(void)
{
	struct uk_meminfo mi;
	return uk_meminfo(&mi) == 0;
}

static void test_real_initrd(void)
{
	const void *base = NULL, *d = NULL;
	size_t len = 0, n = 0;

	if (!on_this_kernel()) {
		tap_skip("initrd_is_mapped", "not running on this kernel");
		return;
	}
	if (!CHECK("initrd_is_mapped", uk_initrd(&base, &len) == 0 && base != NULL && len > 0))
		return;
	int r = uk_initrd_find("/bin/t_initrd", &d, &n);
	CHECK("initrd_holds_this_program_as_elf", r == 0 && n > 4 && memcmp(d, "\177ELF", 4) == 0);
	CHECK("initrd_holds_sbin_init", uk_initrd_find("sbin/init", &d, &n) == 0);
	CHECK_ERRNO("initrd_missing_file_gives_enoent", uk_initrd_find("/bin/no_such", &d, &n), ENOENT);
	CHECK_ERRNO("spawn_path_missing_file_gives_enoent",
		    uk_spawn_path("/bin/no_such", (char *[]){ "x", NULL }, (char *[]){ NULL }, 0), ENOENT);
	/* Every process shares the initrd's page tables: no process may unmap
	 * or re-protect them, and a forked child sees the same bytes. */
	void *page = (void *)((uintptr_t)base & ~(uintptr_t)4095);
	CHECK_ERRNO("initrd_cannot_be_unmapped", munmap(page, 4096), EINVAL);
	CHECK_ERRNO("initrd_cannot_be_reprotected", mprotect(page, 4096, PROT_NONE), EACCES);
	CHECK_ERRNO("initrd_cannot_be_mapped_over",
		    mmap(page, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0), EINVAL);
	pid_t pid = fork();
	if (pid == 0)
		_exit(memcmp(d, "\177ELF", 4) == 0 && uk_initrd_find("/bin/t_initrd", &d, &n) == 0 ? 0 : 1);
	int st = -1;
	waitpid(pid, &st, 0);
	CHECK("initrd_is_the_same_in_a_forked_child", WIFEXITED(st) && WEXITSTATUS(st) == 0);
}

int main(void)
{
	tap_begin();
	test_find_well_formed();
	test_stops_at_trailer();
	test_malformed();
	test_truncation();
	test_corruption();
	test_real_initrd();
	return tap_end("t_initrd");
}
