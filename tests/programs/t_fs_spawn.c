// SPDX-License-Identifier: MIT
/* t_fs_spawn: what a spawned child inherits from the VFS: descriptors
 * without FD_CLOEXEC at the same numbers, sharing the open file description
 * (offset, status flags) with the parent; FD_CLOEXEC descriptors closed; the
 * working directory and umask. The parent spawns this program again with
 * "child" and the descriptor numbers; the child checks and reports through
 * its exit status, one bit per check. Spawns with uk_spawn_path, on Linux
 * with fork + exec (see fs_spawn_self). Works in /tmp/t_fs_spawn.<pid>. */
#include <limits.h>
#include <stdlib.h>
#include "tap.h"
#include "fs_util.h"

#define SELF "/bin/t_fs_spawn"
#define HIGH_FD 40
#define CHILD_UMASK 027

enum child_check {
	CC_SHARED_OPEN = 1 << 0,    /* A is open, without FD_CLOEXEC */
	CC_SHARED_READ = 1 << 1,    /* A reads "456" from the parent's offset */
	CC_SHARED_WRITE = 1 << 2,   /* writing "CHILD" to A succeeds */
	CC_CLOEXEC_CLOSED = 1 << 3, /* B gives EBADF */
	CC_HIGH_FD = 1 << 4,        /* HIGH_FD is open on A's file; closing it works */
	CC_APPEND_FLAG = 1 << 5,    /* D shows O_APPEND in F_GETFL */
	CC_CWD = 1 << 6,            /* cwd is the parent's; a relative create lands there */
	CC_UMASK = 1 << 7,          /* umask is the parent's */
};

/* Returns 1 if descriptors a and b refer to the same file. */
static int same_file(int a, int b)
{
	struct stat sa, sb;
	return fstat(a, &sa) == 0 && fstat(b, &sb) == 0 && sa.st_ino == sb.st_ino;
}

/* The child's side: argv is "child" A B D dir. Returns the failed checks. */
static int child_main(char **argv)
{
	int a = atoi(argv[2]), b = atoi(argv[3]), d = atoi(argv[4]);
	const char *dir = argv[5];
	char buf[PATH_MAX];
	int failed = 0;

	if (fcntl(a, F_GETFD) != 0)
		failed |= CC_SHARED_OPEN;
	if (read(a, buf, 3) != 3 || memcmp(buf, "456", 3))
		failed |= CC_SHARED_READ;
	if (write(a, "CHILD", 5) != 5)
		failed |= CC_SHARED_WRITE;
	errno = 0;
	if (fcntl(b, F_GETFD) != -1 || errno != EBADF || read(b, buf, 1) != -1 || errno != EBADF)
		failed |= CC_CLOEXEC_CLOSED;
	if (!same_file(a, HIGH_FD) || close(HIGH_FD) != 0)
		failed |= CC_HIGH_FD;
	int fl = fcntl(d, F_GETFL);
	if (fl < 0 || !(fl & O_APPEND))
		failed |= CC_APPEND_FLAG;
	if (!getcwd(buf, sizeof(buf)) || strcmp(buf, dir) || fs_write_file("from_child", "kid"))
		failed |= CC_CWD;
	if (umask(0) != CHILD_UMASK)
		failed |= CC_UMASK;
	if (failed)
		printf("# t_fs_spawn child: failed checks 0x%x\n", failed);
	fflush(stdout);
	return failed;
}

/* Reports the child's exit status (one check per bit of enum child_check). */
static void report_child(int status)
{
	static const struct {
		int bit;
		const char *name;
	} checks[] = {
		{ CC_SHARED_OPEN, "spawned_child_inherits_open_fd" },
		{ CC_SHARED_READ, "spawned_child_reads_at_shared_offset" },
		{ CC_SHARED_WRITE, "spawned_child_writes_inherited_fd" },
		{ CC_CLOEXEC_CLOSED, "spawned_child_lacks_cloexec_fd" },
		{ CC_HIGH_FD, "spawned_child_inherits_fd_number_and_closes_it" },
		{ CC_APPEND_FLAG, "spawned_child_shares_status_flags" },
		{ CC_CWD, "spawned_child_inherits_cwd" },
		{ CC_UMASK, "spawned_child_inherits_umask" },
	};
	CHECK("spawned_child_exits_normally", status >= 0);
	for (size_t i = 0; i < sizeof(checks) / sizeof(checks[0]); i++)
		CHECK(checks[i].name, status >= 0 && !(status & checks[i].bit));
}

static void test_inheritance(void)
{
	char buf[64], num[3][16];
	int a = open(fs_path("shared"), O_RDWR | O_CREAT | O_TRUNC, 0644);
	fs_write_file(fs_path("secret"), "s");
	int b = open(fs_path("secret"), O_RDONLY | O_CLOEXEC);
	int d = open(fs_path("secret"), O_WRONLY | O_APPEND);
	if (!CHECK("spawn_setup_open_fds", a >= 0 && b >= 0 && d >= 0 && dup2(a, HIGH_FD) == HIGH_FD))
		return;
	write(a, "0123456789", 10);
	lseek(a, 4, SEEK_SET);
	snprintf(num[0], sizeof(num[0]), "%d", a);
	snprintf(num[1], sizeof(num[1]), "%d", b);
	snprintf(num[2], sizeof(num[2]), "%d", d);
	char *argv[] = { SELF, "child", num[0], num[1], num[2], fs_dir, NULL };
	mode_t old_mask = umask(CHILD_UMASK);
	chdir(fs_dir);
	fflush(stdout);

	struct fs_child c;
	int spawned = fs_spawn_self(SELF, argv, &c) == 0;
	umask(old_mask);
	if (!CHECK("spawn_self_succeeds", spawned)) {
		chdir("/");
		return;
	}
	tap_note("child started with %s", c.forked ? "fork + exec (no uk_spawn here)" : "uk_spawn");
	report_child(fs_wait_child(&c));
	chdir("/");

	CHECK("parent_offset_moved_by_child", lseek(a, 0, SEEK_CUR) == 12);
	CHECK("parent_sees_child_write", pread(a, buf, sizeof(buf), 0) == 12 &&
						 !memcmp(buf, "0123456CHILD", 12));
	CHECK("parent_fd_survives_child_close", fcntl(HIGH_FD, F_GETFD) == 0 && same_file(a, HIGH_FD));
	CHECK("parent_cloexec_fd_stays_open", fcntl(b, F_GETFD) == FD_CLOEXEC &&
						      read(b, buf, 1) == 1 && buf[0] == 's');
	CHECK("parent_sees_file_created_by_child",
	      fs_read_file(fs_path("from_child"), buf, sizeof(buf)) == 3 && !strcmp(buf, "kid"));
	close(a);
	close(b);
	close(d);
	close(HIGH_FD);
}

/* The file and its descriptor outlive the child that created them: a child
 * run with "writer" appends a line to an inherited descriptor and exits. */
static void test_sequential_children(void)
{
	char buf[64], num[16];
	int fd = open(fs_path("log"), O_WRONLY | O_CREAT | O_TRUNC | O_APPEND, 0644);
	if (!CHECK("sequential_setup_open", fd >= 0))
		return;
	snprintf(num, sizeof(num), "%d", fd);
	int ok = 1;
	for (int i = 0; i < 3 && ok; i++) {
		char idx[4] = { (char)('0' + i), 0 };
		char *argv[] = { SELF, "writer", num, idx, NULL };
		struct fs_child c;
		ok = fs_spawn_self(SELF, argv, &c) == 0 && fs_wait_child(&c) == 0;
	}
	CHECK("three_children_write_in_turn", ok);
	CHECK("children_writes_are_all_there", fs_read_file(fs_path("log"), buf, sizeof(buf)) == 24 &&
						       !strcmp(buf, "child 0\nchild 1\nchild 2\n"));
	close(fd);
}

int main(int argc, char **argv)
{
	if (argc == 6 && !strcmp(argv[1], "child"))
		return child_main(argv);
	if (argc == 4 && !strcmp(argv[1], "writer")) {
		char line[16];
		int n = snprintf(line, sizeof(line), "child %s\n", argv[3]);
		return write(atoi(argv[2]), line, (size_t)n) == n ? 0 : 1;
	}
	tap_begin();
	if (!CHECK("fs_spawn_create_test_dir", fs_dir_create("t_fs_spawn") == 0))
		return tap_end("t_fs_spawn");
	test_inheritance();
	test_sequential_children();
	CHECK("fs_spawn_remove_test_dir", fs_dir_remove() == 0);
	return tap_end("t_fs_spawn");
}
