// SPDX-License-Identifier: MIT
/* Memory system calls: thin decoders over proc/uvm.c. */
#include "proc/proc.h"
#include "proc/uvm.h"
#include "syscall/syscall.h"
#include "abi/linux.h"
#include "abi/pledge.h"

SYSCALL(brk)
{
	return uvm_brk(proc_current(), a0);
}

#define PROT_EXEC 4

SYSCALL(mmap)
{
	long r = (a2 & PROT_EXEC) ? sec_promise_check(PLEDGE_prot_exec, LINUX_NR_mmap) : 0;
	if (r)
		return r;
	return uvm_mmap(proc_current(), a0, a1, a2, a3, (int64_t)a4, a5);
}

SYSCALL(munmap)
{
	return uvm_munmap(proc_current(), a0, a1);
}

SYSCALL(mprotect)
{
	long r = (a2 & PROT_EXEC) ? sec_promise_check(PLEDGE_prot_exec, LINUX_NR_mprotect) : 0;
	if (r)
		return r;
	return uvm_mprotect(proc_current(), a0, a1, a2);
}

SYSCALL(madvise)
{
	return uvm_madvise(proc_current(), a0, a1, (int64_t)a2);
}

SYSCALL(mlock)
{
	return uvm_mlock(proc_current(), a0, a1, true);
}

SYSCALL(munlock)
{
	return uvm_mlock(proc_current(), a0, a1, false);
}

SYSCALL(mlockall)
{
	return uvm_mlockall(proc_current(), a0);
}

SYSCALL(munlockall)
{
	return uvm_munlockall(proc_current());
}

SYSCALL(mremap)
{
	return uvm_mremap(proc_current(), a0, a1, a2, a3, a4);
}
