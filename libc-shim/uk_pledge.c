// SPDX-License-Identifier: MIT
/* pledge() and unveil(): two system calls with numbers of this system's own
 * (abi/pledge.h), forwarded by the kernel to the security server and the
 * VFS. */
#include <errno.h>
#include "abi/pledge.h"
#include "pledge.h"
#include "uk_syscall.h"

static int result(long r)
{
	if (r < 0) {
		errno = (int)-r;
		return -1;
	}
	return 0;
}

int pledge(const char *promises, const char *execpromises)
{
	return result(uk_syscall5(UK_NR_PLEDGE, (long)promises, (long)execpromises, 0, 0, 0));
}

int unveil(const char *path, const char *permissions)
{
	return result(uk_syscall5(UK_NR_UNVEIL, (long)path, (long)permissions, 0, 0, 0));
}
