/* SPDX-License-Identifier: MIT */
/* libuk: the user-space side of this kernel's native calls for static musl
 * programs. Wrappers for the native syscalls (uk_spawn, uk_wait,
 * uk_meminfo, uk_procinfo), the initrd as mapped into this process
 * (uk_initrd, uk_initrd_find), a cpio "newc" reader usable on any buffer
 * (uk_cpio_find) and spawning a program straight from the initrd
 * (uk_spawn_path).
 * Errors follow libc: every function returns -1 and sets errno on failure. */
#pragma once
#include <stddef.h>
#include <abi/auxv.h>
#include <stdint.h>
#include <abi/cap.h>
#include <abi/ipc.h>
#include <abi/syscall.h>
#include <abi/sec.h>

/* Starts the static ELF64 image[0..len) as a new process with argv/envp.
 * Returns the child's handle (> 0), or -1 with errno set. */
long uk_spawn(const void *image, size_t len, char *const argv[], char *const envp[],
	      unsigned flags);

/* uk_spawn, handing the child copies of caps (ended by slot -1) in slots 1.. */
long uk_spawn_caps(const void *image, size_t len, char *const argv[], char *const envp[],
		   unsigned flags, const struct uk_spawn_cap *caps);

/* Waits for child handle (-1: any child); stores its wait(2)-encoded status
 * in *status if status is not NULL. Returns the reaped handle, 0 if
 * UK_WAIT_NOHANG was given and no child has exited, or -1 with errno set. */
long uk_wait(long handle, int *status, unsigned flags);

/* Fills *out with frame counts and the caller's RSS. Returns 0 or -1. */
int uk_meminfo(struct uk_meminfo *out);

/* Fills *out with the state of process handle. Returns 0 or -1. */
int uk_procinfo(long handle, struct uk_procinfo *out);
/* The pid of a running process with this program name (a server's, say),
 * or -1 with errno ESRCH. */
long uk_pid_of(const char *name);

/* Stores where the read-only initrd is mapped in this process. Returns 0,
 * or -1 with errno ENOENT when this process was not given the initrd. */
int uk_initrd(const void **base, size_t *len);

/* Finds regular file path (with or without a leading '/') in the newc
 * archive archive[0..archive_len) and stores its contents' address and
 * length. Returns 0; -1 with ENOENT when absent (symlinks are not
 * followed), EINVAL for a malformed archive (bad magic or hex, a field out
 * of bounds, a name without its NUL, no TRAILER!!!) or a NULL argument,
 * EIO when a 070702 member's checksum does not match. */
int uk_cpio_find(const void *archive, size_t archive_len, const char *path,
		 const void **data, size_t *len);

/* uk_cpio_find on this process's initrd (errors as uk_initrd and
 * uk_cpio_find). */
int uk_initrd_find(const char *path, const void **data, size_t *len);

/* Spawns the initrd file path (flags | UK_SPAWN_SHARE_INITRD, so the child
 * can spawn from the initrd too). Returns the child's handle or -1 with
 * errno set (see uk_initrd_find and uk_spawn). */
long uk_spawn_path(const char *path, char *const argv[], char *const envp[],
		   unsigned flags);
/* uk_spawn_path, handing the child copies of caps (see uk_spawn_caps). */
long uk_spawn_path_caps(const char *path, char *const argv[], char *const envp[],
			unsigned flags, const struct uk_spawn_cap *caps);

/* Capabilities (abi/cap.h): slots, or -1 with errno (EBADF bad slot, EINVAL
 * wrong type, EPERM missing right, ENOSPC full table). */
int uk_cap_copy(int slot, unsigned rights, uint64_t badge, unsigned flags);
int uk_cap_grant(int proc_slot, int slot, unsigned rights);
int uk_cap_delete(int slot);
int uk_cap_revoke(int slot);
int uk_cap_info(int slot, struct cap_info *out);
/* A process capability for one's own child. */
int uk_proc_cap(long pid);
/* Signals bits on the notification when the process dies. */
int uk_proc_watch(int proc_slot, int notif_slot, uint64_t bits);

/* Endpoints and rings; libipc builds on these. */
int uk_endpoint_create(void);
int uk_ipc_connect(int ep_slot, uint64_t *ring);
int uk_ipc_call(int conn_slot, unsigned flags, const struct ipc_call_args *args);
int uk_ipc_receive(int ep_slot, struct ipc_recv *out, unsigned flags);
int uk_ipc_reply(int ep_slot, int conn, struct ipc_recv *out, unsigned flags);

/* Notifications, IRQs, I/O ports, memory objects. */
int uk_notif_create(void);
int uk_notif_signal(int slot, uint64_t bits);
int uk_notif_wait(int slot, uint64_t *bits, unsigned flags);
int uk_irq_get(int root_slot, unsigned irq);
int uk_irq_bind(int irq_slot, int notif_slot, uint64_t bits);
int uk_irq_ack(int irq_slot);
int uk_ioport_get(int root_slot, unsigned base, unsigned count);
int uk_ioport_enable(int slot);
int uk_mem_create(uint64_t bytes);
/* Maps a memory object; returns its address or (void *)-1 with errno. */
void *uk_mem_map(int slot, uint64_t hint, unsigned prot);
/* An opaque identity of the frame behind addr (equal ids: same memory). */
long uk_vm_frame_id(const void *addr);

/* init only: ep_slot's server receives the forwarded calls of class server
 * (enum fwd_server, include/proto/fwd.h). */
int uk_fwd_register(int server, int ep_slot);
/* The process server only: replaces the program of pid (waiting in a
 * forwarded execve) with image. */
int uk_exec(long pid, const void *image, size_t len, char *const argv[], char *const envp[]);
/* The console server only: takes over the kernel log (abi/klog.h); returns
 * the slot of the ring's memory object. */
int uk_klog_attach(int notif_slot);
/* Signals bits on the notification at CLOCK_MONOTONIC time deadline_ns
 * (nanoseconds since boot); 0 cancels. */
int uk_notif_at(int slot, uint64_t bits, uint64_t deadline_ns);
/* init only: a message into the kernel log (never waits on a server). */
int uk_log(const char *msg, size_t len);
/* Ends a process at once with SIGKILL, as a crash would: no wait for its
 * kill guard (needs WRITE and MANAGE on the process capability). */
int uk_proc_kill(int proc_slot);
/* A server maps part of a memory object into (or unmaps it from) the
 * process whose forwarded call it serves: the address (map), 0 (unmap). */
long uk_client_vm(int ep_slot, const struct uk_client_vm *req);
/* The object's pages in [offset, offset+len) are freed (zero at the next
 * touch), and unmapped from the caller. */
int uk_mem_decommit(int slot, uint64_t offset, uint64_t len);
/* The time server only: the wall clock the vDSO computes. */
int uk_time_publish(int64_t realtime_at_boot_ns);
/* Reads the credentials, pledge and seccomp state of pid (0: the caller). */
int uk_sec_get(long pid, struct uk_sec *out);
/* The security server only (ep_slot: its endpoint): sets what of pid's state. */
int uk_sec_set(int ep_slot, long pid, const struct uk_sec *in, unsigned what);
/* A server only (ep_slot: an endpoint it serves): sends a signal with its
 * information to pid, to thread tid if not 0. */
int uk_sigqueue(int ep_slot, long pid, long tid, const struct uk_siginfo *info);
/* Names the word that is nonzero while this server is inside a request: a
 * kill then waits for the request to be answered (libipc does this). */
int uk_kill_guard(volatile uint32_t *word);
/* The security server only: another process's capability (proto/security.h). */
long uk_cap_admin(int ep_slot, unsigned op, long pid, int slot, uint64_t arg, unsigned rights);
/* The security server's protocol: check, grant, revoke, audit log. Returns
 * the server's answer (>= 0) or -1 with errno. */
long uk_seccall(unsigned op, uint64_t a0, uint64_t a1, uint64_t a2, char *buf, size_t len);
