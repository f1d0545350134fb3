// SPDX-License-Identifier: MIT
/* The bytes of regular files and symlinks: read in place from the archive
 * until the first change, then one growable heap buffer (copy on write).
 * Heap bytes count against max_data_bytes (ENOSPC). Entry points:
 * vfs_data_bytes, vfs_data_read, vfs_data_write, vfs_data_truncate,
 * vfs_data_free. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "vfs_state.h"

#define VFS_FILE_MAX (1ull << 32) /* a file's size limit (EFBIG) */

const uint8_t *vfs_data_bytes(const struct vfs_inode *ip)
{
	return ip->u.data.buf ? ip->u.data.buf : ip->u.data.ro;
}

size_t vfs_data_read(const struct vfs_inode *ip, uint64_t off, void *buf, size_t len)
{
	if (off >= ip->size)
		return 0;
	if (len > ip->size - off)
		len = (size_t)(ip->size - off);
	memcpy(buf, vfs_data_bytes(ip) + off, len);
	return len;
}

/* Sets the size, keeping the cache and heap accounting. */
static void set_size(struct vfs_state *s, struct vfs_inode *ip, uint64_t size)
{
	if (ip->u.data.buf) {
		s->it.heap_bytes -= ip->size;
		s->it.heap_bytes += size;
	}
	s->it.bytes -= ip->size;
	s->it.bytes += size;
	ip->size = size;
}

/* Makes ip's bytes a heap buffer of at least end bytes (copying archive
 * bytes on the first change). Returns 0, -ENOSPC or -EFBIG. */
static int reserve(struct vfs_state *s, struct vfs_inode *ip, uint64_t end)
{
	struct vfs_data *d = &ip->u.data;
	if (end > VFS_FILE_MAX)
		return -EFBIG;
	uint64_t extra = (d->buf ? 0 : ip->size) + (end > ip->size ? end - ip->size : 0);
	if (s->it.heap_max && s->it.heap_bytes + extra > s->it.heap_max)
		return -ENOSPC;
	if (d->buf && d->cap >= end)
		return 0;
	uint64_t cap = d->cap + d->cap / 2;
	if (cap < end)
		cap = end;
	if (cap < 64)
		cap = 64;
	uint8_t *nb = realloc(d->buf, cap);
	if (!nb)
		return -ENOSPC;
	if (!d->buf) {
		if (ip->size)
			memcpy(nb, d->ro, ip->size);
		d->ro = NULL;
		s->it.heap_bytes += ip->size;
	}
	d->buf = nb;
	d->cap = cap;
	return 0;
}

ssize_t vfs_data_write(struct vfs_state *s, struct vfs_inode *ip, uint64_t off, const void *buf,
		       size_t len)
{
	if (len == 0)
		return 0; /* changes nothing, not even an initrd file's cleanliness */
	if (len > VFS_FILE_MAX || off > VFS_FILE_MAX - len)
		return -EFBIG;
	uint64_t end = off + len;
	int r = reserve(s, ip, end > ip->size ? end : ip->size);
	if (r < 0)
		return r;
	uint8_t *b = ip->u.data.buf;
	if (off > ip->size)
		memset(b + ip->size, 0, off - ip->size);
	if (len)
		memcpy(b + off, buf, len);
	if (end > ip->size)
		set_size(s, ip, end);
	ip->mtime = ip->ctime = vfs_now(s);
	vfs_inode_dirty(s, ip);
	return (ssize_t)len;
}

int vfs_data_truncate(struct vfs_state *s, struct vfs_inode *ip, uint64_t len)
{
	if (len > ip->size) {
		int r = reserve(s, ip, len);
		if (r < 0)
			return r;
		memset(ip->u.data.buf + ip->size, 0, len - ip->size);
	}
	/* Shrinking archive bytes needs no copy: they stay valid in place. */
	set_size(s, ip, len);
	if (len == 0 && ip->u.data.buf) {
		free(ip->u.data.buf);
		ip->u.data.buf = NULL;
		ip->u.data.cap = 0;
	}
	ip->mtime = ip->ctime = vfs_now(s);
	vfs_inode_dirty(s, ip);
	return 0;
}

void vfs_data_free(struct vfs_state *s, struct vfs_inode *ip)
{
	if (ip->u.data.buf)
		s->it.heap_bytes -= ip->size;
	free(ip->u.data.buf);
	ip->u.data.buf = NULL;
	ip->u.data.cap = 0;
}
