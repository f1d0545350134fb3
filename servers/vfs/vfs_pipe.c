// SPDX-License-Identifier: MIT
/* Pipe ring buffers (see vfs_pipe.h). Entry points: vfs_pipe_new/free,
 * vfs_pipe_read, vfs_pipe_write, vfs_pipe_close_end, vfs_pipe_bytes,
 * vfs_pipe_poll. */
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include "vfs.h"
#include "vfs_pipe.h"

struct vfs_pipe *vfs_pipe_new(void)
{
	return calloc(1, sizeof(struct vfs_pipe));
}

void vfs_pipe_close_end(struct vfs_pipe *p, bool reader, bool writer)
{
	p->readers -= reader;
	p->writers -= writer;
	if (p->readers == 0 && p->writers == 0) {
		free(p->buf);
		p->buf = NULL;
		p->head = p->len = 0;
	}
}

uint32_t vfs_pipe_bytes(const struct vfs_pipe *p)
{
	return p->len;
}

void vfs_pipe_free(struct vfs_pipe *p)
{
	if (p)
		free(p->buf);
	free(p);
}

ssize_t vfs_pipe_read(struct vfs_pipe *p, void *buf, size_t len, bool nonblock)
{
	if (len == 0)
		return 0;
	if (p->len == 0) {
		if (p->writers == 0)
			return 0;
		return nonblock ? -EAGAIN : VFS_WOULD_BLOCK;
	}
	size_t n = len < p->len ? len : p->len;
	size_t first = VFS_PIPE_SIZE - p->head;
	if (first > n)
		first = n;
	memcpy(buf, p->buf + p->head, first);
	memcpy((uint8_t *)buf + first, p->buf, n - first);
	p->head = (uint32_t)((p->head + n) % VFS_PIPE_SIZE);
	p->len -= (uint32_t)n;
	return (ssize_t)n;
}

ssize_t vfs_pipe_write(struct vfs_pipe *p, const void *buf, size_t len, bool nonblock)
{
	if (p->readers == 0)
		return -EPIPE;
	if (len == 0)
		return 0;
	size_t space = VFS_PIPE_SIZE - p->len;
	if (space == 0 || (len <= VFS_PIPE_ATOMIC && space < len))
		return nonblock ? -EAGAIN : VFS_WOULD_BLOCK;
	if (!p->buf && !(p->buf = malloc(VFS_PIPE_SIZE)))
		return -ENOMEM;
	size_t n = len < space ? len : space;
	size_t tail = (p->head + p->len) % VFS_PIPE_SIZE;
	size_t first = VFS_PIPE_SIZE - tail;
	if (first > n)
		first = n;
	memcpy(p->buf + tail, buf, first);
	memcpy(p->buf, (const uint8_t *)buf + first, n - first);
	p->len += (uint32_t)n;
	return (ssize_t)n;
}

int vfs_pipe_poll(const struct vfs_pipe *p, bool want_write)
{
	if (want_write) {
		if (p->readers == 0)
			return POLLERR;
		return VFS_PIPE_SIZE - p->len >= VFS_PIPE_ATOMIC ? POLLOUT : 0;
	}
	int ev = p->len ? POLLIN : 0;
	if (p->writers == 0)
		ev |= POLLHUP;
	return ev;
}
