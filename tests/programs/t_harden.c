// SPDX-License-Identifier: MIT
/* t_harden: regressions for what random and hostile input found, one
 * check named after each finding: a large write from the read-only initrd
 * view (it panicked the kernel), a large read into memory shared
 * copy-on-write with a forked child, mprotect of a copy-on-write page, a
 * FUTEX_REQUEUE of a futex onto itself, and munmap/mprotect/madvise of huge
 * sparse ranges (they stalled the machine). */
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>
#include "child.h"
#include "tap.h"
#include "uk.h"

#define PAGE 4096UL
#define BIG (64 * 1024)       /* past the 16 KiB at which forwarded buffers are lent */
#define HUGE (1ull << 46)
#define FUTEX_WAIT_PRIVATE 128
#define FUTEX_WAKE_PRIVATE 129
#define FUTEX_REQUEUE_PRIVATE 131

static uint64_t now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

/* A forwarded write lends the caller's pages to the VFS; the initrd's are
 * reserved frames that every process shares. */
static void initrd_view_as_a_write_buffer(void)
{
	const void *base;
	size_t len;
	if (!CHECK("initrd_is_mapped", uk_initrd(&base, &len) == 0 && len >= BIG))
		return;
	CHECK_ERRNO("write_of_16k_from_the_initrd_to_a_bad_fd_is_ebadf", write(-1, base, 16384), EBADF);
	int fd = open("/tmp/harden-initrd", O_CREAT | O_RDWR | O_TRUNC, 0600);
	CHECK("write_of_64k_from_the_initrd_to_a_file_succeeds", fd >= 0 && write(fd, base, BIG) == BIG);
	static char back[BIG];
	CHECK("the_file_holds_the_initrd_bytes",
	      pread(fd, back, BIG, 0) == BIG && memcmp(back, base, BIG) == 0);
	CHECK_ERRNO("read_of_64k_into_the_initrd_is_efault", pread(fd, (void *)base, BIG, 0), EFAULT);
	CHECK("the_initrd_is_unchanged", memcmp(back, base, BIG) == 0);
	close(fd);
	unlink("/tmp/harden-initrd");
}

static unsigned char *cow_buf;

/* The child reads a file of 0xee bytes into the buffer it shares with its
 * parent copy-on-write; the parent must keep its zeros. */
static int child_reads_into_shared_buffer(void)
{
	int fd = open("/tmp/harden-ee", O_RDONLY);
	return fd >= 0 && read(fd, cow_buf, BIG) == BIG && cow_buf[0] == 0xee ? 0 : 1;
}

static int child_mprotects_and_writes(void)
{
	if (mprotect(cow_buf, BIG, PROT_READ | PROT_WRITE))
		return 1;
	memset(cow_buf, 0x77, BIG);
	return 0;
}

static int all(const unsigned char *p, size_t n, unsigned char v)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] != v)
			return 0;
	return 1;
}

static void copy_on_write_isolation(void)
{
	static unsigned char ee[BIG];
	cow_buf = mmap(NULL, BIG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	memset(ee, 0xee, sizeof(ee));
	int fd = open("/tmp/harden-ee", O_CREAT | O_WRONLY | O_TRUNC, 0600);
	if (!CHECK("cow_setup", cow_buf != MAP_FAILED && fd >= 0 && write(fd, ee, BIG) == BIG))
		return;
	close(fd);
	memset(cow_buf, 0, BIG);  /* present and private: fork shares it copy-on-write */
	int st = in_child(child_reads_into_shared_buffer);
	CHECK("read_after_fork_into_a_cow_buffer_fills_the_childs_copy", EXITED_0(st));
	CHECK("read_after_fork_into_a_cow_buffer_leaves_the_parent_alone", all(cow_buf, BIG, 0));
	CHECK("cow_buffer_read_only_for_the_next_check", mprotect(cow_buf, BIG, PROT_READ) == 0);
	st = in_child(child_mprotects_and_writes);
	CHECK("mprotect_rw_of_a_cow_page_lets_the_child_write", EXITED_0(st));
	CHECK("mprotect_rw_of_a_cow_page_leaves_the_parent_alone", all(cow_buf, BIG, 0));
	munmap(cow_buf, BIG);
	unlink("/tmp/harden-ee");
}

static uint32_t fword;

static void *futex_waiter(void *arg)
{
	(void)arg;
	struct timespec ts = { 5, 0 };
	syscall(SYS_futex, &fword, FUTEX_WAIT_PRIVATE, 0, &ts, NULL, 0);
	return NULL;
}

static void futex_requeue_onto_itself(void)
{
	pthread_t t[2];
	for (int i = 0; i < 2; i++)
		pthread_create(&t[i], NULL, futex_waiter, NULL);
	usleep(50000);  /* both wait */
	long r = syscall(SYS_futex, &fword, FUTEX_REQUEUE_PRIVATE, 0, INT32_MAX, &fword, 0);
	CHECK("futex_requeue_onto_itself_returns_the_waiters_counted", r == 2);
	r = syscall(SYS_futex, &fword, FUTEX_WAKE_PRIVATE, INT32_MAX, NULL, NULL, 0);
	CHECK("and_the_waiters_are_still_there_to_wake", r == 2);
	for (int i = 0; i < 2; i++)
		pthread_join(t[i], NULL);
}

/* A child that records the largest gap between its 10 ms ticks. */
static int ticker(int fd)
{
	uint64_t last = now_ns(), worst = 0;
	struct timespec tick = { 0, 10000000 };
	for (int i = 0; i < 40; i++) {
		nanosleep(&tick, NULL);
		uint64_t t = now_ns();
		worst = t - last > worst ? t - last : worst;
		last = t;
	}
	return write(fd, &worst, sizeof(worst)) == sizeof(worst) ? 0 : 1;
}

static void huge_sparse_ranges(void)
{
	int pfd[2];
	if (!CHECK("huge_setup_pipe", pipe(pfd) == 0))
		return;
	pid_t pid = fork();
	if (pid == 0)
		_exit(ticker(pfd[1]));
	usleep(30000);
	uint64_t t0 = now_ns();
	unsigned char *p = mmap(NULL, HUGE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	CHECK("mmap_prot_none_of_2_46_bytes_succeeds", p != MAP_FAILED);
	uint64_t unmap_ns = 0;
	if (p != MAP_FAILED) {
		CHECK("mprotect_of_2_46_bytes_succeeds", mprotect(p, HUGE, PROT_READ | PROT_WRITE) == 0);
		p[0] = 1, p[HUGE / 2] = 2, p[HUGE - 1] = 3;  /* three pages far apart */
		CHECK("madvise_dontneed_of_2_46_bytes_drops_the_pages",
		      madvise(p, HUGE, MADV_DONTNEED) == 0 && p[HUGE / 2] == 0);
		uint64_t t1 = now_ns();
		CHECK("munmap_of_2_46_bytes_succeeds", munmap(p, HUGE) == 0);
		unmap_ns = now_ns() - t1;
	}
	uint64_t all_ns = now_ns() - t0, worst = 0;
	int st = -1;
	CHECK("ticker_reports", read(pfd[0], &worst, sizeof(worst)) == sizeof(worst) &&
				waitpid(pid, &st, 0) == pid && EXITED_0(st));
	tap_note("huge ranges: munmap %llu us, all %llu us, worst tick gap %llu us",
		 (unsigned long long)(unmap_ns / 1000), (unsigned long long)(all_ns / 1000),
		 (unsigned long long)(worst / 1000));
	CHECK("munmap_of_2_46_bytes_takes_under_10_ms", unmap_ns < 10000000ull);
	CHECK("another_process_ticks_every_10_ms_with_no_gap_over_20_ms", worst < 20000000ull);
	close(pfd[0]);
	close(pfd[1]);
}

int main(void)
{
	tap_begin();
	initrd_view_as_a_write_buffer();
	copy_on_write_isolation();
	futex_requeue_onto_itself();
	huge_sparse_ranges();
	return tap_end("t_harden");
}
