// SPDX-License-Identifier: MIT
/* cp [-r] src dst, cp [-r] src... dir: copies files (their permission bits
 * too); -r copies directories with everything in them. Symbolic links
 * are followed. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int recursive;
static char buf[65536];

static int fail(const char *path)
{
	fprintf(stderr, "cp: %s: %s\n", path, strerror(errno));
	return -1;
}

static char *join(const char *dir, const char *name)
{
	char *s = malloc(strlen(dir) + strlen(name) + 2);
	if (s)
		sprintf(s, "%s/%s", dir, name);
	return s;
}

/* Copies in's remaining bytes to out; returns 0 or -1 (errno set). */
static int copy_fd(int in, int out)
{
	ssize_t n;
	while ((n = read(in, buf, sizeof(buf))) > 0)
		for (ssize_t done = 0, w; done < n; done += w)
			if ((w = write(out, buf + done, (size_t)(n - done))) <= 0)
				return -1;
	return n < 0 ? -1 : 0;
}

static int copy_file(const char *src, const char *dst, const struct stat *st)
{
	int in = open(src, O_RDONLY);
	if (in < 0)
		return fail(src);
	int out = open(dst, O_WRONLY | O_CREAT | O_TRUNC, st->st_mode & 0777);
	if (out < 0) {
		close(in);
		return fail(dst);
	}
	int r = copy_fd(in, out);
	if (r < 0)
		fail(dst);
	close(in);
	if (close(out) < 0 && r == 0)
		r = fail(dst);
	return r;
}

static int copy_path(const char *src, const char *dst);

static int copy_dir(const char *src, const char *dst, const struct stat *st)
{
	if (mkdir(dst, st->st_mode & 0777) < 0 && errno != EEXIST)
		return fail(dst);
	DIR *d = opendir(src);
	if (!d)
		return fail(src);
	int r = 0;
	for (struct dirent *e; (e = readdir(d));) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		char *from = join(src, e->d_name), *to = join(dst, e->d_name);
		r |= from && to ? copy_path(from, to) : -1;
		free(from);
		free(to);
	}
	closedir(d);
	return r;
}

static int copy_path(const char *src, const char *dst)
{
	struct stat st, dst_st;
	if (stat(src, &st) < 0)
		return fail(src);
	if (stat(dst, &dst_st) == 0 && st.st_dev == dst_st.st_dev && st.st_ino == dst_st.st_ino) {
		fprintf(stderr, "cp: %s and %s are the same file\n", src, dst);
		return -1;
	}
	if (!S_ISDIR(st.st_mode))
		return copy_file(src, dst, &st);
	if (recursive)
		return copy_dir(src, dst, &st);
	fprintf(stderr, "cp: %s: Is a directory (use -r)\n", src);
	return -1;
}

/* Copies src into the directory dir under its own name. */
static int copy_into(const char *src, const char *dir)
{
	char *copy = strdup(src), *dst = copy ? join(dir, basename(copy)) : NULL;
	int r = dst ? copy_path(src, dst) : -1;
	free(copy);
	free(dst);
	return r;
}

int main(int argc, char **argv)
{
	int i = 1;
	if (argc > 1 && (!strcmp(argv[1], "-r") || !strcmp(argv[1], "-R"))) {
		recursive = 1;
		i++;
	}
	if (argc - i < 2 || argv[i][0] == '-') {
		fprintf(stderr, "usage: cp [-r] src dst | cp [-r] src... dir\n");
		return 2;
	}
	const char *dst = argv[argc - 1];
	struct stat st;
	int into_dir = stat(dst, &st) == 0 && S_ISDIR(st.st_mode);
	if (argc - i > 2 && !into_dir) {
		fprintf(stderr, "cp: %s: Not a directory\n", dst);
		return 1;
	}
	int status = 0;
	for (; i < argc - 1; i++)
		if ((into_dir ? copy_into(argv[i], dst) : copy_path(argv[i], dst)) < 0)
			status = 1;
	return status;
}
