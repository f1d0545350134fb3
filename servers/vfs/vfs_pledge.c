// SPDX-License-Identifier: MIT
/* Argument checks of pledge in the VFS (see vfs_pledge.h). tmppath, as on
 * OpenBSD, looks at the path as written: it must start with "/tmp/". */
#define _GNU_SOURCE /* F_OFD_* */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include "abi/pledge.h"
#include "vfs_pledge.h"
#include "vfs_state.h"

#define HAS(set, bit) (((set) >> (bit)) & 1)

static int in_tmp(const char *path)
{
	return path && strncmp(path, "/tmp/", 5) == 0 && !strstr(path, "/../");
}

int vfs_pledge_open(uint64_t promises, const char *path, int flags)
{
	int acc = flags & O_ACCMODE;
	int need[3], n = 0;
	if (acc == O_RDONLY || acc == O_RDWR)
		need[n++] = PLEDGE_rpath;
	if (acc == O_WRONLY || acc == O_RDWR || (flags & O_TRUNC))
		need[n++] = PLEDGE_wpath;
	if (flags & O_CREAT)
		need[n++] = PLEDGE_cpath;
	for (int i = 0; i < n; i++)
		if (!HAS(promises, need[i]) && !(HAS(promises, PLEDGE_tmppath) && in_tmp(path)))
			return need[i];
	return -1;
}

int vfs_pledge_path(uint64_t promises, const char *path, int base)
{
	if (HAS(promises, base) || (HAS(promises, PLEDGE_tmppath) && in_tmp(path)))
		return -1;
	return base;
}

int vfs_pledge_ioctl(uint64_t promises, unsigned long request)
{
	switch (request) {
	case 0x5402: case 0x5403: case 0x5404:  /* TCSETS, TCSETSW, TCSETSF */
	case 0x5410: case 0x5414:               /* TIOCSPGRP, TIOCSWINSZ */
	case 0x540B: case 0x540A:               /* TCFLSH, TCXONC */
		return HAS(promises, PLEDGE_tty) ? -1 : PLEDGE_tty;
	default:
		return -1;
	}
}

int vfs_pledge_fcntl(uint64_t promises, int cmd)
{
	switch (cmd) {
	case F_GETLK: case F_SETLK: case F_SETLKW:
	case F_OFD_GETLK: case F_OFD_SETLK: case F_OFD_SETLKW:
		return HAS(promises, PLEDGE_flock) ? -1 : PLEDGE_flock;
	default:
		return -1;
	}
}

int vfs_pledge_chown(uint64_t promises, const struct vfs_cred *cred, uint32_t uid, uint32_t gid)
{
	if (HAS(promises, PLEDGE_chown))
		return 0;
	if (uid != 0xffffffffu && uid != cred->uid)
		return -EPERM;
	if (gid != 0xffffffffu && !vfs_cred_in_group(cred, gid))
		return -EPERM;
	return 0;
}
