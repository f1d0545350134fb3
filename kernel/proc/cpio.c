// SPDX-License-Identifier: MIT
/* The newc cpio reader behind cpio.h: cpio_iterate walks headers with every
 * offset checked against the archive length; cpio_find is a walk that stops
 * at a name. The walk never reads outside [archive, archive + len). */
#include "proc/cpio.h"
#include "lib/string.h"

#define NEWC_HDR_LEN 110u
#define NEWC_MAGIC_LEN 6u
#define NEWC_TRAILER "TRAILER!!!"

/* Header fields after the magic, each 8 hex digits, in archive order. */
enum newc_field {
	NF_INO, NF_MODE, NF_UID, NF_GID, NF_NLINK, NF_MTIME, NF_FILESIZE,
	NF_DEVMAJOR, NF_DEVMINOR, NF_RDEVMAJOR, NF_RDEVMINOR, NF_NAMESIZE,
	NF_CHECK, NF_COUNT
};

static const char *const cpio_messages[] = {
	[-CPIO_OK] = "success",
	[-CPIO_ERR_INVALID] = "invalid argument",
	[-CPIO_ERR_TRUNCATED] = "header runs past the end of the archive",
	[-CPIO_ERR_BAD_MAGIC] = "bad magic (not a newc cpio archive)",
	[-CPIO_ERR_BAD_HEX] = "header field is not 8 hex digits",
	[-CPIO_ERR_NAME_SIZE] = "bad name size (zero, past the end, or embedded NUL)",
	[-CPIO_ERR_NAME_UNTERMINATED] = "name is not NUL-terminated",
	[-CPIO_ERR_DATA_PAST_END] = "file data runs past the end of the archive",
	[-CPIO_ERR_NO_TRAILER] = "archive ends without TRAILER!!!",
	[-CPIO_ERR_NOT_FOUND] = "no such file in the archive",
};

/* Returns the description of err, or "unknown error". */
const char *cpio_strerror(int err)
{
	if (err > 0 || (size_t)-err >= ARRAY_SIZE(cpio_messages))
		return "unknown error";
	return cpio_messages[-err];
}

/* Parses 8 hex digits at p into *out; returns false on any other character. */
static bool parse_hex8(const char *p, uint32_t *out)
{
	uint32_t v = 0;
	for (int i = 0; i < 8; i++) {
		char c = p[i];
		uint32_t d;
		if (c >= '0' && c <= '9')
			d = (uint32_t)(c - '0');
		else if (c >= 'a' && c <= 'f')
			d = (uint32_t)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			d = (uint32_t)(c - 'A' + 10);
		else
			return false;
		v = v << 4 | d;
	}
	*out = v;
	return true;
}

/* Returns how many leading bytes of s (length n) are "/" or "./" prefixes,
 * so "./a", "/a" and "a" compare equal and "." becomes "". */
static size_t prefix_len(const char *s, size_t n)
{
	size_t i = 0;
	for (;;) {
		if (i < n && s[i] == '/')
			i++;
		else if (n - i >= 2 && s[i] == '.' && s[i + 1] == '/')
			i += 2;
		else if (n - i == 1 && s[i] == '.')
			return n;
		else
			return i;
	}
}

/* Returns x rounded up to 4, or limit if that would pass limit. */
static size_t pad4(size_t x, size_t limit)
{
	size_t pad = (4 - (x & 3)) & 3;
	return pad > limit - x ? limit : x + pad;
}

/* Decodes the magic and fields of the header at base + pos. */
static int read_fields(const char *base, size_t len, size_t pos, uint32_t f[NF_COUNT])
{
	const char *h = base + pos;
	if (len - pos < NEWC_HDR_LEN)
		return CPIO_ERR_TRUNCATED;
	if (memcmp(h, "07070", 5) != 0 || (h[5] != '1' && h[5] != '2'))
		return CPIO_ERR_BAD_MAGIC;
	for (int i = 0; i < NF_COUNT; i++)
		if (!parse_hex8(h + NEWC_MAGIC_LEN + 8 * i, &f[i]))
			return CPIO_ERR_BAD_HEX;
	return CPIO_OK;
}

/* Decodes the entry at *pos into *e and advances *pos past it. Returns 1 at
 * the trailer, 0 for an entry, or a negative cpio_error. */
static int read_entry(const char *base, size_t len, size_t *pos, struct cpio_entry *e)
{
	uint32_t f[NF_COUNT];
	int err = read_fields(base, len, *pos, f);
	if (err)
		return err;
	size_t name_off = *pos + NEWC_HDR_LEN;
	size_t namesize = f[NF_NAMESIZE];
	if (namesize == 0 || namesize > len - name_off)
		return CPIO_ERR_NAME_SIZE;
	const char *name = base + name_off;
	if (name[namesize - 1] != '\0')
		return CPIO_ERR_NAME_UNTERMINATED;
	if (strnlen(name, namesize) != namesize - 1)
		return CPIO_ERR_NAME_SIZE;
	if (strcmp(name, NEWC_TRAILER) == 0)
		return 1;
	size_t data_off = pad4(name_off + namesize, SIZE_MAX);
	if (data_off > len || f[NF_FILESIZE] > len - data_off)
		return CPIO_ERR_DATA_PAST_END;
	size_t skip = prefix_len(name, namesize - 1);
	*e = (struct cpio_entry){
		.name = name + skip, .namelen = namesize - 1 - skip,
		.data = base + data_off, .size = f[NF_FILESIZE],
		.mode = f[NF_MODE], .uid = f[NF_UID], .gid = f[NF_GID],
		.nlink = f[NF_NLINK], .mtime = f[NF_MTIME], .ino = f[NF_INO],
	};
	*pos = pad4(data_off + e->size, len);
	return 0;
}

int cpio_iterate(const void *archive, size_t len,
		 int (*cb)(const struct cpio_entry *e, void *arg), void *arg)
{
	if (!archive || !cb)
		return CPIO_ERR_INVALID;
	size_t pos = 0;
	for (;;) {
		struct cpio_entry e;
		if (pos == len)
			return CPIO_ERR_NO_TRAILER;
		int r = read_entry(archive, len, &pos, &e);
		if (r < 0)
			return r;
		if (r == 1)
			return CPIO_OK;
		r = cb(&e, arg);
		if (r != 0)
			return r;
	}
}

struct find_state {
	const char *path;
	size_t len;
	struct cpio_entry *out;
};

/* cpio_iterate callback: returns 1 (stop) when e's name matches. */
static int find_cb(const struct cpio_entry *e, void *arg)
{
	struct find_state *st = arg;
	if (e->namelen != st->len || memcmp(e->name, st->path, st->len) != 0)
		return 0;
	*st->out = *e;
	return 1;
}

int cpio_find(const void *archive, size_t len, const char *path,
	      struct cpio_entry *out)
{
	if (!path || !out)
		return CPIO_ERR_INVALID;
	size_t n = strlen(path);
	while (n > 1 && path[n - 1] == '/')
		n--;
	size_t skip = prefix_len(path, n);
	struct find_state st = { .path = path + skip, .len = n - skip, .out = out };
	int r = cpio_iterate(archive, len, find_cb, &st);
	if (r == 1)
		return CPIO_OK;
	return r == CPIO_OK ? CPIO_ERR_NOT_FOUND : r;
}
