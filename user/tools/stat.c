// SPDX-License-Identifier: MIT
/* stat path...: prints the basic fields of coreutils' stat for each path
 * (not following a final symbolic link): File, Size, Blocks, IO Block,
 * Type, Device, Inode, Links and Access (the mode in octal and as text). */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>
#include "mode_string.h"

static const char *type_name(mode_t m)
{
	if (S_ISREG(m))
		return "regular file";
	if (S_ISDIR(m))
		return "directory";
	if (S_ISLNK(m))
		return "symbolic link";
	if (S_ISCHR(m))
		return "character special file";
	if (S_ISBLK(m))
		return "block special file";
	if (S_ISFIFO(m))
		return "fifo";
	if (S_ISSOCK(m))
		return "socket";
	return "unknown";
}

static int show(const char *path)
{
	struct stat st;
	char mode[11], target[256];
	if (lstat(path, &st) < 0) {
		fprintf(stderr, "stat: %s: %s\n", path, strerror(errno));
		return -1;
	}
	ssize_t n = S_ISLNK(st.st_mode) ? readlink(path, target, sizeof(target) - 1) : -1;
	printf("  File: %s", path);
	if (n >= 0)
		printf(" -> %.*s", (int)n, target);
	mode_string(st.st_mode, mode);
	printf("\n  Size: %-15lld Blocks: %-10lld IO Block: %-6ld %s\n", (long long)st.st_size,
	       (long long)st.st_blocks, (long)st.st_blksize, type_name(st.st_mode));
	printf("Device: %x,%x\tInode: %-11llu Links: %lu\n", major(st.st_dev), minor(st.st_dev),
	       (unsigned long long)st.st_ino, (unsigned long)st.st_nlink);
	printf("Access: (%04o/%s)\n", (unsigned)(st.st_mode & 07777), mode);
	return 0;
}

int main(int argc, char **argv)
{
	int status = 0;
	if (argc < 2 || (argv[1][0] == '-' && argv[1][1])) {
		fprintf(stderr, "usage: stat path...\n");
		return 2;
	}
	for (int i = 1; i < argc; i++)
		if (show(argv[i]) < 0)
			status = 1;
	return status;
}
