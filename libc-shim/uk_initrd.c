// SPDX-License-Identifier: MIT
/* The initrd as this process sees it: where the kernel mapped it (the
 * AT_UK_INITRD_* auxv entries), finding a file in it, and spawning a program
 * straight from it. Entry points: uk_initrd, uk_initrd_find, uk_spawn_path. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/auxv.h>
#include "uk.h"

int uk_initrd(const void **base, size_t *len)
{
	unsigned long b = getauxval(AT_UK_INITRD_BASE);
	unsigned long n = getauxval(AT_UK_INITRD_SIZE);

	if (b == 0 || n == 0) {
		errno = ENOENT;
		return -1;
	}
	if (base)
		*base = (const void *)b;
	if (len)
		*len = n;
	return 0;
}

int uk_initrd_find(const char *path, const void **data, size_t *len)
{
	const void *base;
	size_t size;

	if (uk_initrd(&base, &size) != 0)
		return -1;
	return uk_cpio_find(base, size, path, data, len);
}

long uk_spawn_path(const char *path, char *const argv[], char *const envp[],
		   unsigned flags)
{
	return uk_spawn_path_caps(path, argv, envp, flags, NULL);
}

/* Reads a whole file through the file system into malloc'd memory. */
static void *read_whole(const char *path, size_t *len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	size_t cap = 1 << 16, n = 0;
	char *buf = malloc(cap);
	while (buf) {
		if (n == cap) {
			char *bigger = realloc(buf, cap *= 2);
			if (!bigger) {
				free(buf);
				buf = NULL;
				break;
			}
			buf = bigger;
		}
		ssize_t r = read(fd, buf + n, cap - n);
		if (r <= 0) {
			if (r < 0) {
				free(buf);
				buf = NULL;
			}
			break;
		}
		n += (size_t)r;
	}
	int saved = errno;
	close(fd);
	errno = saved;
	*len = n;
	return buf;
}

long uk_spawn_path_caps(const char *path, char *const argv[], char *const envp[],
			unsigned flags, const struct uk_spawn_cap *caps)
{
	const void *image;
	size_t len;

	if (uk_initrd_find(path, &image, &len) == 0)
		return uk_spawn_caps(image, len, argv, envp, flags | UK_SPAWN_SHARE_INITRD, caps);
	/* No initrd here (or not in it): the file system has it. */
	void *file = read_whole(path, &len);
	if (!file)
		return -1;
	long pid = uk_spawn_caps(file, len, argv, envp, flags, caps);
	int saved = errno;
	free(file);
	errno = saved;
	return pid;
}
