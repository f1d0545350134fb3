// SPDX-License-Identifier: MIT
/* Wrappers for the native calls listed in UK_SYSCALLS (include/abi/
 * syscall.h): uk_spawn, uk_wait, uk_meminfo, uk_procinfo. The kernel returns
 * -errno; the wrappers turn that into -1 and errno like libc does. */
#include <errno.h>
#include <string.h>
#include "uk.h"
#include "uk_syscall.h"

/* One wrapper per entry of the list: adding a native call without its
 * wrapper here stops the build. */
#define UK_COUNT_(name, num, args) +1
_Static_assert((0 UK_SYSCALLS(UK_COUNT_)) == 42, "a libuk wrapper per native call");
#undef UK_COUNT_

/* Maps a raw result in [-4095, -1] to -1 with errno set; else passes it on. */
static long uk_result(long ret)
{
	if (ret < 0 && ret > -4096) {
		errno = (int)-ret;
		return -1;
	}
	return ret;
}

long uk_spawn(const void *image, size_t len, char *const argv[], char *const envp[],
	      unsigned flags)
{
	return uk_spawn_caps(image, len, argv, envp, flags, NULL);
}

long uk_spawn_caps(const void *image, size_t len, char *const argv[], char *const envp[],
		   unsigned flags, const struct uk_spawn_cap *caps)
{
	register long r10 __asm__("r10") = (long)envp;
	register long r8 __asm__("r8") = (long)flags;
	register long r9 __asm__("r9") = (long)caps;
	long ret;
	__asm__ volatile("syscall"
			 : "=a"(ret)
			 : "a"((long)UK_SYS_spawn), "D"(image), "S"(len), "d"(argv), "r"(r10),
			   "r"(r8), "r"(r9)
			 : "rcx", "r11", "memory");
	return uk_result(ret);
}

long uk_wait(long handle, int *status, unsigned flags)
{
	return uk_result(uk_syscall5(UK_SYS_wait, handle, (long)status, (long)flags, 0, 0));
}

int uk_meminfo(struct uk_meminfo *out)
{
	return (int)uk_result(uk_syscall5(UK_SYS_meminfo, (long)out, 0, 0, 0, 0));
}

int uk_procinfo(long handle, struct uk_procinfo *out)
{
	return (int)uk_result(uk_syscall5(UK_SYS_procinfo, handle, (long)out, 0, 0, 0));
}

int uk_cap_copy(int slot, unsigned rights, uint64_t badge, unsigned flags)
{
	return (int)uk_result(uk_syscall5(UK_SYS_cap_copy, slot, rights, (long)badge, flags, 0));
}

int uk_cap_grant(int proc_slot, int slot, unsigned rights)
{
	return (int)uk_result(uk_syscall5(UK_SYS_cap_grant, proc_slot, slot, rights, 0, 0));
}

int uk_cap_delete(int slot)
{
	return (int)uk_result(uk_syscall5(UK_SYS_cap_delete, slot, 0, 0, 0, 0));
}

int uk_cap_revoke(int slot)
{
	return (int)uk_result(uk_syscall5(UK_SYS_cap_revoke, slot, 0, 0, 0, 0));
}

int uk_cap_info(int slot, struct cap_info *out)
{
	return (int)uk_result(uk_syscall5(UK_SYS_cap_info, slot, (long)out, 0, 0, 0));
}

int uk_proc_cap(long pid)
{
	return (int)uk_result(uk_syscall5(UK_SYS_proc_cap, pid, 0, 0, 0, 0));
}

int uk_proc_watch(int proc_slot, int notif_slot, uint64_t bits)
{
	return (int)uk_result(uk_syscall5(UK_SYS_proc_watch, proc_slot, notif_slot, (long)bits, 0, 0));
}

int uk_endpoint_create(void)
{
	return (int)uk_result(uk_syscall5(UK_SYS_endpoint_create, 0, 0, 0, 0, 0));
}

int uk_ipc_connect(int ep_slot, uint64_t *ring)
{
	return (int)uk_result(uk_syscall5(UK_SYS_ipc_connect, ep_slot, (long)ring, 0, 0, 0));
}

int uk_ipc_call(int conn_slot, unsigned flags, const struct ipc_call_args *args)
{
	return (int)uk_result(uk_syscall5(UK_SYS_ipc_call, conn_slot, flags, (long)args, 0, 0));
}

int uk_ipc_receive(int ep_slot, struct ipc_recv *out, unsigned flags)
{
	return (int)uk_result(uk_syscall5(UK_SYS_ipc_receive, ep_slot, (long)out, flags, 0, 0));
}

int uk_ipc_reply(int ep_slot, int conn, struct ipc_recv *out, unsigned flags)
{
	return (int)uk_result(uk_syscall5(UK_SYS_ipc_reply, ep_slot, conn, (long)out, flags, 0));
}

int uk_notif_create(void)
{
	return (int)uk_result(uk_syscall5(UK_SYS_notif_create, 0, 0, 0, 0, 0));
}

int uk_notif_signal(int slot, uint64_t bits)
{
	return (int)uk_result(uk_syscall5(UK_SYS_notif_signal, slot, (long)bits, 0, 0, 0));
}

int uk_notif_wait(int slot, uint64_t *bits, unsigned flags)
{
	return (int)uk_result(uk_syscall5(UK_SYS_notif_wait, slot, (long)bits, flags, 0, 0));
}

int uk_irq_get(int root_slot, unsigned irq)
{
	return (int)uk_result(uk_syscall5(UK_SYS_irq_get, root_slot, irq, 0, 0, 0));
}

int uk_irq_bind(int irq_slot, int notif_slot, uint64_t bits)
{
	return (int)uk_result(uk_syscall5(UK_SYS_irq_bind, irq_slot, notif_slot, (long)bits, 0, 0));
}

int uk_irq_ack(int irq_slot)
{
	return (int)uk_result(uk_syscall5(UK_SYS_irq_ack, irq_slot, 0, 0, 0, 0));
}

int uk_ioport_get(int root_slot, unsigned base, unsigned count)
{
	return (int)uk_result(uk_syscall5(UK_SYS_ioport_get, root_slot, base, count, 0, 0));
}

int uk_ioport_enable(int slot)
{
	return (int)uk_result(uk_syscall5(UK_SYS_ioport_enable, slot, 0, 0, 0, 0));
}

int uk_mem_create(uint64_t bytes)
{
	return (int)uk_result(uk_syscall5(UK_SYS_mem_create, (long)bytes, 0, 0, 0, 0));
}

void *uk_mem_map(int slot, uint64_t hint, unsigned prot)
{
	long r = uk_result(uk_syscall5(UK_SYS_mem_map, slot, (long)hint, prot, 0, 0));
	return r == -1 ? (void *)-1 : (void *)r;
}

long uk_vm_frame_id(const void *addr)
{
	return uk_result(uk_syscall5(UK_SYS_vm_frame_id, (long)addr, 0, 0, 0, 0));
}

int uk_fwd_register(int server, int ep_slot)
{
	return (int)uk_result(uk_syscall5(UK_SYS_fwd_register, server, ep_slot, 0, 0, 0));
}

int uk_exec(long pid, const void *image, size_t len, char *const argv[], char *const envp[])
{
	return (int)uk_result(uk_syscall5(UK_SYS_exec, pid, (long)image, (long)len, (long)argv,
					  (long)envp));
}

int uk_klog_attach(int notif_slot)
{
	return (int)uk_result(uk_syscall5(UK_SYS_klog_attach, notif_slot, 0, 0, 0, 0));
}

int uk_notif_at(int slot, uint64_t bits, uint64_t deadline_ns)
{
	return (int)uk_result(uk_syscall5(UK_SYS_notif_at, slot, (long)bits, (long)deadline_ns, 0, 0));
}

int uk_log(const char *msg, size_t len)
{
	return (int)uk_result(uk_syscall5(UK_SYS_log, (long)msg, (long)len, 0, 0, 0));
}

int uk_proc_kill(int proc_slot)
{
	return (int)uk_result(uk_syscall5(UK_SYS_proc_kill, proc_slot, 0, 0, 0, 0));
}

long uk_client_vm(int ep_slot, const struct uk_client_vm *req)
{
	return uk_result(uk_syscall5(UK_SYS_client_vm, ep_slot, (long)req, 0, 0, 0));
}

int uk_mem_decommit(int slot, uint64_t offset, uint64_t len)
{
	return (int)uk_result(uk_syscall5(UK_SYS_mem_decommit, slot, (long)offset, (long)len, 0, 0));
}

int uk_time_publish(int64_t realtime_at_boot_ns)
{
	return (int)uk_result(uk_syscall5(UK_SYS_time_publish, (long)realtime_at_boot_ns, 0, 0, 0, 0));
}

int uk_sec_get(long pid, struct uk_sec *out)
{
	return (int)uk_result(uk_syscall5(UK_SYS_sec_get, pid, (long)out, 0, 0, 0));
}

int uk_sec_set(int ep_slot, long pid, const struct uk_sec *in, unsigned what)
{
	return (int)uk_result(uk_syscall5(UK_SYS_sec_set, ep_slot, pid, (long)in, what, 0));
}

int uk_sigqueue(int ep_slot, long pid, long tid, const struct uk_siginfo *info)
{
	return (int)uk_result(uk_syscall5(UK_SYS_sigqueue, ep_slot, pid, tid, (long)info, 0));
}

int uk_kill_guard(volatile uint32_t *word)
{
	return (int)uk_result(uk_syscall5(UK_SYS_kill_guard, (long)word, 0, 0, 0, 0));
}

long uk_cap_admin(int ep_slot, unsigned op, long pid, int slot, uint64_t arg, unsigned rights)
{
	return uk_result(uk_syscall6(UK_SYS_cap_admin, ep_slot, op, pid, slot, (long)arg, rights));
}

long uk_seccall(unsigned op, uint64_t a0, uint64_t a1, uint64_t a2, char *buf, size_t len)
{
	return uk_result(uk_syscall6(UK_SYS_seccall, op, (long)a0, (long)a1, (long)a2, (long)buf,
				     (long)len));
}

long uk_pid_of(const char *name)
{
	for (long pid = 1; pid < 256; pid++) {
		struct uk_procinfo pi;
		if (uk_procinfo(pid, &pi) == 0 && pi.state == UK_PROC_RUNNING &&
		    strncmp(pi.name, name, sizeof(pi.name)) == 0)
			return pid;
	}
	errno = ESRCH;
	return -1;
}
