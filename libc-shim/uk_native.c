// SPDX-License-Identifier: MIT
/* Wrappers for the native calls listed in UK_SYSCALLS (include/abi/
 * syscall.h): uk_spawn, uk_wait, uk_meminfo, uk_procinfo. The kernel returns
 * -errno; the wrappers turn that into -1 and errno like libc does. */
#include <errno.h>
#include "uk.h"

/* One wrapper per entry of the list: adding a native call without its
 * wrapper here stops the build. */
#define UK_COUNT_(name, num, args) +1
_Static_assert((0 UK_SYSCALLS(UK_COUNT_)) == 4, "a libuk wrapper per native call");
#undef UK_COUNT_

/* Issues native call nr with up to five arguments (Linux convention:
 * rdi, rsi, rdx, r10, r8); returns the kernel's raw result. */
static long uk_syscall5(long nr, long a1, long a2, long a3, long a4, long a5)
{
	register long r10 __asm__("r10") = a4;
	register long r8 __asm__("r8") = a5;
	long ret;

	__asm__ volatile("syscall"
			 : "=a"(ret)
			 : "a"(nr), "D"(a1), "S"(a2), "d"(a3), "r"(r10), "r"(r8)
			 : "rcx", "r11", "memory");
	return ret;
}

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
	return uk_result(uk_syscall5(UK_SYS_spawn, (long)image, (long)len, (long)argv,
				     (long)envp, (long)flags));
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
