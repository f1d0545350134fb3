// SPDX-License-Identifier: MIT
/* One handler per forwarded call of the VFS (FWD_VFS_CALLS in
 * include/proto/fwd_calls.h): it unpacks the arguments (pointers are
 * already addresses in this server), checks the pledge promises that
 * depend on them (vfs_pledge.c) and calls the logic; vfs_answer turns a
 * wait into a parked request and a console descriptor into a redirect.
 * Entry point: the table vfs_handlers. */
#define _GNU_SOURCE /* AT_EMPTY_PATH */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include "abi/pledge.h"
#include "vfs_ipc.h"
#include "vfs_pledge.h"

#define CONSOLE_MAJOR 5
#define TTY_MAJOR 4
#define vfs vfs_srv

static bool is_console(const struct vfs_caller *c, int fd)
{
	struct linux_stat st;
	if (vfs_fstat(vfs, c, fd, &st) < 0 || !S_ISCHR(st.st_mode))
		return false;
	unsigned major = (unsigned)(st.st_rdev >> 8);
	return major == CONSOLE_MAJOR || major == TTY_MAJOR;
}

/* The arguments of the request, and the handlers that need no more. */
#define A (((const struct fwd_args *)rq->slot->data)->a)
#define HANDLER(name, expr)                                                                 \
	static int32_t name(void *ctx, const struct ipc_request *rq, struct ipc_slot *out)  \
	{                                                                                   \
		(void)ctx;                                                                  \
		struct vfs_caller c = vfs_caller_of(rq);                                    \
		(void)c;                                                                    \
		return vfs_answer(rq, out, (int64_t)(expr));                                \
	}

/* The status for a promise check: bit < 0 lets the call run. */
#define PLEDGED(bit, expr) ((bit) >= 0 ? FWD_STATUS_PLEDGE(bit) : (expr))
#define STAT_PROMISE(path) \
	vfs_pledge_path(c.promises, path, PLEDGE_HAS(c.promises, wpath) ? PLEDGE_wpath : PLEDGE_rpath)
#define OPEN(dirfd, path, flags, mode)                                              \
	PLEDGED(vfs_pledge_open(c.promises, path, flags),                            \
		(vfs_refresh_cachestat(path), vfs_openat(vfs, &c, dirfd, path, flags, mode)))

static int32_t pipe_into(const struct vfs_caller *c, int *dst, int flags)
{
	int fds[2];
	int r = vfs_pipe2(vfs, c, fds, flags);
	if (r == 0)
		memcpy(dst, fds, sizeof(fds));
	return r;
}

static int32_t h_ioctl(void *ctx, const struct ipc_request *rq, struct ipc_slot *out)
{
	(void)ctx;
	struct vfs_caller c = vfs_caller_of(rq);
	int need = vfs_pledge_ioctl(c.promises, A[1]);
	if (need >= 0)
		return FWD_STATUS_PLEDGE(need);
	if (is_console(&c, (int)A[0]))
		return vfs_answer(rq, out, VFS_FORWARD_CONSOLE);
	return vfs_fcntl(vfs, &c, (int)A[0], F_GETFD, 0) < 0 ? -EBADF : -ENOTTY;
}

static int32_t h_fcntl(void *ctx, const struct ipc_request *rq, struct ipc_slot *out)
{
	(void)ctx;
	struct vfs_caller c = vfs_caller_of(rq);
	int need = vfs_pledge_fcntl(c.promises, (int)A[1]);
	if (need >= 0)
		return FWD_STATUS_PLEDGE(need);
	return vfs_answer(rq, out, vfs_fcntl(vfs, &c, (int)A[0], (int)A[1], A[2]));
}

/* chown and its kin: OpenBSD's rule for a process pledged without
 * "chown", then the logic. */
static int chown_at(const struct vfs_caller *c, int dirfd, const char *path, uint64_t uid,
		    uint64_t gid, int flags)
{
	int r = vfs_pledge_chown(c->promises, &c->cred, (uint32_t)uid, (uint32_t)gid);
	return r < 0 ? r : vfs_fchownat(vfs, c, dirfd, path, (uint32_t)uid, (uint32_t)gid, flags);
}

static int fchown_fd(const struct vfs_caller *c, int fd, uint64_t uid, uint64_t gid)
{
	int r = vfs_pledge_chown(c->promises, &c->cred, (uint32_t)uid, (uint32_t)gid);
	return r < 0 ? r : vfs_fchown(vfs, c, fd, (uint32_t)uid, (uint32_t)gid);
}

/* utimes, futimesat: two struct timeval (seconds, microseconds) or NULL. */
static int times_from_timeval(const struct vfs_caller *c, int dirfd, const char *path,
			      const int64_t *tv)
{
	if (!tv)
		return vfs_utimensat(vfs, c, dirfd, path, NULL, 0);
	struct linux_timespec ts[2];
	for (int i = 0; i < 2; i++) {
		if (tv[2 * i + 1] < 0 || tv[2 * i + 1] >= 1000000)
			return -EINVAL;
		ts[i] = (struct linux_timespec){ tv[2 * i], tv[2 * i + 1] * 1000 };
	}
	return vfs_utimensat(vfs, c, dirfd, path, ts, 0);
}

/* utime: a struct utimbuf (access and modification seconds) or NULL. */
static int times_from_utimbuf(const struct vfs_caller *c, const char *path, const int64_t *ub)
{
	if (!ub)
		return vfs_utimensat(vfs, c, AT_FDCWD, path, NULL, 0);
	struct linux_timespec ts[2] = { { ub[0], 0 }, { ub[1], 0 } };
	return vfs_utimensat(vfs, c, AT_FDCWD, path, ts, 0);
}

#define S(i) ((const char *)A[i])
HANDLER(h_read, vfs_read(vfs, &c, (int)A[0], (void *)A[1], A[2]))
HANDLER(h_write, vfs_write(vfs, &c, (int)A[0], (const void *)A[1], A[2]))
HANDLER(h_pread, vfs_pread(vfs, &c, (int)A[0], (void *)A[1], A[2], (int64_t)A[3]))
HANDLER(h_pwrite, vfs_pwrite(vfs, &c, (int)A[0], (const void *)A[1], A[2], (int64_t)A[3]))
HANDLER(h_close, vfs_close(vfs, &c, (int)A[0]))
HANDLER(h_open, OPEN(AT_FDCWD, S(0), (int)A[1], (mode_t)A[2]))
HANDLER(h_stat, PLEDGED(STAT_PROMISE(S(0)), (vfs_refresh_cachestat(S(0)),
		vfs_newfstatat(vfs, &c, AT_FDCWD, S(0), (void *)A[1], 0))))
HANDLER(h_fstat, vfs_fstat(vfs, &c, (int)A[0], (void *)A[1]))
HANDLER(h_lstat, PLEDGED(STAT_PROMISE(S(0)),
		vfs_newfstatat(vfs, &c, AT_FDCWD, S(0), (void *)A[1], AT_SYMLINK_NOFOLLOW)))
HANDLER(h_lseek, vfs_lseek(vfs, &c, (int)A[0], (int64_t)A[1], (int)A[2]))
HANDLER(h_access, vfs_faccessat(vfs, &c, AT_FDCWD, S(0), (int)A[1], 0))
HANDLER(h_pipe, pipe_into(&c, (int *)A[0], 0))
HANDLER(h_dup, vfs_dup(vfs, &c, (int)A[0]))
HANDLER(h_dup2, vfs_dup2(vfs, &c, (int)A[0], (int)A[1]))
HANDLER(h_truncate, vfs_truncate(vfs, &c, S(0), (int64_t)A[1]))
HANDLER(h_ftruncate, vfs_ftruncate(vfs, &c, (int)A[0], (int64_t)A[1]))
HANDLER(h_getcwd, vfs_getcwd(vfs, &c, (char *)A[0], A[1]))
HANDLER(h_chdir, vfs_chdir(vfs, &c, S(0)))
HANDLER(h_fchdir, vfs_fchdir(vfs, &c, (int)A[0]))
HANDLER(h_rename, vfs_renameat(vfs, &c, AT_FDCWD, S(0), AT_FDCWD, S(1)))
HANDLER(h_mkdir, vfs_mkdirat(vfs, &c, AT_FDCWD, S(0), (mode_t)A[1]))
HANDLER(h_rmdir, vfs_unlinkat(vfs, &c, AT_FDCWD, S(0), AT_REMOVEDIR))
HANDLER(h_creat, OPEN(AT_FDCWD, S(0), O_CREAT | O_WRONLY | O_TRUNC, (mode_t)A[1]))
HANDLER(h_unlink, PLEDGED(vfs_pledge_path(c.promises, S(0), PLEDGE_cpath),
		vfs_unlinkat(vfs, &c, AT_FDCWD, S(0), 0)))
HANDLER(h_symlink, vfs_symlinkat(vfs, &c, S(0), AT_FDCWD, S(1)))
HANDLER(h_readlink, vfs_readlinkat(vfs, &c, AT_FDCWD, S(0), (char *)A[1], A[2]))
HANDLER(h_chmod, PLEDGED(vfs_pledge_path(c.promises, S(0), PLEDGE_fattr),
		vfs_fchmodat(vfs, &c, AT_FDCWD, S(0), (mode_t)A[1], 0)))
HANDLER(h_fchmod, vfs_fchmod(vfs, &c, (int)A[0], (mode_t)A[1]))
HANDLER(h_umask, vfs_umask(vfs, &c, (mode_t)A[0]))
HANDLER(h_statfs, vfs_statfs(vfs, &c, S(0), (void *)A[1]))
HANDLER(h_fstatfs, vfs_fstatfs(vfs, &c, (int)A[0], (void *)A[1]))
HANDLER(h_getdents64, vfs_getdents64(vfs, &c, (int)A[0], (void *)A[1], A[2]))
HANDLER(h_openat, OPEN((int)A[0], S(1), (int)A[2], (mode_t)A[3]))
HANDLER(h_mkdirat, vfs_mkdirat(vfs, &c, (int)A[0], S(1), (mode_t)A[2]))
HANDLER(h_newfstatat, PLEDGED(STAT_PROMISE(S(1)),
		vfs_newfstatat(vfs, &c, (int)A[0], S(1), (void *)A[2], (int)A[3])))
HANDLER(h_unlinkat, PLEDGED(vfs_pledge_path(c.promises, S(1), PLEDGE_cpath),
		vfs_unlinkat(vfs, &c, (int)A[0], S(1), (int)A[2])))
HANDLER(h_renameat, vfs_renameat(vfs, &c, (int)A[0], S(1), (int)A[2], S(3)))
HANDLER(h_symlinkat, vfs_symlinkat(vfs, &c, S(0), (int)A[1], S(2)))
HANDLER(h_readlinkat, vfs_readlinkat(vfs, &c, (int)A[0], S(1), (char *)A[2], A[3]))
HANDLER(h_fchmodat, PLEDGED(vfs_pledge_path(c.promises, S(1), PLEDGE_fattr),
		vfs_fchmodat(vfs, &c, (int)A[0], S(1), (mode_t)A[2], 0)))
HANDLER(h_faccessat, vfs_faccessat(vfs, &c, (int)A[0], S(1), (int)A[2], 0))
HANDLER(h_dup3, vfs_dup3(vfs, &c, (int)A[0], (int)A[1], (int)A[2]))
HANDLER(h_pipe2, pipe_into(&c, (int *)A[0], (int)A[1]))
HANDLER(h_renameat2, A[4] ? -EINVAL : vfs_renameat(vfs, &c, (int)A[0], S(1), (int)A[2], S(3)))
HANDLER(h_faccessat2, vfs_faccessat(vfs, &c, (int)A[0], S(1), (int)A[2], (int)A[3]))
HANDLER(h_unveil, vfs_unveil_call(vfs, &c, S(0), S(1)))
HANDLER(h_sendfile, vfs_sendfile(vfs, &c, (int)A[0], (int)A[1], (int64_t *)A[2], A[3]))
HANDLER(h_flock, vfs_flock(vfs, &c, (int)A[0], (int)A[1]))
HANDLER(h_fsync, vfs_fsync(vfs, &c, (int)A[0]))
HANDLER(h_sync, 0)
HANDLER(h_syncfs, vfs_syncfs(vfs, &c, (int)A[0]))
HANDLER(h_link, vfs_linkat(vfs, &c, AT_FDCWD, S(0), AT_FDCWD, S(1), 0))
HANDLER(h_linkat, vfs_linkat(vfs, &c, (int)A[0], S(1), (int)A[2], S(3), (int)A[4]))
HANDLER(h_chown, chown_at(&c, AT_FDCWD, S(0), A[1], A[2], 0))
HANDLER(h_lchown, chown_at(&c, AT_FDCWD, S(0), A[1], A[2], AT_SYMLINK_NOFOLLOW))
HANDLER(h_fchownat, chown_at(&c, (int)A[0], S(1), A[2], A[3], (int)A[4]))
HANDLER(h_fchown, fchown_fd(&c, (int)A[0], A[1], A[2]))
HANDLER(h_utime, times_from_utimbuf(&c, S(0), (const int64_t *)A[1]))
HANDLER(h_utimes, times_from_timeval(&c, AT_FDCWD, S(0), (const int64_t *)A[1]))
HANDLER(h_futimesat, times_from_timeval(&c, (int)A[0], S(1), (const int64_t *)A[2]))
HANDLER(h_utimensat, vfs_utimensat(vfs, &c, (int)A[0], S(1), (const void *)A[2], (int)A[3]))
HANDLER(h_mknod, vfs_mknodat(vfs, &c, AT_FDCWD, S(0), (uint32_t)A[1], A[2]))
HANDLER(h_mknodat, vfs_mknodat(vfs, &c, (int)A[0], S(1), (uint32_t)A[2], A[3]))
HANDLER(h_fallocate, vfs_fallocate(vfs, &c, (int)A[0], (int)A[1], (int64_t)A[2], (int64_t)A[3]))
HANDLER(h_copy_file_range, vfs_copy_file_range(vfs, &c, (int)A[0], (int64_t *)A[1], (int)A[2],
					       (int64_t *)A[3], A[4], (unsigned)A[5]))
HANDLER(h_statx, PLEDGED(STAT_PROMISE(S(1)), vfs_statx(vfs, &c, (int)A[0], S(1), (int)A[2],
						       (uint32_t)A[3], (void *)A[4])))
HANDLER(h_fork, vfs_proc_fork(vfs, (int)A[0], (int)A[1]))
HANDLER(h_exec, vfs_proc_exec(vfs, (int)A[0]))
HANDLER(h_exec_check, vfs_exec_check(vfs, &c, S(0)))
HANDLER(h_exit, (vfs_forget_parked((int)A[0]), vfs_proc_exit(vfs, (int)A[0]), 0))

const ipc_handler_fn vfs_handlers[FWD_VFS_NOPS] = {
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
	[FWD_VFS_sendfile] = h_sendfile, [FWD_VFS_flock] = h_flock, [FWD_VFS_fsync] = h_fsync,
	[FWD_VFS_fdatasync] = h_fsync, [FWD_VFS_link] = h_link, [FWD_VFS_chown] = h_chown,
	[FWD_VFS_fchown] = h_fchown, [FWD_VFS_lchown] = h_lchown, [FWD_VFS_utime] = h_utime,
	[FWD_VFS_mknod] = h_mknod, [FWD_VFS_sync] = h_sync, [FWD_VFS_utimes] = h_utimes,
	[FWD_VFS_mknodat] = h_mknodat, [FWD_VFS_fchownat] = h_fchownat,
	[FWD_VFS_futimesat] = h_futimesat, [FWD_VFS_linkat] = h_linkat,
	[FWD_VFS_utimensat] = h_utimensat, [FWD_VFS_fallocate] = h_fallocate,
	[FWD_VFS_syncfs] = h_syncfs, [FWD_VFS_copy_file_range] = h_copy_file_range,
	[FWD_VFS_statx] = h_statx,
	[FWD_VFS_exec_check] = h_exec_check, [FWD_VFS_proc_fork] = h_fork,
	[FWD_VFS_proc_exec] = h_exec, [FWD_VFS_proc_exit] = h_exit,
};
