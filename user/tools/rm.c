// SPDX-License-Identifier: MIT
/* rm [-rf] path...: removes files; -r also directories and what they hold,
 * -f ignores missing paths and never reports them. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int recursive, force;

static int fail(const char *path)
{
	if (force && errno == ENOENT)
		return 0;
	fprintf(stderr, "rm: %s: %s\n", path, strerror(errno));
	return -1;
}

static int remove_path(const char *path);

/* Removes everything inside the directory path, then path itself. */
static int remove_tree(const char *path)
{
	DIR *d = opendir(path);
	struct dirent *e;
	int r = 0;
	if (!d)
		return fail(path);
	while ((e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		char *child = malloc(strlen(path) + strlen(e->d_name) + 2);
		if (!child) {
			r = -1;
			break;
		}
		sprintf(child, "%s/%s", path, e->d_name);
		r |= remove_path(child);
		free(child);
	}
	closedir(d);
	if (rmdir(path) < 0)
		return fail(path);
	return r;
}

static int remove_path(const char *path)
{
	struct stat st;
	if (lstat(path, &st) < 0)
		return fail(path);
	if (S_ISDIR(st.st_mode)) {
		if (recursive)
			return remove_tree(path);
		errno = EISDIR;
		return fail(path);
	}
	return unlink(path) < 0 ? fail(path) : 0;
}

/* Parses -r, -f, -rf...; returns the index of the first path or -1. */
static int options(int argc, char **argv)
{
	int i = 1;
	for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		if (!strcmp(argv[i], "--"))
			return i + 1;
		for (const char *p = argv[i] + 1; *p; p++) {
			if (*p == 'r' || *p == 'R')
				recursive = 1;
			else if (*p == 'f')
				force = 1;
			else
				return -1;
		}
	}
	return i;
}

int main(int argc, char **argv)
{
	int status = 0, i = options(argc, argv);
	if (i < 0 || (i >= argc && !force)) {
		fprintf(stderr, "usage: rm [-rf] path...\n");
		return 2;
	}
	for (; i < argc; i++)
		if (remove_path(argv[i]) < 0)
			status = 1;
	return status;
}
