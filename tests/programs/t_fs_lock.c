// SPDX-License-Identifier: MIT
/* t_fs_lock: advisory locks between processes, from fcntl(2) and
 * flock(2): F_SETLK conflicts (EAGAIN), F_GETLK (the holder's range and
 * pid), F_SETLKW waiting until the holder lets go or a signal comes
 * (EINTR), deadlock detection (EDEADLK), splitting and converting ranges,
 * POSIX locks lost at any close of the file by their process and at exit,
 * OFD locks (F_OFD_*) owned by the open file description, and flock
 * (LOCK_SH, LOCK_EX, LOCK_UN, LOCK_NB) shared across fork and released on
 * the last close. The other process is a forked child; the two talk
 * through pipes. Works in /tmp/t_fs_lock.<pid>. */
#define _GNU_SOURCE
#include <signal.h>
#include <sys/file.h>
#include <sys/syscall.h>
#include <time.h>
#include "tap.h"
#include "child.h"
#include "fs_util.h"
#include "pledge.h"

static char file[256];

static int lk(int fd, int cmd, short type, off_t start, off_t len)
{
	struct flock fl = { .l_type = type, .l_whence = SEEK_SET, .l_start = start, .l_len = len };
	return fcntl(fd, cmd, &fl);
}

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000ll + ts.tv_nsec / 1000000;
}

static void nap_ms(int ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000l };
	nanosleep(&ts, NULL);
}

/* Runs body(arg) in a forked child with its own descriptor of the file;
 * returns its exit status, or -1. */
static int child_status(pid_t pid)
{
	int st;
	if (waitpid(pid, &st, 0) != pid || !WIFEXITED(st))
		return -1;
	return WEXITSTATUS(st);
}

static pid_t spawn(int (*body)(int arg), int arg)
{
	pid_t pid = fork();
	if (pid == 0)
		_exit(body(arg));
	return pid;
}

/* Child: F_SETLK of type arg on the whole file; 0 when it got EAGAIN. */
static int child_expects_eagain(int type)
{
	int fd = open(file, O_RDWR);
	return lk(fd, F_SETLK, (short)type, 0, 0) == -1 && errno == EAGAIN ? 0 : 1;
}

static int child_locks_whole_file(int type)
{
	int fd = open(file, O_RDWR);
	return lk(fd, F_SETLK, (short)type, 0, 0) == 0 ? 0 : 1;
}

/* Child: F_GETLK for a write lock at offset arg; exits with what it saw
 * (1: unlocked, 2: read lock of the parent over [0, 40), 3: anything else). */
static int child_getlk(int off)
{
	int fd = open(file, O_RDWR);
	struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = off, .l_len = 1 };
	if (fcntl(fd, F_GETLK, &fl) != 0)
		return 4;
	if (fl.l_type == F_UNLCK)
		return 1;
	if (fl.l_type == F_RDLCK && fl.l_start == 0 && fl.l_len == 40 && fl.l_pid == getppid())
		return 2;
	return 3;
}

static void test_setlk_and_getlk(int fd)
{
	CHECK("setlk_write_lock_succeeds", lk(fd, F_SETLK, F_WRLCK, 0, 100) == 0);
	CHECK("another_process_setlk_conflict_gives_eagain",
	      child_status(spawn(child_expects_eagain, F_RDLCK)) == 0);
	CHECK("converting_part_to_a_read_lock_succeeds", lk(fd, F_SETLK, F_RDLCK, 0, 40) == 0);
	CHECK("unlocking_the_middle_splits_the_lock", lk(fd, F_SETLK, F_UNLCK, 40, 20) == 0);
	CHECK("getlk_sees_no_lock_in_the_hole", child_status(spawn(child_getlk, 50)) == 1);
	CHECK("getlk_reports_the_range_type_and_pid_of_the_holder",
	      child_status(spawn(child_getlk, 10)) == 2);
	CHECK("getlk_sees_the_write_lock_after_the_hole", child_status(spawn(child_getlk, 70)) == 3);
	struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET };
	CHECK("getlk_of_ones_own_locks_says_unlocked",
	      fcntl(fd, F_GETLK, &fl) == 0 && fl.l_type == F_UNLCK);
	CHECK("unlock_all_succeeds", lk(fd, F_SETLK, F_UNLCK, 0, 0) == 0);
	CHECK("after_unlock_another_process_locks", child_status(spawn(child_locks_whole_file,
									F_WRLCK)) == 0);
}

static void test_lock_errors(int fd)
{
	int ro = open(file, O_RDONLY);
	CHECK_ERRNO("write_lock_on_a_read_only_descriptor_gives_ebadf",
		    lk(ro, F_SETLK, F_WRLCK, 0, 1), EBADF);
	CHECK("read_lock_on_a_read_only_descriptor_succeeds", lk(ro, F_SETLK, F_RDLCK, 0, 1) == 0);
	close(ro);
	CHECK_ERRNO("lock_of_an_unknown_type_gives_einval", lk(fd, F_SETLK, 9, 0, 1), EINVAL);
	CHECK_ERRNO("getlk_with_unlck_gives_einval", lk(fd, F_GETLK, F_UNLCK, 0, 1), EINVAL);
	CHECK_ERRNO("lock_before_offset_zero_gives_einval", lk(fd, F_SETLK, F_RDLCK, -5, 1), EINVAL);
	CHECK_ERRNO("lock_on_a_closed_descriptor_gives_ebadf", lk(99, F_SETLK, F_RDLCK, 0, 1), EBADF);
	CHECK_ERRNO("lock_with_a_bad_pointer_gives_efault",
		    syscall(SYS_fcntl, fd, F_SETLK, (void *)1), EFAULT);
	struct flock fl = { .l_type = F_RDLCK, .l_whence = 42 };
	CHECK_ERRNO("lock_with_a_bad_whence_gives_einval", fcntl(fd, F_SETLK, &fl), EINVAL);
	struct flock ofd = { .l_type = F_RDLCK, .l_whence = SEEK_SET, .l_pid = 1 };
	CHECK_ERRNO("ofd_lock_with_a_pid_gives_einval", fcntl(fd, F_OFD_SETLK, &ofd), EINVAL);
}

/* Child: F_SETLKW on the whole file; exits 0 if it got it after waiting
 * at least 150 ms, as the parent held it that long. */
static int child_waits(int unused)
{
	(void)unused;
	int fd = open(file, O_RDWR);
	long long t0 = now_ms();
	if (lk(fd, F_SETLKW, F_WRLCK, 0, 0) != 0)
		return 1;
	return now_ms() - t0 >= 150 ? 0 : 2;
}

static void on_alarm(int sig)
{
	(void)sig;
}

static int child_interrupted(int unused)
{
	(void)unused;
	int fd = open(file, O_RDWR);
	struct sigaction sa = { .sa_handler = on_alarm };
	sigaction(SIGALRM, &sa, NULL);
	alarm(1);
	return lk(fd, F_SETLKW, F_WRLCK, 0, 0) == -1 && errno == EINTR ? 0 : 1;
}

static void test_setlkw(int fd)
{
	CHECK("parent_takes_the_lock", lk(fd, F_SETLK, F_WRLCK, 0, 0) == 0);
	pid_t pid = spawn(child_waits, 0);
	nap_ms(300);
	CHECK("parent_lets_go", lk(fd, F_SETLK, F_UNLCK, 0, 0) == 0);
	CHECK("setlkw_waits_until_the_holder_lets_go", child_status(pid) == 0);
	CHECK("parent_takes_the_lock_again", lk(fd, F_SETLK, F_WRLCK, 0, 0) == 0);
	CHECK("a_signal_ends_setlkw_with_eintr", child_status(spawn(child_interrupted, 0)) == 0);
	lk(fd, F_SETLK, F_UNLCK, 0, 0);
}

static int to_parent[2];

/* Child of the deadlock test: holds byte 1, then waits for byte 0, which
 * the parent holds; gets it once the parent's own wait failed. */
static int child_deadlock(int unused)
{
	(void)unused;
	int fd = open(file, O_RDWR);
	if (lk(fd, F_SETLK, F_WRLCK, 1, 1) != 0)
		return 1;
	write(to_parent[1], "L", 1);
	return lk(fd, F_SETLKW, F_WRLCK, 0, 1) == 0 ? 0 : 2;
}

static void test_deadlock(int fd)
{
	pipe(to_parent);
	CHECK("deadlock_parent_holds_byte_0", lk(fd, F_SETLK, F_WRLCK, 0, 1) == 0);
	pid_t pid = spawn(child_deadlock, 0);
	char c;
	read(to_parent[0], &c, 1);
	nap_ms(200);  /* the child is now waiting for byte 0 */
	CHECK_ERRNO("waiting_for_a_lock_held_by_a_waiter_on_ours_gives_edeadlk",
		    lk(fd, F_SETLKW, F_WRLCK, 1, 1), EDEADLK);
	CHECK("the_parent_lets_go_of_byte_0", lk(fd, F_SETLK, F_UNLCK, 0, 1) == 0);
	CHECK("the_waiting_child_then_gets_its_lock", child_status(pid) == 0);
	close(to_parent[0]);
	close(to_parent[1]);
}

static void test_release(int fd)
{
	CHECK("lock_before_the_other_close", lk(fd, F_SETLK, F_WRLCK, 0, 0) == 0);
	int other = open(file, O_RDONLY);
	close(other);
	CHECK("closing_any_descriptor_of_the_file_releases_posix_locks",
	      child_status(spawn(child_locks_whole_file, F_WRLCK)) == 0);
	pid_t pid = spawn(child_locks_whole_file, F_WRLCK);  /* locks, then exits */
	CHECK("the_locking_child_exits", child_status(pid) == 0);
	CHECK("a_process_exit_releases_its_locks", lk(fd, F_SETLK, F_WRLCK, 0, 0) == 0);
	lk(fd, F_SETLK, F_UNLCK, 0, 0);
}

static void test_ofd(void)
{
	int a = open(file, O_RDWR), b = open(file, O_RDWR);
	struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_len = 10 };
	CHECK("ofd_setlk_succeeds", fcntl(a, F_OFD_SETLK, &fl) == 0);
	CHECK_ERRNO("ofd_lock_through_another_open_of_the_same_process_gives_eagain",
		    fcntl(b, F_OFD_SETLK, &fl), EAGAIN);
	CHECK_ERRNO("posix_lock_conflicts_with_an_ofd_lock_of_the_same_process",
		    lk(b, F_SETLK, F_RDLCK, 0, 10), EAGAIN);
	struct flock q = { .l_type = F_RDLCK, .l_whence = SEEK_SET };
	CHECK("ofd_getlk_reports_pid_minus_one",
	      fcntl(b, F_OFD_GETLK, &q) == 0 && q.l_type == F_WRLCK && q.l_pid == -1);
	int dup_a = dup(a);
	close(a);
	CHECK_ERRNO("an_ofd_lock_stays_while_a_duplicate_is_open", fcntl(b, F_OFD_SETLK, &fl), EAGAIN);
	close(dup_a);
	CHECK("an_ofd_lock_goes_with_the_last_descriptor", fcntl(b, F_OFD_SETLK, &fl) == 0);
	close(b);
}

static int child_flock(int op)
{
	int fd = open(file, O_RDWR);
	int r = flock(fd, op);
	return r == 0 ? 0 : errno == EWOULDBLOCK ? 1 : 2;
}

static int child_flock_waits(int unused)
{
	(void)unused;
	int fd = open(file, O_RDWR);
	long long t0 = now_ms();
	if (flock(fd, LOCK_EX) != 0)
		return 1;
	return now_ms() - t0 >= 150 ? 0 : 2;
}

static void test_flock(void)
{
	int fd = open(file, O_RDWR);
	CHECK("flock_exclusive_succeeds", flock(fd, LOCK_EX) == 0);
	CHECK("flock_nonblocking_conflict_gives_ewouldblock",
	      child_status(spawn(child_flock, LOCK_SH | LOCK_NB)) == 1);
	CHECK("flock_and_fcntl_locks_are_independent",
	      child_status(spawn(child_locks_whole_file, F_WRLCK)) == 0);
	pid_t pid = fork();
	if (pid == 0)
		_exit(flock(fd, LOCK_EX | LOCK_NB) == 0 ? 0 : 1);  /* the same open file */
	CHECK("a_forked_child_shares_the_flock_of_the_open_file", child_status(pid) == 0);
	pid = spawn(child_flock_waits, 0);
	nap_ms(300);
	CHECK("flock_unlock_succeeds", flock(fd, LOCK_UN) == 0);
	CHECK("flock_waits_until_the_holder_unlocks", child_status(pid) == 0);
	CHECK("flock_shared_locks_coexist", flock(fd, LOCK_SH) == 0 &&
						    child_status(spawn(child_flock, LOCK_SH | LOCK_NB)) == 0);
	int dup_fd = dup(fd);
	CHECK("flock_convert_to_exclusive", flock(fd, LOCK_EX | LOCK_NB) == 0);
	close(fd);
	CHECK("a_flock_lock_stays_while_a_duplicate_is_open",
	      child_status(spawn(child_flock, LOCK_EX | LOCK_NB)) == 1);
	close(dup_fd);
	CHECK("a_flock_lock_goes_with_the_last_descriptor",
	      child_status(spawn(child_flock, LOCK_EX | LOCK_NB)) == 0);
	CHECK_ERRNO("flock_bad_descriptor_gives_ebadf", flock(99, LOCK_SH), EBADF);
	fd = open(file, O_RDONLY);
	CHECK_ERRNO("flock_bad_operation_gives_einval", flock(fd, 0), EINVAL);
	CHECK_ERRNO("flock_both_operations_gives_einval", flock(fd, LOCK_SH | LOCK_EX), EINVAL);
	close(fd);
}

/* Pledged with "error": a call outside the promises fails with ENOSYS. */
static int locks_without_flock(void)
{
	int fd = open(file, O_RDWR);
	if (fd < 0 || pledge("stdio rpath wpath error", NULL) != 0)
		return 10;
	int bad = (lk(fd, F_SETLK, F_WRLCK, 0, 0) != -1 || errno != ENOSYS) << 0;
	bad |= (flock(fd, LOCK_EX) != -1 || errno != ENOSYS) << 1;
	bad |= (fcntl(fd, F_GETFD) < 0) << 2;  /* fcntl itself is stdio */
	return bad;
}

static int locks_with_flock(void)
{
	int fd = open(file, O_RDWR);
	if (fd < 0 || pledge("stdio rpath wpath flock", NULL) != 0)
		return 10;
	return lk(fd, F_SETLK, F_WRLCK, 0, 0) == 0 && flock(fd, LOCK_EX) == 0 ? 0 : 1;
}

static void test_pledge(void)
{
	if (!fs_on_uk()) {
		tap_skip("pledged_locks_need_flock", "pledge is this OS's");
		return;
	}
	int st = in_child(locks_without_flock);
	CHECK("pledged_fcntl_lock_without_flock_is_refused", WIFEXITED(st) && !(WEXITSTATUS(st) & 1));
	CHECK("pledged_flock_without_flock_is_refused", WIFEXITED(st) && !(WEXITSTATUS(st) & 2));
	CHECK("pledged_fcntl_other_commands_need_only_stdio", WIFEXITED(st) && !(WEXITSTATUS(st) & 4));
	CHECK("the_pledged_child_ran", WIFEXITED(st) && WEXITSTATUS(st) != 10);
	CHECK("pledged_with_flock_locks_work", EXITED_0(in_child(locks_with_flock)));
}

int main(void)
{
	tap_begin();
	if (!CHECK("fs_lock_make_test_dir", fs_dir_create("t_fs_lock") == 0))
		return tap_end("t_fs_lock");
	snprintf(file, sizeof(file), "%s", fs_path("db"));
	fs_write_file(file, "0123456789 locks");
	int fd = open(file, O_RDWR);
	test_setlk_and_getlk(fd);
	test_lock_errors(fd);
	test_setlkw(fd);
	test_deadlock(fd);
	test_release(fd);
	close(fd);
	test_ofd();
	test_flock();
	test_pledge();
	CHECK("fs_lock_remove_test_dir", fs_dir_remove() == 0);
	return tap_end("t_fs_lock");
}
