// SPDX-License-Identifier: MIT
/* t_fs_meta: metadata through the VFS: stat/lstat/fstat/fstatat, file modes
 * (umask, chmod, fchmod, fchmodat), access/faccessat, symbolic links
 * (symlink, readlink, readlinkat, resolution through links) and
 * statfs/fstatfs. Works in /tmp/t_fs_meta.<pid>. */
#include <sys/statfs.h>
#include "tap.h"
#include "fs_util.h"

/* Returns the permission bits of path (lstat), or -1. */
static int mode_of(const char *path)
{
	struct stat st;
	return lstat(path, &st) == 0 ? (int)(st.st_mode & 07777) : -1;
}

static void test_stat(void)
{
	struct stat st, fst, at;
	fs_write_file(fs_path("f"), "twelve bytes");
	CHECK("stat_file_succeeds", stat(fs_path("f"), &st) == 0);
	CHECK("stat_file_is_regular", S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode));
	CHECK("stat_file_gives_size", st.st_size == 12);
	CHECK("stat_file_has_one_link", st.st_nlink == 1);
	CHECK("stat_file_has_block_size", st.st_blksize > 0);
	int fd = open(fs_path("f"), O_RDONLY);
	CHECK("fstat_matches_stat", fd >= 0 && fstat(fd, &fst) == 0 && fst.st_ino == st.st_ino &&
					    fst.st_dev == st.st_dev && fst.st_size == 12);
	CHECK("fstatat_empty_path_stats_fd",
	      fstatat(fd, "", &at, AT_EMPTY_PATH) == 0 && at.st_ino == st.st_ino);
	close(fd);
	fd = open(fs_path("f"), O_WRONLY | O_APPEND);
	write(fd, "+", 1);
	CHECK("fstat_sees_growth_after_write", fstat(fd, &fst) == 0 && fst.st_size == 13);
	close(fd);

	int dfd = open(fs_dir, O_RDONLY | O_DIRECTORY);
	CHECK("fstatat_relative_to_dirfd_succeeds",
	      dfd >= 0 && fstatat(dfd, "f", &at, 0) == 0 && at.st_ino == st.st_ino);
	CHECK("fstat_of_directory_fd_is_directory",
	      fstat(dfd, &fst) == 0 && S_ISDIR(fst.st_mode) && fst.st_nlink >= 2);
	CHECK_ERRNO("fstatat_missing_gives_enoent", fstatat(dfd, "missing", &at, 0), ENOENT);
	close(dfd);
	CHECK("stat_root_is_directory", stat("/", &st) == 0 && S_ISDIR(st.st_mode) &&
						st.st_nlink >= 2);
	CHECK("stat_tmp_is_directory", stat("/tmp", &st) == 0 && S_ISDIR(st.st_mode));
	CHECK("stat_tmp_is_sticky_and_world_writable", (st.st_mode & 07777) == 01777);
	CHECK("stat_dot_is_directory", stat(".", &st) == 0 && S_ISDIR(st.st_mode));
	CHECK_ERRNO("stat_missing_gives_enoent", stat(fs_path("missing"), &st), ENOENT);
	CHECK_ERRNO("stat_empty_path_gives_enoent", stat("", &st), ENOENT);
}

static void test_modes(void)
{
	mode_t old = umask(022);
	CHECK("umask_returns_previous_mask", umask(022) == 022);
	int fd = open(fs_path("m1"), O_WRONLY | O_CREAT, 0666);
	close(fd);
	CHECK("umask_022_masks_new_file", mode_of(fs_path("m1")) == 0644);
	mkdir(fs_path("md"), 0777);
	CHECK("umask_022_masks_new_directory", mode_of(fs_path("md")) == 0755);
	CHECK("umask_077_returns_022", umask(077) == 022);
	fd = open(fs_path("m2"), O_WRONLY | O_CREAT, 0666);
	close(fd);
	CHECK("umask_077_masks_new_file", mode_of(fs_path("m2")) == 0600);
	umask(022);
	fd = open(fs_path("m3"), O_WRONLY | O_CREAT, 0400);
	CHECK("create_read_only_mode_still_opens_for_writing", fd >= 0 && write(fd, "w", 1) == 1);
	close(fd);
	CHECK("create_mode_is_used_as_given_under_umask", mode_of(fs_path("m3")) == 0400);

	struct stat st;
	CHECK("chmod_succeeds", chmod(fs_path("m1"), 0640) == 0);
	CHECK("chmod_reflected_in_stat", stat(fs_path("m1"), &st) == 0 &&
						 (st.st_mode & 07777) == 0640 && S_ISREG(st.st_mode));
	CHECK("chmod_ignores_umask", chmod(fs_path("m1"), 0777) == 0 &&
					     mode_of(fs_path("m1")) == 0777);
	fd = open(fs_path("m1"), O_RDONLY);
	CHECK("fchmod_succeeds", fd >= 0 && fchmod(fd, 0604) == 0);
	CHECK("fchmod_reflected_in_fstat", fstat(fd, &st) == 0 && (st.st_mode & 07777) == 0604);
	close(fd);
	CHECK("chmod_directory_succeeds", chmod(fs_path("md"), 0700) == 0 &&
						  mode_of(fs_path("md")) == 0700 &&
						  stat(fs_path("md"), &st) == 0 && S_ISDIR(st.st_mode));
	int dfd = open(fs_dir, O_RDONLY | O_DIRECTORY);
	CHECK("fchmodat_succeeds", dfd >= 0 && fchmodat(dfd, "m2", 0660, 0) == 0 &&
					   mode_of(fs_path("m2")) == 0660);
	close(dfd);
	CHECK_ERRNO("chmod_missing_gives_enoent", chmod(fs_path("missing"), 0644), ENOENT);
	CHECK_ERRNO("fchmod_bad_fd_gives_ebadf", fchmod(999, 0644), EBADF);
	umask(old);
}

static void test_access(void)
{
	fs_write_file(fs_path("acc"), "a");
	chmod(fs_path("acc"), 0644);
	CHECK("access_f_ok_existing_succeeds", access(fs_path("acc"), F_OK) == 0);
	CHECK("access_r_ok_readable_succeeds", access(fs_path("acc"), R_OK) == 0);
	CHECK("access_w_ok_own_file_succeeds", access(fs_path("acc"), W_OK) == 0);
	CHECK_ERRNO("access_x_ok_without_any_x_bit_gives_eacces", access(fs_path("acc"), X_OK),
		    EACCES);
	CHECK_ERRNO("access_f_ok_missing_gives_enoent", access(fs_path("missing"), F_OK), ENOENT);
	CHECK_ERRNO("access_under_file_gives_enotdir", access(fs_path("acc/x"), F_OK), ENOTDIR);
	CHECK_ERRNO("access_bad_mode_gives_einval", access(fs_path("acc"), 0100), EINVAL);
	CHECK("access_x_ok_on_directory_succeeds", access(fs_dir, X_OK) == 0);

	int dfd = open(fs_dir, O_RDONLY | O_DIRECTORY);
	CHECK("faccessat_relative_succeeds", dfd >= 0 && faccessat(dfd, "acc", R_OK, 0) == 0);
	CHECK_ERRNO("faccessat_f_ok_missing_gives_enoent", faccessat(dfd, "missing", F_OK, 0),
		    ENOENT);
	symlink("missing", fs_path("dangle"));
	CHECK_ERRNO("faccessat_follows_dangling_symlink_to_enoent",
		    faccessat(dfd, "dangle", F_OK, 0), ENOENT);
	CHECK("faccessat_nofollow_on_dangling_symlink_succeeds",
	      faccessat(dfd, "dangle", F_OK, AT_SYMLINK_NOFOLLOW) == 0);
	close(dfd);
	unlink(fs_path("dangle"));
}

static void test_symlinks(void)
{
	char buf[64];
	struct stat st;
	fs_write_file(fs_path("target"), "target data");
	CHECK("symlink_succeeds", symlink("target", fs_path("ln")) == 0);
	CHECK("lstat_symlink_is_link", lstat(fs_path("ln"), &st) == 0 && S_ISLNK(st.st_mode));
	CHECK("lstat_symlink_size_is_target_length", st.st_size == 6);
	CHECK("stat_symlink_follows_to_target",
	      stat(fs_path("ln"), &st) == 0 && S_ISREG(st.st_mode) && st.st_size == 11);
	CHECK("fstatat_nofollow_sees_link", fstatat(AT_FDCWD, fs_path("ln"), &st,
						    AT_SYMLINK_NOFOLLOW) == 0 &&
						    S_ISLNK(st.st_mode));
	memset(buf, 'X', sizeof(buf));
	CHECK("readlink_returns_target_length", readlink(fs_path("ln"), buf, sizeof(buf)) == 6);
	CHECK("readlink_gives_target_without_nul", !memcmp(buf, "target", 6) && buf[6] == 'X');
	CHECK("readlink_truncates_to_buffer", readlink(fs_path("ln"), buf, 3) == 3 &&
						      !memcmp(buf, "tar", 3));
	int dfd = open(fs_dir, O_RDONLY | O_DIRECTORY);
	CHECK("readlinkat_relative_succeeds",
	      dfd >= 0 && readlinkat(dfd, "ln", buf, sizeof(buf)) == 6 && !memcmp(buf, "target", 6));
	close(dfd);
	CHECK_ERRNO("readlink_on_regular_file_gives_einval", readlink(fs_path("target"), buf, 64),
		    EINVAL);
	CHECK_ERRNO("readlink_on_directory_gives_einval", readlink(fs_dir, buf, 64), EINVAL);
	CHECK_ERRNO("readlink_missing_gives_enoent", readlink(fs_path("nolink"), buf, 64), ENOENT);
	CHECK_ERRNO("symlink_over_existing_gives_eexist", symlink("x", fs_path("target")), EEXIST);
}

static void test_symlink_resolution(void)
{
	char buf[64];
	struct stat st;
	mkdir(fs_path("d"), 0755);
	mkdir(fs_path("d/sub"), 0755);
	fs_write_file(fs_path("d/sub/t"), "rel");
	CHECK("relative_symlink_resolves_from_link_dir",
	      symlink("sub/t", fs_path("d/rl")) == 0 &&
		      fs_read_file(fs_path("d/rl"), buf, sizeof(buf)) == 3 && !strcmp(buf, "rel"));
	CHECK("absolute_symlink_resolves", symlink(fs_path("d/sub"), fs_path("abs")) == 0 &&
						   fs_read_file(fs_path("abs/t"), buf, 64) == 3);
	CHECK("symlink_to_directory_stats_as_directory",
	      stat(fs_path("abs"), &st) == 0 && S_ISDIR(st.st_mode));
	CHECK("dotdot_through_symlink_resolves", symlink("../target", fs_path("d/up")) == 0 &&
							 fs_size(fs_path("d/up")) == 11);

	CHECK("symlink_dangling_succeeds", symlink("created", fs_path("dl")) == 0);
	CHECK_ERRNO("stat_dangling_symlink_gives_enoent", stat(fs_path("dl"), &st), ENOENT);
	CHECK("lstat_dangling_symlink_succeeds", lstat(fs_path("dl"), &st) == 0);
	CHECK_ERRNO("open_creat_excl_on_dangling_symlink_gives_eexist",
		    open(fs_path("dl"), O_WRONLY | O_CREAT | O_EXCL, 0644), EEXIST);
	int fd = open(fs_path("dl"), O_WRONLY | O_CREAT, 0644);
	CHECK("open_creat_through_dangling_symlink_creates_target",
	      fd >= 0 && fs_size(fs_path("created")) == 0);
	close(fd);
	CHECK("unlink_symlink_removes_link_only",
	      unlink(fs_path("ln")) == 0 && lstat(fs_path("ln"), &st) == -1 &&
		      fs_size(fs_path("target")) == 11);
}

static void test_statfs(void)
{
	struct statfs sf;
	CHECK("statfs_succeeds", statfs(fs_dir, &sf) == 0);
	CHECK("statfs_reports_block_size", sf.f_bsize > 0);
	CHECK("statfs_reports_name_length", sf.f_namelen >= 255);
	int fd = open(fs_dir, O_RDONLY | O_DIRECTORY);
	CHECK("fstatfs_succeeds", fd >= 0 && fstatfs(fd, &sf) == 0 && sf.f_bsize > 0);
	close(fd);
	CHECK("statfs_root_succeeds", statfs("/", &sf) == 0);
	CHECK_ERRNO("statfs_missing_gives_enoent", statfs(fs_path("missing"), &sf), ENOENT);
	CHECK_ERRNO("fstatfs_bad_fd_gives_ebadf", fstatfs(999, &sf), EBADF);
}

int main(void)
{
	tap_begin();
	if (!CHECK("fs_meta_create_test_dir", fs_dir_create("t_fs_meta") == 0))
		return tap_end("t_fs_meta");
	test_stat();
	test_modes();
	test_access();
	test_symlinks();
	test_symlink_resolution();
	test_statfs();
	CHECK("fs_meta_remove_test_dir", fs_dir_remove() == 0);
	return tap_end("t_fs_meta");
}
