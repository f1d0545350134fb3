// SPDX-License-Identifier: MIT
/* Supervision edge cases: a swap to a binary that never becomes ready is
 * rolled back and the old server keeps serving; a server that keeps dying
 * is restarted with growing delays instead of in a busy loop; only root
 * holding the service-control capability may change a server, and a swap
 * takes only binaries root could have installed; `svc kill` is a crash;
 * a stopped server's callers get ENOSYS instead of waiting for ever (last:
 * the time server stays stopped). */
#define _GNU_SOURCE
#include <fcntl.h>
#include <grp.h>
#include <sys/stat.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <time.h>
#include <x86intrin.h>
#include "child.h"
#include "tap.h"
#include "uk.h"
#include "svc_client.h"
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
	      svc_call(SVC_OP_SWAP, "security", "/tmp/security-new", buf, sizeof(buf)) >= 0);
	int asked = setresuid(-1, -1, -1);  /* a call the server answers: waits for the new one */
	long n = svc_call(SVC_OP_STATUS, "security", NULL, buf, sizeof(buf) - 1);
	buf[n > 0 ? n : 0] = '\0';
	CHECK("the_server_from_the_vfs_serves", asked == 0 && strstr(buf, "/tmp/security-new") != NULL);
	CHECK("and_swaps_back_to_the_initrd_binary",
	      svc_call(SVC_OP_SWAP, "security", "/sbin/security", buf, sizeof(buf)) >= 0 &&
	      setresuid(-1, -1, -1) == 0);
	CHECK_ERRNO("the_vfs_cannot_be_swapped_to_a_file_it_holds",
		    svc_call(SVC_OP_SWAP, "vfs", "/tmp/security-new", buf, sizeof(buf)), ENOENT);
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
	      svc_call(SVC_OP_SWAP, "vfs", "/sbin/vfs-v2", buf, sizeof(buf)) >= 0);
	fd = open("/tmp/kept", O_RDONLY);  /* waits for whichever VFS serves */
	CHECK("the_file_is_still_there_after_the_roll_back",
	      fd >= 0 && read(fd, back, sizeof(back)) == 4 && !memcmp(back, "kept", 4) && close(fd) == 0);
	long n = svc_call(SVC_OP_STATUS, "vfs", NULL, buf, sizeof(buf) - 1);
	buf[n > 0 ? n : 0] = '\0';
	const char *at = strstr(buf, "/sbin/vfs");
	CHECK("the_old_vfs_binary_serves_again", at != NULL && at[9] != '-');
	tap_note("after the refused swap: %s", buf);
	unlink("/tmp/kept");
}

static int drop_to_uid_1000(void)
{
	gid_t g = 1000;
	return setgroups(1, &g) || setresgid(1000, 1000, 1000) || setresuid(1000, 1000, 1000);
}

static int unprivileged_svc(void)
{
	char buf[256];
	if (drop_to_uid_1000())
		return 10;
	if (svc_call(SVC_OP_STATUS, "time", NULL, buf, sizeof(buf)) <= 0)
		return 11;  /* reading is fine */
	unsigned ops[] = { SVC_OP_RESTART, SVC_OP_STOP, SVC_OP_KILL, SVC_OP_SWAP };
	for (unsigned i = 0; i < 4; i++)
		if (svc_call(ops[i], "time", "/sbin/time", buf, sizeof(buf)) != -1 || errno != EPERM)
			return 20 + (int)i;
	return 0;
}

/* Drops the service-control capability (found by its badge), then asks. */
static int without_the_capability(void)
{
	char buf[64];
	struct cap_info ci;
	for (int slot = 1; slot < CAP_SLOTS; slot++)
		if (uk_cap_info(slot, &ci) == 0 && ci.badge == SVC_BADGE)
			uk_cap_delete(slot);
	return svc_call(SVC_OP_LIST, "", NULL, buf, sizeof(buf)) == -1 && errno == EPERM ? 0 : 1;
}

static int child_reads_status(void)
{
	char buf[256];
	return svc_call(SVC_OP_STATUS, "vfs", NULL, buf, sizeof(buf)) > 0 ? 0 : 1;
}

/* A binary uid 1000 wrote (into sticky /tmp) is refused for a swap. */
static int user_writes_a_binary(void)
{
	return drop_to_uid_1000() || copy("/sbin/security", "/tmp/user-security") ? 1 : 0;
}

static void authority(void)
{
	char buf[256];
	CHECK("svc_control_by_uid_1000_is_eperm_and_status_works", EXITED_0(in_child(unprivileged_svc)));
	CHECK("svc_without_the_capability_is_eperm", EXITED_0(in_child(without_the_capability)));
	CHECK("a_forked_child_inherits_the_capability", EXITED_0(in_child(child_reads_status)));
	CHECK("uid_1000_writes_a_binary_into_tmp", EXITED_0(in_child(user_writes_a_binary)));
	CHECK_ERRNO("swap_to_a_binary_uid_1000_wrote_is_eperm",
		    svc_call(SVC_OP_SWAP, "security", "/tmp/user-security", buf, sizeof(buf)), EPERM);
	CHECK("a_root_binary_anyone_may_write", copy("/sbin/security", "/tmp/open-security") == 0 &&
						  chmod("/tmp/open-security", 0777) == 0);
	CHECK_ERRNO("swap_to_a_world_writable_binary_is_eperm",
		    svc_call(SVC_OP_SWAP, "security", "/tmp/open-security", buf, sizeof(buf)), EPERM);
	CHECK_ERRNO("swap_to_a_relative_path_is_enoent",
		    svc_call(SVC_OP_SWAP, "security", "sbin/security", buf, sizeof(buf)), ENOENT);
	CHECK_ERRNO("svc_of_an_unknown_server_is_esrch",
		    svc_call(SVC_OP_RESTART, "nosuch", NULL, buf, sizeof(buf)), ESRCH);
	CHECK("uid_is_still_0_after_the_refused_swaps", setresuid(-1, -1, -1) == 0 && getuid() == 0);
	unlink("/tmp/user-security");
	unlink("/tmp/open-security");
}

/* The restart count in `svc status` of name. */
static int restarts_of(const char *name)
{
	char buf[256];
	int n = -1;
	long len = svc_call(SVC_OP_STATUS, name, NULL, buf, sizeof(buf) - 1);
	buf[len > 0 ? len : 0] = '\0';
	const char *at = strstr(buf, "restarts");
	return at && sscanf(at, "restarts %d", &n) == 1 ? n : -1;
}

/* svc kill: SIGKILL at once, and init restarts the server as after a crash. */
static void kill_is_a_crash(void)
{
	char buf[64];
	long old = uk_pid_of("security");
	int before = restarts_of("security");
	CHECK("svc_kill_is_accepted", svc_call(SVC_OP_KILL, "security", NULL, buf, sizeof(buf)) >= 0);
	int asked = setresuid(-1, -1, -1);  /* a call the server answers: waits for the successor */
	long now = uk_pid_of("security");
	CHECK("svc_kill_ends_the_server_and_a_successor_serves", asked == 0 && now > 0 && now != old);
	CHECK("svc_kill_counts_as_a_restart", restarts_of("security") == before + 1);
}

static int sleep_through_the_stop(void)
{
	struct timespec ts = { 30, 0 };
	long r = syscall(SYS_nanosleep, &ts, NULL);
	return r == -1 && errno == ENOSYS ? 0 : 1;
}

/* Last: svc stop time. A sleeper gets ENOSYS, and so does a later call. */
static void stop_gives_callers_an_error(void)
{
	char buf[64];
	struct timespec ts;
	pid_t pid = fork();
	if (pid == 0)
		_exit(sleep_through_the_stop());
	usleep(100000);
	uint64_t t0 = __rdtsc();
	CHECK("svc_stop_is_accepted", svc_call(SVC_OP_STOP, "time", NULL, buf, sizeof(buf)) >= 0);
	int st = -1;
	CHECK("a_sleeper_in_a_stopped_server_gets_enosys", waitpid(pid, &st, 0) == pid && EXITED_0(st));
	CHECK("within_a_second", ms_since(t0) < 1000);
	CHECK_ERRNO("a_later_call_to_the_stopped_server_gets_enosys",
		    syscall(SYS_clock_getres, CLOCK_MONOTONIC, &ts), ENOSYS);
	CHECK_ERRNO("a_stopped_server_cannot_be_restarted",
		    svc_call(SVC_OP_RESTART, "time", NULL, buf, sizeof(buf)), ESRCH);
}

int main(void)
{
	tap_begin();
	swap_from_the_vfs();
	swap_to_an_incompatible_state_version();
	char buf[256] = "";
	struct timespec ts;
	CHECK("swap_to_a_broken_binary_is_accepted", svc_call(SVC_OP_SWAP, "time", "/bin/t_true", buf, sizeof(buf)) >= 0);
	CHECK("time_still_answers_after_the_roll_back", syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &ts) == 0);
	long n = svc_call(SVC_OP_STATUS, "time", NULL, buf, sizeof(buf) - 1);
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
	authority();
	kill_is_a_crash();
	stop_gives_callers_an_error();
	return tap_end("t_supervise");
}
