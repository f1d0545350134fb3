// SPDX-License-Identifier: MIT
/* The bytes of regular files and symlinks: read in place from the archive
 * until the first change, then in chunks of VFS_CHUNK bytes from the heap
 * (see struct vfs_data). A missing chunk is a hole that reads as zeros,
 * and every byte of a chunk past the end of the file is zero, so growing a
 * file never has to clear anything. Chunks count against max_data_bytes
 * (ENOSPC); a write that runs out of space part way returns what it wrote.
 * Entry points: vfs_data_bytes, vfs_data_read, vfs_data_write,
 * vfs_data_truncate, vfs_data_allocate, vfs_data_punch, vfs_data_seek,
 * vfs_data_blocks, vfs_data_free. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "vfs_state.h"

#define VFS_FILE_MAX (1ull << 32) /* a file's size limit (EFBIG) */
#define SMALL_MIN 64              /* the first capacity of a small file's only chunk */

const uint8_t *vfs_data_bytes(const struct vfs_inode *ip)
{
	const struct vfs_data *d = &ip->u.data;
	return d->ro ? d->ro : d->nchunk ? d->chunk[0] : NULL;
}

/* Bytes chunk i can hold (0 for a hole). */
static uint32_t chunk_cap(const struct vfs_data *d, uint64_t i)
{
	if (i >= d->nchunk || !d->chunk[i])
		return 0;
	return i == 0 ? d->cap0 : VFS_CHUNK;
}

size_t vfs_data_read(const struct vfs_inode *ip, uint64_t off, void *buf, size_t len)
{
	const struct vfs_data *d = &ip->u.data;
	if (off >= ip->size)
		return 0;
	if (len > ip->size - off)
		len = (size_t)(ip->size - off);
	if (d->ro) {
		memcpy(buf, d->ro + off, len);
		return len;
	}
	for (size_t done = 0; done < len;) {
		uint64_t i = (off + done) / VFS_CHUNK, at = (off + done) % VFS_CHUNK;
		size_t piece = VFS_CHUNK - at < len - done ? VFS_CHUNK - at : len - done;
		uint32_t cap = chunk_cap(d, i);
		size_t have = at < cap ? (cap - at < piece ? cap - at : piece) : 0;
		if (have)
			memcpy((uint8_t *)buf + done, d->chunk[i] + at, have);
		memset((uint8_t *)buf + done + have, 0, piece - have);
		done += piece;
	}
	return len;
}

/* Sets the size, keeping the cache and heap accounting. */
static void set_size(struct vfs_state *s, struct vfs_inode *ip, uint64_t size)
{
	if (!ip->u.data.ro) {
		s->it.heap_bytes -= ip->size;
		s->it.heap_bytes += size;
	}
	s->it.bytes -= ip->size;
	s->it.bytes += size;
	ip->size = size;
}

/* Takes add bytes of the store for ip. Returns 0 or -ENOSPC. */
static int charge(struct vfs_state *s, struct vfs_inode *ip, uint64_t add)
{
	if (s->it.heap_max && s->it.data_bytes + add > s->it.heap_max)
		return -ENOSPC;
	s->it.data_bytes += add;
	ip->u.data.alloc += add;
	return 0;
}

static void uncharge(struct vfs_state *s, struct vfs_inode *ip, uint64_t sub)
{
	s->it.data_bytes -= sub;
	ip->u.data.alloc -= sub;
}

/* Makes the chunk index hold at least n entries. Returns 0 or -ENOSPC. */
static int index_hold(struct vfs_data *d, uint64_t n)
{
	if (n <= d->nchunk)
		return 0;
	uint64_t cap = d->nchunk ? d->nchunk : 1;
	while (cap < n)
		cap *= 2;
	uint8_t **ni = realloc(d->chunk, cap * sizeof(*ni));
	if (!ni)
		return -ENOSPC;
	memset(ni + d->nchunk, 0, (cap - d->nchunk) * sizeof(*ni));
	d->chunk = ni;
	d->nchunk = (uint32_t)cap;
	return 0;
}

/* Gives chunk 0 a capacity of at least cap bytes (zeros beyond what it held). */
static int grow_first(struct vfs_state *s, struct vfs_inode *ip, uint32_t cap)
{
	struct vfs_data *d = &ip->u.data;
	uint32_t old = chunk_cap(d, 0);
	if (old >= cap)
		return 0;
	if (charge(s, ip, cap - old) < 0)
		return -ENOSPC;
	uint8_t *c = realloc(d->chunk[0], cap);
	if (!c) {
		uncharge(s, ip, cap - old);
		return -ENOSPC;
	}
	memset(c + old, 0, cap - old);
	d->chunk[0] = c;
	d->cap0 = cap;
	return 0;
}

/* Makes chunk i hold its bytes up to end (within the chunk). A small
 * file's only chunk grows by doubling; once a second chunk exists, the
 * first is a whole one. Returns 0 or -ENOSPC. */
static int ensure_chunk(struct vfs_state *s, struct vfs_inode *ip, uint64_t i, uint32_t end)
{
	struct vfs_data *d = &ip->u.data;
	if (index_hold(d, i + 1) < 0)
		return -ENOSPC;
	if (i == 0 && d->nchunk == 1) {
		uint32_t cap = d->cap0 ? d->cap0 : SMALL_MIN;
		while (cap < end)
			cap *= 2;
		return grow_first(s, ip, cap);
	}
	if (d->chunk[0] && d->cap0 < VFS_CHUNK && grow_first(s, ip, VFS_CHUNK) < 0)
		return -ENOSPC;
	if (d->chunk[i])
		return 0;
	if (charge(s, ip, VFS_CHUNK) < 0)
		return -ENOSPC;
	if (!(d->chunk[i] = calloc(1, VFS_CHUNK))) {
		uncharge(s, ip, VFS_CHUNK);
		return -ENOSPC;
	}
	if (i == 0)
		d->cap0 = VFS_CHUNK;
	return 0;
}

/* Frees every chunk and the index. */
static void drop_chunks(struct vfs_state *s, struct vfs_inode *ip)
{
	struct vfs_data *d = &ip->u.data;
	for (uint32_t i = 0; i < d->nchunk; i++)
		free(d->chunk[i]);
	free(d->chunk);
	uncharge(s, ip, d->alloc);
	d->chunk = NULL;
	d->nchunk = d->cap0 = 0;
}

/* Copies archive bytes into chunks on the first change. All or nothing:
 * -ENOSPC leaves the file in place. */
static int materialize(struct vfs_state *s, struct vfs_inode *ip)
{
	struct vfs_data *d = &ip->u.data;
	if (!d->ro)
		return 0;
	for (uint64_t off = 0; off < ip->size; off += VFS_CHUNK) {
		uint64_t n = ip->size - off < VFS_CHUNK ? ip->size - off : VFS_CHUNK;
		if (ensure_chunk(s, ip, off / VFS_CHUNK, (uint32_t)n) < 0) {
			drop_chunks(s, ip);
			return -ENOSPC;
		}
		memcpy(d->chunk[off / VFS_CHUNK], d->ro + off, n);
	}
	d->ro = NULL;
	s->it.heap_bytes += ip->size;
	return 0;
}

static void touch(struct vfs_state *s, struct vfs_inode *ip)
{
	ip->mtime = ip->ctime = vfs_now(s);
	vfs_inode_dirty(s, ip);
}

ssize_t vfs_data_write(struct vfs_state *s, struct vfs_inode *ip, uint64_t off, const void *buf,
		       size_t len)
{
	if (len == 0)
		return 0; /* changes nothing, not even an initrd file's cleanliness */
	if (len > VFS_FILE_MAX || off > VFS_FILE_MAX - len)
		return -EFBIG;
	if (materialize(s, ip) < 0)
		return -ENOSPC;
	struct vfs_data *d = &ip->u.data;
	size_t done = 0;
	while (done < len) {
		uint64_t i = (off + done) / VFS_CHUNK, at = (off + done) % VFS_CHUNK;
		size_t piece = VFS_CHUNK - at < len - done ? VFS_CHUNK - at : len - done;
		if (ensure_chunk(s, ip, i, (uint32_t)(at + piece)) < 0)
			break;
		memcpy(d->chunk[i] + at, (const uint8_t *)buf + done, piece);
		done += piece;
	}
	if (done == 0)
		return -ENOSPC;
	if (off + done > ip->size)
		set_size(s, ip, off + done);
	touch(s, ip);
	return (ssize_t)done;
}

/* Zeroes bytes [from, to) of the file where chunks hold them. */
static void zero_range(struct vfs_data *d, uint64_t from, uint64_t to)
{
	while (from < to) {
		uint64_t i = from / VFS_CHUNK, at = from % VFS_CHUNK;
		uint64_t end = to - from < VFS_CHUNK - at ? at + (to - from) : VFS_CHUNK;
		uint32_t cap = chunk_cap(d, i);
		if (at < cap)
			memset(d->chunk[i] + at, 0, (end < cap ? end : cap) - at);
		from += end - at;
	}
}

/* Frees the chunks wholly inside [from, to). */
static void free_chunks(struct vfs_state *s, struct vfs_inode *ip, uint64_t from, uint64_t to)
{
	struct vfs_data *d = &ip->u.data;
	uint64_t first = (from + VFS_CHUNK - 1) / VFS_CHUNK, last = to / VFS_CHUNK;
	for (uint64_t i = first; i < last && i < d->nchunk; i++) {
		if (!d->chunk[i])
			continue;
		uncharge(s, ip, chunk_cap(d, i));
		free(d->chunk[i]);
		d->chunk[i] = NULL;
	}
}

/* Shrinks the file to len bytes: chunks past it go, the rest of the last
 * one is cleared. */
static void shrink(struct vfs_state *s, struct vfs_inode *ip, uint64_t len)
{
	struct vfs_data *d = &ip->u.data;
	if (len == 0) {
		drop_chunks(s, ip);
		return;
	}
	free_chunks(s, ip, len, (uint64_t)d->nchunk * VFS_CHUNK);
	zero_range(d, len, ip->size);
	uint64_t keep = (len + VFS_CHUNK - 1) / VFS_CHUNK;
	if (keep < d->nchunk / 2) {
		uint8_t **ni = realloc(d->chunk, keep * sizeof(*ni));
		if (ni) {
			d->chunk = ni;
			d->nchunk = (uint32_t)keep;
		}
	}
}

int vfs_data_truncate(struct vfs_state *s, struct vfs_inode *ip, uint64_t len)
{
	if (len > VFS_FILE_MAX)
		return -EFBIG;
	if (ip->u.data.ro && len > ip->size && materialize(s, ip) < 0)
		return -ENOSPC;
	/* Shrinking archive bytes needs no copy: they stay valid in place. */
	if (!ip->u.data.ro && len < ip->size)
		shrink(s, ip, len);
	set_size(s, ip, len);
	touch(s, ip);
	return 0;
}

/* Bytes of the store chunks for [off, off + len) would take beyond what ip has. */
static uint64_t missing(const struct vfs_data *d, uint64_t off, uint64_t len)
{
	uint64_t n = 0;
	for (uint64_t i = off / VFS_CHUNK; i * VFS_CHUNK < off + len; i++)
		n += VFS_CHUNK - chunk_cap(d, i);
	return n;
}

int vfs_data_allocate(struct vfs_state *s, struct vfs_inode *ip, uint64_t off, uint64_t len,
		      bool keep_size)
{
	if (len > VFS_FILE_MAX || off > VFS_FILE_MAX - len)
		return -EFBIG;
	if (materialize(s, ip) < 0)
		return -ENOSPC;
	struct vfs_data *d = &ip->u.data;
	if (s->it.heap_max && missing(d, off, len) > s->it.heap_max - s->it.data_bytes)
		return -ENOSPC;
	for (uint64_t i = off / VFS_CHUNK; i * VFS_CHUNK < off + len; i++)
		if (ensure_chunk(s, ip, i, VFS_CHUNK) < 0)
			return -ENOSPC;
	if (!keep_size && off + len > ip->size)
		set_size(s, ip, off + len);
	ip->ctime = vfs_now(s);
	vfs_inode_dirty(s, ip);
	return 0;
}

int vfs_data_punch(struct vfs_state *s, struct vfs_inode *ip, uint64_t off, uint64_t len)
{
	if (len > VFS_FILE_MAX || off > VFS_FILE_MAX - len)
		return -EFBIG;
	if (materialize(s, ip) < 0)
		return -ENOSPC;
	zero_range(&ip->u.data, off, off + len);
	free_chunks(s, ip, off, off + len);
	touch(s, ip);
	return 0;
}

int64_t vfs_data_seek(const struct vfs_inode *ip, uint64_t off, bool hole)
{
	const struct vfs_data *d = &ip->u.data;
	if (off >= ip->size)
		return -ENXIO;
	for (uint64_t i = off / VFS_CHUNK; i * VFS_CHUNK < ip->size; i++) {
		bool data = d->ro || chunk_cap(d, i);
		if (data != hole)
			return (int64_t)(i * VFS_CHUNK > off ? i * VFS_CHUNK : off);
	}
	return hole ? (int64_t)ip->size : -ENXIO;
}

uint64_t vfs_data_blocks(const struct vfs_inode *ip)
{
	return ((ip->u.data.ro ? ip->size : ip->u.data.alloc) + 511) / 512;
}

void vfs_data_free(struct vfs_state *s, struct vfs_inode *ip)
{
	if (!ip->u.data.ro)
		s->it.heap_bytes -= ip->size;
	drop_chunks(s, ip);
}
