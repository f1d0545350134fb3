// SPDX-License-Identifier: MIT
/* t_robust: robust futexes. A thread or process that dies holding a robust
 * mutex leaves it for the next locker with EOWNERDEAD (the kernel walks the
 * dead thread's robust list), pthread_mutex_consistent makes it usable
 * again, and a process-shared robust mutex works across fork. */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include "tap.h"

static pthread_mutex_t m;

static void *lock_and_exit(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&m);
	return NULL;  /* ends holding it */
}

static void thread_dies_holding_it(void)
{
	pthread_mutexattr_t a;
	pthread_mutexattr_init(&a);
	pthread_mutexattr_setrobust(&a, PTHREAD_MUTEX_ROBUST);
	pthread_mutex_init(&m, &a);
	pthread_t t;
	pthread_create(&t, NULL, lock_and_exit, NULL);
	pthread_join(t, NULL);
	CHECK("lock_after_the_owner_thread_ended_is_eownerdead", pthread_mutex_lock(&m) == EOWNERDEAD);
	CHECK("consistent_makes_it_usable", pthread_mutex_consistent(&m) == 0 &&
	      pthread_mutex_unlock(&m) == 0 && pthread_mutex_lock(&m) == 0 &&
	      pthread_mutex_unlock(&m) == 0);
}

static void process_dies_holding_it(void)
{
	pthread_mutex_t *sm = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	pthread_mutexattr_t a;
	pthread_mutexattr_init(&a);
	pthread_mutexattr_setrobust(&a, PTHREAD_MUTEX_ROBUST);
	pthread_mutexattr_setpshared(&a, PTHREAD_PROCESS_SHARED);
	pthread_mutex_init(sm, &a);
	pid_t pid = fork();
	if (pid == 0) {
		pthread_mutex_lock(sm);
		_exit(0);
	}
	int st;
	waitpid(pid, &st, 0);
	CHECK("a_shared_robust_mutex_of_a_dead_process_is_eownerdead", pthread_mutex_lock(sm) == EOWNERDEAD);
	pthread_mutex_consistent(sm);
	pthread_mutex_unlock(sm);
	munmap(sm, 4096);
}

static void list_calls(void)
{
	void *head;
	size_t len;
	CHECK("get_robust_list_of_oneself_answers", syscall(SYS_get_robust_list, 0, &head, &len) == 0 &&
	      len == 24);
	CHECK_ERRNO("set_robust_list_with_a_wrong_length_is_einval",
		    syscall(SYS_set_robust_list, head, 8), EINVAL);
	CHECK_ERRNO("get_robust_list_of_no_thread_is_esrch",
		    syscall(SYS_get_robust_list, 999999, &head, &len), ESRCH);
}

int main(void)
{
	tap_begin();
	thread_dies_holding_it();
	process_dies_holding_it();
	list_calls();
	return tap_end("t_robust");
}
