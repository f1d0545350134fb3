// SPDX-License-Identifier: MIT
/* mkdir [-p] dir...: creates directories; -p also creates missing parents
 * and accepts directories that already exist. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Creates every component of path; returns 0 or -1 with errno set. */
static int make_parents(char *path)
{
	if (!*path)
		return mkdir(path, 0777);
	for (char *p = path + 1;; p++) {
		if (*p != '/' && *p)
			continue;
		char saved = *p;
		*p = '\0';
		int r = mkdir(path, 0777);
		int err = errno;
		if (r < 0 && !(err == EEXIST && is_dir(path))) {
			*p = saved;
			errno = err;
			return -1;
		}
		*p = saved;
		if (!saved)
			return 0;
	}
}

int main(int argc, char **argv)
{
	int parents = 0, status = 0, i = 1;
	if (argc > 1 && !strcmp(argv[1], "-p")) {
		parents = 1;
		i++;
	}
	if (i >= argc || argv[i][0] == '-') {
		fprintf(stderr, "usage: mkdir [-p] dir...\n");
		return 2;
	}
	for (; i < argc; i++) {
		char *path = strdup(argv[i]);
		int r = !path ? -1 : parents ? make_parents(path) : mkdir(path, 0777);
		if (r < 0) {
			fprintf(stderr, "mkdir: %s: %s\n", argv[i], strerror(errno));
			status = 1;
		}
		free(path);
	}
	return status;
}
