// SPDX-License-Identifier: MIT
/* The VFS server's decoding side: forwarded Linux calls (include/proto/
 * fwd.h) unpacked and handed to the logic in vfs_*.c; descriptors naming
 * the console are redirected to the console server; reads and writes that
 * would block on a pipe are parked and answered when the pipe changes.
 * Bootstrap capabilities: 1 endpoint, 2 ready notification; the initrd is
 * mapped read-only (its files are the first contents). The cache counters
 * are readable as the text file /proc/vfs/cachestat. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include "ipc.h"
#include "uk.h"
#include "vfs.h"
#include "proto/fwd.h"
#include "proto/fwd_calls.h"
#include "abi/pledge.h"
#include "vfs_arena.h"
#include "vfs_kept.h"
#include "vfs_pledge.h"

#define SLOT_EP 1
#define SLOT_READY 2
#define SLOT_STATE 3  /* the arena: the whole state, kept across restarts */
static struct vfs_kept *kept;
#define MAX_PARKED 64
#define CONSOLE_MAJOR 5
#define TTY_MAJOR 4

static struct vfs_state *vfs;
static int parked[MAX_PARKED];   /* connections whose request waits on a pipe */
static int nparked;

typedef int64_t (*vfs_call_fn)(const struct vfs_caller *c, const uint64_t *a);

/* Calls on a descriptor (checked when it was opened) and the kernel's
 * process notices need no credentials; the rest read them from the kernel. */
static bool needs_cred(uint32_t op)
{
	switch (op) {
	case FWD_VFS_read: case FWD_VFS_write: case FWD_VFS_close: case FWD_VFS_fstat:
	case FWD_VFS_lseek: case FWD_VFS_pread64: case FWD_VFS_pwrite64: case FWD_VFS_dup:
	case FWD_VFS_dup2: case FWD_VFS_fcntl: case FWD_VFS_ftruncate: case FWD_VFS_getdents64:
	case FWD_VFS_dup3:
		return false;
	case FWD_VFS_proc_fork: case FWD_VFS_proc_exec: case FWD_VFS_proc_exit:
		return false;
	default:
		return true;
	}
}

/* The caller's identity; a process the VFS has not seen gets the console
 * on descriptors 0, 1 and 2. */
static struct vfs_caller caller_of(const struct ipc_request *rq)
{
	struct vfs_caller c = { .pid = (int)rq->badge, .promises = PLEDGE_ALL };
	struct uk_sec sec;
	if (needs_cred(rq->slot->op) && uk_sec_get(c.pid, &sec) == 0) {
		c.cred.uid = sec.fsuid;
		c.cred.gid = sec.fsgid;
		c.cred.ngroups = sec.ngroups < VFS_NGROUPS_MAX ? sec.ngroups : VFS_NGROUPS_MAX;
		memcpy(c.cred.groups, sec.groups, c.cred.ngroups * sizeof(c.cred.groups[0]));
		if (sec.flags & UK_SEC_PLEDGED)
			c.promises = sec.promises;
	}
	uint8_t *known = kept->known;
	if (c.pid > 0 && c.pid < 32768 && !(known[c.pid / 8] & (1u << (c.pid % 8)))) {
		known[c.pid / 8] |= (uint8_t)(1u << (c.pid % 8));
		if (vfs_fcntl(vfs, &c, 0, F_GETFD, 0) == -EBADF)
			for (int fd = 0; fd < 3; fd++)
				vfs_openat(vfs, &c, AT_FDCWD, "/dev/console", O_RDWR, 0);
	}
	return c;
}

#define CACHESTAT_PATH "/proc/vfs/cachestat"

/* Rewrites /proc/vfs/cachestat with the cache counters (as the server
 * itself, pid 0) when a program is about to open or stat it. */
static void refresh_cachestat(const char *path)
{
	if (!path || strcmp(path, CACHESTAT_PATH) != 0)
		return;
	struct vfs_caller self = { .pid = 0 };
	struct vfs_cache_stats st;
	char text[768];
	vfs_cache_stats(vfs, &st);
	int n = snprintf(text, sizeof(text),
		"inode_hits %llu\ninode_misses %llu\ninode_evictions %llu\n"
		"inodes_resident %u\ninodes_dirty %u\nbytes_resident %llu\nheap_bytes %llu\n"
		"dentry_hits %llu\ndentry_negative_hits %llu\ndentry_misses %llu\n"
		"dentry_evictions %llu\ndentries %u\n",
		(unsigned long long)st.inode_hits, (unsigned long long)st.inode_misses,
		(unsigned long long)st.inode_evictions, st.inodes_resident, st.inodes_dirty,
		(unsigned long long)st.bytes_resident, (unsigned long long)st.heap_bytes,
		(unsigned long long)st.dentry_hits, (unsigned long long)st.dentry_negative_hits,
		(unsigned long long)st.dentry_misses, (unsigned long long)st.dentry_evictions,
		st.dentries);
	vfs_mkdirat(vfs, &self, AT_FDCWD, "/proc", 0555);
	vfs_mkdirat(vfs, &self, AT_FDCWD, "/proc/vfs", 0555);
	int fd = vfs_openat(vfs, &self, AT_FDCWD, CACHESTAT_PATH, O_WRONLY | O_CREAT | O_TRUNC, 0444);
	if (fd < 0)
		return;
	vfs_write(vfs, &self, fd, text, (size_t)n);
	vfs_close(vfs, &self, fd);
}

static int32_t redirect_to_console(struct ipc_slot *out)
{
	struct fwd_redirect r = { FWD_SRV_CONSOLE, 0, 0 };
	memcpy(out->data, &r, sizeof(r));
	out->len = sizeof(r);
	return FWD_STATUS_REDIRECT;
}

static bool is_console(const struct vfs_caller *c, int fd)
{
	struct linux_stat st;
	if (vfs_fstat(vfs, c, fd, &st) < 0 || !S_ISCHR(st.st_mode))
		return false;
	unsigned major = (unsigned)(st.st_rdev >> 8);
	return major == CONSOLE_MAJOR || major == TTY_MAJOR;
}

static int64_t call_read(const struct vfs_caller *c, const uint64_t *a)
{
	return vfs_read(vfs, c, (int)a[0], (void *)a[1], a[2]);
}

static int64_t call_write(const struct vfs_caller *c, const uint64_t *a)
{
	return vfs_write(vfs, c, (int)a[0], (const void *)a[1], a[2]);
}

static int64_t call_pread(const struct vfs_caller *c, const uint64_t *a)
{
	return vfs_pread(vfs, c, (int)a[0], (void *)a[1], a[2], (int64_t)a[3]);
}

static int64_t call_pwrite(const struct vfs_caller *c, const uint64_t *a)
{
	return vfs_pwrite(vfs, c, (int)a[0], (const void *)a[1], a[2], (int64_t)a[3]);
}

/* Wakes parked requests that can now make progress. */
static void retry_parked(void);

/* Runs an I/O call: console descriptors go to the console server, pipe
 * waits are parked, and any change may unblock parked requests. */
static int32_t io(const struct ipc_request *rq, struct ipc_slot *out, vfs_call_fn fn)
{
	const uint64_t *a = ((const struct fwd_args *)rq->slot->data)->a;
	struct vfs_caller c = caller_of(rq);
	int64_t r = fn(&c, a);
	if (r == VFS_FORWARD_CONSOLE)
		return redirect_to_console(out);
	if (r == VFS_WOULD_BLOCK) {
		if (nparked == MAX_PARKED)
			return -EAGAIN;
		parked[nparked++] = rq->conn;
		return IPC_DEFER;
	}
	if (r >= 0)
		retry_parked();
	return (int32_t)r;
}

/* A parked caller was interrupted by a signal: its pipe read or write
 * ends with -EINTR (it had transferred nothing, or it would not wait). */
static int32_t cancel_parked(void *ctx, const struct ipc_request *rq, struct ipc_slot *out)
{
	(void)ctx, (void)out;
	for (int i = 0; i < nparked; i++) {
		if (parked[i] != rq->conn)
			continue;
		ipc_complete(SLOT_EP, parked[i], -EINTR, NULL, 0);
		parked[i] = parked[--nparked];
		break;
	}
	return 0;
}

static void retry_parked(void)
{
	for (int i = 0; i < nparked;) {
		const struct ipc_slot *rq = ipc_deferred_request(parked[i]);
		if (!rq) {
			parked[i] = parked[--nparked];
			continue;
		}
		const uint64_t *a = ((const struct fwd_args *)rq->data)->a;
		struct vfs_caller c = { .pid = (int)ipc_conn_badge(parked[i]) };
		int64_t r = rq->op == FWD_VFS_read ? call_read(&c, a) : call_write(&c, a);
		if (r == VFS_WOULD_BLOCK) {
			i++;
			continue;
		}
		ipc_complete(SLOT_EP, parked[i], (int32_t)r, NULL, 0);
		parked[i] = parked[--nparked];
	}
}

/* Handlers for calls that need no more than their arguments. */
#define A (((const struct fwd_args *)rq->slot->data)->a)
#define HANDLER(name, expr)                                                                 \
	static int32_t name(void *ctx, const struct ipc_request *rq, struct ipc_slot *out)  \
	{                                                                                   \
		(void)ctx, (void)out;                                                       \
		struct vfs_caller c = caller_of(rq);                                        \
		(void)c;                                                                    \
		return (int32_t)(expr);                                                     \
	}

static int32_t h_read(void *ctx, const struct ipc_request *rq, struct ipc_slot *out)
{
	(void)ctx;
	return io(rq, out, call_read);
}

static int32_t h_write(void *ctx, const struct ipc_request *rq, struct ipc_slot *out)
{
	(void)ctx;
	return io(rq, out, call_write);
}

static int32_t h_pread(void *ctx, const struct ipc_request *rq, struct ipc_slot *out)
{
	(void)ctx;
	return io(rq, out, call_pread);
}

static int32_t h_pwrite(void *ctx, const struct ipc_request *rq, struct ipc_slot *out)
{
	(void)ctx;
	return io(rq, out, call_pwrite);
}

static int32_t h_close(void *ctx, const struct ipc_request *rq, struct ipc_slot *out)
{
	(void)ctx, (void)out;
	struct vfs_caller c = caller_of(rq);
	int r = vfs_close(vfs, &c, (int)A[0]);
	retry_parked();  /* a closed pipe end ends waits with EOF or EPIPE */
	return r;
}

static int32_t h_ioctl(void *ctx, const struct ipc_request *rq, struct ipc_slot *out)
{
	(void)ctx;
	struct vfs_caller c = caller_of(rq);
	int need = vfs_pledge_ioctl(c.promises, A[1]);
	if (need >= 0)
		return FWD_STATUS_PLEDGE(need);
	if (is_console(&c, (int)A[0]))
		return redirect_to_console(out);
	return vfs_fcntl(vfs, &c, (int)A[0], F_GETFD, 0) < 0 ? -EBADF : -ENOTTY;
}

static int32_t pipe_into(const struct vfs_caller *c, int *dst, int flags)
{
	int fds[2];
	int r = vfs_pipe2(vfs, c, fds, flags);
	if (r == 0)
		memcpy(dst, fds, sizeof(fds));
	return r;
}

/* The status for a promise check: bit < 0 lets the call run. */
#define PLEDGED(bit, expr) ((bit) >= 0 ? FWD_STATUS_PLEDGE(bit) : (expr))
#define STAT_PROMISE(path) \
	vfs_pledge_path(c.promises, path, PLEDGE_HAS(c.promises, wpath) ? PLEDGE_wpath : PLEDGE_rpath)

HANDLER(h_open, PLEDGED(vfs_pledge_open(c.promises, (const char *)A[0], (int)A[1]),
		(refresh_cachestat((const char *)A[0]),
		 vfs_openat(vfs, &c, AT_FDCWD, (const char *)A[0], (int)A[1], (mode_t)A[2]))))
HANDLER(h_stat, PLEDGED(STAT_PROMISE((const char *)A[0]),
		(refresh_cachestat((const char *)A[0]),
		 vfs_newfstatat(vfs, &c, AT_FDCWD, (const char *)A[0], (void *)A[1], 0))))
HANDLER(h_fstat, vfs_fstat(vfs, &c, (int)A[0], (void *)A[1]))
HANDLER(h_lstat, PLEDGED(STAT_PROMISE((const char *)A[0]),
		vfs_newfstatat(vfs, &c, AT_FDCWD, (const char *)A[0], (void *)A[1],
			       AT_SYMLINK_NOFOLLOW)))
HANDLER(h_lseek, vfs_lseek(vfs, &c, (int)A[0], (int64_t)A[1], (int)A[2]))
HANDLER(h_access, vfs_faccessat(vfs, &c, AT_FDCWD, (const char *)A[0], (int)A[1], 0))
HANDLER(h_pipe, pipe_into(&c, (int *)A[0], 0))
HANDLER(h_dup, vfs_dup(vfs, &c, (int)A[0]))
HANDLER(h_dup2, vfs_dup2(vfs, &c, (int)A[0], (int)A[1]))
HANDLER(h_fcntl, vfs_fcntl(vfs, &c, (int)A[0], (int)A[1], A[2]))
HANDLER(h_truncate, vfs_truncate(vfs, &c, (const char *)A[0], (int64_t)A[1]))
HANDLER(h_ftruncate, vfs_ftruncate(vfs, &c, (int)A[0], (int64_t)A[1]))
HANDLER(h_getcwd, vfs_getcwd(vfs, &c, (char *)A[0], A[1]))
HANDLER(h_chdir, vfs_chdir(vfs, &c, (const char *)A[0]))
HANDLER(h_fchdir, vfs_fchdir(vfs, &c, (int)A[0]))
HANDLER(h_rename, vfs_renameat(vfs, &c, AT_FDCWD, (const char *)A[0], AT_FDCWD,
			       (const char *)A[1]))
HANDLER(h_mkdir, vfs_mkdirat(vfs, &c, AT_FDCWD, (const char *)A[0], (mode_t)A[1]))
HANDLER(h_rmdir, vfs_unlinkat(vfs, &c, AT_FDCWD, (const char *)A[0], AT_REMOVEDIR))
HANDLER(h_creat, PLEDGED(vfs_pledge_open(c.promises, (const char *)A[0], O_CREAT | O_WRONLY | O_TRUNC),
		vfs_openat(vfs, &c, AT_FDCWD, (const char *)A[0], O_CREAT | O_WRONLY | O_TRUNC,
			   (mode_t)A[1])))
HANDLER(h_unlink, PLEDGED(vfs_pledge_path(c.promises, (const char *)A[0], PLEDGE_cpath),
		vfs_unlinkat(vfs, &c, AT_FDCWD, (const char *)A[0], 0)))
HANDLER(h_symlink, vfs_symlinkat(vfs, &c, (const char *)A[0], AT_FDCWD, (const char *)A[1]))
HANDLER(h_readlink, vfs_readlinkat(vfs, &c, AT_FDCWD, (const char *)A[0], (char *)A[1], A[2]))
HANDLER(h_chmod, PLEDGED(vfs_pledge_path(c.promises, (const char *)A[0], PLEDGE_fattr),
		vfs_fchmodat(vfs, &c, AT_FDCWD, (const char *)A[0], (mode_t)A[1], 0)))
HANDLER(h_fchmod, vfs_fchmod(vfs, &c, (int)A[0], (mode_t)A[1]))
HANDLER(h_umask, vfs_umask(vfs, &c, (mode_t)A[0]))
HANDLER(h_statfs, vfs_statfs(vfs, &c, (const char *)A[0], (void *)A[1]))
HANDLER(h_fstatfs, vfs_fstatfs(vfs, &c, (int)A[0], (void *)A[1]))
HANDLER(h_getdents64, vfs_getdents64(vfs, &c, (int)A[0], (void *)A[1], A[2]))
HANDLER(h_openat, PLEDGED(vfs_pledge_open(c.promises, (const char *)A[1], (int)A[2]),
		(refresh_cachestat((const char *)A[1]),
		 vfs_openat(vfs, &c, (int)A[0], (const char *)A[1], (int)A[2], (mode_t)A[3]))))
HANDLER(h_mkdirat, vfs_mkdirat(vfs, &c, (int)A[0], (const char *)A[1], (mode_t)A[2]))
HANDLER(h_newfstatat, PLEDGED(STAT_PROMISE((const char *)A[1]),
		vfs_newfstatat(vfs, &c, (int)A[0], (const char *)A[1], (void *)A[2], (int)A[3])))
HANDLER(h_unlinkat, PLEDGED(vfs_pledge_path(c.promises, (const char *)A[1], PLEDGE_cpath),
		vfs_unlinkat(vfs, &c, (int)A[0], (const char *)A[1], (int)A[2])))
HANDLER(h_renameat, vfs_renameat(vfs, &c, (int)A[0], (const char *)A[1], (int)A[2],
				 (const char *)A[3]))
HANDLER(h_symlinkat, vfs_symlinkat(vfs, &c, (const char *)A[0], (int)A[1], (const char *)A[2]))
HANDLER(h_readlinkat, vfs_readlinkat(vfs, &c, (int)A[0], (const char *)A[1], (char *)A[2], A[3]))
HANDLER(h_fchmodat, PLEDGED(vfs_pledge_path(c.promises, (const char *)A[1], PLEDGE_fattr),
		vfs_fchmodat(vfs, &c, (int)A[0], (const char *)A[1], (mode_t)A[2], 0)))
HANDLER(h_faccessat, vfs_faccessat(vfs, &c, (int)A[0], (const char *)A[1], (int)A[2], 0))
HANDLER(h_dup3, vfs_dup3(vfs, &c, (int)A[0], (int)A[1], (int)A[2]))
HANDLER(h_pipe2, pipe_into(&c, (int *)A[0], (int)A[1]))
HANDLER(h_renameat2, A[4] ? -EINVAL : vfs_renameat(vfs, &c, (int)A[0], (const char *)A[1],
						    (int)A[2], (const char *)A[3]))
HANDLER(h_faccessat2, vfs_faccessat(vfs, &c, (int)A[0], (const char *)A[1], (int)A[2], (int)A[3]))
HANDLER(h_fork, vfs_proc_fork(vfs, (int)A[0], (int)A[1]))
HANDLER(h_exec, vfs_proc_exec(vfs, (int)A[0]))
HANDLER(h_exec_check, vfs_exec_check(vfs, &c, (const char *)A[0]))
HANDLER(h_unveil, vfs_unveil_call(vfs, &c, (const char *)A[0], (const char *)A[1]))

static int32_t h_exit(void *ctx, const struct ipc_request *rq, struct ipc_slot *out)
{
	(void)ctx, (void)out;
	vfs_proc_exit(vfs, (int)A[0]);
	retry_parked();
	return 0;
}

static const ipc_handler_fn handlers[FWD_VFS_NOPS] = {
	[FWD_VFS_read] = h_read, [FWD_VFS_write] = h_write, [FWD_VFS_open] = h_open,
	[FWD_VFS_close] = h_close, [FWD_VFS_stat] = h_stat, [FWD_VFS_fstat] = h_fstat,
	[FWD_VFS_lstat] = h_lstat, [FWD_VFS_lseek] = h_lseek, [FWD_VFS_ioctl] = h_ioctl,
	[FWD_VFS_pread64] = h_pread, [FWD_VFS_pwrite64] = h_pwrite, [FWD_VFS_access] = h_access,
	[FWD_VFS_pipe] = h_pipe, [FWD_VFS_dup] = h_dup, [FWD_VFS_dup2] = h_dup2,
	[FWD_VFS_fcntl] = h_fcntl, [FWD_VFS_truncate] = h_truncate,
	[FWD_VFS_ftruncate] = h_ftruncate, [FWD_VFS_getcwd] = h_getcwd,
	[FWD_VFS_chdir] = h_chdir, [FWD_VFS_fchdir] = h_fchdir, [FWD_VFS_rename] = h_rename,
	[FWD_VFS_mkdir] = h_mkdir, [FWD_VFS_rmdir] = h_rmdir, [FWD_VFS_creat] = h_creat,
	[FWD_VFS_unlink] = h_unlink, [FWD_VFS_symlink] = h_symlink,
	[FWD_VFS_readlink] = h_readlink, [FWD_VFS_chmod] = h_chmod, [FWD_VFS_fchmod] = h_fchmod,
	[FWD_VFS_umask] = h_umask, [FWD_VFS_statfs] = h_statfs, [FWD_VFS_fstatfs] = h_fstatfs,
	[FWD_VFS_getdents64] = h_getdents64, [FWD_VFS_openat] = h_openat,
	[FWD_VFS_mkdirat] = h_mkdirat, [FWD_VFS_newfstatat] = h_newfstatat,
	[FWD_VFS_unlinkat] = h_unlinkat, [FWD_VFS_renameat] = h_renameat,
	[FWD_VFS_symlinkat] = h_symlinkat, [FWD_VFS_readlinkat] = h_readlinkat,
	[FWD_VFS_fchmodat] = h_fchmodat, [FWD_VFS_faccessat] = h_faccessat,
	[FWD_VFS_dup3] = h_dup3, [FWD_VFS_pipe2] = h_pipe2, [FWD_VFS_renameat2] = h_renameat2,
	[FWD_VFS_faccessat2] = h_faccessat2, [FWD_VFS_unveil] = h_unveil,
	[FWD_VFS_exec_check] = h_exec_check, [FWD_VFS_proc_fork] = h_fork,
	[FWD_VFS_proc_exec] = h_exec, [FWD_VFS_proc_exit] = h_exit,
};

static volatile uint32_t *busy;  /* in the arena: a call is changing the state */

/* Marks the state as being changed while a call runs (see vfs_kept_open). */
static int32_t busy_dispatch(void *ctx, const struct ipc_request *rq, struct ipc_slot *out)
{
	uint32_t op = rq->slot->op;
	ipc_handler_fn fn = op < sizeof(handlers) / sizeof(handlers[0]) ? handlers[op] : NULL;
	(void)ctx;
	if (!fn)
		return -ENOSYS;
	*busy = 1;
	int32_t r = fn(NULL, rq, out);
	*busy = 0;
	return r;
}

int main(void)
{
	kept = vfs_kept_open(SLOT_STATE);
	if (!kept)
		return 1;
	vfs = kept->vfs;
	busy = vfs_arena_busy();
	uk_notif_signal(SLOT_READY, 1);
	static ipc_handler_fn wrapped[sizeof(handlers) / sizeof(handlers[0])];
	for (size_t i = 0; i < sizeof(handlers) / sizeof(handlers[0]); i++)
		wrapped[i] = handlers[i] ? busy_dispatch : NULL;
	const struct ipc_dispatch d = { .count = FWD_VFS_NOPS, .handlers = wrapped, .kernel_only = true };
	ipc_serve_on_cancel(cancel_parked);
	return -ipc_serve(SLOT_EP, &d);
}
