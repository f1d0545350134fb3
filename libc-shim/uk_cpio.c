// SPDX-License-Identifier: MIT
/* uk_cpio_find: a read-only walker over a cpio "newc" archive (magic 070701,
 * or 070702 with a checksum). Each member is a 110-byte ASCII header (magic
 * plus thirteen 8-digit hex fields), the NUL-terminated name padded so that
 * header + name is a multiple of 4, then the data padded to 4. The archive
 * ends with a member named TRAILER!!!. Every field is checked against the
 * buffer before it is used, so a corrupt archive yields EINVAL, never a read
 * outside [archive, archive + len). */
#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>
#include "uk.h"

#define NEWC_HDR_LEN 110
#define NEWC_MAGIC_LEN 6
#define NEWC_NFIELDS 13

/* Field order after the magic. */
enum { F_INO, F_MODE, F_UID, F_GID, F_NLINK, F_MTIME, F_FILESIZE, F_DEVMAJOR,
       F_DEVMINOR, F_RDEVMAJOR, F_RDEVMINOR, F_NAMESIZE, F_CHECK };

struct cpio_member {
	uint32_t f[NEWC_NFIELDS];
	int has_check;           /* 070702: F_CHECK is a byte sum of the data */
	const char *name;
	const unsigned char *data;
	size_t next;             /* offset of the following header */
};

/* Parses 8 hex digits at s into *out. Returns 0, or -1 on a non-hex digit. */
static int cpio_hex8(const char *s, uint32_t *out)
{
	uint32_t v = 0;
	for (int i = 0; i < 8; i++) {
		char c = s[i];
		uint32_t d;
		if (c >= '0' && c <= '9')
			d = (uint32_t)(c - '0');
		else if (c >= 'a' && c <= 'f')
			d = (uint32_t)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			d = (uint32_t)(c - 'A' + 10);
		else
			return -1;
		v = v << 4 | d;
	}
	*out = v;
	return 0;
}

static size_t cpio_align4(size_t x)
{
	return (x + 3) & ~(size_t)3;
}

/* Decodes the header at offset off into *m. Returns 0, or -1 (EINVAL) when
 * the header, name or data do not lie within the archive or are malformed. */
static int cpio_member_at(const char *a, size_t len, size_t off, struct cpio_member *m)
{
	if (off > len || len - off < NEWC_HDR_LEN)
		return -1;
	const char *h = a + off;
	if (memcmp(h, "07070", 5) != 0 || (h[5] != '1' && h[5] != '2'))
		return -1;
	m->has_check = h[5] == '2';
	for (int i = 0; i < NEWC_NFIELDS; i++)
		if (cpio_hex8(h + NEWC_MAGIC_LEN + 8 * i, &m->f[i]) != 0)
			return -1;
	size_t name_off = off + NEWC_HDR_LEN;
	size_t namesize = m->f[F_NAMESIZE];
	if (namesize == 0 || namesize > len - name_off)
		return -1;
	m->name = a + name_off;
	if (memchr(m->name, '\0', namesize) != m->name + namesize - 1)
		return -1;
	size_t data_off = cpio_align4(name_off + namesize);
	size_t size = m->f[F_FILESIZE];
	if (data_off > len || size > len - data_off)
		return -1;
	m->data = (const unsigned char *)a + data_off;
	m->next = cpio_align4(data_off + size);
	return 0;
}

/* Returns p without leading "/" and "./" components. */
static const char *cpio_strip(const char *p)
{
	for (;;) {
		if (p[0] == '/')
			p++;
		else if (p[0] == '.' && p[1] == '/')
			p += 2;
		else
			return p;
	}
}

/* Returns 1 if a 070702 member's byte sum matches its check field. */
static int cpio_check_ok(const struct cpio_member *m)
{
	uint32_t sum = 0;
	if (!m->has_check)
		return 1;
	for (size_t i = 0; i < m->f[F_FILESIZE]; i++)
		sum += m->data[i];
	return sum == m->f[F_CHECK];
}

int uk_cpio_find(const void *archive, size_t archive_len, const char *path,
		 const void **data, size_t *len)
{
	struct cpio_member m;

	if (!archive || !path || !data || !len) {
		errno = EINVAL;
		return -1;
	}
	const char *want = cpio_strip(path);
	for (size_t off = 0;; off = m.next) {
		if (cpio_member_at(archive, archive_len, off, &m) != 0) {
			errno = EINVAL;
			return -1;
		}
		if (strcmp(m.name, "TRAILER!!!") == 0)
			break;
		if (!S_ISREG(m.f[F_MODE]) || *want == '\0' || strcmp(cpio_strip(m.name), want) != 0)
			continue;
		if (!cpio_check_ok(&m)) {
			errno = EIO;
			return -1;
		}
		*data = m.data;
		*len = m.f[F_FILESIZE];
		return 0;
	}
	errno = ENOENT;
	return -1;
}
