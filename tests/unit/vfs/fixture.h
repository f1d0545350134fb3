/* SPDX-License-Identifier: MIT */
/* Shared by the VFS suites: a fresh state per test (fx), callers, newc
 * archives built with mkinitrd's writer, and file helpers that assert. */
#pragma once
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>
#include "harness.h"
#include "../../../servers/vfs/vfs.h"

extern struct vfs_state *fx;
extern const struct vfs_caller ROOT;   /* pid 1, uid 0 */
extern const struct vfs_caller USER;   /* pid 2, uid 1000 gid 1000 */
extern const struct vfs_caller OTHER;  /* pid 3, uid 2000 gid 2000 */

/* Checked fixture: fx = vfs_create(NULL), destroyed after the test. */
void fx_setup(void);
void fx_teardown(void);
/* Replaces fx by a state made with cfg. */
void fx_reset(const struct vfs_config *cfg);
/* Inodes a fresh state holds before any archive (/, /dev and its nodes,
 * /tmp, /proc...): cache limits in the tests are this plus what they add. */
unsigned fx_base_inodes(void);

/* An archive in an exactly sized heap buffer (ASan sees any overread). */
struct fx_archive {
	char *mem;
	size_t memlen;
	void *fp;
	void *out;
	char *buf;
	size_t len;
};
void fx_ar_begin(struct fx_archive *a);
void fx_ar_add(struct fx_archive *a, const char *name, uint32_t mode, const void *data,
	       size_t size);
/* Ends the archive (with the trailer if trailer) into a->buf / a->len. */
void fx_ar_end(struct fx_archive *a, bool trailer);
/* Loads a into fx; the archive lives until the test ends. */
void fx_ar_load(struct fx_archive *a);

/* Opens, asserting success. */
int fx_open(const struct vfs_caller *c, const char *path, int flags, mode_t mode);
/* Creates (or truncates) path with data, asserting success. */
void fx_put(const struct vfs_caller *c, const char *path, const void *data, size_t len);
/* Reads the whole of path into a static buffer, NUL-terminated; asserts. */
const char *fx_get(const struct vfs_caller *c, const char *path);
/* Returns stat of path (following symlinks) or asserts. */
struct linux_stat fx_stat(const struct vfs_caller *c, const char *path);
/* Returns the errno-style result of a stat without asserting. */
int fx_stat_rc(const struct vfs_caller *c, const char *path);
/* Adds the common fixture to a suite as its one TCase and returns it. */
TCase *fx_tcase(Suite *s, const char *name);
