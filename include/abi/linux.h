/* SPDX-License-Identifier: MIT */
/* The Linux x86-64 system-call numbers this system serves, as one list
 * (X(name, number)); the kernel's table and documentation come from it. */
#pragma once

#define LINUX_SYSCALLS(X) \
	X(write, 1) X(mmap, 9) X(mprotect, 10) X(munmap, 11) X(brk, 12)                 \
	X(rt_sigprocmask, 14) X(ioctl, 16) X(writev, 20) X(sched_yield, 24)             \
	X(mremap, 25) X(madvise, 28) X(getpid, 39) X(clone, 56) X(exit, 60)             \
	X(kill, 62) X(getppid, 110) X(mlock, 149) X(munlock, 150) X(mlockall, 151)      \
	X(munlockall, 152) X(arch_prctl, 158) X(gettid, 186) X(futex, 202)              \
	X(set_tid_address, 218) X(exit_group, 231) X(tgkill, 234)

#define LINUX_NR_MAX 512

#define LINUX_NR_ENUM_(name, num) LINUX_NR_##name = num,
enum linux_nr { LINUX_SYSCALLS(LINUX_NR_ENUM_) };
#undef LINUX_NR_ENUM_
