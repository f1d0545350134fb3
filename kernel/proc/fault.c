// SPDX-License-Identifier: MIT
/* Faults taken by user programs: demand paging first; anything else kills
 * the process with the matching signal, logged with pid, address, reason. */
#include "abi/errno.h"
#include "cpu.h"
#include "trap.h"
#include "mm/paging.h"
#include "mm/uaccess.h"
#include "proc/proc.h"
#include "proc/uvm.h"
#include "lib/kprintf.h"

#define SIGILL 4
#define SIGTRAP 5
#define SIGBUS 7
#define SIGFPE 8
#define SIGSEGV 11
#define PF_PRESENT 1
#define PF_WRITE 2
#define PF_USER 4
#define PF_FETCH 16

static int signal_for(uint64_t vector)
{
	switch (vector) {
	case 0: case 16: case 19: return SIGFPE;
	case 1: case 3: return SIGTRAP;
	case 6: return SIGILL;
	case 17: return SIGBUS;
	default: return SIGSEGV;
	}
}

__attribute__((noreturn)) static void kill_for_fault(struct trap_frame *tf, const char *reason,
						      int sig)
{
	struct proc *p = proc_current();
	pr_warn("proc: pid %d (%s) killed by signal %d: %s at rip 0x%lx%s0x%lx\n", p->pid,
		p->name, sig, reason, tf->rip, tf->vector == 14 ? ", address " : ", error ",
		tf->vector == 14 ? read_cr2() : tf->error);
	proc_exit(W_SIGNALED(sig));
}

void proc_user_fault(struct trap_frame *tf)
{
	if (!proc_current()) {
		trap_dump(tf);
		return;
	}
	kill_for_fault(tf, trap_name(tf->vector), signal_for(tf->vector));
}

static const char *fault_reason(uint64_t err, int res)
{
	if (res == -EFAULT)
		return "page fault on unmapped memory";
	if (res == -ERANGE)
		return "page fault past the end of a memory object";
	if (res == -ENOMEM)
		return "page fault: out of memory";
	if (err & PF_FETCH)
		return "page fault: execute of non-executable memory";
	if (err & PF_WRITE)
		return "page fault: write to read-only memory";
	return "page fault: read of inaccessible memory";
}

bool proc_page_fault(struct trap_frame *tf)
{
	if (!trap_from_user(tf) && !uaccess_in_copy(tf))
		return false;  /* a kernel bug: the panic report follows */
	uint64_t addr = read_cr2();
	struct proc *p = proc_current();
	int res = -EFAULT;
	if (p && addr < USER_TOP)
		res = uvm_fault(p, addr, tf->error & PF_WRITE, tf->error & PF_FETCH);
	if (res == 0)
		return true;
	if (!trap_from_user(tf))
		return uaccess_fixup_fault(tf);
	bool bus = res == -ERANGE || res == -ENOMEM;  /* no page to give: SIGBUS, as Linux */
	kill_for_fault(tf, fault_reason(tf->error, res), bus ? SIGBUS : SIGSEGV);
}
