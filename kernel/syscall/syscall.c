// SPDX-License-Identifier: MIT
/* The dispatcher and the two tables (Linux ABI, native). Unknown numbers
 * return -ENOSYS and are logged once each. */
#include "abi/errno.h"
#include "cpu.h"
#include "gdt.h"
#include "trap.h"
#include "mm/paging.h"
#include "ipc/fastpath.h"
#include "proc/proc.h"
#include "proc/sec.h"
#include "sched/thread.h"
#include "syscall/fwd.h"
#include "proto/fwd.h"
#include "syscall/syscall.h"
#include "abi/linux.h"
#include "abi/syscall.h"
#include "lib/kprintf.h"

#define EFER_SCE 1

void syscall_entry(void);
void proc_return_to_user(void);

#define DECLARE_LINUX(name, num) SYSCALL(name);
LINUX_NATIVE(DECLARE_LINUX)
#define DECLARE_NATIVE(name, num, args) SYSCALL(uk_##name);
UK_SYSCALLS(DECLARE_NATIVE)

#define LINUX_ENTRY(name, num) [num] = sys_##name,
static const syscall_fn_t linux_table[LINUX_NR_MAX] = { LINUX_NATIVE(LINUX_ENTRY) };
#define NATIVE_ENTRY(name, num, args) [num] = sys_uk_##name,
static const syscall_fn_t native_table[UK_SYS_END - UK_SYS_BASE] = { UK_SYSCALLS(NATIVE_ENTRY) };

static uint8_t enosys_logged[LINUX_NR_MAX / 8];

void syscall_init(void)
{
	wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_SCE);
	/* sysret loads CS = base+16, SS = base+8 (base 0x13 -> 0x23 / 0x1B). */
	wrmsr(MSR_STAR, ((uint64_t)(SEL_UDATA - 8) << 48) | ((uint64_t)SEL_KCODE << 32));
	wrmsr(MSR_LSTAR, (uint64_t)syscall_entry);
	wrmsr(MSR_FMASK, 0x47700);  /* IF, TF, DF, AC, NT, IOPL off on entry */
}

void syscall_force_iret(void)
{
	thread_current()->iret_return = true;
}

static syscall_fn_t lookup(uint64_t nr)
{
	if (nr < LINUX_NR_MAX)
		return linux_table[nr];
	if (nr >= UK_SYS_BASE && nr < UK_SYS_END)
		return native_table[nr - UK_SYS_BASE];
	return NULL;
}

static void log_enosys(uint64_t nr)
{
	if (nr < LINUX_NR_MAX) {
		if (enosys_logged[nr / 8] & (1u << (nr % 8)))
			return;
		enosys_logged[nr / 8] |= (uint8_t)(1u << (nr % 8));
	}
	struct proc *p = proc_current();
	pr_warn("syscall: %lu not implemented (pid %d, %s): -ENOSYS\n", nr, p ? p->pid : 0,
		p ? p->name : "?");
}

long early_write(uint64_t nr, const uint64_t args[6]);

/* Before the VFS is registered (early in init's life, or a system booted
 * without servers), output on descriptors 1 and 2 goes to the kernel log. */
static bool early_output(struct trap_frame *tf, long *ret)
{
	if (fwd_registered(FWD_SRV_VFS) && !fwd_is_server(FWD_SRV_VFS, proc_current()))
		return false;  /* the VFS's own messages cannot go through the VFS */
	const uint64_t args[6] = { tf->rdi, tf->rsi, tf->rdx, tf->r10, tf->r8, tf->r9 };
	*ret = early_write(tf->rax, args);
	return *ret != -ENOSYS;
}

/* Returns nonzero when the return to user mode must use iretq. */
/* After a fast-path call: the usual work on the way out only when there is
 * some (a signal, a kill, a stop, a reschedule, a call to run again). */
static inline int fast_exit(struct thread *t)
{
	const struct proc *p = t->proc;
	if (__builtin_expect(t->killed | (t->sigpending != 0) | sched_resched_pending() | p->stopped |
			     p->kill_deferred | (t->restart_any != 0) | t->iret_return, 0)) {
		proc_return_to_user();
		bool iret = t->iret_return;
		t->iret_return = false;
		return iret;
	}
	return 0;
}

int syscall_dispatch(struct trap_frame *tf)
{
	if ((tf->rax == UK_SYS_ipc_call || tf->rax == UK_SYS_ipc_reply) &&
	    ipc_fastpath(thread_current(), tf))
		return fast_exit(thread_current());
	syscall_fn_t fn = lookup(tf->rax);
	long ret;
	uint64_t nr = tf->rax;
	struct thread *t = thread_current();
	const struct proc *p = t->proc;
	/* One test on the fast path: a waiting kill, a pledge or a filter. */
	bool checked = p && (p->kill_deferred || (p->sec.s.flags & SEC_CHECKED_FLAGS));
	if (checked)
		proc_kill_point();
	if (checked && !sec_syscall_check(tf, &ret)) {
		tf->rax = (uint64_t)ret;
	} else if (fn) {
		tf->rax = (uint64_t)fn(tf->rdi, tf->rsi, tf->rdx, tf->r10, tf->r8, tf->r9);
	} else {
		const uint64_t args[6] = { tf->rdi, tf->rsi, tf->rdx, tf->r10, tf->r8, tf->r9 };
		if (!fwd_syscall(tf->rax, args, &ret) || (ret == -ENOSYS && !early_output(tf, &ret))) {
			log_enosys(tf->rax);
			ret = -ENOSYS;
		}
		tf->rax = (uint64_t)ret;
	}
	if (__builtin_expect((int64_t)tf->rax == -EINTR, 0) && t->sigpending)
		t->restart_nr = nr + 1;  /* signal_deliver takes it (and clears it) on the way out */
	if (__builtin_expect((int64_t)tf->rax == FWD_STATUS_RESTART, 0)) {
		tf->rax = (uint64_t)-EINTR;
		t->restart_any = nr + 1;  /* proc_return_to_user runs it again */
	}
	proc_return_to_user();
	bool iret = t->iret_return || tf->rip >= USER_TOP;
	t->iret_return = false;
	return iret;
}
