// SPDX-License-Identifier: MIT
/* Copies between two of the VFS's own descriptors, without the bytes
 * leaving the server: sendfile (from a regular file to anything the VFS
 * writes itself: a file, a pipe, /dev/null) and copy_file_range (regular
 * file to regular file). Offsets, limits and errors as Linux's
 * do_sendfile and generic_copy_file_checks. Entry points: vfs_sendfile,
 * vfs_copy_file_range. */
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include "vfs_dev.h"
#include "vfs_fd.h"
#include "vfs_pipe.h"
#include "vfs_wait.h"

#define MAX_RW_COUNT 0x7ffff000ul
#define COPY_PIECE 65536
#define FILE_MAX (1ll << 32)

static uint8_t piece[COPY_PIECE];  /* the VFS serves one call at a time */

/* Writes n bytes to out at *pos (regular files) or its stream. Returns
 * what it wrote or an error as write(2). */
static ssize_t put(struct vfs_state *s, struct vfs_file *out, int64_t pos, const void *buf,
		   size_t n)
{
	struct vfs_inode *ip = out->ip;
	if (S_ISREG(ip->mode))
		return vfs_data_write(s, ip, (uint64_t)pos, buf, n);
	if (S_ISFIFO(ip->mode)) {
		ssize_t w = vfs_pipe_write(ip->u.pipe, buf, n, (out->flags & O_NONBLOCK) != 0);
		if (w > 0)
			vfs_wake(s);
		return w;
	}
	if (S_ISCHR(ip->mode) && !vfs_dev_is_console(ip))
		return vfs_dev_write(ip, buf, n);
	return -EINVAL;  /* the console's bytes are the console server's to write */
}

/* Copies up to count bytes of in from *in_pos to out at *out_pos, both
 * moved on. Returns the bytes copied, or the first error when none were. */
static ssize_t pump(struct vfs_state *s, struct vfs_file *in, int64_t *in_pos,
		    struct vfs_file *out, int64_t *out_pos, size_t count)
{
	size_t done = 0;
	while (done < count) {
		size_t want = count - done < COPY_PIECE ? count - done : COPY_PIECE;
		size_t got = vfs_data_read(in->ip, (uint64_t)*in_pos, piece, want);
		if (got == 0)
			break;
		ssize_t w = put(s, out, *out_pos, piece, got);
		if (w <= 0) {
			if (done == 0)
				return w == 0 ? 0 : w;
			break;
		}
		done += (size_t)w;
		*in_pos += w;
		*out_pos += w;
		if ((size_t)w < got)
			break;
	}
	return (ssize_t)done;
}

ssize_t vfs_sendfile(struct vfs_state *s, const struct vfs_caller *c, int out_fd, int in_fd,
		     int64_t *offset, size_t count)
{
	struct vfs_ctx x;
	struct vfs_file *in, *out;
	int r = vfs_enter_fd(&x, s, c, in_fd, &in);
	if (r < 0 || !vfs_file_readable(in))
		return -EBADF;
	if (offset && (S_ISFIFO(in->ip->mode) || vfs_dev_is_console(in->ip)))
		return -ESPIPE;
	int64_t pos = offset ? *offset : (int64_t)in->off;
	if (pos < 0)
		return -EINVAL;
	if (!(out = vfs_fd_get(x.p, out_fd)) || !vfs_file_writable(out))
		return -EBADF;
	if (!S_ISREG(in->ip->mode) || (out->flags & O_APPEND))
		return -EINVAL;
	if (count > MAX_RW_COUNT)
		count = MAX_RW_COUNT;
	int64_t out_pos = (int64_t)out->off;
	ssize_t n = pump(s, in, &pos, out, &out_pos, count);
	if (n <= 0)
		return n;
	if (offset)
		*offset = pos;
	else
		in->off = (uint64_t)pos;
	if (S_ISREG(out->ip->mode))
		out->off = (uint64_t)out_pos;
	return n;
}

/* generic_copy_file_checks: kinds, modes, wrap-around, the size limit and
 * overlap within one file; shortens *count to what in holds. */
static int copy_checks(const struct vfs_file *in, int64_t pos_in, const struct vfs_file *out,
		       int64_t pos_out, size_t *count)
{
	if (S_ISDIR(in->ip->mode) || S_ISDIR(out->ip->mode))
		return -EISDIR;
	if (!S_ISREG(in->ip->mode) || !S_ISREG(out->ip->mode))
		return -EINVAL;
	if (!vfs_file_readable(in) || !vfs_file_writable(out) || (out->flags & O_APPEND))
		return -EBADF;
	if (pos_in < 0 || pos_out < 0)
		return -EINVAL;
	if ((uint64_t)pos_in + *count < (uint64_t)pos_in ||
	    (uint64_t)pos_out + *count < (uint64_t)pos_out)
		return -EOVERFLOW;
	uint64_t size = in->ip->size;
	*count = (uint64_t)pos_in >= size ? 0 : (size - (uint64_t)pos_in < *count ? size - (uint64_t)pos_in : *count);
	if (*count && pos_out >= FILE_MAX)
		return -EFBIG;
	if (*count && (uint64_t)pos_out + *count > FILE_MAX)
		*count = (size_t)(FILE_MAX - pos_out);
	if (in->ip == out->ip && pos_out + (int64_t)*count > pos_in &&
	    pos_out < pos_in + (int64_t)*count)
		return -EINVAL;
	return 0;
}

ssize_t vfs_copy_file_range(struct vfs_state *s, const struct vfs_caller *c, int fd_in,
			    int64_t *off_in, int fd_out, int64_t *off_out, size_t len,
			    unsigned flags)
{
	struct vfs_ctx x;
	struct vfs_file *in, *out;
	int r = vfs_enter_fd(&x, s, c, fd_in, &in);
	if (r < 0 || !(out = vfs_fd_get(x.p, fd_out)))
		return -EBADF;
	if (flags)
		return -EINVAL;
	int64_t pos_in = off_in ? *off_in : (int64_t)in->off;
	int64_t pos_out = off_out ? *off_out : (int64_t)out->off;
	if (len > MAX_RW_COUNT)
		len = MAX_RW_COUNT;
	if ((r = copy_checks(in, pos_in, out, pos_out, &len)) < 0)
		return r;
	ssize_t n = pump(s, in, &pos_in, out, &pos_out, len);
	if (n <= 0)
		return n;
	if (off_in)
		*off_in = pos_in;
	else
		in->off = (uint64_t)pos_in;
	if (off_out)
		*off_out = pos_out;
	else
		out->off = (uint64_t)pos_out;
	return n;
}
