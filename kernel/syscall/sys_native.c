// SPDX-License-Identifier: MIT
/* This kernel's own calls: spawn, wait, meminfo, procinfo. */
#include "mm/frame.h"
#include "mm/paging.h"
#include "mm/slab.h"
#include "mm/uaccess.h"
#include "proc/loader.h"
#include "proc/proc.h"
#include "proc/uvm.h"
#include "syscall/syscall.h"
#include "abi/syscall.h"
#include "lib/kprintf.h"
#include "lib/string.h"

#define ESRCH 3
#define E2BIG 7
#define ENOMEM 12
#define EINVAL 22
#define ARG_MAX_BYTES KiB(60)
#define ARG_MAX_COUNT 1024

struct argbuf {
	char strings[ARG_MAX_BYTES];
	const char *argv[ARG_MAX_COUNT + 1];
	const char *envp[ARG_MAX_COUNT + 1];
	size_t used;
};

/* Copies a user NULL-terminated string vector into b. */
static long copy_vector(struct argbuf *b, uint64_t uvec, const char **out)
{
	size_t n = 0;
	for (; uvec; n++) {
		uint64_t uptr;
		if (n == ARG_MAX_COUNT)
			return -E2BIG;
		if (copy_from_user(&uptr, uvec + n * 8, 8))
			return -EFAULT;
		if (!uptr)
			break;
		long len = strncpy_from_user(b->strings + b->used, uptr, ARG_MAX_BYTES - b->used);
		if (len < 0)
			return len == -EFAULT ? -EFAULT : -E2BIG;
		out[n] = b->strings + b->used;
		b->used += (size_t)len + 1;
	}
	out[n] = NULL;
	return 0;
}

/* Faults in every page of the user range so the loader can read it in place. */
static long prefault(struct proc *p, uint64_t image, uint64_t len)
{
	if (!len || !user_range_ok(image, len))
		return -EFAULT;
	for (uint64_t va = ALIGN_DOWN(image, PAGE_SIZE); va < image + len; va += PAGE_SIZE)
		if (!pt_lookup(p->pml4, va) && uvm_fault(p, va, false, false) < 0)
			return -EFAULT;
	return 0;
}

SYSCALL(uk_spawn)
{
	struct proc *p = proc_current();
	if (a4 & ~(uint64_t)UK_SPAWN_SHARE_INITRD)
		return -EINVAL;
	struct argbuf *b = kmalloc(sizeof(*b));
	if (!b)
		return -ENOMEM;
	long r = copy_vector(b, a2, b->argv);
	if (!r)
		r = copy_vector(b, a3, b->envp);
	if (!r)
		r = prefault(p, a0, a1);
	if (!r) {
		struct exec_args args = { b->argv, b->envp, (a4 & UK_SPAWN_SHARE_INITRD) && p->initrd_base };
		const char *why = NULL;
		uaccess_allow();
		r = loader_spawn(p, (const void *)a0, a1, &args, &why);
		uaccess_forbid();
		if (r < 0)
			pr_info("spawn: pid %d (%s): %s: %s\n", p->pid, p->name,
				b->argv[0] ? b->argv[0] : "?", why ? why : "failed");
	}
	kfree(b);
	return r;
}

SYSCALL(uk_wait)
{
	int status = 0;
	long r = proc_wait((int)a0, &status, a2 & UK_WAIT_NOHANG);
	if (r > 0 && a1 && copy_to_user(a1, &status, sizeof(status)))
		return -EFAULT;
	return r;
}

SYSCALL(uk_meminfo)
{
	struct proc *p = proc_current();
	struct frame_stats fs = frame_stats();
	struct uk_meminfo m = {
		.page_size = PAGE_SIZE, .total_frames = fs.total, .free_frames = fs.free,
		.used_frames = fs.used, .rss_pages = p->rss_pages, .locked_pages = p->locked_pages,
	};
	return copy_to_user(a0, &m, sizeof(m));
}

SYSCALL(uk_procinfo)
{
	struct proc *p = (long)a0 == 0 ? proc_current() : proc_by_pid((int)a0);
	if (!p)
		return -ESRCH;
	struct uk_procinfo pi = {
		.pid = p->pid, .ppid = p->parent ? p->parent->pid : 0,
		.state = p->state == PROC_ZOMBIE ? UK_PROC_ZOMBIE : UK_PROC_RUNNING,
		.nthreads = p->nthreads, .cpu_ns = proc_cpu_ns(p), .exit_status = p->exit_status,
	};
	return copy_to_user(a1, &pi, sizeof(pi));
}
