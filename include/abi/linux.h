/* SPDX-License-Identifier: MIT */
/* Linux x86-64 system-call numbers this system serves: LINUX_NATIVE, the
 * calls the kernel runs itself (X(name, number)); LINUX_FORWARDED, the ones
 * that travel to a server (the table of which server is in
 * kernel/syscall/fwd_table.c); anything else is -ENOSYS. */
#pragma once

#define LINUX_NATIVE(X)                                                                  \
	X(mmap, 9) X(mprotect, 10) X(munmap, 11) X(brk, 12) X(rt_sigaction, 13)          \
	X(rt_sigprocmask, 14) X(rt_sigreturn, 15) X(rt_sigpending, 127) X(tkill, 200)                  \
	X(sched_yield, 24) X(mremap, 25) X(madvise, 28) X(getpid, 39) X(clone, 56)       \
	X(fork, 57) X(vfork, 58) X(wait4, 61)                                            \
	X(exit, 60) X(kill, 62) X(getppid, 110) X(getpriority, 140) X(setpriority, 141) X(mlock, 149) X(munlock, 150)           \
	X(mlockall, 151) X(munlockall, 152) X(arch_prctl, 158) X(gettid, 186)           \
	X(futex, 202) X(set_tid_address, 218) X(exit_group, 231) X(tgkill, 234)         \
	X(prctl, 157) X(seccomp, 317) X(pause, 34) X(rt_sigtimedwait, 128)      \
	X(rt_sigsuspend, 130) X(sigaltstack, 131)

#define LINUX_FORWARDED(X)                                                               \
	X(read, 0) X(write, 1) X(open, 2) X(close, 3) X(stat, 4) X(fstat, 5) X(lstat, 6)  \
	X(lseek, 8) X(ioctl, 16) X(pread64, 17) X(pwrite64, 18) X(readv, 19)            \
	X(writev, 20) X(access, 21) X(pipe, 22) X(dup, 32) X(dup2, 33) X(fcntl, 72)      \
	X(truncate, 76) X(ftruncate, 77) X(getcwd, 79) X(chdir, 80) X(fchdir, 81)        \
	X(rename, 82) X(mkdir, 83) X(rmdir, 84) X(creat, 85) X(unlink, 87)              \
	X(symlink, 88) X(readlink, 89) X(chmod, 90) X(fchmod, 91) X(umask, 95)          \
	X(statfs, 137) X(fstatfs, 138) X(getdents64, 217) X(openat, 257)                \
	X(mkdirat, 258) X(newfstatat, 262) X(unlinkat, 263) X(renameat, 264)            \
	X(symlinkat, 266) X(readlinkat, 267) X(fchmodat, 268) X(faccessat, 269)         \
	X(dup3, 292) X(pipe2, 293) X(preadv, 295) X(pwritev, 296) X(renameat2, 316)     \
	X(faccessat2, 439) X(execve, 59) X(nanosleep, 35)            \
	X(gettimeofday, 96) X(time, 201) X(clock_settime, 227) X(clock_gettime, 228)      \
	X(clock_getres, 229) X(clock_nanosleep, 230)

#define LINUX_NR_MAX 512

#define LINUX_NR_ENUM_(name, num) LINUX_NR_##name = num,
enum linux_nr { LINUX_NATIVE(LINUX_NR_ENUM_) LINUX_FORWARDED(LINUX_NR_ENUM_) };
#undef LINUX_NR_ENUM_
