// SPDX-License-Identifier: MIT
/* servers/vfs/vfs_pipe.c: pipes through the descriptor calls. */
#include "fixture.h"
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>

static int rfd, wfd;

static void open_pipe(int flags)
{
	int fds[2];
	ck_assert_int_eq(vfs_pipe2(fx, &ROOT, fds, flags), 0);
	rfd = fds[0];
	wfd = fds[1];
}

START_TEST(pipe_keeps_byte_order_across_the_ring_end)
{
	open_pipe(0);
	enum { CHUNK = 3000 };
	uint8_t out[CHUNK], in[CHUNK];
	uint8_t next_out = 0, next_in = 0;
	for (int round = 0; round < 100; round++) {
		for (int i = 0; i < CHUNK; i++)
			out[i] = next_out++;
		ck_assert_int_eq(vfs_write(fx, &ROOT, wfd, out, CHUNK), CHUNK);
		ssize_t n = vfs_read(fx, &ROOT, rfd, in, CHUNK);
		ck_assert_int_eq(n, CHUNK);
		for (int i = 0; i < n; i++)
			ck_assert_uint_eq(in[i], next_in++);
	}
	struct linux_stat st;
	ck_assert_int_eq(vfs_fstat(fx, &ROOT, rfd, &st), 0);
	ck_assert(S_ISFIFO(st.st_mode));
}
END_TEST

START_TEST(empty_pipe_read_would_block_or_gives_eagain)
{
	open_pipe(0);
	char c;
	ck_assert_int_eq(vfs_read(fx, &ROOT, rfd, &c, 1), VFS_WOULD_BLOCK);
	ck_assert_int_eq(vfs_poll(fx, &ROOT, rfd), 0);
	ck_assert_int_eq(vfs_fcntl(fx, &ROOT, rfd, F_SETFL, O_NONBLOCK), 0);
	ck_assert_int_eq(vfs_read(fx, &ROOT, rfd, &c, 1), -EAGAIN);
	ck_assert_int_eq(vfs_write(fx, &ROOT, wfd, "x", 1), 1);
	ck_assert_int_eq(vfs_poll(fx, &ROOT, rfd), POLLIN);
	ck_assert_int_eq(vfs_read(fx, &ROOT, rfd, &c, 1), 1);
	ck_assert_int_eq(vfs_write(fx, &ROOT, rfd, "x", 1), -EBADF);
	ck_assert_int_eq(vfs_read(fx, &ROOT, wfd, &c, 1), -EBADF);
}
END_TEST

START_TEST(write_without_readers_gives_epipe)
{
	open_pipe(O_CLOEXEC);
	ck_assert_int_eq(vfs_fcntl(fx, &ROOT, wfd, F_GETFD, 0), FD_CLOEXEC);
	ck_assert_int_eq(vfs_close(fx, &ROOT, rfd), 0);
	ck_assert_int_eq(vfs_write(fx, &ROOT, wfd, "x", 1), -EPIPE);
	ck_assert_int_eq(vfs_poll(fx, &ROOT, wfd), POLLERR);
}
END_TEST

START_TEST(reads_reach_eof_once_every_writer_is_closed)
{
	open_pipe(0);
	int dupw = vfs_dup(fx, &ROOT, wfd);
	ck_assert_int_eq(vfs_write(fx, &ROOT, wfd, "ab", 2), 2);
	ck_assert_int_eq(vfs_close(fx, &ROOT, wfd), 0);
	char b[4];
	ck_assert_int_eq(vfs_read(fx, &ROOT, rfd, b, sizeof(b)), 2);
	ck_assert_int_eq(vfs_read(fx, &ROOT, rfd, b, sizeof(b)), VFS_WOULD_BLOCK);
	ck_assert_int_eq(vfs_close(fx, &ROOT, dupw), 0);
	ck_assert_int_eq(vfs_poll(fx, &ROOT, rfd), POLLHUP);
	ck_assert_int_eq(vfs_read(fx, &ROOT, rfd, b, sizeof(b)), 0);
}
END_TEST

START_TEST(full_pipe_blocks_writers_and_small_writes_stay_whole)
{
	open_pipe(0);
	uint8_t *big = calloc(1, VFS_PIPE_SIZE + 100);
	ck_assert_int_eq(vfs_write(fx, &ROOT, wfd, big, VFS_PIPE_SIZE - 10), VFS_PIPE_SIZE - 10);
	ck_assert_int_eq(vfs_poll(fx, &ROOT, wfd), 0);
	ck_assert_int_eq(vfs_write(fx, &ROOT, wfd, big, 20), VFS_WOULD_BLOCK); /* atomic */
	ck_assert_int_eq(vfs_write(fx, &ROOT, wfd, big, 5000), 10);          /* partial */
	ck_assert_int_eq(vfs_write(fx, &ROOT, wfd, big, 1), VFS_WOULD_BLOCK);
	ck_assert_int_eq(vfs_fcntl(fx, &ROOT, wfd, F_SETFL, O_NONBLOCK), 0);
	ck_assert_int_eq(vfs_write(fx, &ROOT, wfd, big, 1), -EAGAIN);
	ck_assert_int_eq(vfs_read(fx, &ROOT, rfd, big, 4096), 4096);
	ck_assert_int_eq(vfs_poll(fx, &ROOT, wfd), POLLOUT);
	ck_assert_int_eq(vfs_write(fx, &ROOT, wfd, big, 4096), 4096);
	free(big);
}
END_TEST

START_TEST(pipes_are_not_seekable)
{
	open_pipe(O_NONBLOCK);
	char c;
	ck_assert_int_eq(vfs_lseek(fx, &ROOT, rfd, 0, SEEK_SET), -ESPIPE);
	ck_assert_int_eq(vfs_pread(fx, &ROOT, rfd, &c, 1, 0), -ESPIPE);
	ck_assert_int_eq(vfs_pwrite(fx, &ROOT, wfd, &c, 1, 0), -ESPIPE);
	ck_assert_int_eq(vfs_read(fx, &ROOT, rfd, &c, 1), -EAGAIN);
	ck_assert_int_eq(vfs_pipe2(fx, &ROOT, (int[2]){ 0 }, O_APPEND), -EINVAL);
}
END_TEST

UNIT_SUITE(pipe_suite)
static Suite *pipe_suite(void)
{
	Suite *s = suite_create("vfs_pipe");
	TCase *tc = fx_tcase(s, "pipe");
	tcase_add_test(tc, pipe_keeps_byte_order_across_the_ring_end);
	tcase_add_test(tc, empty_pipe_read_would_block_or_gives_eagain);
	tcase_add_test(tc, write_without_readers_gives_epipe);
	tcase_add_test(tc, reads_reach_eof_once_every_writer_is_closed);
	tcase_add_test(tc, full_pipe_blocks_writers_and_small_writes_stay_whole);
	tcase_add_test(tc, pipes_are_not_seekable);
	return s;
}
