// SPDX-License-Identifier: MIT
/* Credential transitions (see sec_cred.h), after Linux's kernel/sys.c with
 * CAP_SETUID/CAP_SETGID meaning "effective uid 0". */
#include <errno.h>
#include <string.h>
#include "sec_cred.h"

static int privileged(const struct uk_sec *s)
{
	return s->euid == 0;
}

/* One of the three ids (an unprivileged process may take these). */
static int one_of(uint32_t id, uint32_t a, uint32_t b, uint32_t c)
{
	return id == a || id == b || id == c;
}

int sec_setuid(struct uk_sec *s, uint32_t uid)
{
	if (uid == SEC_ID_KEEP)
		return -EINVAL;
	if (privileged(s))
		s->uid = s->suid = uid;
	else if (uid != s->uid && uid != s->suid)
		return -EPERM;
	s->euid = s->fsuid = uid;
	return 0;
}

int sec_setgid(struct uk_sec *s, uint32_t gid)
{
	if (gid == SEC_ID_KEEP)
		return -EINVAL;
	if (privileged(s))
		s->gid = s->sgid = gid;
	else if (gid != s->gid && gid != s->sgid)
		return -EPERM;
	s->egid = s->fsgid = gid;
	return 0;
}

/* setreuid and setregid share their rule: the real id may become the real
 * or effective one, the effective id any of the three; the saved id takes
 * the new effective one when the real id is set or the effective one moves
 * away from the old real id. */
static int set_re(uint32_t *r, uint32_t *e, uint32_t *sv, uint32_t *fs, int priv, uint32_t nr,
		  uint32_t ne)
{
	if (!priv && nr != SEC_ID_KEEP && nr != *r && nr != *e)
		return -EPERM;
	if (!priv && ne != SEC_ID_KEEP && !one_of(ne, *r, *e, *sv))
		return -EPERM;
	uint32_t old_r = *r;
	if (nr != SEC_ID_KEEP)
		*r = nr;
	if (ne != SEC_ID_KEEP)
		*e = ne;
	if (nr != SEC_ID_KEEP || (ne != SEC_ID_KEEP && ne != old_r))
		*sv = *e;
	*fs = *e;
	return 0;
}

int sec_setreuid(struct uk_sec *s, uint32_t ruid, uint32_t euid)
{
	return set_re(&s->uid, &s->euid, &s->suid, &s->fsuid, privileged(s), ruid, euid);
}

int sec_setregid(struct uk_sec *s, uint32_t rgid, uint32_t egid)
{
	return set_re(&s->gid, &s->egid, &s->sgid, &s->fsgid, privileged(s), rgid, egid);
}

static int set_res(uint32_t *r, uint32_t *e, uint32_t *sv, uint32_t *fs, int priv, uint32_t nr,
		   uint32_t ne, uint32_t ns)
{
	const uint32_t want[3] = { nr, ne, ns };
	for (int i = 0; i < 3 && !priv; i++)
		if (want[i] != SEC_ID_KEEP && !one_of(want[i], *r, *e, *sv))
			return -EPERM;
	if (nr != SEC_ID_KEEP)
		*r = nr;
	if (ne != SEC_ID_KEEP)
		*e = ne;
	if (ns != SEC_ID_KEEP)
		*sv = ns;
	*fs = *e;
	return 0;
}

int sec_setresuid(struct uk_sec *s, uint32_t ruid, uint32_t euid, uint32_t suid)
{
	return set_res(&s->uid, &s->euid, &s->suid, &s->fsuid, privileged(s), ruid, euid, suid);
}

int sec_setresgid(struct uk_sec *s, uint32_t rgid, uint32_t egid, uint32_t sgid)
{
	return set_res(&s->gid, &s->egid, &s->sgid, &s->fsgid, privileged(s), rgid, egid, sgid);
}

int sec_setgroups(struct uk_sec *s, size_t n, const uint32_t *list)
{
	if (!privileged(s))
		return -EPERM;
	if (n > UK_NGROUPS_MAX)
		return -EINVAL;
	memset(s->groups, 0, sizeof(s->groups));
	if (n)
		memcpy(s->groups, list, n * sizeof(*list));
	s->ngroups = (uint32_t)n;
	return 0;
}
