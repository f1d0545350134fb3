// SPDX-License-Identifier: MIT
/* Output before the console server exists: write/writev on fds 1 and 2 go
 * to the kernel log's serial port. Other descriptors do not exist yet. */
#include "serial.h"
#include "mm/uaccess.h"
#include "syscall/syscall.h"

#define EBADF 9
#define EINVAL 22
#define ENOTTY 25
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

SYSCALL(write)
{
	if (a0 != 1 && a0 != 2)
		return -EBADF;
	if ((int64_t)a2 < 0)
		return -EINVAL;
	return out(a1, a2);
}

SYSCALL(writev)
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

SYSCALL(ioctl)
{
	return (a0 <= 2) ? -ENOTTY : -EBADF;
}
