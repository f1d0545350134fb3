// SPDX-License-Identifier: MIT
/* Priorities: setpriority/getpriority, and a niced process getting much
 * less CPU than an equal one while the parent spins. */
#include <errno.h>
#include <sched.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include "tap.h"

/* The child's iterations while the parent does a fixed amount of work. */
static uint64_t child_share(int nice)
{
	volatile uint64_t *shared = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
					 MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	shared[0] = shared[1] = 0;
	pid_t pid = fork();
	if (pid == 0) {
		setpriority(PRIO_PROCESS, 0, nice);
		shared[2] = 1;
		while (!shared[0])
			shared[1]++;
		_exit(0);
	}
	while (!shared[2])
		sched_yield();
	for (volatile uint64_t i = 0; i < 40000000; i++)
		;
	shared[0] = 1;
	waitpid(pid, NULL, 0);
	uint64_t n = shared[1];
	munmap((void *)shared, 4096);
	return n;
}

int main(void)
{
	tap_begin();
	CHECK("setpriority_self", setpriority(PRIO_PROCESS, 0, 5) == 0);
	CHECK("getpriority_reads_it_back", (errno = 0, getpriority(PRIO_PROCESS, 0)) == 5 && errno == 0);
	setpriority(PRIO_PROCESS, 0, 0);
	CHECK_ERRNO("unknown_pid_gives_esrch", setpriority(PRIO_PROCESS, 99999, 1), ESRCH);
	CHECK_ERRNO("process_groups_give_einval", setpriority(PRIO_PGRP, 0, 1), EINVAL);
	uint64_t equal = child_share(0), low = child_share(19);
	/* Aging lets the niced child run a slice per ~110 ms of waiting: about
	 * a fifth of an equal child's share, which wall-clock noise under TCG
	 * moves around; a third is the line that separates the two cases. */
	tap_note("child iterations: equal priority %llu, nice 19 %llu (want under a third)",
		 (unsigned long long)equal, (unsigned long long)low);
	CHECK("niced_process_gets_much_less_cpu", equal > 0 && low < equal / 3);
	return tap_end("t_prio");
}
