/* SPDX-License-Identifier: MIT */
/* The character devices in /dev (vfs_dev.c): null, zero, random and
 * urandom are served here (the random bytes from the getrandom call the
 * kernel answers); console and tty are the console server's, so their
 * reads and writes come back as VFS_FORWARD_CONSOLE. Also makes /dev and
 * /tmp at start. */
#pragma once
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include "vfs_inode.h"

#define VFS_DEV(major, minor) ((uint32_t)(major) << 8 | (uint32_t)(minor))
#define VFS_DEV_NULL VFS_DEV(1, 3)
#define VFS_DEV_ZERO VFS_DEV(1, 5)
#define VFS_DEV_RANDOM VFS_DEV(1, 8)
#define VFS_DEV_URANDOM VFS_DEV(1, 9)
#define VFS_DEV_TTY VFS_DEV(5, 0)
#define VFS_DEV_CONSOLE VFS_DEV(5, 1)

/* Makes /dev with its nodes and /tmp (1777) where missing. Returns 0 or -ENOMEM. */
int vfs_dev_populate(struct vfs_state *s);
bool vfs_dev_is_console(const struct vfs_inode *ip);
/* Whether a device node with this number has a driver here (an open of
 * another gets -ENXIO, as on Linux). */
bool vfs_dev_known(uint32_t rdev);
ssize_t vfs_dev_read(const struct vfs_inode *ip, void *buf, size_t len);
ssize_t vfs_dev_write(const struct vfs_inode *ip, const void *buf, size_t len);
