/* SPDX-License-Identifier: MIT */
/* Helpers shared by the file-system test programs (t_fs_*, t_stdio, t_pipe):
 * a private scratch directory under /tmp (fs_dir_create, fs_path,
 * fs_dir_remove), a recursive remove (fs_rm_tree), a deterministic byte
 * pattern (fs_pattern) and starting a copy of this program as a child
 * (fs_spawn_self, fs_wait_child). Header-only, libc plus uk.h, so the
 * programs also build and pass on Linux. */
#pragma once
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include "uk.h"

extern char **environ;

static char fs_dir[128];

/* Returns 1 when running on this OS (its native calls answer), 0 on Linux. */
static inline int fs_on_uk(void)
{
	struct uk_meminfo mi;
	return uk_meminfo(&mi) == 0;
}

/* Returns fs_dir "/" name in one of eight rotating static buffers, so a few
 * paths can be live at once (enough for one call's arguments). */
static inline const char *fs_path(const char *name)
{
	static char bufs[8][512];
	static unsigned next;
	char *b = bufs[next++ % 8];
	snprintf(b, sizeof(bufs[0]), "%s/%s", fs_dir, name);
	return b;
}

/* Removes path and, if it is a directory, everything below it (symlinks are
 * removed, not followed). Returns 0, or -1 if anything could not be removed. */
static inline int fs_rm_tree(const char *path)
{
	struct stat st;
	if (lstat(path, &st) != 0)
		return errno == ENOENT ? 0 : -1;
	if (!S_ISDIR(st.st_mode))
		return unlink(path);
	DIR *d = opendir(path);
	if (!d)
		return -1;
	int r = 0;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		char sub[1024];
		if (snprintf(sub, sizeof(sub), "%s/%s", path, e->d_name) >= (int)sizeof(sub) ||
		    fs_rm_tree(sub) != 0)
			r = -1;
	}
	closedir(d);
	return rmdir(path) == 0 ? r : -1;
}

/* Creates /tmp/<prog>.<pid> (removing a stale one first). Returns 0 or -1. */
static inline int fs_dir_create(const char *prog)
{
	snprintf(fs_dir, sizeof(fs_dir), "/tmp/%s.%d", prog, (int)getpid());
	fs_rm_tree(fs_dir);
	return mkdir(fs_dir, 0755);
}

/* Removes the scratch directory and everything in it. Returns 0 or -1. */
static inline int fs_dir_remove(void)
{
	return fs_rm_tree(fs_dir);
}

/* Creates or truncates path (mode 0644) holding the string data. Returns 0
 * or -1. */
static inline int fs_write_file(const char *path, const char *data)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0)
		return -1;
	size_t n = strlen(data);
	ssize_t w = write(fd, data, n);
	close(fd);
	return w == (ssize_t)n ? 0 : -1;
}

/* Reads up to cap - 1 bytes of path into buf and NUL-terminates them.
 * Returns the length read, or -1. */
static inline ssize_t fs_read_file(const char *path, char *buf, size_t cap)
{
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		return -1;
	size_t got = 0;
	ssize_t r;
	while (got + 1 < cap && (r = read(fd, buf + got, cap - 1 - got)) > 0)
		got += (size_t)r;
	close(fd);
	buf[got] = 0;
	return (ssize_t)got;
}

/* Returns the size of path (following symlinks), or -1. */
static inline long long fs_size(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 ? (long long)st.st_size : -1;
}

/* The byte at offset off of the pattern numbered seed: varies with both, and
 * repeats only after long stretches, so a misplaced block shows. */
static inline unsigned char fs_pattern(unsigned seed, uint64_t off)
{
	uint64_t x = off * 0x9E3779B97F4A7C15ull + seed * 0xD1B54A32D192ED03ull;
	return (unsigned char)((x >> 29) ^ (x >> 47) ^ off);
}

/* Fills buf[0..n) with pattern seed starting at offset off. */
static inline void fs_pattern_fill(unsigned char *buf, size_t n, unsigned seed, uint64_t off)
{
	for (size_t i = 0; i < n; i++)
		buf[i] = fs_pattern(seed, off + i);
}

/* Returns 1 if buf[0..n) is pattern seed from offset off. */
static inline int fs_pattern_check(const unsigned char *buf, size_t n, unsigned seed,
				   uint64_t off)
{
	for (size_t i = 0; i < n; i++)
		if (buf[i] != fs_pattern(seed, off + i))
			return 0;
	return 1;
}

/* A started child: its handle (uk_spawn) or pid (fork) and which it is. */
struct fs_child {
	long id;
	int forked;
};

/* Starts path (this program's own path in the initrd) with argv: uk_spawn_path
 * in this OS; where there is no initrd to spawn from (Linux: ENOSYS, or no
 * native calls at all) fork and exec /proc/self/exe instead. Either way the
 * child inherits the descriptors without FD_CLOEXEC. Returns 0 or -1. */
static inline int fs_spawn_self(const char *path, char *const argv[], struct fs_child *c)
{
	c->forked = 0;
	c->id = uk_spawn_path(path, argv, environ, 0);
	if (c->id > 0)
		return 0;
	if (errno != ENOSYS && fs_on_uk())
		return -1;
	pid_t pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		execv("/proc/self/exe", argv);
		_exit(127);
	}
	c->forked = 1;
	c->id = pid;
	return 0;
}

/* Waits for c; returns its exit status (0..255), or -1 if it did not exit
 * normally or could not be waited for. */
static inline int fs_wait_child(const struct fs_child *c)
{
	int status = 0;
	long r = c->forked ? (long)waitpid((pid_t)c->id, &status, 0) : uk_wait(c->id, &status, 0);
	if (r != c->id || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}
