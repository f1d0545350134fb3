/* SPDX-License-Identifier: MIT */
/* The pledge promises that depend on a call's arguments, checked by the
 * VFS (the kernel's allow-set already let the call through because some
 * promise could allow it): open's access mode and O_CREAT against rpath,
 * wpath and cpath, paths under /tmp for tmppath, the terminal ioctls
 * that change settings against tty, fcntl's locks against flock, and
 * chown's ids against chown. Each returns -1, or the promise bit the
 * call lacks (the VFS answers FWD_STATUS_PLEDGE(bit); the kernel then logs
 * and kills, or fails the call under "error"). */
#pragma once
#include <stdint.h>

struct vfs_cred;

/* -1: allowed; else the promise missing. */
int vfs_pledge_open(uint64_t promises, const char *path, int flags);
/* A path call that base allows, or tmppath within /tmp. */
int vfs_pledge_path(uint64_t promises, const char *path, int base);
int vfs_pledge_ioctl(uint64_t promises, unsigned long request);
/* fcntl's lock commands need "flock", as OpenBSD's pledge_flock. */
int vfs_pledge_fcntl(uint64_t promises, int cmd);
/* OpenBSD's pledge_chown: without "chown" (with "fattr"), a process may
 * only give a file its own uid and one of its groups. Returns 0 or -EPERM
 * (not a violation: the call fails). */
int vfs_pledge_chown(uint64_t promises, const struct vfs_cred *cred, uint32_t uid, uint32_t gid);
