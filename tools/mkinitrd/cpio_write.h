/* SPDX-License-Identifier: MIT */
/* Writes cpio "newc" archives (the format kernel/proc/cpio.c reads) to a
 * stdio stream. Entry points: cpio_out_init, cpio_out_entry (or
 * cpio_out_header + cpio_out_data + cpio_out_pad to stream large files) and
 * cpio_out_trailer. uid, gid and mtime are always 0 for reproducible output;
 * inode numbers count up from 1 in write order. */
#pragma once
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define CPIO_OUT_MAX_SIZE 0xffffffffull /* newc sizes are 8 hex digits */

struct cpio_out {
	FILE *fp;
	uint64_t offset;   /* bytes written so far, for padding */
	uint32_t next_ino;
};

/* Starts an archive on fp (positioned at its start). */
void cpio_out_init(struct cpio_out *o, FILE *fp);

/* Writes the header and name of an entry whose data (size bytes) follows.
 * mode holds the type and permission bits. Returns 0, or -1 with errno set
 * (EINVAL for an empty name or a name of more than 1023 bytes, EFBIG for
 * size > CPIO_OUT_MAX_SIZE, else the write error). */
int cpio_out_header(struct cpio_out *o, const char *name, uint32_t mode, uint64_t size);

/* Writes n bytes of entry data. Returns 0, or -1 with errno set. */
int cpio_out_data(struct cpio_out *o, const void *buf, size_t n);

/* Pads the archive to a multiple of 4 bytes, ending an entry's data. */
int cpio_out_pad(struct cpio_out *o);

/* Writes a whole entry: header, data and padding. Returns 0 or -1. */
int cpio_out_entry(struct cpio_out *o, const char *name, uint32_t mode,
		   const void *data, size_t size);

/* Writes the TRAILER!!! entry that ends the archive. Returns 0 or -1. */
int cpio_out_trailer(struct cpio_out *o);
