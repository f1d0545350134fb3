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
#include "abi/linux.h"

#define P(name) ((uint64_t)1 << PLEDGE_##name)
#define STDIO P(stdio)
#define RPATH P(rpath)
#define WPATH P(wpath)
#define CPATH P(cpath)
#define TMPPATH P(tmppath)
#define FATTR P(fattr)
#define CHOWN P(chown)
#define DPATH P(dpath)
#define FLOCK P(flock)
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

#define E(call, promises) [LINUX_NR_##call] = { #call, promises },
static const struct sec_call calls[SEC_NR_MAX] = {
	E(read, STDIO)
	E(write, STDIO)
	E(open, OPENS)
	E(close, STDIO)
	E(stat, STATS)
	E(fstat, STDIO)
	E(lstat, STATS)
	E(lseek, STDIO)
	E(mmap, STDIO)               /* PROT_EXEC needs prot_exec: kernel */
	E(mprotect, STDIO)          /* likewise */
	E(munmap, STDIO)
	E(brk, STDIO)
	E(rt_sigaction, STDIO)
	E(rt_sigprocmask, STDIO)
	E(rt_sigreturn, ALWAYS)     /* a handler must be able to return */
	E(ioctl, STDIO)             /* FIONREAD etc.; tty requests: VFS */
	E(pread64, STDIO)
	E(pwrite64, STDIO)
	E(readv, STDIO)
	E(writev, STDIO)
	E(access, LOOKS)
	E(pipe, STDIO)
	E(sched_yield, STDIO)
	E(mremap, STDIO)
	E(madvise, STDIO)
	E(dup, STDIO)
	E(dup2, STDIO)
	E(pause, STDIO)             /* sigsuspend with the current mask */
	E(nanosleep, STDIO)
	E(getitimer, STDIO)
	E(alarm, STDIO)             /* setitimer(ITIMER_REAL) */
	E(setitimer, STDIO)
	E(getpid, STDIO)
	E(sendfile, STDIO)          /* Linux only: read and write between descriptors */
	E(clone, STDIO | PROC)      /* threads; fork-like flags need proc: kernel */
	E(fork, PROC)
	E(vfork, PROC)
	E(execve, EXEC)
	E(exit, ALWAYS)
	E(wait4, STDIO)
	E(kill, STDIO | PROC)       /* self with stdio, others with proc: kernel */
	E(uname, STDIO)             /* OpenBSD's uname(3) sysctls are stdio */
	E(fcntl, STDIO)             /* locks need flock: VFS */
	E(flock, FLOCK)
	E(fsync, STDIO)
	E(fdatasync, STDIO)         /* Linux only: fsync's kin */
	E(truncate, WPATH)
	E(ftruncate, STDIO)
	E(getcwd, LOOKS)
	E(chdir, RPATH)
	E(fchdir, STDIO)
	E(rename, CPATH)
	E(mkdir, CPATH)
	E(rmdir, CPATH)
	E(creat, CPATH | TMPPATH)   /* open(O_CREAT|O_WRONLY|O_TRUNC) */
	E(link, CPATH)
	E(unlink, CPATH | TMPPATH)
	E(symlink, CPATH)
	E(readlink, LOOKS)
	E(chmod, FATTR | TMPPATH)   /* tmppath: under /tmp only, VFS */
	E(fchmod, FATTR)
	E(chown, FATTR | CHOWN)     /* fattr: group only, no owner change */
	E(fchown, FATTR | CHOWN)
	E(lchown, FATTR | CHOWN)
	E(umask, STDIO)
	E(utime, FATTR)             /* as utimes */
	E(mknod, DPATH)
	E(gettimeofday, STDIO)
	E(getuid, STDIO)
	E(getgid, STDIO)
	E(setuid, ID)
	E(setgid, ID)
	E(geteuid, STDIO)
	E(getegid, STDIO)
	E(setpgid, PROC)
	E(getppid, STDIO)
	E(getpgrp, STDIO)
	E(setsid, PROC)
	E(setreuid, ID)
	E(setregid, ID)
	E(getgroups, STDIO)
	E(setgroups, ID)
	E(setresuid, ID)
	E(getresuid, STDIO)
	E(setresgid, ID)
	E(getresgid, STDIO)
	E(getpgid, STDIO)
	E(getsid, STDIO)
	E(rt_sigpending, STDIO)
	/* OpenBSD's sigwait (__thrsigdivert) is stdio. */
	E(rt_sigtimedwait, STDIO)
	/* Like kill to any pid, but nothing checks its target: proc only. */
	E(rt_sigqueueinfo, STDIO | PROC)  /* another process needs proc: kernel */
	E(rt_tgsigqueueinfo, STDIO | PROC)
	E(rt_sigsuspend, STDIO)
	E(sigaltstack, STDIO)
	E(statfs, RPATH)
	E(fstatfs, RPATH)          /* OpenBSD: leaks path information */
	E(getpriority, PROC | ID)
	E(setpriority, PROC | ID)
	/* Not in OpenBSD's table; here they touch only the caller's mappings and
	 * are bounded per process (PROC_MLOCK_LIMIT_PAGES), like madvise. */
	E(mlock, STDIO)
	E(munlock, STDIO)
	E(mlockall, STDIO)
	E(munlockall, STDIO)
	/* Linux only. Meant for options that act on the caller alone (name,
	 * no_new_privs, seccomp mode, pdeathsig); an option that reaches another
	 * process or raises privilege must be refused by its handler. */
	E(prctl, STDIO)
	E(arch_prctl, STDIO)       /* TLS base: OpenBSD's __set_tcb */
	E(settimeofday, SETTIME)
	/* Not in OpenBSD's table; on this system it only checks (the store is
	 * memory), like fsync. */
	E(sync, STDIO)
	E(gettid, STDIO)           /* OpenBSD's getthrid */
	E(tkill, STDIO | PROC)     /* as kill */
	E(time, STDIO)
	E(futex, STDIO)            /* OpenBSD's __thrsleep/__thrwakeup */
	E(getdents64, RPATH)       /* OpenBSD: leaks names, so rpath */
	E(set_tid_address, STDIO)
	E(timer_create, STDIO)     /* POSIX timers: itimers by another name */
	E(timer_settime, STDIO)
	E(timer_gettime, STDIO)
	E(timer_getoverrun, STDIO)
	E(timer_delete, STDIO)
	E(clock_settime, SETTIME)
	E(clock_gettime, STDIO)
	E(clock_getres, STDIO)
	E(clock_nanosleep, STDIO)
	E(exit_group, ALWAYS)
	E(tgkill, STDIO | PROC)    /* as kill */
	E(utimes, FATTR)
	E(openat, OPENS)
	E(mkdirat, CPATH)
	E(mknodat, DPATH)
	E(fchownat, FATTR | CHOWN)
	E(futimesat, FATTR)        /* as utimes */
	E(newfstatat, STATS)
	E(unlinkat, CPATH | TMPPATH)
	E(renameat, CPATH)
	E(linkat, CPATH)
	E(symlinkat, CPATH)
	E(readlinkat, LOOKS)
	E(fchmodat, FATTR)
	E(faccessat, LOOKS)
	E(utimensat, FATTR)
	E(fallocate, STDIO)        /* Linux only: as ftruncate */
	E(dup3, STDIO)
	E(pipe2, STDIO)
	E(preadv, STDIO)
	E(pwritev, STDIO)
	/* getrlimit is stdio on OpenBSD and musl's getrlimit is prlimit64;
	 * setting a limit (new_limit != NULL) needs proc or id: its handler
	 * must check that. */
	E(prlimit64, STDIO | PROC | ID)
	E(renameat2, CPATH)
	/* Like pledge, seccomp can only take abilities away. */
	E(seccomp, STDIO)
	E(syncfs, STDIO)           /* Linux only: as fsync */
	E(copy_file_range, STDIO)  /* Linux only: read and write between descriptors */
	E(getrandom, STDIO)        /* OpenBSD's getentropy */
	E(set_robust_list, STDIO)
	E(get_robust_list, STDIO)
	E(statx, STATS)
	E(faccessat2, LOOKS)
	E(pledge, ALWAYS) /* can always shrink */
	E(unveil, UNVEIL)
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
