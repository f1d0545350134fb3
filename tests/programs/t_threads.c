// SPDX-License-Identifier: MIT
/* t_threads: musl pthreads on this kernel (clone, futex, set_tid_address,
 * TLS through arch_prctl): a mutex-protected counter, a condition-variable
 * hand-over that keeps order, pthread_join return values, per-thread
 * __thread variables, and many short-lived threads in a row. */
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "tap.h"

#define NTHREADS 4
#define INCREMENTS 100000
#define ITEMS 10000
#define QUEUE_LEN 16
#define SHORT_LIVED 64

static pthread_mutex_t counter_lock = PTHREAD_MUTEX_INITIALIZER;
static long counter;

static void *count_worker(void *arg)
{
	(void)arg;
	for (int i = 0; i < INCREMENTS; i++) {
		pthread_mutex_lock(&counter_lock);
		counter++;
		pthread_mutex_unlock(&counter_lock);
	}
	return NULL;
}

static void test_mutex_counter(void)
{
	pthread_t t[NTHREADS];
	int created = 0;

	for (int i = 0; i < NTHREADS; i++)
		created += pthread_create(&t[i], NULL, count_worker, NULL) == 0;
	if (!CHECK("threads_mutex_workers_created", created == NTHREADS))
		return;
	for (int i = 0; i < NTHREADS; i++)
		pthread_join(t[i], NULL);
	tap_note("counter %ld, want %d", counter, NTHREADS * INCREMENTS);
	CHECK("threads_mutex_counter_is_exact", counter == (long)NTHREADS * INCREMENTS);
}

/* A bounded queue guarded by one mutex and two condition variables. */
static struct {
	pthread_mutex_t lock;
	pthread_cond_t not_empty, not_full;
	int buf[QUEUE_LEN];
	int head, count;
} q = { PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, PTHREAD_COND_INITIALIZER, {0}, 0, 0 };

static void *producer(void *arg)
{
	(void)arg;
	for (int i = 0; i < ITEMS; i++) {
		pthread_mutex_lock(&q.lock);
		while (q.count == QUEUE_LEN)
			pthread_cond_wait(&q.not_full, &q.lock);
		q.buf[(q.head + q.count) % QUEUE_LEN] = i;
		q.count++;
		pthread_cond_signal(&q.not_empty);
		pthread_mutex_unlock(&q.lock);
	}
	return NULL;
}

/* Takes ITEMS items; returns how many arrived out of order. */
static void *consumer(void *arg)
{
	(void)arg;
	intptr_t misordered = 0;
	for (int want = 0; want < ITEMS; want++) {
		pthread_mutex_lock(&q.lock);
		while (q.count == 0)
			pthread_cond_wait(&q.not_empty, &q.lock);
		int got = q.buf[q.head];
		q.head = (q.head + 1) % QUEUE_LEN;
		q.count--;
		pthread_cond_signal(&q.not_full);
		pthread_mutex_unlock(&q.lock);
		misordered += got != want;
	}
	return (void *)misordered;
}

static void test_condvar_handover(void)
{
	pthread_t prod, cons;
	void *misordered = (void *)-1;

	int ok = pthread_create(&cons, NULL, consumer, NULL) == 0;
	ok = ok && pthread_create(&prod, NULL, producer, NULL) == 0;
	if (!CHECK("threads_condvar_threads_created", ok))
		return;
	pthread_join(prod, NULL);
	pthread_join(cons, &misordered);
	CHECK("threads_condvar_hands_over_all_items_in_order", misordered == NULL && q.count == 0);
}

static void *return_value_worker(void *arg)
{
	return (void *)((intptr_t)arg * 10 + 7);
}

static void test_join_values(void)
{
	pthread_t t[NTHREADS];
	int ok = 1;

	for (intptr_t i = 0; i < NTHREADS; i++)
		ok &= pthread_create(&t[i], NULL, return_value_worker, (void *)i) == 0;
	if (!CHECK("threads_join_workers_created", ok))
		return;
	for (intptr_t i = NTHREADS - 1; i >= 0; i--) {
		void *ret = NULL;
		ok &= pthread_join(t[i], &ret) == 0 && ret == (void *)(i * 10 + 7);
	}
	CHECK("threads_join_returns_each_threads_value", ok);
}

static __thread int tls_value = 42;
static __thread char tls_block[256];

/* Sets its own TLS, lets the others run, then checks nothing changed it.
 * Returns the address of its tls_value, or NULL on a mismatch. */
static void *tls_worker(void *arg)
{
	int id = (int)(intptr_t)arg;
	if (tls_value != 42 || tls_block[0] != 0)
		return NULL;
	tls_value = id;
	tls_block[0] = (char)id;
	for (int i = 0; i < 100; i++)
		sched_yield();
	return tls_value == id && tls_block[0] == (char)id ? &tls_value : NULL;
}

static void test_tls(void)
{
	pthread_t t[NTHREADS];
	void *addr[NTHREADS] = { 0 };
	int ok = 1;

	tls_value = -1;
	for (intptr_t i = 0; i < NTHREADS; i++)
		ok &= pthread_create(&t[i], NULL, tls_worker, (void *)(i + 1)) == 0;
	if (!CHECK("threads_tls_workers_created", ok))
		return;
	for (int i = 0; i < NTHREADS; i++)
		pthread_join(t[i], &addr[i]);
	int distinct = 1;
	for (int i = 0; i < NTHREADS; i++)
		for (int j = 0; j < NTHREADS; j++)
			distinct &= addr[i] != NULL && addr[i] != &tls_value && (i == j || addr[i] != addr[j]);
	CHECK("threads_tls_starts_at_initial_value_and_stays_private", distinct);
	CHECK("threads_tls_of_main_thread_untouched", tls_value == -1);
}

static void *short_worker(void *arg)
{
	return arg;
}

static void test_short_lived(void)
{
	int ok = 1;
	for (intptr_t i = 0; i < SHORT_LIVED && ok; i++) {
		pthread_t t;
		void *ret = NULL;
		ok = pthread_create(&t, NULL, short_worker, (void *)i) == 0 &&
		     pthread_join(t, &ret) == 0 && ret == (void *)i;
	}
	CHECK("threads_create_join_64_in_a_row", ok);
}

static int pipe_fds[2];

static void *reader(void *arg)
{
	char c;
	(void)arg;
	read(pipe_fds[0], &c, 1);  /* holds the process's connection to the VFS */
	return NULL;
}

static void *vector_writer(void *arg)
{
	char a[] = "first half, ", b[] = "second half";
	struct iovec iov[2] = { { a, strlen(a) }, { b, strlen(b) } };
	writev(*(int *)arg, iov, 2);  /* waits for the reader's call to end */
	return NULL;
}

/* A writev that waits its turn (another thread of the process is in a call
 * to the same server) keeps its own buffers while another process's writev
 * runs: the kernel once kept the vector in one place for everybody. The
 * other process is made first and started by a signal, since this process
 * can make no forwarded call while its reader waits (fork included). */
static void test_waiting_writev_keeps_its_buffers(void)
{
	int fd = open("/tmp/t_threads.vec", O_CREAT | O_RDWR | O_TRUNC, 0644);
	pthread_t r, w;
	pipe(pipe_fds);
	sigset_t usr1;
	sigemptyset(&usr1);
	sigaddset(&usr1, SIGUSR1);
	sigprocmask(SIG_BLOCK, &usr1, NULL);
	pid_t other = fork();
	if (other == 0) {
		char x[] = "XXXXXXXXXXXX", y[] = "YYYYYYYYYYY";
		struct iovec iov[2] = { { x, sizeof(x) - 1 }, { y, sizeof(y) - 1 } };
		int sig, devnull = open("/dev/null", O_WRONLY);
		sigwait(&usr1, &sig);
		writev(devnull, iov, 2);
		write(pipe_fds[1], "!", 1);  /* lets the reader go */
		_exit(0);
	}
	sigprocmask(SIG_UNBLOCK, &usr1, NULL);
	pthread_create(&r, NULL, reader, NULL);
	struct timespec d = { 0, 20000000 };
	nanosleep(&d, NULL);  /* the time server: not the busy connection */
	pthread_create(&w, NULL, vector_writer, &fd);
	nanosleep(&d, NULL);
	kill(other, SIGUSR1);
	pthread_join(r, NULL);
	pthread_join(w, NULL);
	waitpid(other, NULL, 0);
	char got[64] = "";
	ssize_t n = pread(fd, got, sizeof(got) - 1, 0);
	CHECK("waiting_writev_writes_its_own_buffers",
	      n == 23 && memcmp(got, "first half, second half", 23) == 0);
	close(fd);
	unlink("/tmp/t_threads.vec");
}

/* fork while another thread waits in a pipe read (a call to the VFS that
 * only the child can end): the kernel's fork notice must not wait behind
 * that read. */
static void test_fork_while_a_thread_reads(void)
{
	pthread_t r;
	pipe(pipe_fds);
	pthread_create(&r, NULL, reader, NULL);
	struct timespec d = { 0, 20000000 };
	nanosleep(&d, NULL);
	pid_t child = fork();
	if (child == 0) {
		write(pipe_fds[1], "!", 1);
		_exit(0);
	}
	pthread_join(r, NULL);
	int st = -1;
	CHECK("fork_while_a_thread_waits_in_a_read",
	      child > 0 && waitpid(child, &st, 0) == child && WIFEXITED(st) && WEXITSTATUS(st) == 0);
}

int main(void)
{
	tap_begin();
	test_mutex_counter();
	test_condvar_handover();
	test_join_values();
	test_tls();
	test_short_lived();
	test_waiting_writev_keeps_its_buffers();
	test_fork_while_a_thread_reads();
	return tap_end("t_threads");
}
