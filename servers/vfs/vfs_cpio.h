/* SPDX-License-Identifier: MIT */
/* A reader of cpio "newc" entries (vfs_cpio.c): a 110-byte header of magic
 * 070701 (or 070702) and thirteen 8-digit hex fields, the NUL-terminated
 * name, then the data, each padded to 4 bytes. Every field is checked. */
#pragma once
#include <stddef.h>
#include <stdint.h>

#define VFS_CPIO_HDR_LEN 110

struct vfs_cpio_entry {
	const uint8_t *hdr;
	const char *name;        /* NUL-terminated inside the archive */
	size_t namelen;          /* without the NUL */
	uint32_t mode, uid, gid, nlink, mtime;
	const uint8_t *data;
	size_t size;
	size_t next;             /* bytes from hdr to the next header */
};

/* Parses the entry at hdr, avail bytes from hdr to the end of the archive
 * (SIZE_MAX for one already validated). Returns 0 or -EINVAL. */
int vfs_cpio_parse(const uint8_t *hdr, size_t avail, struct vfs_cpio_entry *e);
/* Steps through an archive: returns 1 with *e and *off advanced, 0 at the
 * end (TRAILER!!!, or only zero padding left), -EINVAL for a bad entry. */
int vfs_cpio_next(const uint8_t *base, size_t len, size_t *off, struct vfs_cpio_entry *e);
