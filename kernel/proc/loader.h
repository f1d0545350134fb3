/* SPDX-License-Identifier: MIT */
/* Loading a static ELF64 program into a new process: segments, heap, stack,
 * and the Linux initial stack (argc, argv, envp, auxv) musl's startup reads. */
#pragma once
#include "lib/types.h"

struct proc;
struct thread;

struct exec_args {
	const char *const *argv;  /* kernel copies, NULL-terminated */
	const char *const *envp;
	bool share_initrd;        /* map the initrd read-only (AT_UK_INITRD_*) */
	bool suspended;           /* leave the first thread for the caller to start */
};

/* The initrd as the kernel found it; mapped into processes that ask. */
void loader_set_initrd(phys_t base, size_t size);
/* Validates image (which the caller keeps readable for the call) and starts
 * it as a child of parent. Returns the new process's pid, or a negative
 * errno (-ENOEXEC for a bad image, with *why set to a message). */
long loader_spawn(struct proc *parent, const void *image, size_t len,
		  const struct exec_args *args, const char **why);
/* execve: replaces p's program with image; t (the thread that called
 * execve, blocked in the kernel) starts it when it returns to user mode.
 * On failure p is unchanged. */
long loader_exec(struct proc *p, struct thread *t, const void *image, size_t len,
		 const struct exec_args *a, const char **why);
