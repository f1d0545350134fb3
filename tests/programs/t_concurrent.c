// SPDX-License-Identifier: MIT
/* t_concurrent: threads of one process call the same server at the same
 * time. A thread blocked in a call the server parks (a pipe read, a
 * terminal read, a sleep) must not hold up the others' calls to that
 * server: thread B does 1,000 file operations and console writes while A
 * waits, then releases A. With the argument "restart", 8 threads make
 * mixed VFS, time and console calls while every server is restarted under
 * them (svc restart), and each thread checks that none of its calls was
 * lost or done twice. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>
#include "tap.h"
#include "svc_client.h"
#include "proto/svc.h"

static int pipefd[2];
static volatile int a_done;
static volatile long a_result;

static void on_usr1(int sig)
{
	(void)sig;
}

/* B's work: 1,000 calls to the VFS (open/write/fstat/read/close/unlink)
 * and console writes; returns how many failed. */
static int busy_work(int id)
{
	char path[64], buf[32];
	int failed = 0, con = open("/dev/console", O_WRONLY);
	snprintf(path, sizeof(path), "/tmp/conc-%d", id);
	for (int i = 0; i < 1000; i += 5) {
		int fd = open(path, O_CREAT | O_RDWR | O_TRUNC, 0600);
		struct stat st;
		failed += fd < 0 || write(fd, "abcdefgh", 8) != 8 || fstat(fd, &st) != 0 || st.st_size != 8;
		failed += pread(fd, buf, 8, 0) != 8 || close(fd) != 0;
		if (i % 100 == 0 && con >= 0)
			failed += write(con, "", 0) != 0 || dprintf(con, "# busy %d\n", i) <= 0;
	}
	failed += unlink(path) != 0;
	if (con >= 0)
		close(con);
	return failed;
}

static void *pipe_reader(void *arg)
{
	(void)arg;
	char c;
	a_result = read(pipefd[0], &c, 1);
	a_done = 1;
	return NULL;
}

static void *tty_reader(void *arg)
{
	(void)arg;
	char buf[16];
	int fd = open("/dev/console", O_RDONLY);
	a_result = fd < 0 ? -2 : read(fd, buf, sizeof(buf));  /* nobody types: a signal ends it */
	a_done = 1;
	return NULL;
}

static void *sleeper(void *arg)
{
	(void)arg;
	struct timespec ts = { 30, 0 };  /* a signal ends it */
	a_result = syscall(SYS_nanosleep, &ts, NULL);
	a_done = 1;
	return NULL;
}

/* Starts A, lets it block, does B's work, and checks A was still waiting. */
static void while_a_waits(const char *what, void *(*a)(void *), int (*release)(pthread_t))
{
	char name[96];
	pthread_t t;
	a_done = 0;
	pthread_create(&t, NULL, a, NULL);
	usleep(50000);
	int failed = busy_work(1);
	int still = !a_done;
	snprintf(name, sizeof(name), "thread_b_finishes_1000_calls_while_a_waits_in_%s", what);
	CHECK(name, failed == 0 && still);
	release(t);
	pthread_join(t, NULL);
	snprintf(name, sizeof(name), "thread_a_then_returns_from_its_%s", what);
	CHECK(name, a_done);
}

static int write_pipe(pthread_t t)
{
	(void)t;
	return write(pipefd[1], "x", 1) == 1 ? 0 : -1;
}

static int signal_it(pthread_t t)
{
	return pthread_kill(t, SIGUSR1);
}

/* ---- the restart stress ---- */

#define WORKERS 8
#define MAX_ROUNDS 4000

static volatile int stop_workers;

/* Each worker appends numbered records to a file of its own (O_APPEND)
 * until told to stop, and checks the file holds each record exactly once,
 * in order. */
static void *worker(void *arg)
{
	int id = (int)(intptr_t)arg, con = open("/dev/console", O_WRONLY), bad = 0, rounds = 0;
	static char backs[WORKERS][MAX_ROUNDS * 8 + 8];
	char path[64], rec[16], *back = backs[id];
	snprintf(path, sizeof(path), "/tmp/stress-%d", id);
	int fd = open(path, O_CREAT | O_WRONLY | O_TRUNC | O_APPEND, 0600);
	for (int i = 0; i < MAX_ROUNDS && fd >= 0 && !stop_workers; i++, rounds++) {
		snprintf(rec, sizeof(rec), "%07d\n", i);
		bad += write(fd, rec, 8) != 8;
		struct timespec ts, sl = { 0, 1000000 };
		bad += syscall(SYS_clock_getres, CLOCK_MONOTONIC, &ts) != 0;
		if (i % 10 == 0)
			bad += syscall(SYS_nanosleep, &sl, NULL) != 0;
		if (i % 100 == 0 && con >= 0)
			bad += dprintf(con, "# worker %d at %d\n", id, i) <= 0;
	}
	close(fd);
	fd = open(path, O_RDONLY);
	ssize_t n = fd >= 0 ? read(fd, back, MAX_ROUNDS * 8 + 8) : -1;
	for (int i = 0; n == rounds * 8 && i < rounds; i++) {
		snprintf(rec, sizeof(rec), "%07d\n", i);
		bad += memcmp(back + i * 8, rec, 8) != 0;
	}
	bad += n != rounds * 8 || rounds < 50;
	close(fd);
	unlink(path);
	if (con >= 0)
		close(con);
	return (void *)(intptr_t)bad;
}

static void restart_stress(void)
{
	pthread_t t[WORKERS];
	const char *servers[] = { "vfs", "time", "console" };
	char buf[128];
	int refused = 0, bad = 0;
	for (int i = 0; i < WORKERS; i++)
		pthread_create(&t[i], NULL, worker, (void *)(intptr_t)i);
	usleep(100000);
	for (int s = 0; s < 3; s++) {
		refused += svc_call(SVC_OP_RESTART, servers[s], NULL, buf, sizeof(buf)) < 0;
		usleep(150000);
	}
	stop_workers = 1;
	for (int i = 0; i < WORKERS; i++) {
		void *r;
		pthread_join(t[i], &r);
		bad += (int)(intptr_t)r;
	}
	CHECK("every_restart_was_accepted", refused == 0);
	CHECK("eight_threads_lose_and_double_no_call_across_restarts", bad == 0);
}

int main(int argc, char **argv)
{
	tap_begin();
	struct sigaction sa = { .sa_handler = on_usr1 };
	sigaction(SIGUSR1, &sa, NULL);
	if (argc > 1 && !strcmp(argv[1], "restart")) {
		restart_stress();
		return tap_end("t_concurrent");
	}
	if (!CHECK("pipe", pipe(pipefd) == 0))
		return tap_end("t_concurrent");
	while_a_waits("a_pipe_read", pipe_reader, write_pipe);
	CHECK("the_pipe_read_got_the_byte", a_result == 1);
	while_a_waits("a_terminal_read", tty_reader, signal_it);
	CHECK("the_terminal_read_was_interrupted", a_result == -1);
	while_a_waits("nanosleep", sleeper, signal_it);
	CHECK("the_sleep_was_interrupted", a_result == -1);
	return tap_end("t_concurrent");
}
