// SPDX-License-Identifier: MIT
/* mv src dst, mv src... dir: renames; into dir when the last argument is
 * an existing directory. */
#include <errno.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Renames src to dst, or to dst/basename(src) when into_dir. */
static int move(const char *src, const char *dst, int into_dir)
{
	char *copy = strdup(src), *target = NULL;
	int r = -1;
	if (copy) {
		const char *base = basename(copy);
		target = into_dir ? malloc(strlen(dst) + strlen(base) + 2) : strdup(dst);
		if (target && into_dir)
			sprintf(target, "%s/%s", dst, base);
	}
	if (target)
		r = rename(src, target);
	if (r < 0)
		fprintf(stderr, "mv: %s -> %s: %s\n", src, target ? target : dst, strerror(errno));
	free(copy);
	free(target);
	return r;
}

int main(int argc, char **argv)
{
	if (argc < 3 || argv[1][0] == '-') {
		fprintf(stderr, "usage: mv src dst | mv src... dir\n");
		return 2;
	}
	const char *dst = argv[argc - 1];
	int into_dir = is_dir(dst);
	if (argc > 3 && !into_dir) {
		fprintf(stderr, "mv: %s: Not a directory\n", dst);
		return 1;
	}
	int status = 0;
	for (int i = 1; i < argc - 1; i++)
		if (move(argv[i], dst, into_dir) < 0)
			status = 1;
	return status;
}
