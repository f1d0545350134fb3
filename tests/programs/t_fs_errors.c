// SPDX-License-Identifier: MIT
/* t_fs_errors: the error paths of path lookup and file calls, each with the
 * exact Linux errno: ENAMETOOLONG, ELOOP, ENOENT, ENOTDIR, EISDIR, EBADF,
 * ESPIPE, EINVAL and EFAULT (bad pointers passed straight to the kernel with
 * syscall(), so libc cannot catch them first). Works in
 * /tmp/t_fs_errors.<pid>. */
#include <sys/syscall.h>
#include <sys/uio.h>
#include "tap.h"
#include "fs_util.h"

#define BAD_LOW ((void *)1)
#define BAD_KERNEL ((void *)0xffffffff80000000ul)
#define LONG_PATH 5000

static void test_name_too_long(void)
{
	char name[301], path[LONG_PATH + 1];
	struct stat st;
	memset(name, 'n', 300);
	name[300] = 0;
	CHECK_ERRNO("open_creat_300_char_name_gives_enametoolong",
		    open(fs_path(name), O_WRONLY | O_CREAT, 0644), ENAMETOOLONG);
	CHECK_ERRNO("stat_300_char_name_gives_enametoolong", stat(fs_path(name), &st),
		    ENAMETOOLONG);
	CHECK_ERRNO("mkdir_300_char_name_gives_enametoolong", mkdir(fs_path(name), 0755),
		    ENAMETOOLONG);
	name[255] = 0;
	int fd = open(fs_path(name), O_WRONLY | O_CREAT, 0644);
	CHECK("open_creat_255_char_name_succeeds", fd >= 0);
	close(fd);
	CHECK("unlink_255_char_name_succeeds", unlink(fs_path(name)) == 0);

	for (int i = 0; i < LONG_PATH; i += 2)
		memcpy(path + i, "a/", 2);
	path[LONG_PATH] = 0;
	CHECK_ERRNO("stat_path_beyond_path_max_gives_enametoolong", stat(path, &st), ENAMETOOLONG);
	CHECK_ERRNO("open_path_beyond_path_max_gives_enametoolong", open(path, O_RDONLY),
		    ENAMETOOLONG);
}

static void test_loops(void)
{
	char from[32], to[32];
	struct stat st;
	symlink("b", fs_path("a"));
	symlink("a", fs_path("b"));
	CHECK_ERRNO("open_symlink_loop_gives_eloop", open(fs_path("a"), O_RDONLY), ELOOP);
	CHECK_ERRNO("stat_symlink_loop_gives_eloop", stat(fs_path("a"), &st), ELOOP);
	CHECK_ERRNO("open_creat_symlink_loop_gives_eloop",
		    open(fs_path("a"), O_WRONLY | O_CREAT, 0644), ELOOP);
	CHECK_ERRNO("lookup_through_loop_component_gives_eloop", stat(fs_path("a/x"), &st), ELOOP);
	CHECK("lstat_symlink_loop_succeeds", lstat(fs_path("a"), &st) == 0 && S_ISLNK(st.st_mode));
	symlink("self", fs_path("self"));
	CHECK_ERRNO("open_self_symlink_gives_eloop", open(fs_path("self"), O_RDONLY), ELOOP);

	fs_write_file(fs_path("end"), "end");
	for (int i = 0; i < 45; i++) {
		snprintf(from, sizeof(from), "c%d", i);
		snprintf(to, sizeof(to), i == 44 ? "end" : "c%d", i + 1);
		symlink(to, fs_path(from));
	}
	CHECK("symlink_chain_of_30_resolves", stat(fs_path("c15"), &st) == 0 && st.st_size == 3);
	CHECK_ERRNO("symlink_chain_of_45_gives_eloop", stat(fs_path("c0"), &st), ELOOP);
}

static void test_lookup_errors(void)
{
	char buf[64];
	struct stat st;
	fs_write_file(fs_path("file"), "x");
	mkdir(fs_path("dir"), 0755);
	CHECK_ERRNO("open_empty_path_gives_enoent", open("", O_RDONLY), ENOENT);
	CHECK_ERRNO("open_missing_middle_component_gives_enoent",
		    open(fs_path("none/x"), O_RDONLY), ENOENT);
	CHECK_ERRNO("create_in_missing_dir_gives_enoent",
		    open(fs_path("none/x"), O_WRONLY | O_CREAT, 0644), ENOENT);
	CHECK_ERRNO("stat_file_as_middle_component_gives_enotdir", stat(fs_path("file/x"), &st),
		    ENOTDIR);
	CHECK_ERRNO("stat_file_with_trailing_slash_gives_enotdir", stat(fs_path("file/"), &st),
		    ENOTDIR);
	CHECK_ERRNO("open_file_with_trailing_slash_gives_enotdir",
		    open(fs_path("file/"), O_RDONLY), ENOTDIR);
	CHECK("stat_dir_with_trailing_slash_succeeds", stat(fs_path("dir/"), &st) == 0);
	CHECK_ERRNO("open_dir_read_write_gives_eisdir", open(fs_path("dir"), O_RDWR), EISDIR);
	CHECK_ERRNO("open_creat_existing_dir_gives_eisdir",
		    open(fs_path("dir"), O_WRONLY | O_CREAT, 0644), EISDIR);
	int dfd = open(fs_path("dir"), O_RDONLY);
	CHECK_ERRNO("read_on_directory_gives_eisdir", read(dfd, buf, sizeof(buf)), EISDIR);
	close(dfd);

	int fd = open(fs_path("file"), O_RDONLY);
	CHECK_ERRNO("getdents64_on_file_gives_enotdir",
		    syscall(SYS_getdents64, fd, buf, sizeof(buf)), ENOTDIR);
	close(fd);
	CHECK_ERRNO("getdents64_bad_fd_gives_ebadf", syscall(SYS_getdents64, 999, buf, sizeof(buf)),
		    EBADF);
	dfd = open(fs_path("dir"), O_RDONLY | O_DIRECTORY);
	CHECK_ERRNO("getdents64_tiny_buffer_gives_einval", syscall(SYS_getdents64, dfd, buf, 8),
		    EINVAL);
	close(dfd);
}

static void test_bad_descriptors(void)
{
	char buf[8];
	int p[2];
	CHECK_ERRNO("read_negative_fd_gives_ebadf", read(-1, buf, 1), EBADF);
	CHECK_ERRNO("write_unopened_fd_gives_ebadf", write(999, "x", 1), EBADF);
	CHECK_ERRNO("fstat_negative_fd_gives_ebadf", fstat(-1, &(struct stat){ 0 }), EBADF);
	CHECK_ERRNO("pread_unopened_fd_gives_ebadf", pread(999, buf, 1, 0), EBADF);
	CHECK_ERRNO("ftruncate_unopened_fd_gives_ebadf", ftruncate(999, 0), EBADF);
	if (!CHECK("espipe_setup_pipe", pipe(p) == 0))
		return;
	CHECK_ERRNO("lseek_on_pipe_gives_espipe", lseek(p[0], 0, SEEK_CUR), ESPIPE);
	CHECK_ERRNO("pread_on_pipe_gives_espipe", pread(p[0], buf, 1, 0), ESPIPE);
	CHECK_ERRNO("pwrite_on_pipe_gives_espipe", pwrite(p[1], "x", 1, 0), ESPIPE);
	close(p[0]);
	close(p[1]);
}

static void test_bad_pointers(void)
{
	char buf[16];
	struct iovec bad_iov = { BAD_LOW, 4 };
	int fd = open(fs_path("fault"), O_RDWR | O_CREAT | O_TRUNC, 0644);
	if (!CHECK("efault_setup_open", fd >= 0))
		return;
	CHECK_ERRNO("write_from_bad_pointer_gives_efault", syscall(SYS_write, fd, BAD_LOW, 10),
		    EFAULT);
	CHECK_ERRNO("write_from_kernel_address_gives_efault",
		    syscall(SYS_write, fd, BAD_KERNEL, 10), EFAULT);
	CHECK("write_null_zero_length_returns_zero", syscall(SYS_write, fd, NULL, 0) == 0);
	CHECK("failed_writes_leave_file_empty", fs_size(fs_path("fault")) == 0);
	write(fd, "0123456789", 10);
	lseek(fd, 0, SEEK_SET);
	CHECK_ERRNO("read_into_bad_pointer_gives_efault", syscall(SYS_read, fd, BAD_LOW, 10),
		    EFAULT);
	CHECK_ERRNO("read_into_kernel_address_gives_efault",
		    syscall(SYS_read, fd, BAD_KERNEL, 10), EFAULT);
	CHECK_ERRNO("pread_into_bad_pointer_gives_efault",
		    syscall(SYS_pread64, fd, BAD_LOW, 10, 0), EFAULT);
	CHECK_ERRNO("readv_bad_iovec_array_gives_efault", syscall(SYS_readv, fd, BAD_LOW, 1),
		    EFAULT);
	CHECK_ERRNO("writev_bad_iovec_base_gives_efault", syscall(SYS_writev, fd, &bad_iov, 1),
		    EFAULT);
	CHECK_ERRNO("open_bad_path_pointer_gives_efault", syscall(SYS_open, BAD_LOW, O_RDONLY),
		    EFAULT);
	CHECK_ERRNO("stat_into_bad_pointer_gives_efault",
		    syscall(SYS_stat, fs_path("fault"), BAD_LOW), EFAULT);
	CHECK_ERRNO("fstat_into_kernel_address_gives_efault",
		    syscall(SYS_fstat, fd, BAD_KERNEL), EFAULT);
	CHECK_ERRNO("getcwd_into_bad_pointer_gives_efault", syscall(SYS_getcwd, BAD_LOW, 64),
		    EFAULT);
	CHECK_ERRNO("pipe_into_bad_pointer_gives_efault", syscall(SYS_pipe, BAD_LOW), EFAULT);
	CHECK("file_intact_after_faults", pread(fd, buf, sizeof(buf), 0) == 10 &&
						  !memcmp(buf, "0123456789", 10));
	close(fd);
}

int main(void)
{
	tap_begin();
	if (!CHECK("fs_errors_create_test_dir", fs_dir_create("t_fs_errors") == 0))
		return tap_end("t_fs_errors");
	test_name_too_long();
	test_loops();
	test_lookup_errors();
	test_bad_descriptors();
	test_bad_pointers();
	CHECK("fs_errors_remove_test_dir", fs_dir_remove() == 0);
	return tap_end("t_fs_errors");
}
