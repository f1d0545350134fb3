// SPDX-License-Identifier: MIT
/* t_pipe: pipes through the VFS: pipe/pipe2 and their flags, ordering,
 * end of file only once every write end is closed, EPIPE without readers,
 * non-blocking reads and writes, and 1 MiB moved each way between this
 * program and a spawned copy of itself over inherited pipe descriptors
 * (uk_spawn_path; fork + exec on Linux, see fs_spawn_self). */
#include <signal.h>
#include <stdlib.h>
#include "tap.h"
#include "fs_util.h"

#define SELF "/bin/t_pipe"
#define XFER_BYTES (1u << 20)
#define SEED_UP 11     /* child to parent */
#define SEED_DOWN 12   /* parent to child */

static const size_t chunk_sizes[] = { 1, 1000, 4096, 65536, 100000, 7, 32768 };
#define NCHUNKS (sizeof(chunk_sizes) / sizeof(chunk_sizes[0]))

static unsigned char buf[XFER_BYTES];

/* Writes XFER_BYTES of pattern seed to fd in chunks of varying size.
 * Returns 0, or -1 if a write failed. */
static int send_pattern(int fd, unsigned seed)
{
	fs_pattern_fill(buf, XFER_BYTES, seed, 0);
	for (size_t off = 0, i = 0; off < XFER_BYTES; i++) {
		size_t n = chunk_sizes[i % NCHUNKS];
		if (n > XFER_BYTES - off)
			n = XFER_BYTES - off;
		ssize_t w = write(fd, buf + off, n);
		if (w <= 0)
			return -1;
		off += (size_t)w;
	}
	return 0;
}

/* Reads fd until end of file. Returns the byte count if it is pattern seed
 * of exactly XFER_BYTES, else -1. */
static long recv_pattern(int fd, unsigned seed)
{
	size_t got = 0;
	ssize_t r;
	while (got < XFER_BYTES && (r = read(fd, buf + got, 32768 < XFER_BYTES - got ?
							       32768 : XFER_BYTES - got)) > 0)
		got += (size_t)r;
	char extra;
	if (got != XFER_BYTES || read(fd, &extra, 1) != 0)
		return -1;
	return fs_pattern_check(buf, XFER_BYTES, seed, 0) ? (long)got : -1;
}

static void test_basic(void)
{
	char rbuf[128];
	int p[2];
	struct stat st;
	if (!CHECK("pipe_succeeds", pipe(p) == 0))
		return;
	CHECK("pipe_gives_two_distinct_fds", p[0] >= 0 && p[1] >= 0 && p[0] != p[1]);
	CHECK("pipe_is_fifo", fstat(p[0], &st) == 0 && S_ISFIFO(st.st_mode));
	CHECK("pipe_read_end_is_read_only", (fcntl(p[0], F_GETFL) & O_ACCMODE) == O_RDONLY);
	CHECK("pipe_write_end_is_write_only", (fcntl(p[1], F_GETFL) & O_ACCMODE) == O_WRONLY);
	CHECK("pipe_fds_are_not_cloexec", fcntl(p[0], F_GETFD) == 0 && fcntl(p[1], F_GETFD) == 0);
	CHECK("pipe_write_returns_count", write(p[1], "hello ", 6) == 6 && write(p[1], "world", 5) == 5);
	CHECK("pipe_read_returns_available", read(p[0], rbuf, 3) == 3 && !memcmp(rbuf, "hel", 3));
	CHECK("pipe_keeps_order_across_writes", read(p[0], rbuf, sizeof(rbuf)) == 8 &&
							!memcmp(rbuf, "lo world", 8));
	CHECK_ERRNO("read_from_pipe_write_end_gives_ebadf", read(p[1], rbuf, 1), EBADF);
	CHECK_ERRNO("write_to_pipe_read_end_gives_ebadf", write(p[0], "x", 1), EBADF);

	int extra = dup(p[1]);
	write(p[1], "tail", 4);
	close(p[1]);
	CHECK("data_written_before_close_is_readable", read(p[0], rbuf, sizeof(rbuf)) == 4 &&
							       !memcmp(rbuf, "tail", 4));
	fcntl(p[0], F_SETFL, O_NONBLOCK);
	CHECK_ERRNO("no_eof_while_a_write_end_is_open", read(p[0], rbuf, 1), EAGAIN);
	close(extra);
	CHECK("read_after_all_writers_close_returns_eof", read(p[0], rbuf, sizeof(rbuf)) == 0);
	close(p[0]);
}

static void test_pipe2_flags(void)
{
	int p[2];
	char c;
	CHECK("pipe2_cloexec_succeeds", pipe2(p, O_CLOEXEC) == 0);
	CHECK("pipe2_cloexec_sets_both_fds", fcntl(p[0], F_GETFD) == FD_CLOEXEC &&
						     fcntl(p[1], F_GETFD) == FD_CLOEXEC);
	close(p[0]);
	close(p[1]);
	CHECK_ERRNO("pipe2_unknown_flag_gives_einval", pipe2(p, O_APPEND), EINVAL);

	if (!CHECK("pipe2_nonblock_succeeds", pipe2(p, O_NONBLOCK) == 0))
		return;
	CHECK("pipe2_nonblock_shows_in_getfl", fcntl(p[0], F_GETFL) & O_NONBLOCK);
	CHECK_ERRNO("nonblocking_read_of_empty_pipe_gives_eagain", read(p[0], &c, 1), EAGAIN);
	static unsigned char fill[4096];
	size_t total = 0;
	ssize_t w;
	while ((w = write(p[1], fill, sizeof(fill))) > 0 && total < (16u << 20))
		total += (size_t)w;
	CHECK("nonblocking_write_to_full_pipe_gives_eagain", w == -1 && errno == EAGAIN);
	tap_note("pipe took %zu bytes before EAGAIN", total);
	CHECK("pipe_holds_at_least_pipe_buf", total >= 4096);
	CHECK("read_from_full_pipe_succeeds", read(p[0], fill, sizeof(fill)) == sizeof(fill));
	CHECK("write_after_draining_succeeds", write(p[1], fill, 1) == 1);
	close(p[0]);
	close(p[1]);
}

static void test_epipe(void)
{
	int p[2];
	if (!CHECK("epipe_setup_pipe", pipe(p) == 0))
		return;
	/* On Linux the write would kill us with SIGPIPE; this OS may not have
	 * signals yet, so the result of signal() is ignored. */
	(void)signal(SIGPIPE, SIG_IGN);
	close(p[0]);
	CHECK_ERRNO("write_without_readers_gives_epipe", write(p[1], "x", 1), EPIPE);
	close(p[1]);
}

/* Starts SELF with role and fd; returns 0 or -1. */
static int spawn_role(const char *role, int fd, struct fs_child *c)
{
	char num[16];
	snprintf(num, sizeof(num), "%d", fd);
	char *argv[] = { SELF, (char *)role, num, NULL };
	fflush(stdout);
	return fs_spawn_self(SELF, argv, c);
}

static void test_child_to_parent(void)
{
	int p[2];
	struct fs_child c;
	if (!CHECK("cross_process_setup_pipe", pipe(p) == 0))
		return;
	fcntl(p[0], F_SETFD, FD_CLOEXEC);
	int spawned = spawn_role("writer", p[1], &c) == 0;
	close(p[1]);
	if (!CHECK("spawn_writer_child_succeeds", spawned)) {
		close(p[0]);
		return;
	}
	tap_note("child started with %s", c.forked ? "fork + exec (no uk_spawn here)" : "uk_spawn");
	CHECK("parent_reads_1_mib_from_child_then_eof", recv_pattern(p[0], SEED_UP) == XFER_BYTES);
	CHECK("writer_child_exits_0", fs_wait_child(&c) == 0);
	close(p[0]);
}

static void test_parent_to_child(void)
{
	int p[2];
	struct fs_child c;
	if (!CHECK("downstream_setup_pipe", pipe(p) == 0))
		return;
	fcntl(p[1], F_SETFD, FD_CLOEXEC);
	int spawned = spawn_role("reader", p[0], &c) == 0;
	close(p[0]);
	if (!CHECK("spawn_reader_child_succeeds", spawned)) {
		close(p[1]);
		return;
	}
	CHECK("parent_writes_1_mib_to_child", send_pattern(p[1], SEED_DOWN) == 0);
	close(p[1]);
	CHECK("reader_child_gets_all_data_and_eof", fs_wait_child(&c) == 0);
}

int main(int argc, char **argv)
{
	if (argc == 3 && !strcmp(argv[1], "writer"))
		return send_pattern(atoi(argv[2]), SEED_UP) == 0 ? 0 : 1;
	if (argc == 3 && !strcmp(argv[1], "reader"))
		return recv_pattern(atoi(argv[2]), SEED_DOWN) == XFER_BYTES ? 0 : 1;
	tap_begin();
	test_basic();
	test_pipe2_flags();
	test_epipe();
	test_child_to_parent();
	test_parent_to_child();
	return tap_end("t_pipe");
}
