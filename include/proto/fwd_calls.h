/* SPDX-License-Identifier: MIT */
/* The one description of every forwarded call: which server serves each
 * Linux call and how each argument travels. From these lists come the
 * kernel's forwarding table (kernel/syscall/fwd_table.c), each server's
 * operation numbers and dispatch entries (enum fwd_<server>_op below), and
 * the table in docs/syscalls.md (tools/fwddoc, `make docs`). Adding a
 * forwarded call is one line here plus its handler in the server.
 *
 * A row: X(SERVER, name, "note", a0, a1, a2, a3, a4, a5), where name is
 * the call's LINUX_NR_<name> (include/abi/linux.h) and each a<i> is one of
 *   FWDA_V(what)            a value, passed as is
 *   FWDA_S(what)            a NUL-terminated string (at most 4096 bytes)
 *   FWDA_S0(what)           a string, or NULL (passed on as 0)
 *   FWDA_SV(what)           a NULL-terminated vector of strings
 *   FWDA_IN(what, n)        an input buffer of argument n bytes
 *   FWDA_OUT(what, n)       an output buffer of argument n bytes; only the
 *                           bytes the call returns are copied back
 *   FWDA_INF(what, bytes)   an input buffer of a fixed size
 *   FWDA_OUTF(what, bytes)  an output buffer of a fixed size
 *   FWDA_INOUTF(what, bytes) a buffer of a fixed size, copied in before
 *                           the call and back after a success
 *   FWDA_INU(what, n, unit), FWDA_OUTU(what, n, unit)
 *                           argument n elements of unit bytes each
 *   FWDA_IOCTL(what)        as FWD_IOCTLS says for the request (argument 1)
 *   FWDA_FCNTL(what)        as FWD_FCNTLS says for the command (argument 1)
 *   FWDA_NO                 unused
 * Buffers below FWD_GRANT_MIN bytes are copied through the connection's
 * bounce area, larger ones are lent (granted) for the call.
 *
 * The operation a server sees is its own dense number, FWD_<SERVER>_<name>
 * (no Linux number in a server): the calls first, then the requests the
 * kernel itself sends (FWD_<SERVER>_KERNEL_OPS). */
#pragma once
#include "abi/linux.h"
#include "abi/pledge.h"

/* The sizes of the structures the calls copy. */
#define FWD_STAT_BYTES 144      /* struct stat */
#define FWD_STATFS_BYTES 120    /* struct statfs */
#define FWD_TIMESPEC_BYTES 16
#define FWD_TIMEVAL_BYTES 16
#define FWD_ITIMERVAL_BYTES 32
#define FWD_ITIMERSPEC_BYTES 32
#define FWD_SIGEVENT_BYTES 24   /* the part of struct sigevent the kernel ABI reads */
#define FWD_TERMIOS_BYTES 36    /* struct termios as the kernel ABI has it (no speeds) */
#define FWD_WINSIZE_BYTES 8
#define FWD_FLOCK_BYTES 32      /* struct flock */
#define FWD_STATX_BYTES 256     /* struct statx */
#define FWD_UTIMBUF_BYTES 16    /* struct utimbuf */

#define FWD_VFS_CALLS(X) \
	X(VFS, read, "console descriptors are redirected to the console", FWDA_V(fd), FWDA_OUT(buf, 2), FWDA_V(count), FWDA_NO, FWDA_NO, FWDA_NO) \
	X(VFS, write, "console descriptors are redirected to the console", FWDA_V(fd), FWDA_IN(buf, 2), FWDA_V(count), FWDA_NO, FWDA_NO, FWDA_NO) \
	X(VFS, open, "", FWDA_S(path), FWDA_V(flags), FWDA_V(mode), FWDA_NO, FWDA_NO, FWDA_NO) \
	X(VFS, close, "", FWDA_V(fd), FWDA_NO, FWDA_NO, FWDA_NO, FWDA_NO, FWDA_NO) \
	X(VFS, stat, "", FWDA_S(path), FWDA_OUTF(statbuf, FWD_STAT_BYTES), FWDA_NO, FWDA_NO, FWDA_NO, FWDA_NO) \
	X(VFS, fstat, "", FWDA_V(fd), FWDA_OUTF(statbuf, FWD_STAT_BYTES), FWDA_NO, FWDA_NO, FWDA_NO, FWDA_NO) \
	X(VFS, lstat, "", FWDA_S(path), FWDA_OUTF(statbuf, FWD_STAT_BYTES), FWDA_NO, FWDA_NO, FWDA_NO, FWDA_NO) \
	X(VFS, lseek, "", FWDA_V(fd), FWDA_V(offset), FWDA_V(whence), FWDA_NO, FWDA_NO, FWDA_NO) \
	X(VFS, ioctl, "the argument's kind depends on the request (FWD_IOCTLS); console descriptors are redirected", FWDA_V(fd), FWDA_V(request), FWDA_IOCTL(arg), FWDA_NO, FWDA_NO, FWDA_NO) \
	X(VFS, pread64, "", FWDA_V(fd), FWDA_OUT(buf, 2), FWDA_V(count), FWDA_V(offset), FWDA_NO, FWDA_NO) \
	X(VFS, pwrite64, "", FWDA_V(fd), FWDA_IN(buf, 2), FWDA_V(count), FWDA_V(offset), FWDA_NO, FWDA_NO) \
	X(VFS, access, "", FWDA_S(path), FWDA_V(mode), FWDA_NO, FWDA_NO, FWDA_NO, FWDA_NO) \
	X(VFS, pipe, "", FWDA_OUTF(fds, 8), FWDA_NO, FWDA_NO, FWDA_NO, FWDA_NO, FWDA_NO) \
	X(VFS, dup, "", FWDA_V(fd), FWDA_NO, FWDA_NO, FWDA_NO, FWDA_NO, FWDA_NO) \
	X(VFS, dup2, "", FWDA_V(fd), FWDA_V(fd2), FWDA_NO, FWDA_NO, FWDA_NO, FWDA_NO) \
	X(VFS, fcntl, "the argument's kind depends on the command (FWD_FCNTLS)", FWDA_V(fd), FWDA_V(cmd), FWDA_FCNTL(arg), FWDA_NO, FWDA_NO, FWDA_NO) \
	X(VFS, truncate, "", FWDA_S(path), FWDA_V(length), FWDA_NO, FWDA_NO, FWDA_NO, FWDA_NO) \
	X(VFS, ftruncate, "", FWDA_V(fd), FWDA_V(length), FWDA_NO, FWDA_NO, FWDA_NO, FWDA_NO) \
	X(VFS, getcwd, "", FWDA_OUT(buf, 1), FWDA_V(size), FWDA_NO, FWDA_NO, FWDA_NO, FWDA_NO) \
	X(VFS, chdir, "", FWDA_S(path), FWDA_NO, FWDA_NO, FWDA_NO, FWDA_NO, FWDA_NO) \
	X(VFS, fchdir, "", FWDA_V(fd), FWDA_NO, FWDA_NO, FWDA_NO, FWDA_NO, FWDA_NO) \
	X(VFS, rename, "", FWDA_S(from), FWDA_S(to), FWDA_NO, FWDA_NO, FWDA_NO, FWDA_NO) \
	X(VFS, mkdir, "", FWDA_S(path), FWDA_V(mode), FWDA_NO, FWDA_NO, FWDA_NO, FWDA_NO) \
	X(VFS, rmdir, "", FWDA_S(path), FWDA_NO, FWDA_NO, FWDA_NO, FWDA_NO, FWDA_NO) \
	X(VFS, creat, "", FWDA_S(path), FWDA_V(mode), FWDA_NO, FWDA_NO, FWDA_NO, FWDA_NO) \
	X(VFS, unlink, "", FWDA_S(path), FWDA_NO, FWDA_NO, FWDA_NO, FWDA_NO, FWDA_NO) \
	X(VFS, symlink, "", FWDA_S(target), FWDA_S(path), FWDA_NO, FWDA_NO, FWDA_NO, FWDA_NO) \
	X(VFS, readlink, "", FWDA_S(path), FWDA_OUT(buf, 2), FWDA_V(size), FWDA_NO, FWDA_NO, FWDA_NO) \
	X(VFS, chmod, "", FWDA_S(path), FWDA_V(mode), FWDA_NO, FWDA_NO, FWDA_NO, FWDA_NO) \
	X(VFS, fchmod, "", FWDA_V(fd), FWDA_V(mode), FWDA_NO, FWDA_NO, FWDA_NO, FWDA_NO) \
	X(VFS, umask, "", FWDA_V(mask), FWDA_NO, FWDA_NO, FWDA_NO, FWDA_NO, FWDA_NO) \
	X(VFS, statfs, "", FWDA_S(path), FWDA_OUTF(buf, FWD_STATFS_BYTES), FWDA_NO, FWDA_NO, FWDA_NO, FWDA_NO) \
	X(VFS, fstatfs, "", FWDA_V(fd), FWDA_OUTF(buf, FWD_STATFS_BYTES), FWDA_NO, FWDA_NO, FWDA_NO, FWDA_NO) \
	X(VFS, getdents64, "", FWDA_V(fd), FWDA_OUT(buf, 2), FWDA_V(count), FWDA_NO, FWDA_NO, FWDA_NO) \
	X(VFS, openat, "", FWDA_V(dirfd), FWDA_S(path), FWDA_V(flags), FWDA_V(mode), FWDA_NO, FWDA_NO) \
	X(VFS, mkdirat, "", FWDA_V(dirfd), FWDA_S(path), FWDA_V(mode), FWDA_NO, FWDA_NO, FWDA_NO) \
	X(VFS, newfstatat, "", FWDA_V(dirfd), FWDA_S(path), FWDA_OUTF(statbuf, FWD_STAT_BYTES), FWDA_V(flags), FWDA_NO, FWDA_NO) \
	X(VFS, unlinkat, "", FWDA_V(dirfd), FWDA_S(path), FWDA_V(flags), FWDA_NO, FWDA_NO, FWDA_NO) \
	X(VFS, renameat, "", FWDA_V(olddirfd), FWDA_S(from), FWDA_V(newdirfd), FWDA_S(to), FWDA_NO, FWDA_NO) \
	X(VFS, symlinkat, "", FWDA_S(target), FWDA_V(dirfd), FWDA_S(path), FWDA_NO, FWDA_NO, FWDA_NO) \
	X(VFS, readlinkat, "", FWDA_V(dirfd), FWDA_S(path), FWDA_OUT(buf, 3), FWDA_V(size), FWDA_NO, FWDA_NO) \
	X(VFS, fchmodat, "", FWDA_V(dirfd), FWDA_S(path), FWDA_V(mode), FWDA_NO, FWDA_NO, FWDA_NO) \
	X(VFS, faccessat, "", FWDA_V(dirfd), FWDA_S(path), FWDA_V(mode), FWDA_NO, FWDA_NO, FWDA_NO) \
	X(VFS, dup3, "", FWDA_V(fd), FWDA_V(fd2), FWDA_V(flags), FWDA_NO, FWDA_NO, FWDA_NO) \
	X(VFS, pipe2, "", FWDA_OUTF(fds, 8), FWDA_V(flags), FWDA_NO, FWDA_NO, FWDA_NO, FWDA_NO) \
	X(VFS, renameat2, "the VFS answers -EINVAL to nonzero flags", FWDA_V(olddirfd), FWDA_S(from), FWDA_V(newdirfd), FWDA_S(to), FWDA_V(flags), FWDA_NO) \
	X(VFS, faccessat2, "", FWDA_V(dirfd), FWDA_S(path), FWDA_V(mode), FWDA_V(flags), FWDA_NO, FWDA_NO) \
	X(VFS, unveil, "OpenBSD's call, on a number Linux leaves unused", FWDA_S0(path), FWDA_S0(permissions), FWDA_NO, FWDA_NO, FWDA_NO, FWDA_NO) \
	X(VFS, sendfile, "both descriptors are the VFS's: a console out_fd gets -EINVAL", FWDA_V(out_fd), FWDA_V(in_fd), FWDA_INOUTF(offset, 8), FWDA_V(count), FWDA_NO, FWDA_NO) \
	X(VFS, flock, "", FWDA_V(fd), FWDA_V(operation), FWDA_NO, FWDA_NO, FWDA_NO, FWDA_NO) \
	X(VFS, fsync, "", FWDA_V(fd), FWDA_NO, FWDA_NO, FWDA_NO, FWDA_NO, FWDA_NO) \
	X(VFS, fdatasync, "", FWDA_V(fd), FWDA_NO, FWDA_NO, FWDA_NO, FWDA_NO, FWDA_NO) \
	X(VFS, link, "", FWDA_S(oldpath), FWDA_S(newpath), FWDA_NO, FWDA_NO, FWDA_NO, FWDA_NO) \
	X(VFS, chown, "", FWDA_S(path), FWDA_V(owner), FWDA_V(group), FWDA_NO, FWDA_NO, FWDA_NO) \
	X(VFS, fchown, "", FWDA_V(fd), FWDA_V(owner), FWDA_V(group), FWDA_NO, FWDA_NO, FWDA_NO) \
	X(VFS, lchown, "", FWDA_S(path), FWDA_V(owner), FWDA_V(group), FWDA_NO, FWDA_NO, FWDA_NO) \
	X(VFS, utime, "", FWDA_S(path), FWDA_INF(times, FWD_UTIMBUF_BYTES), FWDA_NO, FWDA_NO, FWDA_NO, FWDA_NO) \
	X(VFS, mknod, "FIFOs and regular files; devices only for uid 0", FWDA_S(path), FWDA_V(mode), FWDA_V(dev), FWDA_NO, FWDA_NO, FWDA_NO) \
	X(VFS, sync, "", FWDA_NO, FWDA_NO, FWDA_NO, FWDA_NO, FWDA_NO, FWDA_NO) \
	X(VFS, utimes, "", FWDA_S(path), FWDA_INF(times, 2 * FWD_TIMEVAL_BYTES), FWDA_NO, FWDA_NO, FWDA_NO, FWDA_NO) \
	X(VFS, mknodat, "FIFOs and regular files; devices only for uid 0", FWDA_V(dirfd), FWDA_S(path), FWDA_V(mode), FWDA_V(dev), FWDA_NO, FWDA_NO) \
	X(VFS, fchownat, "", FWDA_V(dirfd), FWDA_S(path), FWDA_V(owner), FWDA_V(group), FWDA_V(flags), FWDA_NO) \
	X(VFS, futimesat, "", FWDA_V(dirfd), FWDA_S0(path), FWDA_INF(times, 2 * FWD_TIMEVAL_BYTES), FWDA_NO, FWDA_NO, FWDA_NO) \
	X(VFS, linkat, "", FWDA_V(olddirfd), FWDA_S(oldpath), FWDA_V(newdirfd), FWDA_S(newpath), FWDA_V(flags), FWDA_NO) \
	X(VFS, utimensat, "", FWDA_V(dirfd), FWDA_S0(path), FWDA_INF(times, 2 * FWD_TIMESPEC_BYTES), FWDA_V(flags), FWDA_NO, FWDA_NO) \
	X(VFS, fallocate, "tmpfs's modes: 0, FALLOC_FL_KEEP_SIZE, PUNCH_HOLE with KEEP_SIZE", FWDA_V(fd), FWDA_V(mode), FWDA_V(offset), FWDA_V(len), FWDA_NO, FWDA_NO) \
	X(VFS, syncfs, "", FWDA_V(fd), FWDA_NO, FWDA_NO, FWDA_NO, FWDA_NO, FWDA_NO) \
	X(VFS, copy_file_range, "both descriptors are the VFS's", FWDA_V(fd_in), FWDA_INOUTF(off_in, 8), FWDA_V(fd_out), FWDA_INOUTF(off_out, 8), FWDA_V(len), FWDA_V(flags)) \
	X(VFS, statx, "", FWDA_V(dirfd), FWDA_S(path), FWDA_V(flags), FWDA_V(mask), FWDA_OUTF(statxbuf, FWD_STATX_BYTES), FWDA_NO)

/* What the kernel itself asks of the VFS (a[0], a[1] as noted). */
#define FWD_VFS_KERNEL_OPS(X) \
	X(VFS, proc_fork) /* a[0] parent pid, a[1] child pid: copy the descriptor table */ \
	X(VFS, proc_exec) /* a[0] pid: close the close-on-exec descriptors */ \
	X(VFS, proc_exit) /* a[0] pid: the process is gone */ \
	X(VFS, exec_check) /* on the caller's connection, before execve goes to init: a[0]
			    * the path; 0 if the caller may run it (mode, unveil "x") */

/* The console serves what the VFS redirects to it (FWD_STATUS_REDIRECT),
 * with the same arguments. */
#define FWD_CONSOLE_CALLS(X) \
	X(CONSOLE, read, "by redirect from the VFS", FWDA_V(handle), FWDA_OUT(buf, 2), FWDA_V(count), FWDA_NO, FWDA_NO, FWDA_NO) \
	X(CONSOLE, write, "by redirect from the VFS", FWDA_V(handle), FWDA_IN(buf, 2), FWDA_V(count), FWDA_NO, FWDA_NO, FWDA_NO) \
	X(CONSOLE, ioctl, "by redirect from the VFS", FWDA_V(handle), FWDA_V(request), FWDA_IOCTL(arg), FWDA_NO, FWDA_NO, FWDA_NO)
#define FWD_CONSOLE_KERNEL_OPS(X) \
	X(CONSOLE, session_end) /* a[0] the sid: its leader is gone (SIGHUP to the foreground) */

#define FWD_PROC_CALLS(X) \
	X(PROC, execve, "first the VFS checks that the caller may run the file", FWDA_S(path), FWDA_SV(argv), FWDA_SV(envp), FWDA_NO, FWDA_NO, FWDA_NO)
#define FWD_PROC_KERNEL_OPS(X)

#define FWD_TIME_CALLS(X) \
	X(TIME, nanosleep, "when interrupted, -EINTR and the time left", FWDA_INF(req, FWD_TIMESPEC_BYTES), FWDA_OUTF(rem, FWD_TIMESPEC_BYTES), FWDA_NO, FWDA_NO, FWDA_NO, FWDA_NO) \
	X(TIME, getitimer, "ITIMER_REAL only, else -EINVAL", FWDA_V(which), FWDA_OUTF(value, FWD_ITIMERVAL_BYTES), FWDA_NO, FWDA_NO, FWDA_NO, FWDA_NO) \
	X(TIME, alarm, "", FWDA_V(seconds), FWDA_NO, FWDA_NO, FWDA_NO, FWDA_NO, FWDA_NO) \
	X(TIME, setitimer, "ITIMER_REAL only, else -EINVAL", FWDA_V(which), FWDA_INF(new, FWD_ITIMERVAL_BYTES), FWDA_OUTF(old, FWD_ITIMERVAL_BYTES), FWDA_NO, FWDA_NO, FWDA_NO) \
	X(TIME, gettimeofday, "the time zone is always zero", FWDA_OUTF(tv, FWD_TIMEVAL_BYTES), FWDA_OUTF(tz, 8), FWDA_NO, FWDA_NO, FWDA_NO, FWDA_NO) \
	X(TIME, time, "", FWDA_OUTF(t, 8), FWDA_NO, FWDA_NO, FWDA_NO, FWDA_NO, FWDA_NO) \
	X(TIME, timer_create, "", FWDA_V(clock), FWDA_INF(sevp, FWD_SIGEVENT_BYTES), FWDA_OUTF(id, 4), FWDA_NO, FWDA_NO, FWDA_NO) \
	X(TIME, timer_settime, "", FWDA_V(id), FWDA_V(flags), FWDA_INF(new, FWD_ITIMERSPEC_BYTES), FWDA_OUTF(old, FWD_ITIMERSPEC_BYTES), FWDA_NO, FWDA_NO) \
	X(TIME, timer_gettime, "", FWDA_V(id), FWDA_OUTF(value, FWD_ITIMERSPEC_BYTES), FWDA_NO, FWDA_NO, FWDA_NO, FWDA_NO) \
	X(TIME, timer_getoverrun, "", FWDA_V(id), FWDA_NO, FWDA_NO, FWDA_NO, FWDA_NO, FWDA_NO) \
	X(TIME, timer_delete, "", FWDA_V(id), FWDA_NO, FWDA_NO, FWDA_NO, FWDA_NO, FWDA_NO) \
	X(TIME, clock_settime, "CLOCK_REALTIME only", FWDA_V(clock), FWDA_INF(tp, FWD_TIMESPEC_BYTES), FWDA_NO, FWDA_NO, FWDA_NO, FWDA_NO) \
	X(TIME, clock_gettime, "usually answered by the vDSO; the thread CPU clock by the kernel", FWDA_V(clock), FWDA_OUTF(tp, FWD_TIMESPEC_BYTES), FWDA_NO, FWDA_NO, FWDA_NO, FWDA_NO) \
	X(TIME, clock_getres, "", FWDA_V(clock), FWDA_OUTF(res, FWD_TIMESPEC_BYTES), FWDA_NO, FWDA_NO, FWDA_NO, FWDA_NO) \
	X(TIME, clock_nanosleep, "a relative sleep interrupted: -EINTR and the time left", FWDA_V(clock), FWDA_V(flags), FWDA_INF(req, FWD_TIMESPEC_BYTES), FWDA_OUTF(rem, FWD_TIMESPEC_BYTES), FWDA_NO, FWDA_NO)
#define FWD_TIME_KERNEL_OPS(X) \
	X(TIME, proc_exec) /* a[0] pid: its POSIX timers go */ \
	X(TIME, proc_exit) /* a[0] pid: its timers go */

#define FWD_SECURITY_CALLS(X) \
	X(SECURITY, setuid, "", FWDA_V(uid), FWDA_NO, FWDA_NO, FWDA_NO, FWDA_NO, FWDA_NO) \
	X(SECURITY, setgid, "", FWDA_V(gid), FWDA_NO, FWDA_NO, FWDA_NO, FWDA_NO, FWDA_NO) \
	X(SECURITY, setreuid, "", FWDA_V(ruid), FWDA_V(euid), FWDA_NO, FWDA_NO, FWDA_NO, FWDA_NO) \
	X(SECURITY, setregid, "", FWDA_V(rgid), FWDA_V(egid), FWDA_NO, FWDA_NO, FWDA_NO, FWDA_NO) \
	X(SECURITY, setgroups, "at most 32", FWDA_V(size), FWDA_INU(list, 0, 4), FWDA_NO, FWDA_NO, FWDA_NO, FWDA_NO) \
	X(SECURITY, setresuid, "", FWDA_V(ruid), FWDA_V(euid), FWDA_V(suid), FWDA_NO, FWDA_NO, FWDA_NO) \
	X(SECURITY, setresgid, "", FWDA_V(rgid), FWDA_V(egid), FWDA_V(sgid), FWDA_NO, FWDA_NO, FWDA_NO) \
	X(SECURITY, pledge, "OpenBSD's call, on a number Linux leaves unused", FWDA_S0(promises), FWDA_S0(execpromises), FWDA_NO, FWDA_NO, FWDA_NO, FWDA_NO)
#define FWD_SECURITY_KERNEL_OPS(X) \
	X(SECURITY, violation) /* on the caller's connection: a[0] the call, a[1] the promise bit an
				* argument needed (-1: the call itself); -ENOSYS fails the call,
				* anything else ends the process */ \
	X(SECURITY, server_call) /* uk_seccall: a[0] the server's own operation (proto/security.h),
				  * a[1..5] its arguments; a[4] is an output buffer of a[5] bytes */

/* readv, writev, preadv and pwritev: the kernel gathers the pieces into one
 * buffer (or scatters them back) and sends the single call. X(vector, single) */
#define FWD_VECTOR_CALLS(X) X(readv, read) X(writev, write) X(preadv, pread64) X(pwritev, pwrite64)

/* The ioctl requests whose argument is a buffer, X(name, request, kind, bytes)
 * with kind FWDA_IOCTL_IN or FWDA_IOCTL_OUT; any other request's argument
 * is a value. */
#define FWD_IOCTLS(X) \
	X(TCGETS, 0x5401, FWDA_IOCTL_OUT, FWD_TERMIOS_BYTES) \
	X(TCSETS, 0x5402, FWDA_IOCTL_IN, FWD_TERMIOS_BYTES) \
	X(TCSETSW, 0x5403, FWDA_IOCTL_IN, FWD_TERMIOS_BYTES) \
	X(TCSETSF, 0x5404, FWDA_IOCTL_IN, FWD_TERMIOS_BYTES) \
	X(TIOCGPGRP, 0x540F, FWDA_IOCTL_OUT, 4) \
	X(TIOCSPGRP, 0x5410, FWDA_IOCTL_IN, 4) \
	X(TIOCGWINSZ, 0x5413, FWDA_IOCTL_OUT, FWD_WINSIZE_BYTES) \
	X(TIOCSWINSZ, 0x5414, FWDA_IOCTL_IN, FWD_WINSIZE_BYTES) \
	X(FIONREAD, 0x541B, FWDA_IOCTL_OUT, 4) \
	X(TIOCGSID, 0x5429, FWDA_IOCTL_OUT, 4)

/* The fcntl commands whose argument is a buffer, X(name, cmd, kind, bytes)
 * with kind FWDA_FCNTL_IN or FWDA_FCNTL_INOUT; any other command's
 * argument is a value. */
#define FWD_FCNTLS(X) \
	X(F_GETLK, 5, FWDA_FCNTL_INOUT, FWD_FLOCK_BYTES) \
	X(F_SETLK, 6, FWDA_FCNTL_IN, FWD_FLOCK_BYTES) \
	X(F_SETLKW, 7, FWDA_FCNTL_IN, FWD_FLOCK_BYTES) \
	X(F_OFD_GETLK, 36, FWDA_FCNTL_INOUT, FWD_FLOCK_BYTES) \
	X(F_OFD_SETLK, 37, FWDA_FCNTL_IN, FWD_FLOCK_BYTES) \
	X(F_OFD_SETLKW, 38, FWDA_FCNTL_IN, FWD_FLOCK_BYTES)

#define FWD_SERVER_CALLS(X) FWD_VFS_CALLS(X) FWD_CONSOLE_CALLS(X) FWD_PROC_CALLS(X) \
	FWD_TIME_CALLS(X) FWD_SECURITY_CALLS(X)

/* Each server's operations: FWD_<SERVER>_<name>, numbered from 0. */
#define FWD_OP_NAME_(srv, name, ...) FWD_##srv##_##name,
enum fwd_vfs_op { FWD_VFS_CALLS(FWD_OP_NAME_) FWD_VFS_KERNEL_OPS(FWD_OP_NAME_) FWD_VFS_NOPS };
enum fwd_console_op {
	FWD_CONSOLE_CALLS(FWD_OP_NAME_) FWD_CONSOLE_KERNEL_OPS(FWD_OP_NAME_) FWD_CONSOLE_NOPS
};
enum fwd_proc_op { FWD_PROC_CALLS(FWD_OP_NAME_) FWD_PROC_NOPS };
enum fwd_time_op { FWD_TIME_CALLS(FWD_OP_NAME_) FWD_TIME_KERNEL_OPS(FWD_OP_NAME_) FWD_TIME_NOPS };
enum fwd_security_op {
	FWD_SECURITY_CALLS(FWD_OP_NAME_) FWD_SECURITY_KERNEL_OPS(FWD_OP_NAME_) FWD_SECURITY_NOPS
};
#undef FWD_OP_NAME_
