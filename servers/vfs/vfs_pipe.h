/* SPDX-License-Identifier: MIT */
/* Pipe buffers (vfs_pipe.c): a ring of VFS_PIPE_SIZE bytes with counts of
 * the open file descriptions that read and write it. Reads and writes never
 * wait: they return VFS_WOULD_BLOCK (or -EAGAIN when nonblocking) and the
 * glue retries. Writes of up to VFS_PIPE_ATOMIC bytes are all-or-nothing.
 * The ring is allocated by the first write and freed when the last end
 * closes: a named pipe (FIFO) nobody has open holds nothing, and what was
 * left in it is gone, as on Linux. */
#pragma once
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#define VFS_PIPE_ATOMIC 4096 /* PIPE_BUF */

struct vfs_pipe {
	uint8_t *buf;
	uint32_t head, len;
	uint32_t readers, writers;
};

/* Returns a new empty pipe or NULL. */
struct vfs_pipe *vfs_pipe_new(void);
void vfs_pipe_free(struct vfs_pipe *p);
/* Returns bytes read, 0 at end of file (empty, no writers), or
 * VFS_WOULD_BLOCK / -EAGAIN. */
ssize_t vfs_pipe_read(struct vfs_pipe *p, void *buf, size_t len, bool nonblock);
/* Returns bytes written (possibly fewer than len when more than
 * VFS_PIPE_ATOMIC), -EPIPE without readers, or VFS_WOULD_BLOCK / -EAGAIN. */
ssize_t vfs_pipe_write(struct vfs_pipe *p, const void *buf, size_t len, bool nonblock);
/* A file description of the pipe closes: it read and/or wrote it. */
void vfs_pipe_close_end(struct vfs_pipe *p, bool reader, bool writer);
/* Bytes waiting in the pipe. */
uint32_t vfs_pipe_bytes(const struct vfs_pipe *p);
/* Returns the poll events for a reader (want_write false) or a writer. */
int vfs_pipe_poll(const struct vfs_pipe *p, bool want_write);
