// SPDX-License-Identifier: MIT
/* cachestat: prints the VFS server's cache statistics, the text file
 * /proc/vfs/cachestat; says so when the system does not provide it. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define CACHESTAT_PATH "/proc/vfs/cachestat"

int main(int argc, char **argv)
{
	char buf[4096];
	ssize_t n;
	(void)argv;
	if (argc > 1) {
		fprintf(stderr, "usage: cachestat\n");
		return 2;
	}
	int fd = open(CACHESTAT_PATH, O_RDONLY);
	if (fd < 0) {
		if (errno == ENOENT)
			fprintf(stderr, "cachestat: %s is missing: no cache statistics on this system\n",
				CACHESTAT_PATH);
		else
			fprintf(stderr, "cachestat: %s: %s\n", CACHESTAT_PATH, strerror(errno));
		return 1;
	}
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		if (write(1, buf, (size_t)n) != n)
			return 1;
	if (n < 0)
		fprintf(stderr, "cachestat: %s: %s\n", CACHESTAT_PATH, strerror(errno));
	close(fd);
	return n < 0;
}
