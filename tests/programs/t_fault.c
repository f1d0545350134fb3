// SPDX-License-Identifier: MIT
/* t_fault: a faulting process dies with the Linux signal for its fault and
 * its parent sees that through uk_wait. The parent spawns its own image
 * from the initrd with a mode in argv[1]; each child mode does one bad
 * thing. Run by hand on Linux, `t_fault segv_ro` etc. show the child side. */
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include "tap.h"
#include "uk.h"

#define SELF "/bin/t_fault"

/* Writes to a read-only anonymous mapping: SIGSEGV. */
static void child_segv_ro(void)
{
	volatile char *p = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return;
	*p = 1;
}

/* Reads address 0, hidden from the compiler: SIGSEGV. */
static void child_segv_null(void)
{
	volatile uintptr_t zero = 0;
	(void)*(volatile int *)zero;
}

/* Executes ud2: SIGILL. */
static void child_ill(void)
{
	__asm__ volatile("ud2");
}

/* Divides by a zero the compiler cannot see: SIGFPE. */
static void child_fpe(void)
{
	volatile int zero = 0;
	int divisor = zero;
	__asm__ volatile("xorl %%edx, %%edx\n\tmovl $1, %%eax\n\tidivl %0"
			 : : "r"(divisor) : "eax", "edx", "cc");
}

/* Runs child mode; returns the exit status for a mode that survives. */
static int child_main(const char *mode)
{
	if (strcmp(mode, "exit3") == 0)
		return 3;
	if (strcmp(mode, "segv_ro") == 0)
		child_segv_ro();
	else if (strcmp(mode, "segv_null") == 0)
		child_segv_null();
	else if (strcmp(mode, "ill") == 0)
		child_ill();
	else if (strcmp(mode, "fpe") == 0)
		child_fpe();
	printf("t_fault: child %s survived\n", mode);
	return 100;
}

/* Spawns this program in mode; returns its wait status, or -1. */
static int run_child(const char *name, char *mode)
{
	char *argv[] = { SELF, mode, NULL };
	char *envp[] = { NULL };
	int status = 0;
	char tn[80];

	snprintf(tn, sizeof(tn), "%s_child_spawns", name);
	long h = uk_spawn_path(SELF, argv, envp, 0);
	if (!CHECK(tn, h > 0))
		return -1;
	snprintf(tn, sizeof(tn), "%s_child_is_reaped", name);
	if (!CHECK(tn, uk_wait(h, &status, 0) == h))
		return -1;
	tap_note("child %s: wait status 0x%x", mode, status);
	return status;
}

/* Checks that the child in mode was killed by sig (named sig_name). */
static void expect_signal(const char *name, char *mode, int sig, const char *sig_name)
{
	char tn[80];
	int st = run_child(name, mode);
	if (st < 0)
		return;
	snprintf(tn, sizeof(tn), "%s_child_dies_by_%s", name, sig_name);
	CHECK(tn, WIFSIGNALED(st) && WTERMSIG(st) == sig);
}

int main(int argc, char *argv[])
{
	if (argc > 1)
		return child_main(argv[1]);
	tap_begin();
	int st = run_child("fault_exit3", "exit3");
	if (st >= 0)
		CHECK("fault_exit3_child_status_is_3", WIFEXITED(st) && WEXITSTATUS(st) == 3);
	expect_signal("fault_write_read_only", "segv_ro", SIGSEGV, "sigsegv");
	expect_signal("fault_read_null", "segv_null", SIGSEGV, "sigsegv");
	expect_signal("fault_ud2", "ill", SIGILL, "sigill");
	expect_signal("fault_divide_by_zero", "fpe", SIGFPE, "sigfpe");
	return tap_end("t_fault");
}
