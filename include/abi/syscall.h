/* SPDX-License-Identifier: MIT */
/* The native system calls of this kernel (beside the Linux x86-64 ABI it
 * serves or forwards). Numbers start at UK_SYS_BASE, far above Linux's.
 * Calling convention is Linux's: number in rax, arguments in rdi, rsi, rdx,
 * r10, r8, r9; result in rax, negative errno on failure. */
#pragma once
#include <stdint.h>

#define UK_SYS_BASE 0x1000

/* X(name, number, arguments) — one list yields the enum, the kernel's table
 * and the user wrappers. */
#define UK_SYSCALLS(X)                                                            \
	/* spawn(image, len, argv, envp, flags, caps): loads a static ELF64 from    \
	 * the caller's memory into a new process; returns its handle (> 0). The    \
	 * child receives copies of the listed capabilities in slots 1, 2, ...      \
	 * (caps may be NULL; the list ends with slot -1). */                        \
	X(spawn, 0, "const void *image, size_t len, char *const argv[], char *const envp[], unsigned flags, const struct uk_spawn_cap *caps") \
	/* wait(handle, int *status, flags): waits for a child (handle -1: any);   \
	 * returns the handle it reaped; status in wait(2) encoding. */              \
	X(wait, 1, "long handle, int *status, unsigned flags")                        \
	/* meminfo(struct uk_meminfo *out): frame counts and the caller's RSS. */   \
	X(meminfo, 2, "struct uk_meminfo *out")                                      \
	/* procinfo(handle, struct uk_procinfo *out): state, parent, CPU time. */   \
	X(procinfo, 3, "long handle, struct uk_procinfo *out")                      \
	/* Capabilities (abi/cap.h); results are slots or negative errno. */        \
	X(cap_copy, 4, "int slot, unsigned rights, uint64_t badge, unsigned flags") \
	X(cap_grant, 5, "int proc_slot, int slot, unsigned rights")                 \
	X(cap_delete, 6, "int slot")                                                \
	X(cap_revoke, 7, "int slot")                                                \
	X(cap_info, 8, "int slot, struct cap_info *out")                            \
	X(proc_cap, 9, "long pid")                                                  \
	X(proc_watch, 10, "int proc_slot, int notif_slot, uint64_t bits")           \
	/* Endpoints and fusion rings (abi/ipc.h, abi/ring.h). */                   \
	X(endpoint_create, 11, "void")                                              \
	X(ipc_connect, 12, "int ep_slot, uint64_t *ring_out")                       \
	X(ipc_call, 13, "int conn_slot, unsigned flags, const struct ipc_call_args *args_or_null")          \
	X(ipc_receive, 14, "int ep_slot, struct ipc_recv *out, unsigned flags")     \
	X(ipc_reply, 15, "int ep_slot, int conn, struct ipc_recv *out, unsigned flags") \
	/* Notifications, interrupts, I/O ports, memory objects. */                 \
	X(notif_create, 16, "void")                                                 \
	X(notif_signal, 17, "int slot, uint64_t bits")                              \
	X(notif_wait, 18, "int slot, uint64_t *bits_out, unsigned flags")           \
	X(irq_get, 19, "int root_slot, unsigned irq")                               \
	X(irq_bind, 20, "int irq_slot, int notif_slot, uint64_t bits")              \
	X(irq_ack, 21, "int irq_slot")                                              \
	X(ioport_get, 22, "int root_slot, unsigned base, unsigned count")           \
	X(ioport_enable, 23, "int slot")                                            \
	X(mem_create, 24, "uint64_t bytes")                                         \
	X(mem_map, 25, "int slot, uint64_t addr_hint, unsigned prot")               \
	X(vm_frame_id, 26, "uint64_t addr")                                        \
	/* fwd_register(server, ep_slot): init names the server of a class of     \
	 * forwarded Linux calls (proto/fwd.h). */                                  \
	X(fwd_register, 27, "int server, int ep_slot")                             \
	/* exec(pid, image, len, argv, envp): the process server (init) replaces  \
	 * the program of pid, which waits in a forwarded execve. */                \
	X(exec, 28, "long pid, const void *image, size_t len, char *const argv[], char *const envp[]") \
	/* klog_attach(notif_slot): the console (holder of COM1's ports) takes    \
	 * the kernel log: returns a memory-object slot with the ring (abi/klog.h). */ \
	X(klog_attach, 29, "int notif_slot")                                       \
	/* notif_at(slot, bits, deadline_ns): signal bits at a CLOCK_MONOTONIC     \
	 * time (ns since boot); 0 cancels. The time server's timers use it. */    \
	X(notif_at, 30, "int slot, uint64_t bits, uint64_t deadline_ns")          \
	/* log(msg, len): init's messages about servers, through the kernel log   \
	 * (which never waits on the console server init may be restarting). */    \
	X(log, 31, "const char *msg, size_t len")                                 \
	/* 32 (svc) is retired: service control is init's own protocol now,      \
	 * reached through a capability (proto/svc.h). */                          \
	/* time_publish(realtime_at_boot_ns): the time server sets the wall clock \
	 * the vDSO computes (abi/timepage.h). */                                   \
	X(time_publish, 33, "int64_t realtime_at_boot_ns")                       \
	/* sec_get(pid, out) and sec_set(ep_slot, pid, in, what): a process's     \
	 * credentials, pledge and seccomp state (abi/sec.h); pid 0 is the caller. */ \
	X(sec_get, 34, "long pid, struct uk_sec *out")                            \
	X(sec_set, 35, "int ep_slot, long pid, const struct uk_sec *in, unsigned what") \
	/* sigqueue(ep_slot, pid, tid, info): a server (ep_slot: an endpoint it    \
	 * serves) sends a signal with its information to pid (thread tid if not  \
	 * 0), as timer expiries need. */                                          \
	X(sigqueue, 36, "int ep_slot, long pid, long tid, const struct uk_siginfo *info") \
	/* kill_guard(word): a server names a uint32_t of its own that is nonzero  \
	 * while it is inside a request; a kill waits until it drops (at most     \
	 * PROC_GUARD_MAX_MS), so that no request is left half done. 0 removes it. */ \
	X(kill_guard, 37, "volatile uint32_t *word")                             \
	/* cap_admin(ep_slot, op, pid, slot, arg, rights): the security server   \
	 * (ep_slot: its endpoint) reads, copies or revokes another process's    \
	 * capability (proto/security.h, enum sec_cap_admin). */                  \
	X(cap_admin, 38, "int ep_slot, unsigned op, long pid, int slot, uint64_t arg, unsigned rights") \
	/* seccall(op, a0, a1, a2, buf, len): the security server's protocol     \
	 * (proto/security.h), forwarded to it. */                                \
	X(seccall, 39, "unsigned op, uint64_t a0, uint64_t a1, uint64_t a2, char *buf, size_t len") \
	/* proc_kill(proc_slot): ends the process at once with SIGKILL, as a     \
	 * crash would (no wait for its kill guard); needs WRITE and MANAGE on   \
	 * the process capability. */                                             \
	X(proc_kill, 40, "int proc_slot")                                       \
	/* client_vm(ep_slot, req): a server (ep_slot: a forwarding endpoint it \
	 * serves) maps part of a memory object into, or unmaps it from, a      \
	 * process whose forwarded call it is serving (struct uk_client_vm).    \
	 * How the System V shared memory server attaches segments. */          \
	X(client_vm, 41, "int ep_slot, const struct uk_client_vm *req")          \
	/* mem_decommit(slot, offset, len): the object's pages in the range go  \
	 * back to the free pool (they read as zero again), and so do the       \
	 * caller's mappings of them; needs WRITE. */                             \
	X(mem_decommit, 42, "int slot, uint64_t offset, uint64_t len")

#define UK_SYS_ENUM_(name, num, args) UK_SYS_##name = UK_SYS_BASE + (num),
enum uk_syscall { UK_SYSCALLS(UK_SYS_ENUM_) UK_SYS_END };
#undef UK_SYS_ENUM_

/* A capability handed to a spawned child (needs GRANT on the source). */
struct uk_spawn_cap {
	int32_t slot;            /* in the caller; -1 ends the list */
	uint32_t rights;         /* a subset of the source's */
	uint64_t badge;          /* 0: keep; else set (source unbadged, MANAGE) */
};
_Static_assert(sizeof(struct uk_spawn_cap) == 16, "uk_spawn_cap layout");
#define UK_SPAWN_MAX_CAPS 16

/* spawn flags */
#define UK_SPAWN_SHARE_INITRD 0x1  /* map the caller's initrd view into the child */
#define UK_SPAWN_SETSID 0x2        /* the child leads a new session and group (as setsid) */

/* cap_copy flags */
#define UK_CAP_SET_BADGE 0x1

/* notif_wait flags */
#define UK_NOTIF_NONBLOCK 0x1

/* wait flags */
#define UK_WAIT_NOHANG 0x1

/* client_vm requests */
#define UK_CLIENT_MAP 1     /* returns the address */
#define UK_CLIENT_UNMAP 2   /* only areas backed by mem_slot's object; 0 */
#define UK_CLIENT_FIXED 0x1 /* map at addr exactly, replacing what is there */
struct uk_client_vm {
	uint32_t op;             /* UK_CLIENT_* */
	uint32_t prot;           /* PROT_* (map) */
	int64_t pid;             /* the process served */
	int32_t mem_slot;        /* the caller's memory object (MAP and prot's rights) */
	uint32_t flags;          /* UK_CLIENT_FIXED */
	uint64_t offset;         /* page-aligned, in the object (map) */
	uint64_t len;            /* bytes, rounded up to pages */
	uint64_t addr;           /* map: 0 anywhere, else where (a hint without FIXED) */
};
_Static_assert(sizeof(struct uk_client_vm) == 48, "uk_client_vm layout");

struct uk_meminfo {
	uint64_t page_size;
	uint64_t total_frames;
	uint64_t free_frames;
	uint64_t used_frames;
	uint64_t rss_pages;      /* the caller's resident pages */
	uint64_t locked_pages;   /* the caller's mlocked pages */
};
_Static_assert(sizeof(struct uk_meminfo) == 48, "uk_meminfo layout");

struct uk_procinfo {
	int32_t pid, ppid;
	int32_t state;           /* UK_PROC_* */
	int32_t nthreads;
	uint64_t cpu_ns;         /* CPU time of all threads */
	int32_t exit_status;     /* wait(2) encoding, when state is UK_PROC_ZOMBIE */
	uint32_t flags;          /* UK_PROCINFO_* */
	char name[16];           /* the program's name, NUL-terminated */
	int32_t pgid, sid;       /* process group and session */
	uint32_t uid, reserved;  /* real uid */
};
_Static_assert(sizeof(struct uk_procinfo) == 64, "uk_procinfo layout");

/* uk_procinfo.flags: what a terminal's job control must know. */
#define UK_PROCINFO_TTIN_OFF 0x1   /* SIGTTIN ignored, or blocked by every thread */
#define UK_PROCINFO_TTOU_OFF 0x2   /* SIGTTOU ignored, or blocked by every thread */
#define UK_PROCINFO_ORPHANED 0x4   /* its process group is orphaned (POSIX) */
#define UK_PROCINFO_STOPPED 0x8

#define UK_PROC_RUNNING 1
#define UK_PROC_ZOMBIE 2
