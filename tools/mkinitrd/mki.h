/* SPDX-License-Identifier: MIT */
/* mkinitrd as a library, so unit tests can drive it: collect host trees and
 * files under archive paths (mki_add_tree, mki_add_file), then write them
 * as one sorted, reproducible newc archive (mki_write). mki_run is the whole
 * command line. Failing calls return -1 and leave a message naming the path
 * and the problem in t->err. */
#pragma once
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define MKI_COMPONENT_MAX 255  /* bytes per path component */
#define MKI_PATH_MAX 1023      /* bytes per archive path */
#define MKI_ERR_MAX 1536

/* One archive member; path is relative, without "./" or a leading "/". */
struct mki_entry {
	char *path;
	char *src;     /* host file for regular files, else NULL */
	char *target;  /* symlink target, else NULL */
	uint32_t mode; /* type and permission bits */
	size_t seq;    /* insertion order: later additions win */
	bool implied;  /* a parent made up for a prefix; never overrides */
};

struct mki_tree {
	struct mki_entry *v;
	size_t n, cap;
	size_t next_seq;
	char err[MKI_ERR_MAX];
};

/* Makes t empty. */
void mki_tree_init(struct mki_tree *t);
/* Frees everything t owns; t is empty afterwards. */
void mki_tree_free(struct mki_tree *t);

/* Adds the contents of host directory dir under archive path prefix ("" or
 * NULL for the root), plus directory entries for prefix and its parents.
 * Directories, regular files and symlinks (not followed) are taken; anything
 * else, an unreadable directory or an over-long name fails. */
int mki_add_tree(struct mki_tree *t, const char *dir, const char *prefix);

/* Adds host regular file (symlinks followed) at archive path path. */
int mki_add_file(struct mki_tree *t, const char *file, const char *path);

/* Adds one command-line source: "SRC" (a tree merged at the root),
 * "DIR:PREFIX" (a tree under PREFIX) or "FILE:PATH" (one file at PATH). The
 * last ':' splits SRC from the archive path. */
int mki_add_source(struct mki_tree *t, const char *arg);

/* Sorts t, keeps the last addition of each path (directories merge) and
 * checks every parent is a directory. Called by mki_write. */
int mki_finish(struct mki_tree *t);

/* Writes t to out_path atomically: a temporary file in the same directory
 * is renamed over out_path only when complete, and removed on failure. */
int mki_write(struct mki_tree *t, const char *out_path);

/* Runs `mkinitrd -o OUT DIR [SRC:PATH ...]` with messages to errf. Returns
 * the exit status: 0 done, 1 bad input or I/O error, 2 usage error. */
int mki_run(int argc, char *const argv[], FILE *errf);

/* Formats a message into t->err; returns -1 for `return mki_fail(...)`. */
int mki_fail(struct mki_tree *t, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
