// SPDX-License-Identifier: MIT
/* The VFS server's main loop and what every call shares: who the caller
 * is, buffers the kernel passed as NULL, descriptors naming the console
 * (redirected to the console server), and requests that must wait
 * (parked with IPC_DEFER and served again whenever the state's wake
 * counter moves, or answered -EINTR when a signal cancels them). The
 * handlers are in vfs_calls.c. Bootstrap capabilities: 1 endpoint, 2
 * ready notification, 3 the state (the arena); the initrd is mapped
 * read-only (its files are the first contents). The cache counters are
 * readable as the text file /proc/vfs/cachestat. */
#define _GNU_SOURCE /* F_OFD_* */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include "uk.h"
#include "abi/pledge.h"
#include "vfs_arena.h"
#include "vfs_ipc.h"
#include "vfs_kept.h"

#define SLOT_EP 1
#define SLOT_READY 2
#define SLOT_STATE 3  /* the arena: the whole state, kept across restarts */
#define MAX_PARKED 64
#define MAX_RETRY_ROUNDS 8

struct vfs_state *vfs_srv;
static struct vfs_kept *kept;
static int parked[MAX_PARKED];   /* connections whose request waits */
static int nparked;
static uint64_t wake_seen;       /* vfs_wake_count() when parked requests last ran */

static bool is_lock_cmd(uint64_t cmd)
{
	return cmd == F_GETLK || cmd == F_SETLK || cmd == F_SETLKW || cmd == F_OFD_GETLK ||
	       cmd == F_OFD_SETLK || cmd == F_OFD_SETLKW;
}

/* Calls on a descriptor (checked when it was opened) and the kernel's
 * process notices need no credentials; the rest read them from the
 * kernel, and fcntl's lock commands its promises ("flock"). */
static bool needs_cred(const struct ipc_slot *s)
{
	switch (s->op) {
	case FWD_VFS_fcntl:
		return is_lock_cmd(((const struct fwd_args *)s->data)->a[1]);
	case FWD_VFS_read: case FWD_VFS_write: case FWD_VFS_close: case FWD_VFS_fstat:
	case FWD_VFS_lseek: case FWD_VFS_pread64: case FWD_VFS_pwrite64: case FWD_VFS_dup:
	case FWD_VFS_dup2: case FWD_VFS_ftruncate: case FWD_VFS_getdents64:
	case FWD_VFS_dup3: case FWD_VFS_flock: case FWD_VFS_fsync: case FWD_VFS_fdatasync:
	case FWD_VFS_syncfs: case FWD_VFS_sync: case FWD_VFS_fallocate: case FWD_VFS_sendfile:
	case FWD_VFS_copy_file_range:
		return false;
	case FWD_VFS_proc_fork: case FWD_VFS_proc_exec: case FWD_VFS_proc_exit:
		return false;
	default:
		return true;
	}
}

struct vfs_caller vfs_caller_of(const struct ipc_request *rq)
{
	struct vfs_caller c = { .pid = (int)rq->badge, .promises = PLEDGE_ALL,
				.wait_id = (uint32_t)rq->conn + 1 };
	struct uk_sec sec;
	if (needs_cred(rq->slot) && uk_sec_get(c.pid, &sec) == 0) {
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
		if (vfs_fcntl(vfs_srv, &c, 0, F_GETFD, 0) == -EBADF)
			for (int fd = 0; fd < 3; fd++)
				vfs_openat(vfs_srv, &c, AT_FDCWD, "/dev/console", O_RDWR, 0);
	}
	return c;
}

#define CACHESTAT_PATH "/proc/vfs/cachestat"

void vfs_refresh_cachestat(const char *path)
{
	if (!path || strcmp(path, CACHESTAT_PATH) != 0)
		return;
	struct vfs_caller self = { .pid = 0 };
	struct vfs_cache_stats st;
	char text[768];
	vfs_cache_stats(vfs_srv, &st);
	int n = snprintf(text, sizeof(text),
		"inode_hits %llu\ninode_misses %llu\ninode_evictions %llu\n"
		"inodes_resident %u\ninodes_dirty %u\nbytes_resident %llu\nheap_bytes %llu\n"
		"data_bytes %llu\ndentry_hits %llu\ndentry_negative_hits %llu\n"
		"dentry_misses %llu\ndentry_evictions %llu\ndentries %u\n",
		(unsigned long long)st.inode_hits, (unsigned long long)st.inode_misses,
		(unsigned long long)st.inode_evictions, st.inodes_resident, st.inodes_dirty,
		(unsigned long long)st.bytes_resident, (unsigned long long)st.heap_bytes,
		(unsigned long long)st.data_bytes, (unsigned long long)st.dentry_hits,
		(unsigned long long)st.dentry_negative_hits, (unsigned long long)st.dentry_misses,
		(unsigned long long)st.dentry_evictions, st.dentries);
	vfs_mkdirat(vfs_srv, &self, AT_FDCWD, "/proc", 0555);
	vfs_mkdirat(vfs_srv, &self, AT_FDCWD, "/proc/vfs", 0555);
	int fd = vfs_openat(vfs_srv, &self, AT_FDCWD, CACHESTAT_PATH, O_WRONLY | O_CREAT | O_TRUNC, 0444);
	if (fd < 0)
		return;
	vfs_write(vfs_srv, &self, fd, text, (size_t)n);
	vfs_close(vfs_srv, &self, fd);
}

int32_t vfs_answer_slow(const struct ipc_request *rq, struct ipc_slot *out, int64_t r)
{
	if (r == VFS_FORWARD_CONSOLE) {
		struct fwd_redirect to = { FWD_SRV_CONSOLE, 0, 0 };
		memcpy(out->data, &to, sizeof(to));
		out->len = sizeof(to);
		return FWD_STATUS_REDIRECT;
	}
	if (r != VFS_WOULD_BLOCK)
		return (int32_t)r;
	for (int i = 0; i < nparked; i++)
		if (parked[i] == rq->conn)
			return IPC_DEFER;  /* served again and still waiting */
	if (nparked == MAX_PARKED) {
		vfs_wait_done(vfs_srv, (uint32_t)rq->conn + 1);
		return -EAGAIN;
	}
	parked[nparked++] = rq->conn;
	return IPC_DEFER;
}

/* How each argument of each call travels (from the one description), to
 * catch the buffers the kernel passed on as NULL. */
enum { AK_NONE, AK_BUF, AK_FIXED };
struct arg_kind {
	uint8_t kind;
	int8_t len_arg;
};
#define FWDA_V(w) { AK_NONE, -1 }
#define FWDA_S(w) { AK_NONE, -1 }
#define FWDA_S0(w) { AK_NONE, -1 }
#define FWDA_SV(w) { AK_NONE, -1 }
#define FWDA_IN(w, n) { AK_BUF, n }
#define FWDA_OUT(w, n) { AK_BUF, n }
#define FWDA_INU(w, n, u) { AK_BUF, n }
#define FWDA_OUTU(w, n, u) { AK_BUF, n }
#define FWDA_INF(w, b) { AK_FIXED, -1 }
#define FWDA_OUTF(w, b) { AK_FIXED, -1 }
#define FWDA_INOUTF(w, b) { AK_FIXED, -1 }
#define FWDA_IOCTL(w) { AK_NONE, -1 }
#define FWDA_FCNTL(w) { AK_NONE, -1 }
#define FWDA_NO { AK_NONE, -1 }
#define KIND_ROW(srv, name, note, a0, a1, a2, a3, a4, a5) [FWD_VFS_##name] = { a0, a1, a2, a3, a4, a5 },
static const struct arg_kind arg_kinds[FWD_VFS_NOPS][6] = { FWD_VFS_CALLS(KIND_ROW) };

/* The fixed buffers a call may leave NULL: offsets (sendfile,
 * copy_file_range) and times ("now"). */
static bool nullable(uint32_t op, int i)
{
	switch (op) {
	case FWD_VFS_sendfile: return i == 2;
	case FWD_VFS_copy_file_range: return i == 1 || i == 3;
	case FWD_VFS_utime: case FWD_VFS_utimes: return i == 1;
	case FWD_VFS_futimesat: case FWD_VFS_utimensat: return i == 2;
	default: return false;
	}
}

/* Per call, the arguments that are buffers which must not be NULL, one
 * bit each (made once from arg_kinds and nullable). */
static uint8_t must_have[FWD_VFS_NOPS];

static void init_must_have(void)
{
	for (uint32_t op = 0; op < FWD_VFS_NOPS; op++)
		for (int i = 0; i < 6; i++)
			if (arg_kinds[op][i].kind != AK_NONE && !nullable(op, i))
				must_have[op] |= (uint8_t)(1u << i);
}

/* -EFAULT for a NULL buffer the call must have (a variable one only when
 * its length is not 0), as Linux's copy from or to it would fail. */
static int null_buffers(const struct ipc_slot *s)
{
	const uint64_t *a = ((const struct fwd_args *)s->data)->a;
	for (unsigned m = s->op < FWD_VFS_NOPS ? must_have[s->op] : 0; m; m &= m - 1) {
		int i = __builtin_ctz(m);
		const struct arg_kind *k = &arg_kinds[s->op][i];
		if (!a[i] && (k->kind == AK_FIXED || a[k->len_arg] != 0))
			return -EFAULT;
	}
	return 0;
}

static volatile uint32_t *busy;  /* in the arena: a call is changing the state */

/* Runs the handler of rq. */
static int32_t run(const struct ipc_request *rq, struct ipc_slot *out)
{
	uint32_t op = rq->slot->op;
	ipc_handler_fn fn = op < FWD_VFS_NOPS ? vfs_handlers[op] : NULL;
	if (!fn)
		return -ENOSYS;
	int r = null_buffers(rq->slot);
	return r < 0 ? r : fn(NULL, rq, out);
}

/* Serves the parked requests again, as long as the state keeps changing
 * under them; each answered one leaves the list (one served again and
 * still waiting stays: vfs_answer_slow finds it there). current is the
 * connection whose request is being served now (-1: none): if it parked,
 * it is not deferred yet and is left alone. */
static void retry_parked(int current)
{
	for (int round = 0; round < MAX_RETRY_ROUNDS && nparked; round++) {
		if (vfs_wake_count(vfs_srv) == wake_seen)
			return;
		wake_seen = vfs_wake_count(vfs_srv);
		for (int i = 0; i < nparked;) {
			int conn = parked[i];
			const struct ipc_slot *slot = conn == current ? NULL : ipc_deferred_request(conn);
			int32_t r = 0;
			if (slot) {
				struct ipc_request rq = { .slot = slot, .badge = ipc_conn_badge(conn),
							  .conn = conn, .cap_slot = -1, .kernel = true };
				struct ipc_slot out = { .len = 0 };
				r = vfs_handlers[slot->op](NULL, &rq, &out);  /* checked when it came */
				if (r != IPC_DEFER)
					ipc_complete(SLOT_EP, conn, r, out.data, out.len);
			}
			if (conn == current || r == IPC_DEFER) {
				i++;
				continue;
			}
			vfs_wait_done(vfs_srv, (uint32_t)conn + 1);  /* answered, or its process is gone */
			parked[i] = parked[--nparked];
		}
	}
}

void vfs_forget_parked(int pid)
{
	for (int i = 0; i < nparked;) {
		int conn = parked[i];
		if (ipc_conn_badge(conn) != (uint64_t)pid) {
			i++;
			continue;
		}
		vfs_wait_done(vfs_srv, (uint32_t)conn + 1);
		ipc_complete(SLOT_EP, conn, -EINTR, NULL, 0);  /* lets the kernel finish its close */
		parked[i] = parked[--nparked];
	}
}

/* A parked caller was interrupted by a signal: its call ends with -EINTR
 * (it had transferred nothing, or it would not wait). */
static int32_t cancel_parked(void *ctx, const struct ipc_request *rq, struct ipc_slot *out)
{
	(void)ctx, (void)out;
	for (int i = 0; i < nparked; i++) {
		if (parked[i] != rq->conn)
			continue;
		vfs_wait_done(vfs_srv, (uint32_t)rq->conn + 1);
		ipc_complete(SLOT_EP, parked[i], -EINTR, NULL, 0);
		parked[i] = parked[--nparked];
		break;
	}
	retry_parked(-1);  /* a FIFO opener that went may change its partner's answer */
	return 0;
}

/* Marks the state as being changed while a call runs (see vfs_kept_open),
 * then lets parked requests through that the call unblocked: before this
 * call's own answer, so a FIFO's opener and its partner both return. */
static int32_t busy_dispatch(void *ctx, const struct ipc_request *rq, struct ipc_slot *out)
{
	(void)ctx;
	*busy = 1;
	int32_t r = run(rq, out);
	if (nparked)
		retry_parked(rq->conn);
	*busy = 0;
	return r;
}

int main(void)
{
	kept = vfs_kept_open(SLOT_STATE);
	if (!kept)
		return 1;
	vfs_srv = kept->vfs;
	init_must_have();
	vfs_wait_reset(vfs_srv);  /* the requests a predecessor parked come again */
	wake_seen = vfs_wake_count(vfs_srv);
	busy = vfs_arena_busy();
	uk_notif_signal(SLOT_READY, 1);
	static ipc_handler_fn wrapped[FWD_VFS_NOPS];
	for (size_t i = 0; i < FWD_VFS_NOPS; i++)
		wrapped[i] = vfs_handlers[i] ? busy_dispatch : NULL;
	const struct ipc_dispatch d = { .count = FWD_VFS_NOPS, .handlers = wrapped, .kernel_only = true };
	ipc_serve_on_cancel(cancel_parked);
	return -ipc_serve(SLOT_EP, &d);
}
