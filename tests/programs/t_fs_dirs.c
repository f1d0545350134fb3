// SPDX-License-Identifier: MIT
/* t_fs_dirs: directories through the VFS: mkdir/mkdirat, rmdir,
 * unlink/unlinkat, listing with opendir/readdir (getdents64), rename and
 * renameat, the working directory (chdir, fchdir, getcwd) and directory
 * link counts. Works in /tmp/t_fs_dirs.<pid>. */
#include <limits.h>
#include "tap.h"
#include "fs_util.h"

#define NFILES 100

/* Returns st_nlink of path, or 0 if it cannot be stat'ed. */
static unsigned long nlink_of(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 ? (unsigned long)st.st_nlink : 0;
}

static void test_mkdir_rmdir(void)
{
	struct stat st;
	CHECK("mkdir_new_directory_succeeds", mkdir(fs_path("d"), 0755) == 0);
	CHECK("mkdir_result_is_directory", stat(fs_path("d"), &st) == 0 && S_ISDIR(st.st_mode));
	CHECK("new_directory_has_nlink_at_least_two", st.st_nlink >= 2);
	unsigned long before = nlink_of(fs_path("d"));
	CHECK_ERRNO("mkdir_existing_gives_eexist", mkdir(fs_path("d"), 0755), EEXIST);
	CHECK_ERRNO("mkdir_in_missing_parent_gives_enoent", mkdir(fs_path("no/sub"), 0755), ENOENT);
	fs_write_file(fs_path("f"), "file");
	CHECK_ERRNO("mkdir_over_file_gives_eexist", mkdir(fs_path("f"), 0755), EEXIST);
	CHECK_ERRNO("mkdir_under_file_gives_enotdir", mkdir(fs_path("f/sub"), 0755), ENOTDIR);

	int dfd = open(fs_path("d"), O_RDONLY | O_DIRECTORY);
	CHECK("mkdirat_relative_to_dirfd_succeeds", dfd >= 0 && mkdirat(dfd, "sub", 0755) == 0);
	CHECK("mkdirat_creates_under_dirfd", stat(fs_path("d/sub"), &st) == 0 && S_ISDIR(st.st_mode));
	CHECK_ERRNO("mkdirat_existing_gives_eexist", mkdirat(dfd, "sub", 0755), EEXIST);
	CHECK("subdirectory_raises_parent_nlink", nlink_of(fs_path("d")) == before + 1);

	CHECK_ERRNO("rmdir_non_empty_gives_enotempty", rmdir(fs_path("d")), ENOTEMPTY);
	CHECK_ERRNO("rmdir_file_gives_enotdir", rmdir(fs_path("f")), ENOTDIR);
	CHECK_ERRNO("rmdir_missing_gives_enoent", rmdir(fs_path("none")), ENOENT);
	CHECK_ERRNO("rmdir_dot_gives_einval", rmdir(fs_path("d/sub/.")), EINVAL);
	CHECK("rmdir_empty_succeeds", rmdir(fs_path("d/sub")) == 0);
	CHECK("rmdir_lowers_parent_nlink", nlink_of(fs_path("d")) == before);
	CHECK_ERRNO("rmdir_removed_gives_enoent", stat(fs_path("d/sub"), &st), ENOENT);
	CHECK("rmdir_now_empty_parent_succeeds", rmdir(fs_path("d")) == 0);
	close(dfd);
}

static void test_unlink(void)
{
	char buf[16];
	struct stat st;
	mkdir(fs_path("ud"), 0755);
	fs_write_file(fs_path("ud/file"), "data");
	CHECK_ERRNO("unlink_directory_gives_eisdir", unlink(fs_path("ud")), EISDIR);
	CHECK_ERRNO("unlink_missing_gives_enoent", unlink(fs_path("ud/none")), ENOENT);
	CHECK_ERRNO("unlink_under_file_gives_enotdir", unlink(fs_path("ud/file/x")), ENOTDIR);

	int fd = open(fs_path("ud/file"), O_RDONLY);
	CHECK("unlink_file_succeeds", unlink(fs_path("ud/file")) == 0);
	CHECK_ERRNO("unlinked_file_is_gone", stat(fs_path("ud/file"), &st), ENOENT);
	CHECK("unlinked_open_file_stays_readable",
	      fd >= 0 && read(fd, buf, sizeof(buf)) == 4 && !memcmp(buf, "data", 4));
	CHECK("unlinked_open_file_has_nlink_zero", fstat(fd, &st) == 0 && st.st_nlink == 0);
	close(fd);

	int dfd = open(fs_path("ud"), O_RDONLY | O_DIRECTORY);
	if (!CHECK("unlinkat_setup_open_dir", dfd >= 0))
		return;
	fs_write_file(fs_path("ud/g"), "g");
	mkdir(fs_path("ud/sub"), 0755);
	CHECK_ERRNO("unlinkat_directory_without_removedir_gives_eisdir", unlinkat(dfd, "sub", 0),
		    EISDIR);
	CHECK_ERRNO("unlinkat_removedir_on_file_gives_enotdir", unlinkat(dfd, "g", AT_REMOVEDIR),
		    ENOTDIR);
	CHECK_ERRNO("unlinkat_unknown_flag_gives_einval", unlinkat(dfd, "g", 0x4000), EINVAL);
	CHECK("unlinkat_file_succeeds", unlinkat(dfd, "g", 0) == 0);
	CHECK("unlinkat_removedir_removes_directory", unlinkat(dfd, "sub", AT_REMOVEDIR) == 0);
	CHECK_ERRNO("unlinkat_removed_directory_is_gone", stat(fs_path("ud/sub"), &st), ENOENT);
	close(dfd);
	CHECK("unlink_test_rmdir_succeeds", rmdir(fs_path("ud")) == 0);
}

/* Lists fs_path("ls"): counts the file_NNN names (each once, with d_type),
 * "." and "..". Returns 0 or -1. */
static int list_dir(DIR *d, int seen[NFILES], int *dots, int *dotdot, int *types_ok)
{
	struct dirent *e;
	memset(seen, 0, NFILES * sizeof(int));
	*dots = *dotdot = 0;
	*types_ok = 1;
	errno = 0;
	while ((e = readdir(d)) != NULL) {
		int k;
		if (!strcmp(e->d_name, "."))
			++*dots;
		else if (!strcmp(e->d_name, ".."))
			++*dotdot;
		else if (sscanf(e->d_name, "file_%d", &k) == 1 && k >= 0 && k < NFILES) {
			seen[k]++;
			if (e->d_type != DT_REG)
				*types_ok = 0;
		} else if (!strcmp(e->d_name, "subdir")) {
			if (e->d_type != DT_DIR)
				*types_ok = 0;
		} else {
			return -1;
		}
	}
	return errno ? -1 : 0;
}

static int all_once(const int seen[NFILES], int skip)
{
	for (int i = 0; i < NFILES; i++)
		if (seen[i] != (i == skip ? 0 : 1))
			return 0;
	return 1;
}

static void test_readdir(void)
{
	char name[64];
	int seen[NFILES], dots, dotdot, types_ok;
	mkdir(fs_path("ls"), 0755);
	for (int i = 0; i < NFILES; i++) {
		snprintf(name, sizeof(name), "ls/file_%03d", i);
		fs_write_file(fs_path(name), "x");
	}
	mkdir(fs_path("ls/subdir"), 0755);
	DIR *d = opendir(fs_path("ls"));
	if (!CHECK("opendir_succeeds", d != NULL))
		return;
	CHECK("readdir_lists_without_error", list_dir(d, seen, &dots, &dotdot, &types_ok) == 0);
	CHECK("readdir_lists_every_created_file_once", all_once(seen, -1));
	CHECK("readdir_lists_dot_and_dotdot", dots == 1 && dotdot == 1);
	CHECK("readdir_reports_file_and_directory_types", types_ok);

	unlink(fs_path("ls/file_042"));
	rewinddir(d);
	CHECK("rewinddir_lists_again", list_dir(d, seen, &dots, &dotdot, &types_ok) == 0);
	CHECK("readdir_omits_unlinked_file", all_once(seen, 42));
	closedir(d);

	CHECK_ERRNO("opendir_on_file_gives_enotdir", opendir(fs_path("ls/file_001")) ? 0 : -1,
		    ENOTDIR);
	CHECK_ERRNO("opendir_missing_gives_enoent", opendir(fs_path("nodir")) ? 0 : -1, ENOENT);
	d = opendir(fs_dir);
	int only_ls = d != NULL, count = 0;
	struct dirent *e;
	while (d && (e = readdir(d)) != NULL)
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) {
			count++;
			only_ls &= !strcmp(e->d_name, "ls");
		}
	if (d)
		closedir(d);
	CHECK("readdir_of_parent_lists_only_its_entries", only_ls && count == 1);
	CHECK("listing_dir_removes_cleanly", fs_rm_tree(fs_path("ls")) == 0);
}

static void test_rename_files(void)
{
	char buf[32];
	struct stat st;
	fs_write_file(fs_path("r1"), "one");
	fs_write_file(fs_path("r2"), "two");
	int fd = open(fs_path("r1"), O_RDONLY);
	CHECK("rename_to_new_name_succeeds", rename(fs_path("r1"), fs_path("r3")) == 0);
	CHECK_ERRNO("rename_removes_old_name", stat(fs_path("r1"), &st), ENOENT);
	CHECK("rename_keeps_contents", fs_read_file(fs_path("r3"), buf, sizeof(buf)) == 3 &&
					       !strcmp(buf, "one"));
	CHECK("open_fd_survives_rename", fd >= 0 && read(fd, buf, 3) == 3 && !memcmp(buf, "one", 3));
	close(fd);
	CHECK("rename_over_existing_file_succeeds", rename(fs_path("r3"), fs_path("r2")) == 0);
	CHECK("rename_over_existing_replaces_contents",
	      fs_read_file(fs_path("r2"), buf, sizeof(buf)) == 3 && !strcmp(buf, "one"));
	CHECK_ERRNO("rename_over_existing_removes_source", stat(fs_path("r3"), &st), ENOENT);
	CHECK("rename_onto_itself_succeeds", rename(fs_path("r2"), fs_path("r2")) == 0);
	CHECK("rename_onto_itself_keeps_file", fs_size(fs_path("r2")) == 3);
	CHECK_ERRNO("rename_missing_source_gives_enoent", rename(fs_path("zz"), fs_path("r4")),
		    ENOENT);
	CHECK_ERRNO("rename_into_missing_dir_gives_enoent",
		    rename(fs_path("r2"), fs_path("nodir/r2")), ENOENT);

	mkdir(fs_path("rd"), 0755);
	int dfd = open(fs_dir, O_RDONLY | O_DIRECTORY);
	int sfd = open(fs_path("rd"), O_RDONLY | O_DIRECTORY);
	CHECK("renameat_between_dirfds_succeeds", renameat(dfd, "r2", sfd, "moved") == 0);
	CHECK("renameat_moves_into_other_directory",
	      fs_read_file(fs_path("rd/moved"), buf, sizeof(buf)) == 3 && !strcmp(buf, "one"));
	mkdir(fs_path("rd/empty"), 0755);
	CHECK_ERRNO("rename_file_over_directory_gives_eisdir",
		    rename(fs_path("rd/moved"), fs_path("rd/empty")), EISDIR);
	close(sfd);
	close(dfd);
	CHECK("rename_files_cleanup", fs_rm_tree(fs_path("rd")) == 0);
}

static void test_rename_dirs(void)
{
	char buf[32];
	struct stat st;
	mkdir(fs_path("A"), 0755);
	mkdir(fs_path("A/sub"), 0755);
	fs_write_file(fs_path("A/sub/f"), "deep");
	mkdir(fs_path("E"), 0755);
	mkdir(fs_path("N"), 0755);
	fs_write_file(fs_path("N/keep"), "k");
	fs_write_file(fs_path("plain"), "p");

	CHECK_ERRNO("rename_dir_over_non_empty_dir_gives_enotempty",
		    rename(fs_path("A"), fs_path("N")), ENOTEMPTY);
	CHECK_ERRNO("rename_dir_into_own_subdir_gives_einval",
		    rename(fs_path("A"), fs_path("A/sub/inner")), EINVAL);
	CHECK_ERRNO("rename_dir_over_file_gives_enotdir", rename(fs_path("A"), fs_path("plain")),
		    ENOTDIR);
	CHECK("rename_dir_over_empty_dir_succeeds", rename(fs_path("A"), fs_path("E")) == 0);
	CHECK("renamed_dir_keeps_its_tree", fs_read_file(fs_path("E/sub/f"), buf, sizeof(buf)) == 4 &&
						    !strcmp(buf, "deep"));
	CHECK_ERRNO("renamed_dir_old_name_is_gone", stat(fs_path("A"), &st), ENOENT);
	CHECK("rename_dir_into_other_dir_succeeds", rename(fs_path("E"), fs_path("N/E")) == 0);
	CHECK("dir_moved_into_other_dir_is_reachable",
	      stat(fs_path("N/E/sub/f"), &st) == 0 && st.st_size == 4);
	CHECK("rename_dirs_cleanup",
	      fs_rm_tree(fs_path("N")) == 0 && unlink(fs_path("plain")) == 0);
}

static void test_cwd(void)
{
	char buf[PATH_MAX], want[PATH_MAX];
	struct stat st;
	mkdir(fs_path("w"), 0755);
	mkdir(fs_path("w/in"), 0755);
	fs_write_file(fs_path("w/in/here"), "H");
	CHECK("chdir_to_test_dir_succeeds", chdir(fs_path("w")) == 0);
	CHECK("getcwd_reports_new_directory",
	      getcwd(buf, sizeof(buf)) != NULL && !strcmp(buf, fs_path("w")));
	CHECK("chdir_relative_succeeds", chdir("in") == 0);
	CHECK("relative_open_resolves_from_cwd", fs_read_file("here", buf, sizeof(buf)) == 1 &&
							  buf[0] == 'H');
	CHECK("chdir_dotdot_goes_up", chdir("..") == 0 && getcwd(buf, sizeof(buf)) != NULL &&
					      !strcmp(buf, fs_path("w")));
	CHECK("relative_path_with_dotdot_resolves", stat("in/../in/here", &st) == 0 &&
							    st.st_size == 1);
	CHECK_ERRNO("chdir_to_file_gives_enotdir", chdir("in/here"), ENOTDIR);
	CHECK_ERRNO("chdir_to_missing_gives_enoent", chdir("missing"), ENOENT);
	CHECK_ERRNO("getcwd_small_buffer_gives_erange", getcwd(buf, 4) ? 0 : -1, ERANGE);

	int fd = open(fs_path("w/in"), O_RDONLY | O_DIRECTORY);
	CHECK("fchdir_succeeds", fd >= 0 && fchdir(fd) == 0);
	snprintf(want, sizeof(want), "%s", fs_path("w/in"));
	CHECK("getcwd_after_fchdir_reports_it", getcwd(buf, sizeof(buf)) != NULL && !strcmp(buf, want));
	close(fd);
	fd = open(fs_path("w/in/here"), O_RDONLY);
	CHECK_ERRNO("fchdir_to_file_gives_enotdir", fchdir(fd), ENOTDIR);
	close(fd);
	CHECK_ERRNO("fchdir_bad_fd_gives_ebadf", fchdir(999), EBADF);

	unlink(fs_path("w/in/here"));
	CHECK("rmdir_of_cwd_succeeds", rmdir(fs_path("w/in")) == 0);
	CHECK_ERRNO("getcwd_in_removed_dir_gives_enoent", getcwd(buf, sizeof(buf)) ? 0 : -1,
		    ENOENT);
	CHECK_ERRNO("create_in_removed_cwd_gives_enoent", open("new", O_CREAT | O_WRONLY, 0644),
		    ENOENT);
	CHECK("chdir_root_succeeds", chdir("/") == 0 && getcwd(buf, sizeof(buf)) != NULL &&
					     !strcmp(buf, "/"));
	CHECK("cwd_test_cleanup", rmdir(fs_path("w")) == 0);
}

int main(void)
{
	tap_begin();
	if (!CHECK("fs_dirs_create_test_dir", fs_dir_create("t_fs_dirs") == 0))
		return tap_end("t_fs_dirs");
	test_mkdir_rmdir();
	unlink(fs_path("f"));
	test_unlink();
	test_readdir();
	test_rename_files();
	test_rename_dirs();
	test_cwd();
	CHECK("fs_dirs_remove_test_dir", fs_dir_remove() == 0);
	return tap_end("t_fs_dirs");
}
