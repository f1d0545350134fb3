/* SPDX-License-Identifier: MIT */
/* The pledge promises that depend on a call's arguments, checked by the
 * VFS (the kernel's allow-set already let the call through because some
 * promise could allow it): open's access mode and O_CREAT against rpath,
 * wpath and cpath, paths under /tmp for tmppath, and the terminal ioctls
 * that change settings against tty. Each returns 0, or the promise bit the
 * call lacks (the VFS answers FWD_STATUS_PLEDGE(bit); the kernel then logs
 * and kills, or fails the call under "error"). */
#pragma once
#include <stdint.h>

/* -1: allowed; else the promise missing. */
int vfs_pledge_open(uint64_t promises, const char *path, int flags);
/* A path call that base allows, or tmppath within /tmp. */
int vfs_pledge_path(uint64_t promises, const char *path, int base);
int vfs_pledge_ioctl(uint64_t promises, unsigned long request);
