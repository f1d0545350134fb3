// SPDX-License-Identifier: MIT
/* The newc entry reader behind vfs_cpio.h. Entry points: vfs_cpio_parse,
 * vfs_cpio_next. */
#include <errno.h>
#include <stdbool.h>
#include <string.h>
#include <sys/stat.h>
#include "vfs.h"
#include "vfs_cpio.h"

enum { F_INO, F_MODE, F_UID, F_GID, F_NLINK, F_MTIME, F_FILESIZE, F_DEVMAJOR, F_DEVMINOR,
       F_RDEVMAJOR, F_RDEVMINOR, F_NAMESIZE, F_CHECK, F_COUNT };

static size_t align4(size_t n)
{
	return (n + 3) & ~(size_t)3;
}

/* Decodes 8 hex digits. Returns 0 or -EINVAL. */
static int hex8(const uint8_t *p, uint32_t *out)
{
	uint32_t v = 0;
	for (int i = 0; i < 8; i++) {
		uint8_t c = p[i];
		uint32_t d;
		if (c >= '0' && c <= '9')
			d = c - '0';
		else if (c >= 'a' && c <= 'f')
			d = c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			d = c - 'A' + 10;
		else
			return -EINVAL;
		v = v << 4 | d;
	}
	*out = v;
	return 0;
}

static bool valid_type(uint32_t mode)
{
	switch (mode & S_IFMT) {
	case S_IFREG: case S_IFDIR: case S_IFLNK: case S_IFCHR:
	case S_IFBLK: case S_IFIFO: case S_IFSOCK:
		return true;
	default:
		return false;
	}
}

/* Reads the thirteen fields after the magic. */
static int read_fields(const uint8_t *hdr, uint32_t f[F_COUNT])
{
	if (memcmp(hdr, "070701", 6) != 0 && memcmp(hdr, "070702", 6) != 0)
		return -EINVAL;
	for (int i = 0; i < F_COUNT; i++)
		if (hex8(hdr + 6 + 8 * i, &f[i]) < 0)
			return -EINVAL;
	return 0;
}

int vfs_cpio_parse(const uint8_t *hdr, size_t avail, struct vfs_cpio_entry *e)
{
	uint32_t f[F_COUNT];
	if (avail < VFS_CPIO_HDR_LEN || read_fields(hdr, f) < 0)
		return -EINVAL;
	size_t namesize = f[F_NAMESIZE];
	if (namesize < 2 || namesize > VFS_PATH_MAX || namesize > avail - VFS_CPIO_HDR_LEN)
		return -EINVAL;
	const char *name = (const char *)hdr + VFS_CPIO_HDR_LEN;
	if (name[namesize - 1] != '\0' || memchr(name, '\0', namesize - 1))
		return -EINVAL;
	size_t data_off = align4(VFS_CPIO_HDR_LEN + namesize);
	bool trailer = namesize == sizeof("TRAILER!!!") && !memcmp(name, "TRAILER!!!", namesize);
	if (data_off > avail || f[F_FILESIZE] > avail - data_off ||
	    (!trailer && !valid_type(f[F_MODE])))  /* the trailer's mode is 0 */
		return -EINVAL;
	if (f[F_MODE] & ~(uint32_t)(S_IFMT | 07777))
		return -EINVAL;
	e->hdr = hdr;
	e->name = name;
	e->namelen = namesize - 1;
	e->mode = f[F_MODE];
	e->uid = f[F_UID];
	e->gid = f[F_GID];
	e->nlink = f[F_NLINK];
	e->mtime = f[F_MTIME];
	e->data = hdr + data_off;
	e->size = f[F_FILESIZE];
	e->next = align4(data_off + e->size);
	if (e->next > avail)
		e->next = avail; /* the last entry may lack its padding */
	return 0;
}

static bool all_zero(const uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i])
			return false;
	return true;
}

int vfs_cpio_next(const uint8_t *base, size_t len, size_t *off, struct vfs_cpio_entry *e)
{
	if (*off >= len || all_zero(base + *off, len - *off))
		return 0;
	if (vfs_cpio_parse(base + *off, len - *off, e) < 0)
		return -EINVAL;
	if (strcmp(e->name, "TRAILER!!!") == 0)
		return 0;
	*off += e->next;
	return 1;
}
