// SPDX-License-Identifier: MIT
/* The forwarding table, made from the one description of the forwarded
 * calls (include/proto/fwd_calls.h): Linux number -> (server, the server's
 * operation, argument kinds). readv/writev/preadv/pwritev, ioctl, fcntl
 * and execve have decoders of their own in fwd.c. */
#include "syscall/fwd_table.h"
#include "proto/fwd.h"
#include "proto/fwd_calls.h"

#define FWDA_V(what) { FA_VAL, -1, 0, 0 }
#define FWDA_S(what) { FA_STR, -1, 0, 0 }
#define FWDA_S0(what) { FA_STR0, -1, 0, 0 }
#define FWDA_SV(what) { FA_STRV, -1, 0, 0 }
#define FWDA_IN(what, n) { FA_IN, n, 0, 0 }
#define FWDA_OUT(what, n) { FA_OUT, n, 0, 0 }
#define FWDA_INF(what, bytes) { FA_IN, -1, bytes, 0 }
#define FWDA_OUTF(what, bytes) { FA_OUT, -1, bytes, 0 }
#define FWDA_INU(what, n, unit) { FA_IN, n, 0, unit }
#define FWDA_OUTU(what, n, unit) { FA_OUT, n, 0, unit }
#define FWDA_INOUTF(what, bytes) { FA_INOUT, -1, bytes, 0 }
#define FWDA_IOCTL(what) { FA_IOCTL, -1, 0, 0 }
#define FWDA_FCNTL(what) { FA_FCNTL, -1, 0, 0 }
#define FWDA_NO { FA_NONE, -1, 0, 0 }

#define ROW(srv, name, note, a0, a1, a2, a3, a4, a5) \
	[LINUX_NR_##name] = { FWD_SRV_##srv, FWD_##srv##_##name, { a0, a1, a2, a3, a4, a5 } },
#define ITEM(srv, name, note, a0, a1, a2, a3, a4, a5) \
	{ FWD_SRV_##srv, FWD_##srv##_##name, { a0, a1, a2, a3, a4, a5 }, LINUX_NR_##name },

/* Each call's first server (the one the kernel sends it to). */
static const struct fwd_spec table[LINUX_NR_MAX] = {
	FWD_VFS_CALLS(ROW) FWD_PROC_CALLS(ROW) FWD_TIME_CALLS(ROW) FWD_SECURITY_CALLS(ROW)
};

/* The servers a call may be redirected to, with their own operations. */
static const struct fwd_spec redirected[] = { FWD_CONSOLE_CALLS(ITEM) };

const struct fwd_spec *fwd_spec_of(uint64_t nr)
{
	return nr < LINUX_NR_MAX && table[nr].server ? &table[nr] : NULL;
}

const struct fwd_spec *fwd_spec_at(int server, uint64_t nr)
{
	const struct fwd_spec *s = fwd_spec_of(nr);
	if (s && s->server == server)
		return s;
	for (size_t i = 0; i < sizeof(redirected) / sizeof(redirected[0]); i++)
		if (redirected[i].server == server && redirected[i].nr == nr)
			return &redirected[i];
	return NULL;
}

struct fwd_arg fwd_ioctl_arg(uint64_t request)
{
#define IOCTL_CASE(name, req, kind, bytes) \
	case req:                           \
		return (struct fwd_arg){ kind == FWDA_IOCTL_IN ? FA_IN : FA_OUT, -1, bytes, 0 };
	enum { FWDA_IOCTL_IN, FWDA_IOCTL_OUT };
	switch (request) {
		FWD_IOCTLS(IOCTL_CASE)
	}
#undef IOCTL_CASE
	return (struct fwd_arg)FWDA_V(arg);
}

struct fwd_arg fwd_fcntl_arg(uint64_t cmd)
{
#define FCNTL_CASE(name, nr, kind, bytes) \
	case nr:                            \
		return (struct fwd_arg){ kind == FWDA_FCNTL_IN ? FA_IN : FA_INOUT, -1, bytes, 0 };
	enum { FWDA_FCNTL_IN, FWDA_FCNTL_INOUT };
	switch (cmd) {
		FWD_FCNTLS(FCNTL_CASE)
	}
#undef FCNTL_CASE
	return (struct fwd_arg)FWDA_V(arg);
}
