// SPDX-License-Identifier: MIT
/* Output before the VFS is registered: write/writev on fds 1 and 2 go to
 * the kernel log's serial port; ioctl says "not a terminal". Used only while
 * no server owns these calls (syscall.c). */
#include "abi/errno.h"
#include "serial.h"
#include "mm/uaccess.h"
#include "syscall/syscall.h"
#include "abi/linux.h"

#define IOV_MAX 1024

static long out(uint64_t ubuf, uint64_t len)
{
	char chunk[256];
	uint64_t done = 0;
	while (done < len) {
		size_t n = MIN(len - done, sizeof(chunk));
		if (copy_from_user(chunk, ubuf + done, n))
			return done ? (long)done : -EFAULT;
		serial_write(chunk, n);
		done += n;
	}
	return (long)done;
}

static long early_write1(uint64_t a0, uint64_t a1, uint64_t a2)
{
	if (a0 != 1 && a0 != 2)
		return -EBADF;
	if ((int64_t)a2 < 0)
		return -EINVAL;
	return out(a1, a2);
}

static long early_writev(uint64_t a0, uint64_t a1, uint64_t a2)
{
	struct {
		uint64_t base, len;
	} iov;
	if (a0 != 1 && a0 != 2)
		return -EBADF;
	if (a2 > IOV_MAX)
		return -EINVAL;
	long total = 0;
	for (uint64_t i = 0; i < a2; i++) {
		if (copy_from_user(&iov, a1 + i * sizeof(iov), sizeof(iov)))
			return -EFAULT;
		long n = out(iov.base, iov.len);
		if (n < 0)
			return total ? total : n;
		total += n;
	}
	return total;
}

long early_write(uint64_t nr, const uint64_t args[6])
{
	switch (nr) {
	case LINUX_NR_write:
		return early_write1(args[0], args[1], args[2]);
	case LINUX_NR_writev:
		return early_writev(args[0], args[1], args[2]);
	case LINUX_NR_ioctl:
		return args[0] <= 2 ? -ENOTTY : -EBADF;
	default:
		return -ENOSYS;
	}
}
