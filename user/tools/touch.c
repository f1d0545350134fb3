// SPDX-License-Identifier: MIT
/* touch file...: creates files that do not exist and sets the times of
 * those that do to now (silently skipped while the system has no clock:
 * utimensat fails with ENOSYS). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int touch(const char *path)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NONBLOCK, 0666);
	if (fd >= 0)
		return close(fd);
	if (errno != EEXIST) {
		fprintf(stderr, "touch: %s: %s\n", path, strerror(errno));
		return -1;
	}
	if (utimensat(AT_FDCWD, path, NULL, 0) < 0 && errno != ENOSYS) {
		fprintf(stderr, "touch: %s: %s\n", path, strerror(errno));
		return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	int status = 0;
	if (argc < 2 || argv[1][0] == '-') {
		fprintf(stderr, "usage: touch file...\n");
		return 2;
	}
	for (int i = 1; i < argc; i++)
		if (touch(argv[i]) < 0)
			status = 1;
	return status;
}
