// SPDX-License-Identifier: MIT
/* The newc writer behind cpio_write.h: a 110-byte ASCII header (magic
 * 070701, thirteen 8-hex-digit fields), the NUL-terminated name padded so
 * header + name is a multiple of 4, then the data padded to 4. */
#include "cpio_write.h"
#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#define NEWC_HDR_LEN 110
#define NEWC_NAME_MAX 1023

void cpio_out_init(struct cpio_out *o, FILE *fp)
{
	o->fp = fp;
	o->offset = 0;
	o->next_ino = 1;
}

int cpio_out_data(struct cpio_out *o, const void *buf, size_t n)
{
	errno = 0;
	if (n && fwrite(buf, 1, n, o->fp) != n) {
		if (errno == 0)
			errno = EIO;
		return -1;
	}
	o->offset += n;
	return 0;
}

int cpio_out_pad(struct cpio_out *o)
{
	static const char zeros[4];
	return cpio_out_data(o, zeros, (4 - (o->offset & 3)) & 3);
}

/* Writes a header for name without range checks (the trailer uses ino 0). */
static int put_header(struct cpio_out *o, const char *name, uint32_t ino,
		      uint32_t mode, uint32_t nlink, uint32_t size)
{
	char hdr[NEWC_HDR_LEN + 1];
	size_t namesize = strlen(name) + 1;
	/* ino mode uid gid nlink mtime filesize devmaj devmin rdevmaj rdevmin namesize check */
	snprintf(hdr, sizeof(hdr),
		 "070701%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X",
		 ino, mode, 0u, 0u, nlink, 0u, size, 0u, 0u, 0u, 0u,
		 (unsigned)namesize, 0u);
	if (cpio_out_data(o, hdr, NEWC_HDR_LEN) || cpio_out_data(o, name, namesize))
		return -1;
	return cpio_out_pad(o);
}

int cpio_out_header(struct cpio_out *o, const char *name, uint32_t mode, uint64_t size)
{
	size_t len = strlen(name);
	if (len == 0 || len > NEWC_NAME_MAX) {
		errno = EINVAL;
		return -1;
	}
	if (size > CPIO_OUT_MAX_SIZE) {
		errno = EFBIG;
		return -1;
	}
	uint32_t nlink = S_ISDIR(mode) ? 2 : 1;
	return put_header(o, name, o->next_ino++, mode, nlink, (uint32_t)size);
}

int cpio_out_entry(struct cpio_out *o, const char *name, uint32_t mode,
		   const void *data, size_t size)
{
	if (cpio_out_header(o, name, mode, size) || cpio_out_data(o, data, size))
		return -1;
	return cpio_out_pad(o);
}

int cpio_out_trailer(struct cpio_out *o)
{
	return put_header(o, "TRAILER!!!", 0, 0, 1, 0);
}
