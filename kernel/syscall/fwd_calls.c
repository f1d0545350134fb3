// SPDX-License-Identifier: MIT
/* Forwarded requests that are not a program's system call as such: the
 * kernel's own notices to servers (fork, exec, exit, pledge violations),
 * the native call that reaches the security server (seccall), the exec check asked of the VFS before execve, and the thread
 * CPU clock the kernel answers itself. */
#include "abi/errno.h"
#include "ipc/endpoint.h"
#include "mm/uaccess.h"
#include "proc/proc.h"
#include "syscall/fwd.h"
#include "syscall/fwd_internal.h"
#include "syscall/fwd_table.h"
#include "proto/fwd.h"
#include "proto/fwd_calls.h"
#include "abi/linux.h"


#define CLOCK_PROCESS_CPUTIME_ID 2
#define CLOCK_THREAD_CPUTIME_ID 3
#define CPUCLOCK_PERTHREAD 4

/* The CPU time a CPU-time clock reads: the caller's process or thread
 * (CLOCK_PROCESS_CPUTIME_ID, CLOCK_THREAD_CPUTIME_ID) or, for a negative
 * id as clock_getcpuclockid and pthread_getcpuclockid make them
 * ((~pid << 3) | type), that process or that thread of the caller's; -1
 * for no such clock. */
static int64_t cpu_clock_ns(int64_t id)
{
	if (id == CLOCK_PROCESS_CPUTIME_ID)
		return (int64_t)proc_cpu_ns(proc_current());
	if (id == CLOCK_THREAD_CPUTIME_ID)
		return (int64_t)thread_cpu_ns(thread_current());
	int pid = (int)~(id >> 3);
	if (id & CPUCLOCK_PERTHREAD) {
		for (struct thread *t = proc_current()->threads; t; t = t->proc_next)
			if (t->tid == pid || (pid == 0 && t == thread_current()))
				return (int64_t)thread_cpu_ns(t);
		return -1;
	}
	struct proc *p = pid ? proc_by_pid(pid) : proc_current();
	return p && p->state == PROC_ALIVE ? (int64_t)proc_cpu_ns(p) : -1;
}

/* CPU-time clocks are answered here, without a round trip: only the kernel
 * keeps CPU time (a server sees processes, not threads). */
bool fwd_thread_cpu_clock(uint64_t nr, const uint64_t args[6], long *ret)
{
	int64_t id = (int64_t)(int32_t)args[0];
	bool cpu = id == CLOCK_PROCESS_CPUTIME_ID || id == CLOCK_THREAD_CPUTIME_ID || id < 0;
	if ((nr != LINUX_NR_clock_gettime && nr != LINUX_NR_clock_getres) || !cpu)
		return false;
	int64_t cur = cpu_clock_ns(id);
	if (cur < 0) {
		*ret = -EINVAL;
		return true;
	}
	uint64_t ns = nr == LINUX_NR_clock_getres ? 1 : (uint64_t)cur;
	int64_t ts[2] = { (int64_t)(ns / 1000000000ull), (int64_t)(ns % 1000000000ull) };
	*ret = !args[1] ? (nr == LINUX_NR_clock_getres ? 0 : -EFAULT)
			: copy_to_user(args[1], ts, sizeof(ts)) ? -EFAULT : 0;
	return true;
}

/* Before init loads a program for execve: may the caller run it? The VFS
 * knows the caller's credentials and unveil list; init reads the file as
 * itself. */
long fwd_exec_check(uint64_t upath)
{
	static const struct fwd_spec spec = {
		FWD_SRV_VFS, FWD_VFS_exec_check,
		{ { FA_STR, -1, 0, 0 }, { FA_NONE, -1, 0, 0 }, { FA_NONE, -1, 0, 0 },
		  { FA_NONE, -1, 0, 0 }, { FA_NONE, -1, 0, 0 }, { FA_NONE, -1, 0, 0 } }, 0,
	};
	struct proc *p = proc_current();
	if (!fwd_server_ep(FWD_SRV_VFS) || fwd_is_self(FWD_SRV_VFS, p))
		return 0;
	uint64_t a[6] = { upath, 0, 0, 0, 0, 0 };
	struct fwd_redirect rd;
	long r = fwd_forward_once(p, FWD_SRV_VFS, spec.op, &spec, NULL, a, &rd);
	return r == -ENOSYS ? 0 : r;  /* a VFS without the check: init decides */
}

long fwd_notice(struct proc *p, int server, uint32_t op, uint64_t a0, uint64_t a1)
{
	struct ipc_endpoint *ep = fwd_registered(server) ? fwd_server_ep(server) : NULL;
	if (!ep || fwd_is_self(server, p))
		return -ENOSYS;  /* nobody to tell, or the server itself */
	uint64_t args[6] = { a0, a1, 0, 0, 0, 0 };
	struct fwd_redirect rd;
	return fwd_forward_once(p, server, op, NULL, NULL, args, &rd);
}

/* The kernel's notices about a process (fork, exec, exit) travel on
 * init's connection, not the process's own: a thread of the process may be
 * waiting in a call on that one for as long as it likes (a pipe read), and
 * the notice would wait behind it. The pids are in the arguments. */
static struct proc *notice_carrier(struct proc *p)
{
	struct proc *init = proc_root();
	return init && init != p && !init->exiting ? init : p;
}

long fwd_proc_notice(struct proc *p, uint32_t op, uint64_t a0, uint64_t a1)
{
	if (fwd_is_self(FWD_SRV_VFS, p))
		return 0;  /* about the VFS itself */
	long r = fwd_notice(notice_carrier(p), FWD_SRV_VFS, op, a0, a1);
	return r == -ENOSYS ? 0 : r;
}

long fwd_time_notice(struct proc *p, uint32_t op, uint64_t pid)
{
	if (!fwd_ever_called(p, FWD_SRV_TIME) || fwd_is_self(FWD_SRV_TIME, p))
		return 0;  /* it never called the time server: no timers */
	long r = fwd_notice(notice_carrier(p), FWD_SRV_TIME, op, pid, 0);
	return r == -ENOSYS ? 0 : r;
}

/* uk_seccall: a call of the security server's own protocol, which the
 * kernel does not read: it travels as FWD_SECURITY_server_call with the
 * server's operation in a[0] (so it can never pass for a forwarded Linux
 * call) and a[4] an output buffer of a[5] bytes. */
long fwd_seccall(const uint64_t args[6])
{
	static const struct fwd_spec spec = {
		FWD_SRV_SECURITY, FWD_SECURITY_server_call,
		{ { FA_VAL, -1, 0, 0 }, { FA_VAL, -1, 0, 0 }, { FA_VAL, -1, 0, 0 }, { FA_VAL, -1, 0, 0 },
		  { FA_OUT, 5, 0, 0 }, { FA_VAL, -1, 0, 0 } }, 0,
	};
	uint64_t a[6] = { args[0], args[1], args[2], args[3], args[4], args[5] };
	if (!fwd_registered(FWD_SRV_SECURITY) || fwd_is_self(FWD_SRV_SECURITY, proc_current()))
		return -ENOSYS;
	struct fwd_redirect rd;
	return fwd_forward_once(proc_current(), FWD_SRV_SECURITY, spec.op, &spec, NULL, a, &rd);
}

/* One-way: a dying process must not wait for the console, which may be
 * restarting and waiting, through init, for a server that is p itself. */
long fwd_session_end(struct proc *p)
{
	if (p->sid != p->pid || !fwd_registered(FWD_SRV_CONSOLE) || fwd_is_self(FWD_SRV_CONSOLE, p))
		return 0;  /* not a session leader, or no terminal to tell */
	return fwd_post(notice_carrier(p), FWD_SRV_CONSOLE, FWD_CONSOLE_session_end,
			(uint64_t)p->sid, 0);
}
