/* SPDX-License-Identifier: MIT */
/* The native system calls of this kernel (beside the Linux x86-64 ABI it
 * serves or forwards). Numbers start at UK_SYS_BASE, far above Linux's.
 * Calling convention is Linux's: number in rax, arguments in rdi, rsi, rdx,
 * r10, r8, r9; result in rax, negative errno on failure. */
#pragma once
#include <stdint.h>

#define UK_SYS_BASE 0x1000

/* X(name, number, arguments) — one list yields the enum, the kernel's table
 * and the user wrappers. */
#define UK_SYSCALLS(X)                                                            \
	/* spawn(image, len, argv, envp, flags): loads a static ELF64 from the      \
	 * caller's memory into a new process; returns its handle (> 0). */          \
	X(spawn, 0, "const void *image, size_t len, char *const argv[], char *const envp[], unsigned flags") \
	/* wait(handle, int *status, flags): waits for a child (handle -1: any);   \
	 * returns the handle it reaped; status in wait(2) encoding. */              \
	X(wait, 1, "long handle, int *status, unsigned flags")                        \
	/* meminfo(struct uk_meminfo *out): frame counts and the caller's RSS. */   \
	X(meminfo, 2, "struct uk_meminfo *out")                                      \
	/* procinfo(handle, struct uk_procinfo *out): state, parent, CPU time. */   \
	X(procinfo, 3, "long handle, struct uk_procinfo *out")

#define UK_SYS_ENUM_(name, num, args) UK_SYS_##name = UK_SYS_BASE + (num),
enum uk_syscall { UK_SYSCALLS(UK_SYS_ENUM_) UK_SYS_END };
#undef UK_SYS_ENUM_

/* spawn flags */
#define UK_SPAWN_SHARE_INITRD 0x1  /* map the caller's initrd view into the child */

/* wait flags */
#define UK_WAIT_NOHANG 0x1

struct uk_meminfo {
	uint64_t page_size;
	uint64_t total_frames;
	uint64_t free_frames;
	uint64_t used_frames;
	uint64_t rss_pages;      /* the caller's resident pages */
	uint64_t locked_pages;   /* the caller's mlocked pages */
};
_Static_assert(sizeof(struct uk_meminfo) == 48, "uk_meminfo layout");

struct uk_procinfo {
	int32_t pid, ppid;
	int32_t state;           /* UK_PROC_* */
	int32_t nthreads;
	uint64_t cpu_ns;         /* CPU time of all threads */
	int32_t exit_status;     /* wait(2) encoding, when state is UK_PROC_ZOMBIE */
	int32_t reserved;
};
_Static_assert(sizeof(struct uk_procinfo) == 32, "uk_procinfo layout");

#define UK_PROC_RUNNING 1
#define UK_PROC_ZOMBIE 2
