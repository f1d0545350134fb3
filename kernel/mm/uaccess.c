// SPDX-License-Identifier: MIT
/* User-memory copies on top of uaccess_copy (uaccess.asm). */
#include "trap.h"
#include "mm/paging.h"
#include "mm/uaccess.h"
#include "lib/string.h"

uint64_t uaccess_copy(void *dst, const void *src, size_t n);
extern char uaccess_insn[], uaccess_insn2[], uaccess_fixup[];
bool smap_enabled;

bool user_range_ok(uint64_t uptr, size_t len)
{
	return uptr < USER_TOP && len <= USER_TOP - uptr;
}

int copy_from_user(void *dst, uint64_t usrc, size_t n)
{
	if (!user_range_ok(usrc, n))
		return -EFAULT;
	return uaccess_copy(dst, (const void *)usrc, n) ? -EFAULT : 0;
}

int copy_to_user(uint64_t udst, const void *src, size_t n)
{
	if (!user_range_ok(udst, n))
		return -EFAULT;
	return uaccess_copy((void *)udst, src, n) ? -EFAULT : 0;
}

int clear_user(uint64_t udst, size_t n)
{
	static const char zeros[256];
	while (n) {
		size_t chunk = MIN(n, sizeof(zeros));
		if (copy_to_user(udst, zeros, chunk))
			return -EFAULT;
		udst += chunk;
		n -= chunk;
	}
	return 0;
}

/* Copies in small chunks (never across a page the string may not reach),
 * so a short string costs a short copy. */
long strncpy_from_user(char *dst, uint64_t usrc, size_t max)
{
	size_t done = 0;
	while (done < max) {
		size_t to_page = PAGE_SIZE - ((usrc + done) & (PAGE_SIZE - 1));
		size_t chunk = MIN(MIN(to_page, max - done), 64);
		if (copy_from_user(dst + done, usrc + done, chunk))
			return -EFAULT;
		for (size_t i = 0; i < chunk; i++)
			if (dst[done + i] == '\0')
				return (long)(done + i);
		done += chunk;
	}
	return -ENAMETOOLONG;
}

bool uaccess_in_copy(const struct trap_frame *tf)
{
	return tf->rip == (uint64_t)uaccess_insn || tf->rip == (uint64_t)uaccess_insn2;
}

bool uaccess_fixup_fault(struct trap_frame *tf)
{
	if (!uaccess_in_copy(tf))
		return false;
	tf->rip = (uint64_t)uaccess_fixup;
	return true;
}
