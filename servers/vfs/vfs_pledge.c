// SPDX-License-Identifier: MIT
/* Argument checks of pledge in the VFS (see vfs_pledge.h). tmppath, as on
 * OpenBSD, looks at the path as written: it must start with "/tmp/". */
#include <fcntl.h>
#include <string.h>
#include "abi/pledge.h"
#include "vfs_pledge.h"

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
