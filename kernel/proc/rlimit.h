/* SPDX-License-Identifier: MIT */
/* Resource limits (rlimit.c): Linux's RLIMIT_* numbers and struct rlimit. */
#pragma once
#include "lib/types.h"

#define RLIMIT_CPU_ 0
#define RLIMIT_FSIZE_ 1
#define RLIMIT_DATA_ 2
#define RLIMIT_STACK_ 3
#define RLIMIT_CORE_ 4
#define RLIMIT_RSS_ 5
#define RLIMIT_NPROC_ 6
#define RLIMIT_NOFILE_ 7
#define RLIMIT_MEMLOCK_ 8
#define RLIMIT_AS_ 9
#define RLIMIT_LOCKS_ 10
#define RLIMIT_SIGPENDING_ 11
#define RLIMIT_MSGQUEUE_ 12
#define RLIMIT_NICE_ 13
#define RLIMIT_RTPRIO_ 14
#define RLIMIT_RTTIME_ 15
#define RLIM_NLIMITS 16
#define RLIM_INFINITY (~0ull)
#define RLIMIT_NOFILE_CEILING 65536  /* the most descriptors a process may ask for */

struct rlim {
	uint64_t cur, max;
};

struct proc;

/* The limits a process starts with (the first process; others inherit). */
void rlimit_defaults(struct proc *p);
/* prlimit64(pid, res, new, old) for me; 0 or -errno. */
long rlimit_prlimit(struct proc *me, int pid, unsigned res, uint64_t unew, uint64_t uold);
/* Starts (or stops) watching p's CPU time against RLIMIT_CPU. */
void rlimit_cpu_arm(struct proc *p);
/* Whether parent's user may have another process (RLIMIT_NPROC). */
bool rlimit_nproc_allows(const struct proc *parent);
/* Whether p may grow its address space by more_bytes (RLIMIT_AS). */
bool rlimit_as_allows(const struct proc *p, uint64_t more_bytes);
