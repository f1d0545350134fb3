// SPDX-License-Identifier: MIT
/* servers/vfs/vfs_ops_dir.c and vfs_ops_cwd.c: listings, mkdir, rmdir,
 * unlink, symlinks, the working directory. */
#include "fixture.h"
#include <dirent.h>
#include <errno.h>
#include <string.h>

/* Reads the whole of dir with a buffer of bufsize bytes into names
 * ("a,b,"), calling between(i) after each getdents64 call. */
static void list(const char *dir, size_t bufsize, char *names, void (*between)(int))
{
	uint8_t buf[4096];
	int fd = fx_open(&ROOT, dir, O_RDONLY | O_DIRECTORY, 0);
	ssize_t n;
	names[0] = '\0';
	for (int call = 0; (n = vfs_getdents64(fx, &ROOT, fd, buf, bufsize)) > 0; call++) {
		for (ssize_t off = 0; off < n;) {
			struct linux_dirent64 d;
			memcpy(&d, buf + off, sizeof(d));
			strcat(names, (char *)buf + off + offsetof(struct linux_dirent64, d_name));
			strcat(names, ",");
			ck_assert_int_eq(d.d_reclen % 8, 0);
			off += d.d_reclen;
		}
		if (between)
			between(call);
	}
	ck_assert_int_eq(n, 0);
	vfs_close(fx, &ROOT, fd);
}

START_TEST(getdents_lists_dot_dotdot_and_entries_with_types)
{
	uint8_t buf[512];
	ck_assert_int_eq(vfs_mkdirat(fx, &ROOT, AT_FDCWD, "/tmp/d", 0755), 0);
	fx_put(&ROOT, "/tmp/d/file", "x", 1);
	ck_assert_int_eq(vfs_symlinkat(fx, &ROOT, "file", AT_FDCWD, "/tmp/d/link"), 0);
	int fd = fx_open(&ROOT, "/tmp/d", O_RDONLY | O_DIRECTORY, 0);
	ssize_t n = vfs_getdents64(fx, &ROOT, fd, buf, sizeof(buf));
	ck_assert_int_gt(n, 0);
	const char *want[] = { ".", "..", "file", "link" };
	const uint8_t types[] = { DT_DIR, DT_DIR, DT_REG, DT_LNK };
	ssize_t off = 0;
	for (int i = 0; i < 4; i++) {
		struct linux_dirent64 d;
		memcpy(&d, buf + off, sizeof(d));
		ck_assert_str_eq((char *)buf + off + 19, want[i]);
		ck_assert_uint_eq(d.d_type, types[i]);
		off += d.d_reclen;
	}
	ck_assert_int_eq(off, n);
	ck_assert_int_eq(vfs_getdents64(fx, &ROOT, fd, buf, sizeof(buf)), 0);
	ck_assert_int_eq(vfs_getdents64(fx, &ROOT, fd, buf, 10), 0);
	ck_assert_int_eq(vfs_lseek(fx, &ROOT, fd, 0, SEEK_SET), 0);
	ck_assert_int_eq(vfs_getdents64(fx, &ROOT, fd, buf, 10), -EINVAL);
	int f = fx_open(&ROOT, "/tmp/d/file", O_RDONLY, 0);
	ck_assert_int_eq(vfs_getdents64(fx, &ROOT, f, buf, sizeof(buf)), -ENOTDIR);
}
END_TEST

static void remove_some(int call)
{
	char path[32];
	if (call != 2)
		return;
	for (int i = 0; i < 40; i += 3) {
		snprintf(path, sizeof(path), "/tmp/d/f%02d", i);
		vfs_unlinkat(fx, &ROOT, AT_FDCWD, path, 0);
	}
	fx_put(&ROOT, "/tmp/d/new", "n", 1);
}

START_TEST(getdents_resumes_where_it_stopped_despite_changes)
{
	char path[32], names[2048], want[2048] = ".,..,";
	ck_assert_int_eq(vfs_mkdirat(fx, &ROOT, AT_FDCWD, "/tmp/d", 0755), 0);
	for (int i = 0; i < 40; i++) {
		snprintf(path, sizeof(path), "/tmp/d/f%02d", i);
		fx_put(&ROOT, path, "x", 1);
	}
	list("/tmp/d", 100, names, remove_some); /* 4 records of 24 bytes a call */
	/* Entries seen before the removals stay seen; removed later ones vanish. */
	for (int i = 0; i < 40; i++) {
		if (i > 9 && i % 3 == 0)
			continue;
		snprintf(path, sizeof(path), "f%02d,", i);
		strcat(want, path);
	}
	strcat(want, "new,");
	ck_assert_str_eq(names, want);
}
END_TEST

START_TEST(mkdir_and_rmdir_report_existing_nonempty_and_dots)
{
	ck_assert_int_eq(vfs_mkdirat(fx, &ROOT, AT_FDCWD, "/tmp/d", 0755), 0);
	ck_assert_int_eq(vfs_mkdirat(fx, &ROOT, AT_FDCWD, "/tmp/d", 0755), -EEXIST);
	ck_assert_int_eq(vfs_mkdirat(fx, &ROOT, AT_FDCWD, "/", 0755), -EEXIST);
	ck_assert_int_eq(vfs_mkdirat(fx, &ROOT, AT_FDCWD, "/tmp/x/y", 0755), -ENOENT);
	fx_put(&ROOT, "/tmp/d/f", "x", 1);
	ck_assert_int_eq(vfs_unlinkat(fx, &ROOT, AT_FDCWD, "/tmp/d", AT_REMOVEDIR), -ENOTEMPTY);
	ck_assert_int_eq(vfs_unlinkat(fx, &ROOT, AT_FDCWD, "/tmp/d/.", AT_REMOVEDIR), -EINVAL);
	ck_assert_int_eq(vfs_unlinkat(fx, &ROOT, AT_FDCWD, "/tmp/d/..", AT_REMOVEDIR), -ENOTEMPTY);
	ck_assert_int_eq(vfs_unlinkat(fx, &ROOT, AT_FDCWD, "/", AT_REMOVEDIR), -EBUSY);
	ck_assert_int_eq(vfs_unlinkat(fx, &ROOT, AT_FDCWD, "/tmp/d/f", AT_REMOVEDIR), -ENOTDIR);
	ck_assert_int_eq(vfs_unlinkat(fx, &ROOT, AT_FDCWD, "/tmp/d", 0), -EISDIR);
	ck_assert_int_eq(vfs_unlinkat(fx, &ROOT, AT_FDCWD, "/tmp/d/f/", 0), -ENOTDIR);
	ck_assert_int_eq(vfs_unlinkat(fx, &ROOT, AT_FDCWD, "/tmp/d/f", 0x4000), -EINVAL);
	ck_assert_int_eq(vfs_unlinkat(fx, &ROOT, AT_FDCWD, "/tmp/d/f", 0), 0);
	ck_assert_int_eq(vfs_unlinkat(fx, &ROOT, AT_FDCWD, "/tmp/d/f", 0), -ENOENT);
	ck_assert_int_eq(vfs_unlinkat(fx, &ROOT, AT_FDCWD, "/tmp/d/", AT_REMOVEDIR), 0);
	ck_assert_int_eq(fx_stat_rc(&ROOT, "/tmp/d"), -ENOENT);
}
END_TEST

START_TEST(link_counts_follow_subdirectories)
{
	uint64_t base = fx_stat(&ROOT, "/tmp").st_nlink;
	ck_assert_uint_eq(base, 2);
	ck_assert_int_eq(vfs_mkdirat(fx, &ROOT, AT_FDCWD, "/tmp/a", 0755), 0);
	ck_assert_int_eq(vfs_mkdirat(fx, &ROOT, AT_FDCWD, "/tmp/b", 0755), 0);
	fx_put(&ROOT, "/tmp/f", "x", 1);
	ck_assert_uint_eq(fx_stat(&ROOT, "/tmp").st_nlink, 4);
	ck_assert_uint_eq(fx_stat(&ROOT, "/tmp/f").st_nlink, 1);
	ck_assert_int_eq(vfs_unlinkat(fx, &ROOT, AT_FDCWD, "/tmp/a", AT_REMOVEDIR), 0);
	ck_assert_uint_eq(fx_stat(&ROOT, "/tmp").st_nlink, 3);
}
END_TEST

START_TEST(an_unlinked_open_file_stays_readable_until_closed)
{
	fx_put(&ROOT, "/tmp/f", "still here", 10);
	int fd = fx_open(&ROOT, "/tmp/f", O_RDWR, 0);
	ck_assert_int_eq(vfs_unlinkat(fx, &ROOT, AT_FDCWD, "/tmp/f", 0), 0);
	ck_assert_int_eq(fx_stat_rc(&ROOT, "/tmp/f"), -ENOENT);
	char b[16] = { 0 };
	ck_assert_int_eq(vfs_read(fx, &ROOT, fd, b, sizeof(b)), 10);
	ck_assert_str_eq(b, "still here");
	struct linux_stat st;
	ck_assert_int_eq(vfs_fstat(fx, &ROOT, fd, &st), 0);
	ck_assert_uint_eq(st.st_nlink, 0);
	ck_assert_int_eq(vfs_close(fx, &ROOT, fd), 0);
}
END_TEST

START_TEST(getcwd_follows_chdir_and_fchdir)
{
	char b[64];
	ck_assert_int_eq(vfs_getcwd(fx, &ROOT, b, sizeof(b)), 2);
	ck_assert_str_eq(b, "/");
	ck_assert_int_eq(vfs_mkdirat(fx, &ROOT, AT_FDCWD, "/tmp/a", 0755), 0);
	ck_assert_int_eq(vfs_mkdirat(fx, &ROOT, AT_FDCWD, "/tmp/a/b", 0755), 0);
	ck_assert_int_eq(vfs_chdir(fx, &ROOT, "/tmp/a/b"), 0);
	ck_assert_int_eq(vfs_getcwd(fx, &ROOT, b, sizeof(b)), 9);
	ck_assert_str_eq(b, "/tmp/a/b");
	ck_assert_int_eq(vfs_getcwd(fx, &ROOT, b, 5), -ERANGE);
	int fd = fx_open(&ROOT, "..", O_RDONLY | O_DIRECTORY, 0);
	ck_assert_int_eq(vfs_fchdir(fx, &ROOT, fd), 0);
	ck_assert_int_eq(vfs_getcwd(fx, &ROOT, b, sizeof(b)), 7);
	ck_assert_str_eq(b, "/tmp/a");
	fx_put(&ROOT, "/tmp/f", "x", 1);
	ck_assert_int_eq(vfs_chdir(fx, &ROOT, "/tmp/f"), -ENOTDIR);
	ck_assert_int_eq(vfs_chdir(fx, &ROOT, "b"), 0);
	ck_assert_int_eq(vfs_unlinkat(fx, &ROOT, AT_FDCWD, "/tmp/a/b", AT_REMOVEDIR), 0);
	ck_assert_int_eq(vfs_getcwd(fx, &ROOT, b, sizeof(b)), -ENOENT);
	ck_assert_int_eq(vfs_openat(fx, &ROOT, AT_FDCWD, "new", O_CREAT | O_RDWR, 0644), -ENOENT);
	ck_assert_int_eq(fx_stat_rc(&ROOT, ".."), -ENOENT);
}
END_TEST

START_TEST(readlink_returns_the_target_truncated_without_nul)
{
	char b[8];
	memset(b, '#', sizeof(b));
	ck_assert_int_eq(vfs_symlinkat(fx, &ROOT, "some/target", AT_FDCWD, "/tmp/l"), 0);
	ck_assert_int_eq(vfs_readlinkat(fx, &ROOT, AT_FDCWD, "/tmp/l", b, 4), 4);
	ck_assert_mem_eq(b, "some#", 5);
	ck_assert_int_eq(vfs_readlinkat(fx, &ROOT, AT_FDCWD, "/tmp", b, 4), -EINVAL);
	ck_assert_int_eq(vfs_readlinkat(fx, &ROOT, AT_FDCWD, "/tmp/l", b, 0), -EINVAL);
	ck_assert_int_eq(vfs_symlinkat(fx, &ROOT, "x", AT_FDCWD, "/tmp/l"), -EEXIST);
	ck_assert_int_eq(vfs_symlinkat(fx, &ROOT, "", AT_FDCWD, "/tmp/e"), -ENOENT);
}
END_TEST

UNIT_SUITE(dir_suite)
static Suite *dir_suite(void)
{
	Suite *s = suite_create("vfs_dir");
	TCase *tc = fx_tcase(s, "dir");
	tcase_add_test(tc, getdents_lists_dot_dotdot_and_entries_with_types);
	tcase_add_test(tc, getdents_resumes_where_it_stopped_despite_changes);
	tcase_add_test(tc, mkdir_and_rmdir_report_existing_nonempty_and_dots);
	tcase_add_test(tc, link_counts_follow_subdirectories);
	tcase_add_test(tc, an_unlinked_open_file_stays_readable_until_closed);
	tcase_add_test(tc, getcwd_follows_chdir_and_fchdir);
	tcase_add_test(tc, readlink_returns_the_target_truncated_without_nul);
	return s;
}
