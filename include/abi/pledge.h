/* SPDX-License-Identifier: MIT */
/* pledge(2) and unveil(2) as this system offers them.
 *
 * Linux has neither call, so they take two numbers Linux leaves unused; the
 * kernel forwards pledge to the security server and unveil to the VFS.
 * The promise bits are shared by the security server (which parses promise
 * strings), the kernel (argument checks of its native calls: PROT_EXEC,
 * kill and clone) and the VFS (open flags, /tmp for tmppath, terminal
 * ioctls). One list yields the enum and the names. */
#pragma once
#include <stdint.h>

#define UK_NR_PLEDGE 500
#define UK_NR_UNVEIL 501
/* The same numbers under the names the forwarding description
 * (include/proto/fwd_calls.h) and the pledge table use. */
enum { LINUX_NR_pledge = UK_NR_PLEDGE, LINUX_NR_unveil = UK_NR_UNVEIL };

/* X(name, bit) — OpenBSD's promise names. Those that name nothing on this
 * system (inet, dns, ...) are still accepted, as OpenBSD accepts them on a
 * kernel without the subsystem. */
#define PLEDGE_PROMISES(X)                                                          \
	X(stdio, 0) X(rpath, 1) X(wpath, 2) X(cpath, 3) X(dpath, 4) X(tmppath, 5)    \
	X(fattr, 6) X(chown, 7) X(flock, 8) X(proc, 9) X(exec, 10) X(id, 11)          \
	X(prot_exec, 12) X(settime, 13) X(unveil, 14) X(error, 15) X(tty, 16)         \
	X(inet, 17) X(unix, 18) X(dns, 19) X(getpw, 20) X(sendfd, 21) X(recvfd, 22)   \
	X(ps, 23) X(vminfo, 24) X(mcast, 25) X(route, 26) X(wroute, 27) X(audio, 28) \
	X(video, 29) X(bpf, 30) X(pf, 31) X(disklabel, 32) X(drm, 33) X(vmm, 34)

#define PLEDGE_BIT_(name, bit) PLEDGE_##name = (bit),
enum pledge_promise { PLEDGE_PROMISES(PLEDGE_BIT_) PLEDGE_NPROMISES };
#undef PLEDGE_BIT_

#define PLEDGE_HAS(set, name) (((set) >> PLEDGE_##name) & 1)
/* The promise set of a process that never called pledge. */
#define PLEDGE_ALL (~(uint64_t)0)
