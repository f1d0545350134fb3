// SPDX-License-Identifier: MIT
/* Builds the mkinitrd entry list from host trees and files: archive paths
 * are normalised and length-checked as they are made, symlinks are stored,
 * not followed, and mki_finish sorts the list and resolves duplicates so the
 * writer only has to stream it. Entry points: see mki.h. */
#include "mki.h"
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define IMPLIED_DIR_MODE (S_IFDIR | 0755)

int mki_fail(struct mki_tree *t, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(t->err, sizeof(t->err), fmt, ap);
	va_end(ap);
	return -1;
}

void mki_tree_init(struct mki_tree *t)
{
	memset(t, 0, sizeof(*t));
}

void mki_tree_free(struct mki_tree *t)
{
	for (size_t i = 0; i < t->n; i++) {
		free(t->v[i].path);
		free(t->v[i].src);
		free(t->v[i].target);
	}
	free(t->v);
	mki_tree_init(t);
}

/* Appends an entry that takes ownership of path, src and target (freed on
 * failure). path must be non-NULL. */
static int push(struct mki_tree *t, char *path, uint32_t mode, char *src,
		char *target, bool implied)
{
	if (path && t->n == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 64;
		struct mki_entry *v = realloc(t->v, cap * sizeof(*v));
		if (v) {
			t->v = v;
			t->cap = cap;
		}
	}
	if (!path || t->n == t->cap) {
		free(path);
		free(src);
		free(target);
		return mki_fail(t, "out of memory");
	}
	t->v[t->n++] = (struct mki_entry){
		.path = path, .src = src, .target = target, .mode = mode,
		.seq = t->next_seq++, .implied = implied,
	};
	return 0;
}

/* Normalises archive path in into out: drops empty and "." components,
 * rejects ".." and names over the limits. */
static int norm_path(struct mki_tree *t, const char *in, char out[MKI_PATH_MAX + 1])
{
	size_t used = 0;
	for (const char *p = in; *p;) {
		size_t len = strcspn(p, "/");
		const char *next = p + len + (p[len] == '/');
		if (len == 0 || (len == 1 && p[0] == '.')) {
			p = next;
			continue;
		}
		if (len == 2 && p[0] == '.' && p[1] == '.')
			return mki_fail(t, "%s: '..' is not allowed in an archive path", in);
		if (len > MKI_COMPONENT_MAX)
			return mki_fail(t, "%s: path component longer than %d bytes", in,
					MKI_COMPONENT_MAX);
		if (used + (used > 0) + len > MKI_PATH_MAX)
			return mki_fail(t, "%s: archive path longer than %d bytes", in,
					MKI_PATH_MAX);
		if (used > 0)
			out[used++] = '/';
		memcpy(out + used, p, len);
		used += len;
		p = next;
	}
	out[used] = '\0';
	return 0;
}

/* Adds implied directory entries for every proper prefix of path, and for
 * path itself when whole is set. */
static int add_implied_dirs(struct mki_tree *t, const char *path, bool whole)
{
	size_t n = strlen(path);
	for (size_t i = 1; i <= n; i++) {
		if (path[i] != '/' && !(whole && i == n))
			continue;
		if (push(t, strndup(path, i), IMPLIED_DIR_MODE, NULL, NULL, true))
			return -1;
	}
	return 0;
}

/* Returns "a/b" for (a, b), or b when a is empty; NULL when out of memory. */
static char *join(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	char *s = malloc(la + lb + 2);
	if (!s)
		return NULL;
	if (la) {
		memcpy(s, a, la);
		s[la++] = '/';
	}
	memcpy(s + la, b, lb + 1);
	return s;
}

/* Reads symlink host into a new string; NULL (message in t->err) on error. */
static char *read_link(struct mki_tree *t, const char *host, const struct stat *st)
{
	size_t cap = st->st_size > 0 ? (size_t)st->st_size + 1 : 4096;
	char *buf = malloc(cap);
	ssize_t n = buf ? readlink(host, buf, cap) : -1;
	if (n < 0 || (size_t)n >= cap) {
		mki_fail(t, "%s: cannot read symlink: %s", host,
			 n < 0 ? strerror(errno) : "changed while being read");
		free(buf);
		return NULL;
	}
	buf[n] = '\0';
	return buf;
}

static int walk(struct mki_tree *t, const char *host, const char *apath);

/* Adds host object host (lstat'ed into *st) at archive path path, a whole
 * tree for a directory. Takes ownership of host and path. */
static int add_object(struct mki_tree *t, char *host, char *path, const struct stat *st)
{
	uint32_t perm = st->st_mode & 07777;
	if (S_ISREG(st->st_mode))
		return push(t, path, S_IFREG | perm, host, NULL, false);
	if (S_ISLNK(st->st_mode)) {
		char *target = read_link(t, host, st);
		free(host);
		if (!target) {
			free(path);
			return -1;
		}
		return push(t, path, S_IFLNK | 0777, NULL, target, false);
	}
	if (S_ISDIR(st->st_mode)) {
		/* path stays valid after push: the entry owns it. */
		int r = push(t, path, S_IFDIR | perm, NULL, NULL, false);
		r = r ? r : walk(t, host, path);
		free(host);
		return r;
	}
	mki_fail(t, "%s: unsupported file type (only directories, regular files "
		 "and symlinks)", host);
	free(host);
	free(path);
	return -1;
}

/* Adds entry name of host directory dir, whose archive path is apath. */
static int add_child(struct mki_tree *t, const char *dir, const char *apath,
		     const char *name)
{
	char *host = join(dir, name), *path = join(apath, name);
	struct stat st;
	int r = 0;
	if (!host || !path)
		r = mki_fail(t, "out of memory");
	else if (strlen(name) > MKI_COMPONENT_MAX)
		r = mki_fail(t, "%s: name longer than %d bytes", host, MKI_COMPONENT_MAX);
	else if (strlen(path) > MKI_PATH_MAX)
		r = mki_fail(t, "%s: archive path longer than %d bytes", host,
			     MKI_PATH_MAX);
	else if (lstat(host, &st) != 0)
		r = mki_fail(t, "%s: %s", host, strerror(errno));
	if (r) {
		free(host);
		free(path);
		return -1;
	}
	return add_object(t, host, path, &st);
}

/* Adds everything inside host directory host under archive path apath. */
static int walk(struct mki_tree *t, const char *host, const char *apath)
{
	DIR *d = opendir(host);
	if (!d)
		return mki_fail(t, "%s: cannot open directory: %s", host, strerror(errno));
	int r = 0;
	for (;;) {
		errno = 0;
		struct dirent *de = readdir(d);
		if (!de) {
			if (errno)
				r = mki_fail(t, "%s: cannot read directory: %s", host,
					     strerror(errno));
			break;
		}
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		if ((r = add_child(t, host, apath, de->d_name)) != 0)
			break;
	}
	closedir(d);
	return r;
}

int mki_add_tree(struct mki_tree *t, const char *dir, const char *prefix)
{
	char path[MKI_PATH_MAX + 1];
	struct stat st;
	if (stat(dir, &st) != 0)
		return mki_fail(t, "%s: %s", dir, strerror(errno));
	if (!S_ISDIR(st.st_mode))
		return mki_fail(t, "%s: not a directory", dir);
	if (norm_path(t, prefix ? prefix : "", path) || add_implied_dirs(t, path, true))
		return -1;
	return walk(t, dir, path);
}

int mki_add_file(struct mki_tree *t, const char *file, const char *path)
{
	char norm[MKI_PATH_MAX + 1];
	struct stat st;
	if (stat(file, &st) != 0)
		return mki_fail(t, "%s: %s", file, strerror(errno));
	if (!S_ISREG(st.st_mode))
		return mki_fail(t, "%s: not a regular file", file);
	if (norm_path(t, path, norm))
		return -1;
	if (norm[0] == '\0')
		return mki_fail(t, "%s: empty archive path for a file", file);
	if (add_implied_dirs(t, norm, false))
		return -1;
	return push(t, strdup(norm), S_IFREG | (st.st_mode & 07777), strdup(file),
		    NULL, false);
}

int mki_add_source(struct mki_tree *t, const char *arg)
{
	const char *colon = strrchr(arg, ':');
	if (!colon)
		return mki_add_tree(t, arg, "");
	char *src = strndup(arg, (size_t)(colon - arg));
	struct stat st;
	int r;
	if (!src)
		r = mki_fail(t, "out of memory");
	else if (src[0] == '\0')
		r = mki_fail(t, "%s: empty source path before ':'", arg);
	else if (stat(src, &st) != 0)
		r = mki_fail(t, "%s: %s", src, strerror(errno));
	else if (S_ISDIR(st.st_mode))
		r = mki_add_tree(t, src, colon + 1);
	else
		r = mki_add_file(t, src, colon + 1);
	free(src);
	return r;
}

/* Orders by path, then by insertion so duplicates keep their order. */
static int entry_cmp(const void *pa, const void *pb)
{
	const struct mki_entry *a = pa, *b = pb;
	int c = strcmp(a->path, b->path);
	if (c)
		return c;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

static void free_entry(struct mki_entry *e)
{
	free(e->path);
	free(e->src);
	free(e->target);
}

/* Merges later duplicate b into kept entry a: a directory stays a directory
 * (an implied one never overrides), otherwise the later one wins. */
static int merge_dup(struct mki_tree *t, struct mki_entry *a, struct mki_entry *b)
{
	if (S_ISDIR(a->mode) != S_ISDIR(b->mode))
		return mki_fail(t, "%s: a directory in one source and not in another",
				a->path);
	if (S_ISDIR(a->mode) && b->implied) {
		free_entry(b);
		return 0;
	}
	free_entry(a);
	*a = *b;
	return 0;
}

/* Returns the entry whose path is the first len bytes of s, or NULL. */
static const struct mki_entry *find_prefix(const struct mki_tree *t, const char *s,
					   size_t len)
{
	size_t lo = 0, hi = t->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const char *p = t->v[mid].path;
		int c = strncmp(s, p, len);
		if (c == 0 && p[len] != '\0')
			c = -1;
		if (c == 0)
			return &t->v[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

int mki_finish(struct mki_tree *t)
{
	if (t->n)
		qsort(t->v, t->n, sizeof(*t->v), entry_cmp);
	size_t kept = 0;
	for (size_t i = 0; i < t->n; i++) {
		if (kept && strcmp(t->v[kept - 1].path, t->v[i].path) == 0) {
			int r = merge_dup(t, &t->v[kept - 1], &t->v[i]);
			if (r) {
				/* Keep the list consistent for mki_tree_free. */
				memmove(&t->v[kept], &t->v[i], (t->n - i) * sizeof(*t->v));
				t->n = kept + (t->n - i);
				return r;
			}
			continue;
		}
		t->v[kept++] = t->v[i];
	}
	t->n = kept;
	for (size_t i = 0; i < t->n; i++) {
		const char *slash = strrchr(t->v[i].path, '/');
		if (!slash)
			continue;
		const struct mki_entry *p = find_prefix(t, t->v[i].path,
							(size_t)(slash - t->v[i].path));
		if (!p || !S_ISDIR(p->mode))
			return mki_fail(t, "%s: parent is not a directory", t->v[i].path);
	}
	return 0;
}
