// SPDX-License-Identifier: MIT
/* The credential reads (getuid, geteuid, getgid, getegid, getresuid,
 * getresgid, getgroups), answered from the credentials the kernel keeps
 * per process (proc_sec): the security server decides every change and
 * stores it here (sec_set), so asking it would only add a round trip.
 * Pledge and seccomp have checked the call before it arrives. */
#include "abi/errno.h"
#include "mm/uaccess.h"
#include "proc/proc.h"
#include "syscall/syscall.h"

static const struct uk_sec *creds(void)
{
	return &proc_current()->sec.s;
}

SYSCALL(getuid)
{
	return creds()->uid;
}

SYSCALL(geteuid)
{
	return creds()->euid;
}

SYSCALL(getgid)
{
	return creds()->gid;
}

SYSCALL(getegid)
{
	return creds()->egid;
}

/* Writes the three ids to their pointers, each checked as Linux does. */
static long put_three(uint64_t a, uint64_t b, uint64_t c, uint32_t x, uint32_t y, uint32_t z)
{
	if (copy_to_user(a, &x, 4) || copy_to_user(b, &y, 4) || copy_to_user(c, &z, 4))
		return -EFAULT;
	return 0;
}

SYSCALL(getresuid)
{
	const struct uk_sec *s = creds();
	return put_three(a0, a1, a2, s->uid, s->euid, s->suid);
}

SYSCALL(getresgid)
{
	const struct uk_sec *s = creds();
	return put_three(a0, a1, a2, s->gid, s->egid, s->sgid);
}

/* getgroups(size, list): the count when size is 0, else the list (EINVAL
 * when it does not fit). */
SYSCALL(getgroups)
{
	const struct uk_sec *s = creds();
	int size = (int)a0;
	if (size < 0)
		return -EINVAL;
	if (size == 0)
		return s->ngroups;
	if ((uint32_t)size < s->ngroups)
		return -EINVAL;
	if (s->ngroups && copy_to_user(a1, s->groups, s->ngroups * sizeof(s->groups[0])))
		return -EFAULT;
	return s->ngroups;
}
