// SPDX-License-Identifier: MIT
/* servers/vfs/vfs_path.c: resolution of ".", "..", slashes, symlinks,
 * limits, cwd and dirfd, and the lookup hook. */
#include "fixture.h"
#include <errno.h>
#include <string.h>

static void mkdirs(const char *const *paths)
{
	for (; *paths; paths++)
		ck_assert_int_eq(vfs_mkdirat(fx, &ROOT, AT_FDCWD, *paths, 0755), 0);
}

START_TEST(resolves_dot_dot_and_repeated_slashes)
{
	mkdirs((const char *[]){ "/a", "/a/b", "/a/c", NULL });
	fx_put(&ROOT, "/a/b/f", "hello", 5);
	ck_assert_str_eq(fx_get(&ROOT, "//a/./c/..//b///f"), "hello");
	ck_assert_str_eq(fx_get(&ROOT, "/../../a/b/../../a/b/f"), "hello");
	ck_assert_uint_eq(fx_stat(&ROOT, "/..").st_ino, fx_stat(&ROOT, "/").st_ino);
	ck_assert_uint_eq(fx_stat(&ROOT, "/a/b/..").st_ino, fx_stat(&ROOT, "/a").st_ino);
}
END_TEST

START_TEST(trailing_slash_requires_a_directory)
{
	fx_put(&ROOT, "/tmp/f", "x", 1);
	ck_assert_int_eq(fx_stat_rc(&ROOT, "/tmp/"), 0);
	ck_assert_int_eq(fx_stat_rc(&ROOT, "/tmp//"), 0);
	ck_assert_int_eq(fx_stat_rc(&ROOT, "/tmp/f/"), -ENOTDIR);
	ck_assert_int_eq(vfs_openat(fx, &ROOT, AT_FDCWD, "/tmp/f/", O_RDONLY, 0), -ENOTDIR);
	ck_assert_int_eq(vfs_openat(fx, &ROOT, AT_FDCWD, "/tmp/new/", O_CREAT | O_WRONLY, 0644),
			 -EISDIR);
	ck_assert_int_eq(vfs_mkdirat(fx, &ROOT, AT_FDCWD, "/tmp/d/", 0755), 0);
}
END_TEST

START_TEST(non_directory_in_the_middle_gives_enotdir_missing_gives_enoent)
{
	fx_put(&ROOT, "/tmp/f", "x", 1);
	ck_assert_int_eq(fx_stat_rc(&ROOT, "/tmp/f/x"), -ENOTDIR);
	ck_assert_int_eq(fx_stat_rc(&ROOT, "/tmp/f/."), -ENOTDIR);
	ck_assert_int_eq(fx_stat_rc(&ROOT, "/tmp/nope/x"), -ENOENT);
	ck_assert_int_eq(fx_stat_rc(&ROOT, "/tmp/nope"), -ENOENT);
	ck_assert_int_eq(fx_stat_rc(&ROOT, ""), -ENOENT);
}
END_TEST

START_TEST(symlink_loops_give_eloop)
{
	ck_assert_int_eq(vfs_symlinkat(fx, &ROOT, "b", AT_FDCWD, "/tmp/a"), 0);
	ck_assert_int_eq(vfs_symlinkat(fx, &ROOT, "a", AT_FDCWD, "/tmp/b"), 0);
	ck_assert_int_eq(vfs_symlinkat(fx, &ROOT, "self/x", AT_FDCWD, "/tmp/self"), 0);
	ck_assert_int_eq(vfs_openat(fx, &ROOT, AT_FDCWD, "/tmp/a", O_RDONLY, 0), -ELOOP);
	ck_assert_int_eq(fx_stat_rc(&ROOT, "/tmp/self"), -ELOOP);
	ck_assert_int_eq(fx_stat_rc(&ROOT, "/tmp/a/x"), -ELOOP);
}
END_TEST

START_TEST(forty_symlinks_resolve_and_forty_one_give_eloop)
{
	char name[32], target[32];
	fx_put(&ROOT, "/tmp/f", "end", 3);
	for (int i = 0; i <= 40; i++) {
		snprintf(name, sizeof(name), "/tmp/l%d", i);
		if (i == 0)
			strcpy(target, "f");
		else
			snprintf(target, sizeof(target), "l%d", i - 1);
		ck_assert_int_eq(vfs_symlinkat(fx, &ROOT, target, AT_FDCWD, name), 0);
	}
	ck_assert_str_eq(fx_get(&ROOT, "/tmp/l39"), "end");
	ck_assert_int_eq(vfs_openat(fx, &ROOT, AT_FDCWD, "/tmp/l40", O_RDONLY, 0), -ELOOP);
}
END_TEST

START_TEST(relative_symlinks_resolve_from_their_directory)
{
	mkdirs((const char *[]){ "/a", "/a/b", "/a/c", NULL });
	fx_put(&ROOT, "/a/c/f", "data", 4);
	ck_assert_int_eq(vfs_symlinkat(fx, &ROOT, "../c/f", AT_FDCWD, "/a/b/lf"), 0);
	ck_assert_int_eq(vfs_symlinkat(fx, &ROOT, "../c", AT_FDCWD, "/a/b/ld"), 0);
	ck_assert_int_eq(vfs_symlinkat(fx, &ROOT, "/a/c/", AT_FDCWD, "/tmp/abs"), 0);
	ck_assert_str_eq(fx_get(&ROOT, "/a/b/lf"), "data");
	ck_assert_str_eq(fx_get(&ROOT, "/a/b/ld/f"), "data");
	ck_assert_str_eq(fx_get(&ROOT, "/a/b/ld/../c/./f"), "data");
	ck_assert_str_eq(fx_get(&ROOT, "/tmp/abs/f"), "data");
	ck_assert_int_eq(fx_stat_rc(&ROOT, "/a/b/lf/"), -ENOTDIR);
	ck_assert_int_eq(fx_stat_rc(&ROOT, "/a/b/ld/"), 0);
}
END_TEST

START_TEST(nofollow_stops_at_a_final_symlink)
{
	fx_put(&ROOT, "/tmp/f", "x", 1);
	ck_assert_int_eq(vfs_symlinkat(fx, &ROOT, "f", AT_FDCWD, "/tmp/l"), 0);
	ck_assert_int_eq(vfs_openat(fx, &ROOT, AT_FDCWD, "/tmp/l", O_RDONLY | O_NOFOLLOW, 0), -ELOOP);
	struct linux_stat st;
	ck_assert_int_eq(vfs_newfstatat(fx, &ROOT, AT_FDCWD, "/tmp/l", &st, AT_SYMLINK_NOFOLLOW), 0);
	ck_assert(S_ISLNK(st.st_mode));
	ck_assert_int_eq(st.st_size, 1);
	ck_assert(S_ISREG(fx_stat(&ROOT, "/tmp/l").st_mode));
}
END_TEST

START_TEST(long_names_and_paths_give_enametoolong)
{
	char name[300], path[5000];
	memset(name, 'n', sizeof(name));
	strcpy(path, "/tmp/");
	memcpy(path + 5, name, 255);
	path[5 + 255] = '\0';
	fx_put(&ROOT, path, "ok", 2);
	path[5 + 255] = 'n';
	path[5 + 256] = '\0';
	ck_assert_int_eq(fx_stat_rc(&ROOT, path), -ENAMETOOLONG);
	ck_assert_int_eq(vfs_mkdirat(fx, &ROOT, AT_FDCWD, path, 0755), -ENAMETOOLONG);
	/* 4095 bytes resolve, 4096 do not. */
	memset(path, '/', sizeof(path));
	memcpy(path + 4095 - 4, "/tmp", 4);
	path[4095] = '\0';
	ck_assert_int_eq(fx_stat_rc(&ROOT, path), 0);
	memmove(path + 1, path, 4096);
	ck_assert_int_eq(fx_stat_rc(&ROOT, path), -ENAMETOOLONG);
}
END_TEST

START_TEST(long_symlink_expansions_resolve_until_the_buffer_is_full)
{
	char target[4000], path[300];
	memset(target, '/', sizeof(target));
	target[sizeof(target) - 1] = '\0';
	ck_assert_int_eq(vfs_symlinkat(fx, &ROOT, target, AT_FDCWD, "/tmp/l"), 0);
	strcpy(target, "/tmp/l");
	memset(target + 6, '/', 3980);
	target[3986] = '\0';
	ck_assert_int_eq(vfs_symlinkat(fx, &ROOT, target, AT_FDCWD, "/tmp/m"), 0);
	strcpy(path, "/tmp/m/");
	memset(path + 7, 'x', 250);
	path[257] = '\0';
	ck_assert_int_eq(fx_stat_rc(&ROOT, "/tmp/m/tmp"), 0);
	path[107] = '\0'; /* 3999 + 3980 + 101 bytes fit */
	ck_assert_int_eq(fx_stat_rc(&ROOT, path), -ENOENT);
	path[107] = 'x'; /* 3999 + 3980 + 251 do not */
	ck_assert_int_eq(fx_stat_rc(&ROOT, path), -ENAMETOOLONG);
}
END_TEST

START_TEST(relative_paths_use_cwd_and_dirfd)
{
	mkdirs((const char *[]){ "/a", "/a/b", NULL });
	fx_put(&ROOT, "/a/b/f", "rel", 3);
	ck_assert_int_eq(vfs_chdir(fx, &ROOT, "/a"), 0);
	ck_assert_str_eq(fx_get(&ROOT, "b/f"), "rel");
	ck_assert_str_eq(fx_get(&ROOT, "./b/../b/f"), "rel");
	int dfd = fx_open(&ROOT, "b", O_RDONLY | O_DIRECTORY, 0);
	int fd = vfs_openat(fx, &ROOT, dfd, "f", O_RDONLY, 0);
	ck_assert_int_ge(fd, 0);
	int ffd = vfs_openat(fx, &ROOT, dfd, "f", O_RDONLY, 0);
	ck_assert_int_eq(vfs_openat(fx, &ROOT, ffd, "x", O_RDONLY, 0), -ENOTDIR);
	ck_assert_int_eq(vfs_openat(fx, &ROOT, 99, "f", O_RDONLY, 0), -EBADF);
	ck_assert_int_ge(vfs_openat(fx, &ROOT, 99, "/a/b/f", O_RDONLY, 0), 0);
	struct linux_stat st;
	ck_assert_int_eq(vfs_newfstatat(fx, &ROOT, ffd, "", &st, AT_EMPTY_PATH), 0);
	ck_assert_int_eq(st.st_size, 3);
}
END_TEST

struct hook_log {
	int calls;
	char seen[512];
};

static int deny_secret(void *ctx, const struct vfs_caller *c, uint32_t dir_ino, const char *name,
		       size_t len, uint32_t child_ino)
{
	struct hook_log *log = ctx;
	(void)dir_ino;
	(void)child_ino;
	log->calls++;
	strncat(log->seen, name, len);
	strcat(log->seen, ",");
	return c->pid == USER.pid && len == 6 && memcmp(name, "secret", 6) == 0 ? -ENOENT : 0;
}

START_TEST(lookup_hook_sees_every_name_and_can_deny)
{
	struct hook_log log = { 0 };
	struct vfs_config cfg = { .lookup_hook = deny_secret, .hook_ctx = &log };
	fx_reset(&cfg);
	fx_put(&ROOT, "/tmp/secret", "s", 1);
	log.calls = 0;
	log.seen[0] = '\0';
	ck_assert_int_eq(fx_stat_rc(&ROOT, "/tmp/./secret"), 0);
	ck_assert_str_eq(log.seen, "tmp,.,secret,");
	ck_assert_int_eq(fx_stat_rc(&USER, "/tmp/secret"), -ENOENT);
}
END_TEST

UNIT_SUITE(path_suite)
static Suite *path_suite(void)
{
	Suite *s = suite_create("vfs_path");
	TCase *tc = fx_tcase(s, "path");
	tcase_add_test(tc, resolves_dot_dot_and_repeated_slashes);
	tcase_add_test(tc, trailing_slash_requires_a_directory);
	tcase_add_test(tc, non_directory_in_the_middle_gives_enotdir_missing_gives_enoent);
	tcase_add_test(tc, symlink_loops_give_eloop);
	tcase_add_test(tc, forty_symlinks_resolve_and_forty_one_give_eloop);
	tcase_add_test(tc, relative_symlinks_resolve_from_their_directory);
	tcase_add_test(tc, nofollow_stops_at_a_final_symlink);
	tcase_add_test(tc, long_names_and_paths_give_enametoolong);
	tcase_add_test(tc, long_symlink_expansions_resolve_until_the_buffer_is_full);
	tcase_add_test(tc, relative_paths_use_cwd_and_dirfd);
	tcase_add_test(tc, lookup_hook_sees_every_name_and_can_deny);
	return s;
}
