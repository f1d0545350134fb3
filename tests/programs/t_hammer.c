// SPDX-License-Identifier: MIT
/* Every server hammered while it is killed, restarted and swapped back and
 * forth: a VFS client writes and reads files with checksums and appends
 * to a descriptor it keeps open; a time client counts the expiries of a
 * 2 ms periodic timer (with overruns) and reads a server-kept clock; a
 * security client switches its effective uid and reads its ids; a console
 * client writes lines. Meanwhile three rounds each crash every server
 * (SIGKILL), restart it through svc, swap it to /sbin/NAME-alt and back.
 * No call may fail, no timer expiry may be lost, the files must be
 * identical at the end. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <grp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "tap.h"
#include "uk.h"
#include "svc_client.h"
#include "proto/svc.h"

#define NFILES 8
#define FILE_BYTES 4096
#define PERIOD_NS 2000000ll

static const char *const servers[] = { "vfs", "time", "security", "console" };
static int only = -1;  /* argv[1]: hammer and kill one server only (for debugging) */

struct shared {
	volatile int stop;
	volatile int failures[4];
	volatile long ops[4];
	volatile long appended;      /* records the VFS client appended */
	volatile long expected_expiries, counted_expiries;
	char why[4][120];
};
static struct shared *sh;

static void fail(int who, const char *what, long i)
{
	if (!sh->failures[who]++)
		snprintf(sh->why[who], sizeof(sh->why[who]), "%s failed at op %ld (errno %d)", what, i,
			 errno);
}

static void pattern(uint8_t *buf, long round)
{
	for (int i = 0; i < FILE_BYTES; i++)
		buf[i] = (uint8_t)(round * 131 + i * 7);
}

static void vfs_client(void)
{
	static uint8_t buf[FILE_BYTES], back[FILE_BYTES];
	int log = open("/tmp/hammer_log", O_CREAT | O_RDWR | O_TRUNC | O_APPEND, 0644);
	if (log < 0)
		fail(0, "open log", 0);
	for (long i = 0; !sh->stop; i++) {
		char name[32];
		snprintf(name, sizeof(name), "/tmp/hammer_%ld", i % NFILES);
		pattern(buf, i);
		int fd = open(name, O_CREAT | O_WRONLY | O_TRUNC, 0644);
		if (fd < 0 || write(fd, buf, FILE_BYTES) != FILE_BYTES || close(fd) != 0)
			fail(0, "write file", i);
		fd = open(name, O_RDONLY);
		if (fd < 0 || read(fd, back, FILE_BYTES) != FILE_BYTES || close(fd) != 0 ||
		    memcmp(buf, back, FILE_BYTES) != 0)
			fail(0, "read back", i);
		if (write(log, &i, sizeof(i)) != sizeof(i))
			fail(0, "append", i);
		sh->appended = i + 1;
		sh->ops[0]++;
	}
	close(log);
}

static int64_t mono_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000ll + ts.tv_nsec;
}

static void time_client(void)
{
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGRTMIN);
	sigprocmask(SIG_BLOCK, &set, NULL);
	struct sigevent ev = { .sigev_notify = SIGEV_SIGNAL, .sigev_signo = SIGRTMIN };
	timer_t t;
	int64_t t0 = mono_ns() + PERIOD_NS;
	struct itimerspec its = { .it_value = { t0 / 1000000000, t0 % 1000000000 },
				  .it_interval = { 0, PERIOD_NS } };
	if (timer_create(CLOCK_MONOTONIC, &ev, &t) || timer_settime(t, TIMER_ABSTIME, &its, NULL))
		fail(1, "timer_create", 0);
	long counted = 0;
	struct timespec cpu, last_cpu = { 0, 0 };
	for (long i = 0; !sh->stop; i++) {
		siginfo_t si;
		if (sigwaitinfo(&set, &si) != SIGRTMIN) {
			fail(1, "sigwaitinfo", i);
			continue;
		}
		counted += 1 + si.si_overrun;
		if (counted > (mono_ns() - t0) / PERIOD_NS + 1)
			fail(1, "more expiries than periods", i);
		if ((i & 15) == 0) {  /* a clock the server answers */
			if (clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &cpu) != 0 ||
			    cpu.tv_sec * 1000000000ll + cpu.tv_nsec < last_cpu.tv_sec * 1000000000ll + last_cpu.tv_nsec)
				fail(1, "cpu clock", i);
			last_cpu = cpu;
		}
		sh->counted_expiries = counted;
		sh->ops[1]++;
	}
	/* Late is allowed (the server may lag or be restarting); lost is not:
	 * the count catches up with the periods that passed before the stop. */
	int64_t due = (mono_ns() - t0) / PERIOD_NS + 1;
	struct timespec wait = { 0, 100000000 };
	for (int tries = 0; counted < due && tries < 30; tries++) {
		siginfo_t si;
		if (sigtimedwait(&set, &si, &wait) == SIGRTMIN)
			counted += 1 + si.si_overrun;
	}
	if (counted < due)
		fail(1, "expiries lost", due - counted);
	sh->counted_expiries = counted;
	timer_delete(t);
}

static void security_client(void)
{
	gid_t g = 7, got[4];
	if (setgroups(1, &g) || setresgid(100, 100, 100) || setresuid(1000, 1000, 0))
		fail(2, "drop", 0);
	for (long i = 0; !sh->stop; i++) {
		if (getuid() != 1000 || geteuid() != 1000)
			fail(2, "getuid", i);
		if (seteuid(0) != 0 || geteuid() != 0 || seteuid(1000) != 0)
			fail(2, "seteuid", i);
		if (getgroups(4, got) != 1 || got[0] != 7 || getegid() != 100)
			fail(2, "groups", i);
		sh->ops[2]++;
	}
}

static void console_client(void)
{
	char line[64];
	for (long i = 0; !sh->stop; i++) {
		int n = snprintf(line, sizeof(line), "# hammer: console line %ld\n", i);
		if (write(1, line, (size_t)n) != n)
			fail(3, "console write", i);
		sh->ops[3]++;
		struct timespec d = { 0, 20000000 };
		nanosleep(&d, NULL);
	}
}

static void sleep_ms(long ms)
{
	struct timespec d = { ms / 1000, (ms % 1000) * 1000000 };
	while (nanosleep(&d, &d) != 0)
		;
}

/* Three rounds: crash each server, restart it, swap it to its -alt name and
 * back. A crash counts as quick if the server lived under a second, so the
 * rounds are spaced to keep init's crash-loop delay out of the way. */
static int killer(void)
{
	char buf[256], alt[64], path[64];
	int refused = 0;
	for (int round = 0; round < 3; round++) {
		for (int s = 0; s < 4; s++) {
			if (only >= 0 && s != only)
				continue;
			long pid = uk_pid_of(servers[s]);
			if (pid < 0 || kill((int)pid, SIGKILL) != 0)
				refused++;
		}
		sleep_ms(300);
		for (int s = 0; s < 4; s++)
			if (only < 0 || s == only)
				refused += svc_call(SVC_OP_RESTART, servers[s], NULL, buf, sizeof(buf)) < 0;
		sleep_ms(150);
		for (int s = 0; s < 4; s++) {
			if (only >= 0 && s != only)
				continue;
			snprintf(alt, sizeof(alt), "/sbin/%s-alt", servers[s]);
			refused += svc_call(SVC_OP_SWAP, servers[s], alt, buf, sizeof(buf)) < 0;
		}
		sleep_ms(150);
		for (int s = 0; s < 4; s++) {
			if (only >= 0 && s != only)
				continue;
			snprintf(path, sizeof(path), "/sbin/%s", servers[s]);
			refused += svc_call(SVC_OP_SWAP, servers[s], path, buf, sizeof(buf)) < 0;
		}
		sleep_ms(800);
	}
	return refused;
}

static int files_are_intact(void)
{
	static uint8_t buf[FILE_BYTES], back[FILE_BYTES];
	long n = sh->appended;
	for (long i = n - NFILES; i < n; i++) {  /* the last write of each file */
		if (i < 0)
			continue;
		char name[32];
		snprintf(name, sizeof(name), "/tmp/hammer_%ld", i % NFILES);
		pattern(buf, i);
		int fd = open(name, O_RDONLY);
		if (fd < 0 || read(fd, back, FILE_BYTES) != FILE_BYTES || memcmp(buf, back, FILE_BYTES))
			return 0;
		close(fd);
	}
	int log = open("/tmp/hammer_log", O_RDONLY);
	long rec, want = 0;
	while (log >= 0 && read(log, &rec, sizeof(rec)) == sizeof(rec))
		if (rec != want++)
			return 0;  /* a record lost or written twice */
	return want == n;
}

int main(int argc, char **argv)
{
	tap_begin();
	for (int i = 0; argc > 1 && i < 4; i++)
		if (!strcmp(argv[1], servers[i]))
			only = i;
	if (argc > 1 && only < 0)
		only = 4;  /* none */
	sh = mmap(NULL, sizeof(*sh), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	void (*clients[4])(void) = { vfs_client, time_client, security_client, console_client };
	pid_t pids[4];
	for (int i = 0; i < 4; i++)
		if ((pids[i] = fork()) == 0) {
			clients[i]();
			_exit(0);
		}
	sleep_ms(100);
	int refused = killer();
	sh->stop = 1;
	int clean = 1;
	for (int i = 0; i < 4; i++) {
		int st = 0;
		pid_t r = 0;
		for (int tries = 0; tries < 100 && r == 0; tries++) {
			r = waitpid(pids[i], &st, WNOHANG);
			if (r == 0)
				sleep_ms(50);
		}
		if (r == 0) {
			tap_note("%s client hangs after %ld calls; killing it", servers[i], sh->ops[i]);
			kill(pids[i], SIGKILL);
			waitpid(pids[i], &st, 0);
		}
		clean &= r == pids[i] && WIFEXITED(st) && WEXITSTATUS(st) == 0;
	}
	CHECK("hammer_every_kill_restart_and_swap_was_accepted", refused == 0);
	CHECK("hammer_clients_ended_normally", clean);
	for (int i = 0; i < 4; i++) {
		char name[64];
		snprintf(name, sizeof(name), "hammer_%s_client_saw_no_failed_call", servers[i]);
		CHECK(name, sh->failures[i] == 0 && sh->ops[i] > 0);
		tap_note("%s client: %ld calls, %d failed%s%s", servers[i], sh->ops[i], sh->failures[i],
			 sh->failures[i] ? ": " : "", sh->why[i]);
	}
	CHECK("hammer_files_identical_and_no_record_lost_or_doubled", files_are_intact());
	tap_note("timer expiries counted: %ld", sh->counted_expiries);
	return tap_end("t_hammer");
}
