// SPDX-License-Identifier: MIT
/* t_leak: creating and destroying things gives back every frame. Counts
 * free frames (uk_meminfo) before and after 50 rounds of: spawning and
 * reaping /bin/t_true; creating and joining a thread; mapping, touching and
 * unmapping memory. One warm-up round runs first, so caches the kernel
 * keeps on purpose (and this program's own stack) are already in place;
 * after that the count must come back exactly. */
#include <pthread.h>
#include <sched.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include "tap.h"
#include "uk.h"

#define ROUNDS 50
#define SETTLE_TRIES 20
#define MAP_LEN (64 * 4096UL)

/* Spawns and reaps /bin/t_true; returns 1 if it exited 0. */
static int spawn_true(void)
{
	char *argv[] = { "/bin/t_true", NULL };
	char *envp[] = { NULL };
	int status;

	long h = uk_spawn_path("/bin/t_true", argv, envp, 0);
	return h > 0 && uk_wait(h, &status, 0) == h && WIFEXITED(status) &&
	       WEXITSTATUS(status) == 0;
}

static void *idle_thread(void *arg)
{
	return arg;
}

/* Creates and joins one thread; returns 1 on success. */
static int thread_round(void)
{
	pthread_t t;
	return pthread_create(&t, NULL, idle_thread, NULL) == 0 && pthread_join(t, NULL) == 0;
}

/* Maps, touches every page of, and unmaps MAP_LEN bytes; returns 1 on success. */
static int map_round(void)
{
	unsigned char *p = mmap(NULL, MAP_LEN, PROT_READ | PROT_WRITE,
				MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return 0;
	for (size_t i = 0; i < MAP_LEN; i += 4096)
		p[i] = 1;
	return munmap(p, MAP_LEN) == 0;
}

/* Returns free frames, or 0 if uk_meminfo fails. */
static unsigned long long free_frames(void)
{
	struct uk_meminfo mi;
	return uk_meminfo(&mi) == 0 ? mi.free_frames : 0;
}

/* Runs round ROUNDS times after one warm-up; checks that every round
 * succeeded and that free frames return to the count before (allowing the
 * kernel a few yields to finish deferred freeing). */
static void check_no_leak(const char *what, int (*round)(void))
{
	char ok_name[80], leak_name[80];
	int ok = round();
	unsigned long long before = free_frames(), after = 0;

	for (int i = 0; i < ROUNDS; i++)
		ok &= round();
	for (int i = 0; i < SETTLE_TRIES && (after = free_frames()) != before; i++)
		sched_yield();
	snprintf(ok_name, sizeof(ok_name), "leak_%s_rounds_succeed", what);
	snprintf(leak_name, sizeof(leak_name), "leak_%s_50_times_returns_every_frame", what);
	CHECK(ok_name, ok);
	tap_note("%s: free frames %llu before, %llu after", what, before, after);
	CHECK(leak_name, before != 0 && after == before);
}

int main(void)
{
	tap_begin();
	if (!CHECK("leak_meminfo_works", free_frames() != 0))
		return tap_end("t_leak");
	check_no_leak("spawn_wait", spawn_true);
	check_no_leak("thread_create_join", thread_round);
	check_no_leak("mmap_touch_munmap", map_round);
	return tap_end("t_leak");
}
