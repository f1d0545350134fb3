// SPDX-License-Identifier: MIT
/* The VFS test fixture (see fixture.h). */
#include "fixture.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../../../tools/mkinitrd/cpio_write.h"

struct vfs_state *fx;
const struct vfs_caller ROOT = { .pid = 1 };
const struct vfs_caller USER = { .pid = 2, .cred = { .uid = 1000, .gid = 1000 } };
const struct vfs_caller OTHER = { .pid = 3, .cred = { .uid = 2000, .gid = 2000 } };

#define MAX_ARCHIVES 8
static char *archives[MAX_ARCHIVES];
static int narchives;

void fx_setup(void)
{
	fx = vfs_create(NULL);
	ck_assert_ptr_nonnull(fx);
}

void fx_teardown(void)
{
	vfs_destroy(fx);
	fx = NULL;
	for (int i = 0; i < narchives; i++)
		free(archives[i]);
	narchives = 0;
}

void fx_reset(const struct vfs_config *cfg)
{
	vfs_destroy(fx);
	fx = vfs_create(cfg);
	ck_assert_ptr_nonnull(fx);
}

unsigned fx_base_inodes(void)
{
	struct vfs_state *s = vfs_create(NULL);
	struct vfs_cache_stats cs;
	ck_assert_ptr_nonnull(s);
	vfs_cache_stats(s, &cs);
	vfs_destroy(s);
	return cs.inodes_resident;
}

void fx_ar_begin(struct fx_archive *a)
{
	memset(a, 0, sizeof(*a));
	a->fp = open_memstream(&a->mem, &a->memlen);
	a->out = malloc(sizeof(struct cpio_out));
	cpio_out_init(a->out, a->fp);
}

void fx_ar_add(struct fx_archive *a, const char *name, uint32_t mode, const void *data,
	       size_t size)
{
	ck_assert_int_eq(cpio_out_entry(a->out, name, mode, data, size), 0);
}

void fx_ar_end(struct fx_archive *a, bool trailer)
{
	if (trailer)
		ck_assert_int_eq(cpio_out_trailer(a->out), 0);
	fclose(a->fp);
	free(a->out);
	a->buf = malloc(a->memlen ? a->memlen : 1);
	memcpy(a->buf, a->mem, a->memlen);
	a->len = a->memlen;
	free(a->mem);
	ck_assert_int_lt(narchives, MAX_ARCHIVES);
	archives[narchives++] = a->buf;
}

void fx_ar_load(struct fx_archive *a)
{
	ck_assert_int_eq(vfs_load_cpio(fx, a->buf, a->len), 0);
}

int fx_open(const struct vfs_caller *c, const char *path, int flags, mode_t mode)
{
	int fd = vfs_openat(fx, c, AT_FDCWD, path, flags, mode);
	ck_assert_msg(fd >= 0, "open %s: %d", path, fd);
	return fd;
}

void fx_put(const struct vfs_caller *c, const char *path, const void *data, size_t len)
{
	int fd = fx_open(c, path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	ck_assert_int_eq(vfs_write(fx, c, fd, data, len), (ssize_t)len);
	ck_assert_int_eq(vfs_close(fx, c, fd), 0);
}

const char *fx_get(const struct vfs_caller *c, const char *path)
{
	static char buf[65536];
	int fd = fx_open(c, path, O_RDONLY, 0);
	ssize_t n = vfs_read(fx, c, fd, buf, sizeof(buf) - 1);
	ck_assert_int_ge(n, 0);
	buf[n] = '\0';
	ck_assert_int_eq(vfs_close(fx, c, fd), 0);
	return buf;
}

struct linux_stat fx_stat(const struct vfs_caller *c, const char *path)
{
	struct linux_stat st;
	int r = vfs_newfstatat(fx, c, AT_FDCWD, path, &st, 0);
	ck_assert_msg(r == 0, "stat %s: %d", path, r);
	return st;
}

int fx_stat_rc(const struct vfs_caller *c, const char *path)
{
	struct linux_stat st;
	return vfs_newfstatat(fx, c, AT_FDCWD, path, &st, 0);
}

TCase *fx_tcase(Suite *s, const char *name)
{
	TCase *tc = tcase_create(name);
	tcase_add_checked_fixture(tc, fx_setup, fx_teardown);
	tcase_set_timeout(tc, 60);
	suite_add_tcase(s, tc);
	return tc;
}
