// SPDX-License-Identifier: MIT
/* seccomp(2) and the prctl(2) options around it: strict mode, classic BPF
 * filters (validated by lib/bpf.c before installation, run here on every
 * system call of a filtered process), PR_SET_NO_NEW_PRIVS. Filters stack:
 * each new one is added in front, children share the chain, nothing is
 * ever removed; all run and the most severe action wins. */
#include "abi/errno.h"
#include "trap.h"
#include "lib/bpf.h"
#include "lib/kprintf.h"
#include "lib/string.h"
#include "mm/slab.h"
#include "mm/uaccess.h"
#include "proc/proc.h"
#include "proc/sec.h"
#include "sched/thread.h"
#include "syscall/syscall.h"
#include "abi/linux.h"

#define SIGKILL 9
#define SIGSYS 31
#define SYS_SECCOMP 1
#define SECCOMP_SET_MODE_STRICT 0
#define SECCOMP_SET_MODE_FILTER 1
#define SECCOMP_GET_ACTION_AVAIL 2
#define SECCOMP_FILTER_FLAG_TSYNC 1
#define SECCOMP_FILTER_FLAG_LOG 2
#define PR_GET_SECCOMP 21
#define PR_SET_SECCOMP 22
#define PR_SET_NO_NEW_PRIVS 38
#define PR_GET_NO_NEW_PRIVS 39
#define MAX_CHAIN_INSNS 32768  /* Linux's limit over a whole chain, 4 more per filter */

struct sec_filter {
	int refs;
	struct sec_filter *prev;
	bool log;
	uint32_t len;
	struct bpf_insn prog[];
};

struct sec_filter *seccomp_filter_get(struct sec_filter *f)
{
	if (f)
		f->refs++;
	return f;
}

void seccomp_filter_put(struct sec_filter *f)
{
	while (f && --f->refs == 0) {
		struct sec_filter *prev = f->prev;
		kfree(f);
		f = prev;
	}
}

static __attribute__((noreturn)) void die(struct proc *p, int sig, uint64_t nr)
{
	pr_warn("seccomp: pid %d (%s): system call %lu refused; signal %d\n", p->pid, p->name, nr, sig);
	proc_exit(W_SIGNALED(sig) | (sig == SIGSYS ? 0x80 : 0));
}

static bool strict_allows(uint64_t nr)
{
	return nr == LINUX_NR_read || nr == LINUX_NR_write || nr == LINUX_NR_exit ||
	       nr == LINUX_NR_rt_sigreturn;
}

static uint32_t run_chain(const struct sec_filter *f, const struct trap_frame *tf)
{
	struct seccomp_data d = {
		.nr = (int32_t)tf->rax, .arch = AUDIT_ARCH_X86_64, .instruction_pointer = tf->rip,
		.args = { tf->rdi, tf->rsi, tf->rdx, tf->r10, tf->r8, tf->r9 },
	};
	uint32_t act = SECCOMP_RET_ALLOW;
	for (; f; f = f->prev)
		act = bpf_action_combine(act, bpf_run(f->prog, f->len, &d));
	return act;
}

/* SIGSYS carrying what Linux's siginfo says for SECCOMP_RET_TRAP. */
static void trap(struct proc *p, const struct trap_frame *tf, uint32_t data)
{
	struct uk_siginfo info = {
		.signo = SIGSYS, .code = SYS_SECCOMP,
		.word0 = tf->rip, .word1 = (tf->rax & 0xffffffffu) | ((uint64_t)AUDIT_ARCH_X86_64 << 32),
	};
	signal_send_info(p, thread_current(), &info, (int)data);
}

bool seccomp_check(struct proc *p, struct trap_frame *tf, long *ret)
{
	uint64_t nr = tf->rax;
	if (p->sec.s.flags & UK_SEC_SECCOMP_STRICT) {
		if (!strict_allows(nr))
			die(p, SIGKILL, nr);
		return true;
	}
	uint32_t act = run_chain(p->sec.filter, tf);
	uint32_t data = act & SECCOMP_RET_DATA;
	switch (act & SECCOMP_RET_ACTION_FULL) {
	case SECCOMP_RET_ALLOW:
		return true;
	case SECCOMP_RET_LOG:
		pr_info("seccomp: pid %d (%s): system call %lu (logged)\n", p->pid, p->name, nr);
		return true;
	case SECCOMP_RET_ERRNO:
		*ret = -(long)(data > 4095 ? 4095 : data);
		return false;
	case SECCOMP_RET_TRAP:
		trap(p, tf, data);
		*ret = -ENOSYS;
		return false;
	case SECCOMP_RET_TRACE:
	case SECCOMP_RET_USER_NOTIF:
		*ret = -ENOSYS;  /* no tracer and no listener here: Linux fails the call so */
		return false;
	case SECCOMP_RET_KILL_THREAD:
		if (p->nthreads > 1) {
			pr_warn("seccomp: pid %d (%s): system call %lu refused; thread killed\n",
				p->pid, p->name, nr);
			proc_thread_exit(W_SIGNALED(SIGSYS) | 0x80);
		}
		die(p, SIGSYS, nr);
	default:   /* KILL_PROCESS and anything unknown */
		die(p, SIGSYS, nr);
	}
}

static long set_strict(struct proc *p)
{
	p->sec.s.flags |= UK_SEC_SECCOMP_STRICT;
	return 0;
}

/* Copies, validates and installs the filter of a struct sock_fprog. */
static long add_filter(struct proc *p, uint64_t uprog, bool log)
{
	struct { uint16_t len; uint16_t pad[3]; uint64_t filter; } fprog;
	const struct uk_sec *s = &p->sec.s;
	if (!(s->flags & UK_SEC_NO_NEW_PRIVS) && s->euid != 0)
		return -EACCES;
	if (copy_from_user(&fprog, uprog, sizeof(fprog)))
		return -EFAULT;
	if (fprog.len == 0 || fprog.len > BPF_MAXINSNS)
		return -EINVAL;
	if (p->sec.filter_insns + fprog.len + 4 > MAX_CHAIN_INSNS)
		return -ENOMEM;
	struct sec_filter *f = kmalloc(sizeof(*f) + fprog.len * sizeof(struct bpf_insn));
	if (!f)
		return -ENOMEM;
	long r = copy_from_user(f->prog, fprog.filter, fprog.len * sizeof(struct bpf_insn)) ? -EFAULT
		: bpf_check(f->prog, fprog.len);
	if (r) {
		kfree(f);
		return r;
	}
	f->refs = 1;
	f->len = fprog.len;
	f->log = log;
	f->prev = p->sec.filter;
	p->sec.filter = f;
	p->sec.filter_insns += fprog.len + 4;
	p->sec.s.flags |= UK_SEC_SECCOMP_FILTER;
	return 0;
}

static long action_avail(uint64_t uaction)
{
	uint32_t a;
	if (copy_from_user(&a, uaction, sizeof(a)))
		return -EFAULT;
	switch (a) {
	case SECCOMP_RET_KILL_PROCESS: case SECCOMP_RET_KILL_THREAD: case SECCOMP_RET_TRAP:
	case SECCOMP_RET_ERRNO: case SECCOMP_RET_LOG: case SECCOMP_RET_ALLOW:
		return 0;
	default:
		return -EOPNOTSUPP;  /* TRACE and USER_NOTIF: nobody here to take them */
	}
}

SYSCALL(seccomp)
{
	struct proc *p = proc_current();
	switch (a0) {
	case SECCOMP_SET_MODE_STRICT:
		return a1 || a2 ? -EINVAL : set_strict(p);
	case SECCOMP_SET_MODE_FILTER:
		if (a1 & ~(uint64_t)(SECCOMP_FILTER_FLAG_TSYNC | SECCOMP_FILTER_FLAG_LOG))
			return -EINVAL;
		if ((a1 & SECCOMP_FILTER_FLAG_TSYNC) && p->nthreads > 1)
			return -EINVAL;  /* synchronising other threads is not offered */
		return add_filter(p, a2, a1 & SECCOMP_FILTER_FLAG_LOG);
	case SECCOMP_GET_ACTION_AVAIL:
		return a1 ? -EINVAL : action_avail(a2);
	default:
		return -EINVAL;
	}
}

SYSCALL(prctl)
{
	struct proc *p = proc_current();
	uint32_t *flags = &p->sec.s.flags;
	switch (a0) {
	case PR_SET_NO_NEW_PRIVS:
		if (a1 != 1 || a2 || a3 || a4)
			return -EINVAL;
		*flags |= UK_SEC_NO_NEW_PRIVS;
		return 0;
	case PR_GET_NO_NEW_PRIVS:
		return a1 || a2 || a3 || a4 ? -EINVAL : (*flags & UK_SEC_NO_NEW_PRIVS) != 0;
	case PR_GET_SECCOMP:
		return (*flags & UK_SEC_SECCOMP_FILTER) ? 2 : 0;  /* strict mode never gets here */
	case PR_SET_SECCOMP:
		if (a1 == 1)
			return set_strict(p);
		if (a1 == 2)
			return add_filter(p, a2, false);
		return -EINVAL;
	default:
		return -EINVAL;
	}
}
