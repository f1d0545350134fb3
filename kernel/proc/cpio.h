/* SPDX-License-Identifier: MIT */
/* Reads a cpio "newc" archive (the initrd) in place: entries point into the
 * archive, nothing is copied. Entry points: cpio_iterate, cpio_find and
 * cpio_strerror. Every header field, name and size is checked against len
 * before use, so a corrupt archive yields an error, never an overrun. */
#pragma once
#include "lib/types.h"

/* Errors are negative; 0 is success. */
enum cpio_error {
	CPIO_OK = 0,
	CPIO_ERR_INVALID = -1,       /* NULL archive, path or callback */
	CPIO_ERR_TRUNCATED = -2,     /* a header runs past the end */
	CPIO_ERR_BAD_MAGIC = -3,     /* not 070701 / 070702 */
	CPIO_ERR_BAD_HEX = -4,       /* a header field has a non-hex digit */
	CPIO_ERR_NAME_SIZE = -5,     /* namesize 0 or name past the end */
	CPIO_ERR_NAME_UNTERMINATED = -6, /* no NUL at the end of the name */
	CPIO_ERR_DATA_PAST_END = -7, /* file data runs past the end */
	CPIO_ERR_NO_TRAILER = -8,    /* archive ends without TRAILER!!! */
	CPIO_ERR_NOT_FOUND = -9,     /* cpio_find: no entry of that name */
};

/* One archive member. name and data point into the archive. */
struct cpio_entry {
	const char *name;  /* NUL-terminated, leading "/" and "./" removed */
	size_t namelen;    /* strlen(name); 0 for the root entry "." */
	const void *data;  /* file contents, or a symlink's target (no NUL) */
	size_t size;
	uint32_t mode;     /* type and permission bits, as in st_mode */
	uint32_t uid, gid;
	uint32_t nlink;
	uint32_t mtime;
	uint32_t ino;
};

/* The st_mode type bits, for entry.mode. */
#define CPIO_S_IFMT 0170000u
#define CPIO_S_IFDIR 0040000u
#define CPIO_S_IFREG 0100000u
#define CPIO_S_IFLNK 0120000u

/* Calls cb on each entry in archive order until the trailer. A non-zero
 * return from cb stops the walk and is returned (use positive values to tell
 * them from errors). Returns 0 after the trailer, or a negative cpio_error;
 * entries before a corrupt header have already been passed to cb. */
int cpio_iterate(const void *archive, size_t len,
		 int (*cb)(const struct cpio_entry *e, void *arg), void *arg);

/* Finds path ("bin/init" or "/bin/init") and fills *out. Returns 0,
 * CPIO_ERR_NOT_FOUND, or the error that stopped the walk before a match. */
int cpio_find(const void *archive, size_t len, const char *path,
	      struct cpio_entry *out);

/* Returns a short English description of a cpio_error value. */
const char *cpio_strerror(int err);
