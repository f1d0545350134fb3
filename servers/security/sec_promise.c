// SPDX-License-Identifier: MIT
/* Promise parsing and the syscall table of pledge: one designated-initializer
 * array indexed by Linux x86-64 syscall number holds each call's name and
 * the promises that allow it, so names and promises cannot disagree.
 * Entry points are declared in sec_promise.h.
 *
 * Mapping follows OpenBSD's pledge(2) and kern_pledge.c. A call whose
 * arguments decide (open flags, kill target, clone flags, PROT_EXEC, ioctl
 * request) carries every promise that allows some form of it; the narrower
 * check is made by the kernel or the VFS. A call not in the table is never
 * allowed while pledged. */
#include <errno.h>
#include <string.h>
#include "sec_promise.h"

#define P(name) ((uint64_t)1 << PLEDGE_##name)
#define STDIO P(stdio)
#define RPATH P(rpath)
#define WPATH P(wpath)
#define CPATH P(cpath)
#define TMPPATH P(tmppath)
#define FATTR P(fattr)
#define CHOWN P(chown)
#define PROC P(proc)
#define EXEC P(exec)
#define ID P(id)
#define SETTIME P(settime)
#define UNVEIL P(unveil)
/* Allowed whatever the promises, even "". Above every promise bit. */
#define ALWAYS ((uint64_t)1 << 63)
_Static_assert(PLEDGE_NPROMISES < 63, "promise bits collide with ALWAYS");

#define OPENS (RPATH | WPATH | CPATH | TMPPATH)  /* flags and /tmp: VFS */
#define STATS (RPATH | WPATH | TMPPATH)          /* stat family; tmppath: /tmp only */
#define LOOKS (RPATH | WPATH)                    /* access, readlink, getcwd */

struct sec_call {
	const char *name;
	uint64_t need;  /* promises any of which allows the call, or ALWAYS */
};

#define E(nr, call, promises) [nr] = { #call, promises },
static const struct sec_call calls[SEC_NR_MAX] = {
	E(0, read, STDIO)
	E(1, write, STDIO)
	E(2, open, OPENS)
	E(3, close, STDIO)
	E(4, stat, STATS)
	E(5, fstat, STDIO)
	E(6, lstat, STATS)
	E(8, lseek, STDIO)
	E(9, mmap, STDIO)               /* PROT_EXEC needs prot_exec: kernel */
	E(10, mprotect, STDIO)          /* likewise */
	E(11, munmap, STDIO)
	E(12, brk, STDIO)
	E(13, rt_sigaction, STDIO)
	E(14, rt_sigprocmask, STDIO)
	E(15, rt_sigreturn, ALWAYS)     /* a handler must be able to return */
	E(16, ioctl, STDIO)             /* FIONREAD etc.; tty requests: VFS */
	E(17, pread64, STDIO)
	E(18, pwrite64, STDIO)
	E(19, readv, STDIO)
	E(20, writev, STDIO)
	E(21, access, LOOKS)
	E(22, pipe, STDIO)
	E(24, sched_yield, STDIO)
	E(25, mremap, STDIO)
	E(28, madvise, STDIO)
	E(32, dup, STDIO)
	E(33, dup2, STDIO)
	E(34, pause, STDIO)             /* sigsuspend with the current mask */
	E(35, nanosleep, STDIO)
	E(36, getitimer, STDIO)
	E(37, alarm, STDIO)             /* setitimer(ITIMER_REAL) */
	E(38, setitimer, STDIO)
	E(39, getpid, STDIO)
	E(56, clone, STDIO | PROC)      /* threads; fork-like flags need proc: kernel */
	E(57, fork, PROC)
	E(58, vfork, PROC)
	E(59, execve, EXEC)
	E(60, exit, ALWAYS)
	E(61, wait4, STDIO)
	E(62, kill, STDIO | PROC)       /* self with stdio, others with proc: kernel */
	E(63, uname, STDIO)             /* OpenBSD's uname(3) sysctls are stdio */
	E(72, fcntl, STDIO)             /* locks need flock: VFS */
	E(76, truncate, WPATH)
	E(77, ftruncate, STDIO)
	E(79, getcwd, LOOKS)
	E(80, chdir, RPATH)
	E(81, fchdir, STDIO)
	E(82, rename, CPATH)
	E(83, mkdir, CPATH)
	E(84, rmdir, CPATH)
	E(85, creat, CPATH | TMPPATH)   /* open(O_CREAT|O_WRONLY|O_TRUNC) */
	E(86, link, CPATH)
	E(87, unlink, CPATH | TMPPATH)
	E(88, symlink, CPATH)
	E(89, readlink, LOOKS)
	E(90, chmod, FATTR | TMPPATH)   /* tmppath: under /tmp only, VFS */
	E(91, fchmod, FATTR)
	E(92, chown, FATTR | CHOWN)     /* fattr: group only, no owner change */
	E(93, fchown, FATTR | CHOWN)
	E(94, lchown, FATTR | CHOWN)
	E(95, umask, STDIO)
	E(96, gettimeofday, STDIO)
	E(102, getuid, STDIO)
	E(104, getgid, STDIO)
	E(105, setuid, ID)
	E(106, setgid, ID)
	E(107, geteuid, STDIO)
	E(108, getegid, STDIO)
	E(109, setpgid, PROC)
	E(110, getppid, STDIO)
	E(111, getpgrp, STDIO)
	E(112, setsid, PROC)
	E(113, setreuid, ID)
	E(114, setregid, ID)
	E(115, getgroups, STDIO)
	E(116, setgroups, ID)
	E(117, setresuid, ID)
	E(118, getresuid, STDIO)
	E(119, setresgid, ID)
	E(120, getresgid, STDIO)
	E(121, getpgid, STDIO)
	E(124, getsid, STDIO)
	E(127, rt_sigpending, STDIO)
	/* OpenBSD's sigwait (__thrsigdivert) is stdio. */
	E(128, rt_sigtimedwait, STDIO)
	/* Like kill to any pid, but nothing checks its target: proc only. */
	E(129, rt_sigqueueinfo, PROC)
	E(130, rt_sigsuspend, STDIO)
	E(131, sigaltstack, STDIO)
	E(137, statfs, RPATH)
	E(138, fstatfs, RPATH)          /* OpenBSD: leaks path information */
	E(140, getpriority, PROC | ID)
	E(141, setpriority, PROC | ID)
	/* Not in OpenBSD's table; here they touch only the caller's mappings and
	 * are bounded per process (PROC_MLOCK_LIMIT_PAGES), like madvise. */
	E(149, mlock, STDIO)
	E(150, munlock, STDIO)
	E(151, mlockall, STDIO)
	E(152, munlockall, STDIO)
	/* Linux only. Meant for options that act on the caller alone (name,
	 * no_new_privs, seccomp mode, pdeathsig); an option that reaches another
	 * process or raises privilege must be refused by its handler. */
	E(157, prctl, STDIO)
	E(158, arch_prctl, STDIO)       /* TLS base: OpenBSD's __set_tcb */
	E(164, settimeofday, SETTIME)
	E(186, gettid, STDIO)           /* OpenBSD's getthrid */
	E(200, tkill, STDIO | PROC)     /* as kill */
	E(201, time, STDIO)
	E(202, futex, STDIO)            /* OpenBSD's __thrsleep/__thrwakeup */
	E(217, getdents64, RPATH)       /* OpenBSD: leaks names, so rpath */
	E(218, set_tid_address, STDIO)
	E(222, timer_create, STDIO)     /* POSIX timers: itimers by another name */
	E(223, timer_settime, STDIO)
	E(224, timer_gettime, STDIO)
	E(225, timer_getoverrun, STDIO)
	E(226, timer_delete, STDIO)
	E(227, clock_settime, SETTIME)
	E(228, clock_gettime, STDIO)
	E(229, clock_getres, STDIO)
	E(230, clock_nanosleep, STDIO)
	E(231, exit_group, ALWAYS)
	E(234, tgkill, STDIO | PROC)    /* as kill */
	E(235, utimes, FATTR)
	E(257, openat, OPENS)
	E(258, mkdirat, CPATH)
	E(260, fchownat, FATTR | CHOWN)
	E(262, newfstatat, STATS)
	E(263, unlinkat, CPATH | TMPPATH)
	E(264, renameat, CPATH)
	E(265, linkat, CPATH)
	E(266, symlinkat, CPATH)
	E(267, readlinkat, LOOKS)
	E(268, fchmodat, FATTR)
	E(269, faccessat, LOOKS)
	E(280, utimensat, FATTR)
	E(292, dup3, STDIO)
	E(293, pipe2, STDIO)
	E(295, preadv, STDIO)
	E(296, pwritev, STDIO)
	/* getrlimit is stdio on OpenBSD and musl's getrlimit is prlimit64;
	 * setting a limit (new_limit != NULL) needs proc or id: its handler
	 * must check that. */
	E(302, prlimit64, STDIO | PROC | ID)
	E(316, renameat2, CPATH)
	/* Like pledge, seccomp can only take abilities away. */
	E(317, seccomp, STDIO)
	E(318, getrandom, STDIO)        /* OpenBSD's getentropy */
	E(332, statx, STATS)
	E(439, faccessat2, LOOKS)
	E(UK_NR_PLEDGE, pledge, ALWAYS) /* can always shrink */
	E(UK_NR_UNVEIL, unveil, UNVEIL)
};
#undef E

#define NAME_(name, bit) [bit] = #name,
static const char *const promise_names[PLEDGE_NPROMISES] = { PLEDGE_PROMISES(NAME_) };
#undef NAME_

/* The promise bit named by the len bytes at w, or -1. */
static int promise_lookup(const char *w, size_t len)
{
	for (int bit = 0; bit < PLEDGE_NPROMISES; bit++) {
		const char *n = promise_names[bit];
		if (strlen(n) == len && memcmp(n, w, len) == 0)
			return bit;
	}
	return -1;
}

int sec_promise_parse(const char *s, uint64_t *out)
{
	uint64_t set = 0;
	while (*s) {
		size_t len = strcspn(s, " ");
		int bit = promise_lookup(s, len);
		if (bit < 0)
			return -EINVAL;
		set |= (uint64_t)1 << bit;
		s += len;
		s += strspn(s, " ");
	}
	*out = set;
	return 0;
}

/* True if a process holding promises may make call c in some form. */
static bool call_allowed(const struct sec_call *c, uint64_t promises)
{
	return (c->need & ALWAYS) || (c->need & promises);
}

void sec_promise_allow(uint64_t promises, struct sec_allow *out)
{
	memset(out, 0, sizeof(*out));
	for (unsigned nr = 0; nr < SEC_NR_MAX; nr++)
		if (call_allowed(&calls[nr], promises))
			out->bits[nr / 64] |= (uint64_t)1 << (nr % 64);
}

bool sec_allow_has(const struct sec_allow *a, unsigned nr)
{
	if (nr >= SEC_NR_MAX)
		return false;
	return (a->bits[nr / 64] >> (nr % 64)) & 1;
}

int sec_promise_shrink(uint64_t current, uint64_t requested)
{
	return (requested & ~current) ? -EPERM : 0;
}

const char *sec_promise_name(unsigned bit)
{
	return bit < PLEDGE_NPROMISES ? promise_names[bit] : NULL;
}

const char *sec_promise_needed(unsigned nr)
{
	if (nr >= SEC_NR_MAX)
		return NULL;
	uint64_t need = calls[nr].need;
	if (need == 0 || (need & ALWAYS))
		return NULL;
	if (need & ~(1ull << PLEDGE_tmppath))
		need &= ~(1ull << PLEDGE_tmppath);  /* tmppath reaches only /tmp: name the real one */
	return promise_names[__builtin_ctzll(need)];
}

const char *sec_syscall_name(unsigned nr)
{
	return nr < SEC_NR_MAX ? calls[nr].name : NULL;
}
