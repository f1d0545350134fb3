// SPDX-License-Identifier: MIT
/* seccomp(2): strict mode (read, write, exit and rt_sigreturn only; any
 * other call is SIGKILL); a filter laid out as libseccomp lays one out
 * for x86-64 (arch check, x32 check, a chain of syscall numbers) with
 * ERRNO, TRAP (SIGSYS with the syscall in siginfo), KILL_PROCESS and
 * ALLOW; filters inherited by children and stacked; NO_NEW_PRIVS needed
 * by an unprivileged process; malformed programs refused with EINVAL. */
#define _GNU_SOURCE
#include <pthread.h>
#include <signal.h>
#include <time.h>
#include <stddef.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include "child.h"
#include "tap.h"

/* The Linux UAPI definitions (musl's headers do not carry linux/). */
struct sock_filter { unsigned short code; unsigned char jt, jf; unsigned int k; };
struct sock_fprog { unsigned short len; struct sock_filter *filter; };
struct seccomp_data { int nr; unsigned arch; unsigned long long ip, args[6]; };
#define BPF_LD 0x00
#define BPF_W 0x00
#define BPF_ABS 0x20
#define BPF_JMP 0x05
#define BPF_JA 0x00
#define BPF_JEQ 0x10
#define BPF_JGE 0x30
#define BPF_K 0x00
#define BPF_RET 0x06
#define BPF_STMT(code, k) { (unsigned short)(code), 0, 0, k }
#define BPF_JUMP(code, k, jt, jf) { (unsigned short)(code), jt, jf, k }
#define AUDIT_ARCH_X86_64 0xC000003Eu
#define SECCOMP_MODE_STRICT 1
#define SECCOMP_SET_MODE_STRICT 0
#define SECCOMP_SET_MODE_FILTER 1
#define SECCOMP_RET_KILL_PROCESS 0x80000000u
#define SECCOMP_RET_TRAP 0x00030000u
#define SECCOMP_RET_ERRNO 0x00050000u
#define SECCOMP_RET_ALLOW 0x7fff0000u
#define SECCOMP_RET_KILL_THREAD 0x00000000u

#define NR_OFF offsetof(struct seccomp_data, nr)
#define ARCH_OFF offsetof(struct seccomp_data, arch)

static int install(struct sock_filter *f, unsigned short n)
{
	struct sock_fprog prog = { n, f };
	return (int)syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog);
}

/* getpid -> ERRNO(EPERM), getppid -> TRAP, uname -> KILL_PROCESS, else ALLOW. */
static int libseccomp_style(void)
{
	struct sock_filter f[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, ARCH_OFF),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_X86_64, 1, 0),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS),
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, NR_OFF),
		BPF_JUMP(BPF_JMP | BPF_JGE | BPF_K, 0x40000000, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_getpid, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EPERM),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_getppid, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_TRAP | 7),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_uname, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	return install(f, sizeof(f) / sizeof(f[0]));
}

static volatile int trapped_nr = -1, trapped_code = -1, trapped_errno = -1;

static void on_sigsys(int sig, siginfo_t *si, void *uc)
{
	(void)sig, (void)uc;
	trapped_nr = si->si_syscall;
	trapped_code = si->si_code;
	trapped_errno = si->si_errno;
}

static int strict_allows_write_then_kills(void)
{
	if (prctl(PR_SET_SECCOMP, SECCOMP_MODE_STRICT))
		return 1;
	write(1, "", 0);
	syscall(SYS_getpid);
	syscall(SYS_exit, 0);   /* not reached: getpid was SIGKILL */
	return 2;
}

static int strict_exit_is_allowed(void)
{
	if (syscall(SYS_seccomp, SECCOMP_SET_MODE_STRICT, 0, NULL))
		return 1;
	syscall(SYS_exit, 0);
	return 2;
}

static int errno_and_trap(void)
{
	struct sigaction sa = { .sa_sigaction = on_sigsys, .sa_flags = SA_SIGINFO };
	sigaction(SIGSYS, &sa, NULL);
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) || libseccomp_style())
		return 1;
	if (syscall(SYS_getpid) != -1 || errno != EPERM)
		return 2;
	syscall(SYS_getppid);
	if (trapped_nr != SYS_getppid || trapped_code != 1 /* SYS_SECCOMP */ || trapped_errno != 7)
		return 3;
	pid_t p = fork();   /* the filter goes with the child */
	if (p == 0)
		_exit(syscall(SYS_getpid) == -1 && errno == EPERM ? 0 : 1);
	int st;
	return waitpid(p, &st, 0) == p && EXITED_0(st) ? 0 : 4;
}

static int kill_process_action(void)
{
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) || libseccomp_style())
		return 1;
	syscall(SYS_uname, NULL);
	return 2;
}

static int filters_stack(void)
{
	struct sock_filter deny_gettid[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, NR_OFF),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_gettid, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EACCES),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) || libseccomp_style() || install(deny_gettid, 4))
		return 1;
	if (syscall(SYS_gettid) != -1 || errno != EACCES)
		return 2;   /* the new filter */
	return syscall(SYS_getpid) == -1 && errno == EPERM ? 0 : 3;  /* the old one still runs */
}

static int unprivileged_needs_no_new_privs(void)
{
	struct sock_filter allow[] = { BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW) };
	if (setuid(1000))
		return 1;
	if (install(allow, 1) != -1 || errno != EACCES)
		return 2;
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) || prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0) != 1)
		return 3;
	return install(allow, 1) == 0 && prctl(PR_GET_SECCOMP, 0, 0, 0, 0) == 2 ? 0 : 4;
}

/* getppid -> KILL_THREAD, else ALLOW. */
static int kill_thread_filter(void)
{
	struct sock_filter f[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, NR_OFF),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_getppid, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_THREAD),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	return prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) || install(f, 4);
}

static void *doomed(void *arg)
{
	(void)arg;
	syscall(SYS_getppid);
	return (void *)1;  /* not reached */
}

/* The thread dies; the process goes on. */
static int kill_thread_ends_only_the_thread(void)
{
	pthread_t t;
	if (kill_thread_filter() || pthread_create(&t, NULL, doomed, NULL))
		return 1;
	struct timespec d = { 0, 50000000 };
	nanosleep(&d, NULL);
	return 0;
}

/* The last thread: the process ends with SIGSYS, as on Linux. */
static int kill_thread_of_the_last_thread(void)
{
	if (kill_thread_filter())
		return 1;
	syscall(SYS_getppid);
	return 2;
}

static int malformed_filters_are_einval(void)
{
	struct sock_filter jump_out[] = {
		BPF_JUMP(BPF_JMP | BPF_JA, 5, 0, 0),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_filter no_ret[] = { BPF_STMT(BPF_LD | BPF_W | BPF_ABS, NR_OFF) };
	struct sock_filter unaligned[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, 2),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
	if (install(jump_out, 2) != -1 || errno != EINVAL || install(no_ret, 1) != -1 || errno != EINVAL)
		return 1;
	if (install(unaligned, 2) != -1 || errno != EINVAL || install(no_ret, 0) != -1 || errno != EINVAL)
		return 2;
	struct sock_fprog bad = { 1, (struct sock_filter *)8 };
	if (syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &bad) != -1 || errno != EFAULT)
		return 3;
	return prctl(PR_GET_SECCOMP, 0, 0, 0, 0) == 0 ? 0 : 4;  /* nothing was installed */
}

int main(void)
{
	tap_begin();
	int st = in_child(strict_allows_write_then_kills);
	CHECK("seccomp_strict_mode_kills_other_calls_with_sigkill", KILLED_BY(st, SIGKILL));
	CHECK("seccomp_strict_mode_allows_exit", EXITED_0(in_child(strict_exit_is_allowed)));
	st = in_child(errno_and_trap);
	CHECK("seccomp_filter_errno_trap_and_inheritance", EXITED_0(st));
	if (!EXITED_0(st))
		tap_note("errno_and_trap: status 0x%x", st);
	st = in_child(kill_process_action);
	CHECK("seccomp_kill_process_ends_with_sigsys", KILLED_BY(st, SIGSYS));
	CHECK("seccomp_filters_stack", EXITED_0(in_child(filters_stack)));
	CHECK("seccomp_kill_thread_ends_only_that_thread",
	      EXITED_0(in_child(kill_thread_ends_only_the_thread)));
	CHECK("seccomp_kill_thread_of_the_last_thread_ends_the_process_with_sigsys",
	      KILLED_BY(in_child(kill_thread_of_the_last_thread), SIGSYS));
	st = in_child(unprivileged_needs_no_new_privs);
	CHECK("seccomp_unprivileged_needs_no_new_privs", EXITED_0(st));
	if (!EXITED_0(st))
		tap_note("no_new_privs: status 0x%x", st);
	st = in_child(malformed_filters_are_einval);
	CHECK("seccomp_malformed_filters_are_refused", EXITED_0(st));
	if (!EXITED_0(st))
		tap_note("malformed: status 0x%x", st);
	return tap_end("t_seccomp");
}
