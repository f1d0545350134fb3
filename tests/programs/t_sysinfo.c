// SPDX-License-Identifier: MIT
/* t_sysinfo: what the kernel reports and limits, checked against the Linux
 * man pages: uname, sysinfo, getrandom, the resource limits (prlimit64,
 * getrlimit, setrlimit, with RLIMIT_AS enforced), getrusage, times, and
 * the CPU-time clocks (of the process, a thread, another process). */
#define _GNU_SOURCE
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <sys/times.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "child.h"
#include "tap.h"

static void burn(int ms)
{
	struct timespec t0, t;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	do
		clock_gettime(CLOCK_MONOTONIC, &t);
	while ((t.tv_sec - t0.tv_sec) * 1000 + (t.tv_nsec - t0.tv_nsec) / 1000000 < ms);
}

static void names_and_memory(void)
{
	struct utsname u;
	CHECK("uname_succeeds", uname(&u) == 0);
	CHECK("uname_sysname_is_linux_and_machine_x86_64",
	      !strcmp(u.sysname, "Linux") && !strcmp(u.machine, "x86_64"));
	CHECK("uname_release_names_a_6_x_abi", !strncmp(u.release, "6.", 2));
	CHECK_ERRNO("uname_with_a_bad_pointer_is_efault", syscall(SYS_uname, (void *)8), EFAULT);
	struct sysinfo si;
	CHECK("sysinfo_succeeds", sysinfo(&si) == 0);
	CHECK("sysinfo_reports_memory_and_processes", si.totalram > 0 && si.freeram > 0 &&
	      si.freeram <= si.totalram && si.procs >= 5 && si.mem_unit >= 1);
}

static void random_bytes(void)
{
	unsigned char a[64], b[64];
	CHECK("getrandom_fills_the_buffer", getrandom(a, sizeof(a), 0) == (ssize_t)sizeof(a));
	CHECK("getrandom_twice_differs", getrandom(b, sizeof(b), GRND_NONBLOCK) == 64 &&
	      memcmp(a, b, sizeof(a)) != 0);
	CHECK_ERRNO("getrandom_with_unknown_flags_is_einval", getrandom(a, 8, 0x80), EINVAL);
	CHECK_ERRNO("getrandom_random_with_insecure_is_einval",
		    getrandom(a, 8, GRND_RANDOM | GRND_INSECURE), EINVAL);
	CHECK_ERRNO("getrandom_into_a_bad_pointer_is_efault", getrandom((void *)8, 8, 0), EFAULT);
}

static int lower_hard_then_raise(void)
{
	struct rlimit r = { 100, 200 };
	if (setrlimit(RLIMIT_NOFILE, &r))
		return 1;
	if (setuid(1000))
		return 2;
	r.rlim_max = 300;
	return setrlimit(RLIMIT_NOFILE, &r) == -1 && errno == EPERM ? 0 : 3;
}

static int address_space_limit(void)
{
	struct rlimit r = { 64 << 20, 64 << 20 };
	if (setrlimit(RLIMIT_AS, &r))
		return 1;
	void *p = mmap(NULL, 128 << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	return p == MAP_FAILED && errno == ENOMEM ? 0 : 2;
}

static int nproc_limit(void)
{
	struct rlimit r = { 1, 1 };
	if (setuid(1000) || setrlimit(RLIMIT_NPROC, &r))
		return 1;
	return fork() == -1 && errno == EAGAIN ? 0 : 2;  /* it is its uid's one process */
}

static int cpu_limit(void)
{
	struct rlimit r = { 1, 2 };
	setrlimit(RLIMIT_CPU, &r);
	for (volatile unsigned long i = 0;; i++)
		if (i == ~0ul)
			break;
	return 0;
}

static void limits(void)
{
	struct rlimit r;
	CHECK("getrlimit_nofile_has_a_soft_and_hard_limit",
	      getrlimit(RLIMIT_NOFILE, &r) == 0 && r.rlim_cur > 0 && r.rlim_cur <= r.rlim_max);
	CHECK("the_core_limit_is_zero", getrlimit(RLIMIT_CORE, &r) == 0 && r.rlim_cur == 0);
	struct rlimit bad = { 10, 5 };
	CHECK_ERRNO("setrlimit_with_cur_above_max_is_einval", setrlimit(RLIMIT_NOFILE, &bad), EINVAL);
	CHECK_ERRNO("getrlimit_of_an_unknown_resource_is_einval", getrlimit(99, &r), EINVAL);
	CHECK_ERRNO("prlimit_of_no_process_is_esrch", prlimit(999999, RLIMIT_NOFILE, NULL, &r), ESRCH);
	CHECK("raising_the_hard_limit_as_an_ordinary_user_is_eperm", EXITED_0(in_child(lower_hard_then_raise)));
	CHECK("rlimit_as_makes_a_large_mmap_fail_with_enomem", EXITED_0(in_child(address_space_limit)));
	CHECK("rlimit_nproc_makes_fork_fail_with_eagain", EXITED_0(in_child(nproc_limit)));
	CHECK("rlimit_cpu_sends_sigxcpu_past_the_soft_limit", KILLED_BY(in_child(cpu_limit), SIGXCPU));
}

static void *spin_thread(void *arg)
{
	(void)arg;
	burn(30);
	clockid_t c;
	struct timespec ts;
	pthread_getcpuclockid(pthread_self(), &c);
	clock_gettime(c, &ts);
	return (void *)(long)(ts.tv_sec * 1000 + ts.tv_nsec / 1000000);
}

static void cpu_clocks(void)
{
	struct timespec a, b;
	burn(30);
	CHECK("clock_process_cputime_advances", clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &a) == 0 &&
	      (a.tv_sec > 0 || a.tv_nsec > 20000000));
	burn(10);
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &b);
	CHECK("clock_process_cputime_is_monotonic", b.tv_sec > a.tv_sec ||
	      (b.tv_sec == a.tv_sec && b.tv_nsec > a.tv_nsec));
	pthread_t t;
	void *ms;
	pthread_create(&t, NULL, spin_thread, NULL);
	pthread_join(t, &ms);
	CHECK("a_threads_cpu_clock_counts_that_thread", (long)ms >= 25 && (long)ms < 1000);
	pid_t pid = fork();
	if (pid == 0) {
		burn(30);
		for (;;)
			pause();
	}
	usleep(100000);
	clockid_t c;
	CHECK("clock_getcpuclockid_of_a_child_succeeds", clock_getcpuclockid(pid, &c) == 0);
	CHECK("another_process_cpu_clock_reads_its_time", clock_gettime(c, &a) == 0 &&
	      (a.tv_sec > 0 || a.tv_nsec > 20000000));
	kill(pid, SIGKILL);
	int st;
	waitpid(pid, &st, 0);
	CHECK_ERRNO("the_cpu_clock_of_a_gone_process_is_einval", clock_gettime(c, &a), EINVAL);
	struct rusage ru;
	CHECK("getrusage_children_counts_the_waited_child", getrusage(RUSAGE_CHILDREN, &ru) == 0 &&
	      ru.ru_utime.tv_sec * 1000000 + ru.ru_utime.tv_usec >= 20000);
	CHECK("getrusage_self_reports_cpu_and_maxrss", getrusage(RUSAGE_SELF, &ru) == 0 &&
	      ru.ru_utime.tv_sec * 1000000 + ru.ru_utime.tv_usec >= 40000 && ru.ru_maxrss > 0);
	CHECK_ERRNO("getrusage_of_an_unknown_who_is_einval", getrusage(5, &ru), EINVAL);
	struct tms tm;
	clock_t now = times(&tm);
	CHECK("times_counts_clock_ticks_and_cpu", now != (clock_t)-1 && tm.tms_utime >= 4 &&
	      tm.tms_cutime >= 2);
}

int main(void)
{
	tap_begin();
	names_and_memory();
	random_bytes();
	limits();
	cpu_clocks();
	return tap_end("t_sysinfo");
}
