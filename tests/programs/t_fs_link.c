// SPDX-License-Identifier: MIT
/* t_fs_link: hard links and special nodes, from the Linux man pages:
 * link(2)/linkat(2) (link counts, the file lives while a name or a
 * descriptor holds it, EEXIST, EPERM for directories, AT_SYMLINK_FOLLOW,
 * protected hardlinks), mknod(2)/mknodat(2) (FIFOs, regular files, device
 * nodes for root only) and FIFOs as fifo(7) and open(2) describe them: an
 * open for reading waits for a writer and one for writing for a reader,
 * O_NONBLOCK opens for reading at once and for writing fail with ENXIO,
 * data flows like a pipe and is gone when the last end closes. Runs as
 * root; children drop to uid 1000. Works in /tmp/t_fs_link.<pid>. */
#define _GNU_SOURCE
#include <signal.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <time.h>
#include "tap.h"
#include "child.h"
#include "fs_util.h"

static nlink_t links_of(const char *path)
{
	struct stat st;
	return lstat(path, &st) == 0 ? st.st_nlink : 0;
}

static void test_link(void)
{
	char a[256], b[256];  /* fs_path's buffers rotate: keep copies */
	snprintf(a, sizeof(a), "%s", fs_path("a"));
	snprintf(b, sizeof(b), "%s", fs_path("b"));
	fs_write_file(a, "shared bytes");
	CHECK("link_succeeds", link(a, b) == 0);
	CHECK("link_raises_the_link_count_of_both_names", links_of(a) == 2 && links_of(b) == 2);
	struct stat sa, sb;
	CHECK("both_names_are_one_inode", stat(a, &sa) == 0 && stat(b, &sb) == 0 &&
						  sa.st_ino == sb.st_ino);
	fs_write_file(b, "changed");
	char buf[32];
	CHECK("a_write_through_one_name_shows_through_the_other",
	      fs_read_file(a, buf, sizeof(buf)) == 7 && !strcmp(buf, "changed"));
	int fd = open(a, O_RDONLY);
	CHECK("unlink_lowers_the_link_count", unlink(a) == 0 && links_of(b) == 1);
	CHECK("the_other_name_still_reads", fs_read_file(b, buf, sizeof(buf)) == 7);
	CHECK("unlink_of_the_last_name_keeps_an_open_file",
	      unlink(b) == 0 && fd >= 0 && pread(fd, buf, 7, 0) == 7);
	struct stat st;
	CHECK("fstat_of_an_unlinked_file_shows_no_links", fstat(fd, &st) == 0 && st.st_nlink == 0);
	close(fd);

	fs_write_file(a, "x");
	fs_write_file(b, "y");
	CHECK_ERRNO("link_onto_an_existing_name_gives_eexist", link(a, b), EEXIST);
	CHECK_ERRNO("link_of_a_missing_file_gives_enoent", link(fs_path("none"), fs_path("n2")),
		    ENOENT);
	CHECK_ERRNO("link_into_a_missing_directory_gives_enoent", link(a, fs_path("no/dir")),
		    ENOENT);
	mkdir(fs_path("d"), 0755);
	CHECK_ERRNO("link_of_a_directory_gives_eperm", link(fs_path("d"), fs_path("d2")), EPERM);
	CHECK_ERRNO("link_with_a_trailing_slash_gives_enoent", link(a, fs_path("c/")), ENOENT);
	CHECK_ERRNO("link_bad_path_pointer_gives_efault", syscall(SYS_link, (char *)1, b), EFAULT);
	CHECK("rename_over_a_hard_link_of_itself_does_nothing",
	      link(a, fs_path("a2")) == 0 && rename(a, fs_path("a2")) == 0 && links_of(a) == 2);

	symlink("a", fs_path("sl"));
	CHECK("linkat_without_follow_links_the_symlink",
	      linkat(AT_FDCWD, fs_path("sl"), AT_FDCWD, fs_path("sl2"), 0) == 0 &&
		      lstat(fs_path("sl2"), &st) == 0 && S_ISLNK(st.st_mode));
	CHECK("linkat_follow_links_the_target",
	      linkat(AT_FDCWD, fs_path("sl"), AT_FDCWD, fs_path("sl3"), AT_SYMLINK_FOLLOW) == 0 &&
		      links_of(a) == 3);
	CHECK_ERRNO("linkat_unknown_flag_gives_einval",
		    linkat(AT_FDCWD, a, AT_FDCWD, fs_path("x"), 0x1), EINVAL);
	int dfd = open(fs_dir, O_RDONLY | O_DIRECTORY);
	CHECK("linkat_relative_to_directories", linkat(dfd, "a", dfd, "a4", 0) == 0 &&
							links_of(a) == 4);
	close(dfd);
	CHECK_ERRNO("linkat_bad_dirfd_gives_ebadf", linkat(99, "a", AT_FDCWD, fs_path("a5"), 0),
		    EBADF);
}

static int user_links(void)
{
	gid_t g = 1000;
	if (setgroups(1, &g) || setresgid(1000, 1000, 1000) || setresuid(1000, 1000, 1000))
		return 10;
	int bad = 0;
	bad |= (link(fs_path("rootonly"), fs_path("u1")) == 0 || errno != EPERM) << 0;
	bad |= (link(fs_path("rootshared"), fs_path("u2")) != 0) << 1;
	bad |= (link(fs_path("rootshared"), fs_path("ro/u3")) == 0 || errno != EACCES) << 2;
	bad |= (mknod(fs_path("uc"), S_IFCHR | 0600, makedev(1, 3)) == 0 || errno != EPERM) << 3;
	bad |= (mkfifo(fs_path("ufifo"), 0600) != 0) << 4;
	return bad;
}

static void test_link_permissions(void)
{
	fs_write_file(fs_path("rootonly"), "x");
	chmod(fs_path("rootonly"), 0644);
	fs_write_file(fs_path("rootshared"), "x");
	chmod(fs_path("rootshared"), 0666);
	mkdir(fs_path("ro"), 0755);
	fs_write_file(fs_path("ro/file"), "x");
	chmod(fs_path("ro/file"), 0666);
	chmod(fs_dir, 0777);
	int st = in_child(user_links);
	CHECK("linking_to_a_file_one_may_not_write_gives_eperm",
	      WIFEXITED(st) && !(WEXITSTATUS(st) & 1));
	CHECK("linking_to_a_file_one_may_read_and_write_works",
	      WIFEXITED(st) && !(WEXITSTATUS(st) & 2));
	CHECK("linking_into_an_unwritable_directory_gives_eacces",
	      WIFEXITED(st) && !(WEXITSTATUS(st) & 4));
	CHECK("mknod_of_a_device_by_a_user_gives_eperm", WIFEXITED(st) && !(WEXITSTATUS(st) & 8));
	CHECK("mkfifo_by_a_user_works", WIFEXITED(st) && !(WEXITSTATUS(st) & 16));
	CHECK("the_link_child_ran", WIFEXITED(st) && WEXITSTATUS(st) != 10);
	chmod(fs_dir, 0755);
}

static void test_mknod(void)
{
	struct stat st;
	umask(022);
	CHECK("mknod_fifo_succeeds", mknod(fs_path("fifo"), S_IFIFO | 0666, 0) == 0);
	CHECK("mknod_fifo_is_a_fifo_with_the_umask", lstat(fs_path("fifo"), &st) == 0 &&
							     S_ISFIFO(st.st_mode) &&
							     (st.st_mode & 0777) == 0644);
	CHECK("mknod_regular_file_succeeds", mknod(fs_path("reg"), S_IFREG | 0600, 0) == 0 &&
						     lstat(fs_path("reg"), &st) == 0 &&
						     S_ISREG(st.st_mode) && st.st_size == 0);
	CHECK("mknod_type_zero_makes_a_regular_file", mknod(fs_path("reg0"), 0600, 0) == 0 &&
							      lstat(fs_path("reg0"), &st) == 0 &&
							      S_ISREG(st.st_mode));
	CHECK("mknod_char_device_by_root_succeeds",
	      mknod(fs_path("null"), S_IFCHR | 0666, makedev(1, 3)) == 0 &&
		      lstat(fs_path("null"), &st) == 0 && S_ISCHR(st.st_mode) &&
		      major(st.st_rdev) == 1 && minor(st.st_rdev) == 3);
	int fd = open(fs_path("null"), O_WRONLY);
	CHECK("a_made_null_device_swallows_writes", fd >= 0 && write(fd, "abc", 3) == 3);
	close(fd);
	CHECK_ERRNO("mknod_directory_gives_eperm", mknod(fs_path("dir"), S_IFDIR | 0755, 0), EPERM);
	CHECK_ERRNO("mknod_unknown_type_gives_einval", mknod(fs_path("bad"), 0170000 | 0644, 0),
		    EINVAL);
	CHECK_ERRNO("mknod_existing_gives_eexist", mknod(fs_path("fifo"), S_IFIFO | 0644, 0), EEXIST);
	int dfd = open(fs_dir, O_RDONLY | O_DIRECTORY);
	CHECK("mknodat_relative_to_a_directory", mknodat(dfd, "fifo2", S_IFIFO | 0600, 0) == 0 &&
							 lstat(fs_path("fifo2"), &st) == 0 &&
							 S_ISFIFO(st.st_mode));
	close(dfd);
	CHECK("mkfifo_makes_a_fifo", mkfifo(fs_path("fifo3"), 0600) == 0);
}

static void test_fifo_nonblocking(void)
{
	const char *f = fs_path("nb");
	mkfifo(f, 0600);
	CHECK_ERRNO("open_fifo_for_writing_without_reader_nonblocking_gives_enxio",
		    open(f, O_WRONLY | O_NONBLOCK), ENXIO);
	int r = open(f, O_RDONLY | O_NONBLOCK);
	CHECK("open_fifo_for_reading_nonblocking_succeeds_at_once", r >= 0);
	char c;
	CHECK("read_of_a_fifo_without_writer_gives_eof", read(r, &c, 1) == 0);
	int w = open(f, O_WRONLY | O_NONBLOCK);
	CHECK("open_fifo_for_writing_with_a_reader_succeeds", w >= 0);
	CHECK_ERRNO("read_of_an_empty_fifo_with_a_writer_gives_eagain", read(r, &c, 1), EAGAIN);
	CHECK("bytes_flow_through_a_fifo", write(w, "hey", 3) == 3 && read(r, &c, 1) == 1 && c == 'h');
	CHECK_ERRNO("lseek_on_a_fifo_gives_espipe", lseek(r, 0, SEEK_SET), ESPIPE);
	close(r);
	signal(SIGPIPE, SIG_IGN);
	CHECK_ERRNO("write_to_a_fifo_without_reader_gives_epipe", write(w, "x", 1), EPIPE);
	close(w);
	int rw = open(f, O_RDWR);
	CHECK("open_fifo_read_write_does_not_wait", rw >= 0);
	CHECK("bytes_left_when_the_last_end_closed_are_gone", (fcntl(rw, F_SETFL, O_NONBLOCK),
								read(rw, &c, 1) == -1 && errno == EAGAIN));
	close(rw);
	fs_write_file(fs_path("plain"), "x");
}

/* The child: opens the FIFO for writing (waits for the parent's reader),
 * writes a line and exits. */
static int fifo_writer(void)
{
	int w = open(fs_path("blk"), O_WRONLY);
	if (w < 0)
		return 1;
	return write(w, "from child", 10) == 10 ? 0 : 2;
}

static int fifo_reader(void)
{
	int r = open(fs_path("blk2"), O_RDONLY);
	char buf[16] = "";
	if (r < 0)
		return 1;
	return read(r, buf, sizeof(buf)) == 5 && !memcmp(buf, "hello", 5) ? 0 : 2;
}

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000ll + ts.tv_nsec / 1000000;
}

static void on_alarm(int sig)
{
	(void)sig;
}

static void test_fifo_blocking(void)
{
	mkfifo(fs_path("blk"), 0600);
	pid_t pid = fork();
	if (pid == 0)
		_exit(fifo_writer());
	int r = open(fs_path("blk"), O_RDONLY);  /* waits for the child's open */
	char buf[16] = "";
	CHECK("open_fifo_for_reading_waits_for_a_writer", r >= 0);
	CHECK("the_reader_gets_the_writers_bytes", read(r, buf, sizeof(buf)) == 10 &&
							   !memcmp(buf, "from child", 10));
	int status = -1;
	waitpid(pid, &status, 0);
	CHECK("the_fifo_writer_exits_0", EXITED_0(status));
	CHECK("read_after_the_writer_is_gone_gives_eof", read(r, buf, sizeof(buf)) == 0);
	close(r);

	mkfifo(fs_path("blk2"), 0600);
	pid = fork();
	if (pid == 0)
		_exit(fifo_reader());
	int w = open(fs_path("blk2"), O_WRONLY);  /* waits for the child's reader */
	CHECK("open_fifo_for_writing_waits_for_a_reader", w >= 0 && write(w, "hello", 5) == 5);
	close(w);
	waitpid(pid, &status, 0);
	CHECK("the_fifo_reader_gets_the_bytes", EXITED_0(status));

	mkfifo(fs_path("killed"), 0600);
	pid = fork();
	if (pid == 0)
		_exit(open(fs_path("killed"), O_RDONLY) >= 0 ? 0 : 1);  /* waits, and is killed */
	struct timespec nap = { 0, 100000000 };
	nanosleep(&nap, NULL);
	kill(pid, SIGKILL);
	waitpid(pid, &status, 0);
	int late = -1;
	for (int tries = 0; tries < 20 && (late = open(fs_path("killed"), O_WRONLY | O_NONBLOCK)) >= 0;
	     tries++) {
		close(late);  /* the VFS may not have heard of the exit yet */
		nanosleep(&nap, NULL);
	}
	CHECK("a_killed_fifo_opener_no_longer_counts_as_a_reader",
	      WIFSIGNALED(status) && late == -1 && errno == ENXIO);

	mkfifo(fs_path("alone"), 0600);
	struct sigaction sa = { .sa_handler = on_alarm };
	sigaction(SIGALRM, &sa, NULL);
	long long t0 = now_ms();
	alarm(1);
	CHECK_ERRNO("a_signal_ends_a_waiting_fifo_open_with_eintr", open(fs_path("alone"), O_RDONLY),
		    EINTR);
	CHECK("the_fifo_open_waited_for_the_signal", now_ms() - t0 >= 500);
}

int main(void)
{
	tap_begin();
	if (!CHECK("fs_link_make_test_dir", fs_dir_create("t_fs_link") == 0))
		return tap_end("t_fs_link");
	if (getuid() != 0) {
		tap_skip("fs_link_needs_root", "not running as root");
		fs_dir_remove();
		return tap_end("t_fs_link");
	}
	test_link();
	test_link_permissions();
	test_mknod();
	test_fifo_nonblocking();
	test_fifo_blocking();
	CHECK("fs_link_remove_test_dir", fs_dir_remove() == 0);
	return tap_end("t_fs_link");
}
