// SPDX-License-Identifier: MIT
/* cat [file...]: copies the files ("-" or none: standard input) to
 * standard output. Exit status 1 if any file could not be read. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static char buf[65536];

static int write_all(const char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = write(1, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

/* Copies fd to stdout; returns 0, -1 on a read error, -2 on a write error. */
static int copy(int fd)
{
	for (;;) {
		ssize_t n = read(fd, buf, sizeof(buf));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		if (n == 0)
			return 0;
		if (write_all(buf, (size_t)n) < 0)
			return -2;
	}
}

static int cat_path(const char *path)
{
	int fd = strcmp(path, "-") ? open(path, O_RDONLY) : 0;
	int r = fd < 0 ? -1 : copy(fd);
	if (r == -1)
		fprintf(stderr, "cat: %s: %s\n", path, strerror(errno));
	else if (r == -2)
		fprintf(stderr, "cat: write error: %s\n", strerror(errno));
	if (fd > 0)
		close(fd);
	return r;
}

int main(int argc, char **argv)
{
	int status = 0;
	if (argc > 1 && argv[1][0] == '-' && argv[1][1]) {
		fprintf(stderr, "usage: cat [file...]\n");
		return 2;
	}
	if (argc < 2)
		return cat_path("-") ? 1 : 0;
	for (int i = 1; i < argc; i++) {
		int r = cat_path(argv[i]);
		if (r == -2)
			return 1;
		if (r < 0)
			status = 1;
	}
	return status;
}
