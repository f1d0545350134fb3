// SPDX-License-Identifier: MIT
/* Supervision edge cases: a swap to a binary that never becomes ready is
 * rolled back and the old server keeps serving; a server that keeps dying
 * is restarted with growing delays instead of in a busy loop. */
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <time.h>
#include <x86intrin.h>
#include "tap.h"
#include "uk.h"
#include "proto/svc.h"

static uint64_t ms_since(uint64_t t0)
{
	return (__rdtsc() - t0) * 1000 / getauxval(AT_UK_TSC_HZ);
}

/* Copies a file (through the VFS). */
static int copy(const char *from, const char *to)
{
	static char chunk[65536];
	int in = open(from, O_RDONLY), out = open(to, O_CREAT | O_WRONLY | O_TRUNC, 0755);
	ssize_t n;
	while (in >= 0 && out >= 0 && (n = read(in, chunk, sizeof(chunk))) > 0)
		if (write(out, chunk, (size_t)n) != n)
			return -1;
	return in >= 0 && out >= 0 && close(in) == 0 && close(out) == 0 ? 0 : -1;
}

/* A swap to a binary that is a file in the VFS, not in the initrd. */
static void swap_from_the_vfs(void)
{
	char buf[256] = "";
	CHECK("a_server_binary_copied_into_the_vfs", copy("/sbin/security", "/tmp/security-new") == 0);
	CHECK("swap_to_a_binary_in_the_vfs_is_accepted",
	      uk_svc(SVC_OP_SWAP, "security", "/tmp/security-new", buf, sizeof(buf)) >= 0);
	uid_t uid = getuid();  /* waits for the new server */
	long n = uk_svc(SVC_OP_STATUS, "security", NULL, buf, sizeof(buf) - 1);
	buf[n > 0 ? n : 0] = '\0';
	CHECK("the_server_from_the_vfs_serves", uid == 0 && strstr(buf, "/tmp/security-new") != NULL);
	CHECK("and_swaps_back_to_the_initrd_binary",
	      uk_svc(SVC_OP_SWAP, "security", "/sbin/security", buf, sizeof(buf)) >= 0 && getuid() == 0);
	CHECK_ERRNO("the_vfs_cannot_be_swapped_to_a_file_it_holds",
		    uk_svc(SVC_OP_SWAP, "vfs", "/tmp/security-new", buf, sizeof(buf)), ENOENT);
	unlink("/tmp/security-new");
}

/* A VFS that keeps its state in another layout refuses the state it finds
 * and never becomes ready: the swap is rolled back, nothing is lost. */
static void swap_to_an_incompatible_state_version(void)
{
	char buf[256] = "", back[8] = "";
	int fd = open("/tmp/kept", O_CREAT | O_WRONLY | O_TRUNC, 0644);
	CHECK("a_file_before_the_incompatible_swap", fd >= 0 && write(fd, "kept", 4) == 4 && close(fd) == 0);
	CHECK("swap_to_a_vfs_of_another_state_layout_is_accepted",
	      uk_svc(SVC_OP_SWAP, "vfs", "/sbin/vfs-v2", buf, sizeof(buf)) >= 0);
	fd = open("/tmp/kept", O_RDONLY);  /* waits for whichever VFS serves */
	CHECK("the_file_is_still_there_after_the_roll_back",
	      fd >= 0 && read(fd, back, sizeof(back)) == 4 && !memcmp(back, "kept", 4) && close(fd) == 0);
	long n = uk_svc(SVC_OP_STATUS, "vfs", NULL, buf, sizeof(buf) - 1);
	buf[n > 0 ? n : 0] = '\0';
	const char *at = strstr(buf, "/sbin/vfs");
	CHECK("the_old_vfs_binary_serves_again", at != NULL && at[9] != '-');
	tap_note("after the refused swap: %s", buf);
	unlink("/tmp/kept");
}

int main(void)
{
	tap_begin();
	swap_from_the_vfs();
	swap_to_an_incompatible_state_version();
	char buf[256] = "";
	struct timespec ts;
	CHECK("swap_to_a_broken_binary_is_accepted", uk_svc(SVC_OP_SWAP, "time", "/bin/t_true", buf, sizeof(buf)) >= 0);
	CHECK("time_still_answers_after_the_roll_back", syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &ts) == 0);
	long n = uk_svc(SVC_OP_STATUS, "time", NULL, buf, sizeof(buf) - 1);
	buf[n > 0 ? n : 0] = '\0';
	tap_note("after the failed swap: %s", buf);
	CHECK("the_old_binary_serves_again", strstr(buf, "/sbin/time") != NULL);
	uint64_t gaps[3];
	for (int i = 0; i < 3; i++) {
		long pid = uk_pid_of("time");
		uint64_t t0 = __rdtsc();
		kill((int)pid, SIGKILL);
		syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &ts);  /* waits for the successor */
		gaps[i] = ms_since(t0);
	}
	tap_note("restart pauses: %llu ms, %llu ms, %llu ms", (unsigned long long)gaps[0],
		 (unsigned long long)gaps[1], (unsigned long long)gaps[2]);
	CHECK("quick_deaths_are_restarted_after_growing_delays", gaps[2] >= 100 && gaps[2] > gaps[0]);
	return tap_end("t_supervise");
}
