// SPDX-License-Identifier: MIT
/* Linux calls: a table of the numbers this system serves (docs/syscalls.md),
 * each with a weight and either the kinds of its arguments or a builder of
 * its own; every other number 0..460 now and then with random arguments.
 * Builders keep the worker alive where a call would only destroy it in a
 * boring way (its own stack or text unmapped), but let it happen rarely. */
#include <stdio.h>
#include <string.h>
#include "pools.h"

#define N(a) ((int)(sizeof(a) / sizeof((a)[0])))

enum kind {
	K_NO, K_V, K_FD, K_DFD, K_PATH, K_BIN, K_BOUT, K_LEN, K_OFF, K_MODE, K_OFL, K_SIG,
	K_PID, K_UID, K_CLK, K_TS, K_S4, K_S8, K_S16, K_S32, K_S120, K_S144, K_I32,
	K_WHENCE, K_AMODE, K_ATFL, K_SMALL, K_ADDR, K_MLEN, K_TIMER, K_S390,
};

typedef void (*builder_fn)(struct sf_ctx *c, struct sf_call *call);

struct lcall {
	uint16_t nr;
	uint16_t weight;
	unsigned flags;
	builder_fn build;
	uint8_t kinds[6];
};

static uint64_t gen_kind(struct sf_ctx *c, int kind, char *note)
{
	switch (kind) {
	case K_V: return sf_gen_int(c, note);
	case K_FD: return (uint64_t)sf_gen_fd(c, note);
	case K_DFD: return (uint64_t)sf_gen_dirfd(c, note);
	case K_PATH: return sf_gen_path(c, note);
	case K_OFF: return sf_gen_off(c, note);
	case K_MODE: {
		static const uint64_t m[] = { 0, 0644, 0755, 0777, 07777, 0400, 0200, 0100, 01777,
			0170777, (uint64_t)-1 };
		sf_note(note, "mode");
		return SF_PICK(&c->r, m);
	}
	case K_OFL: {
		static const uint64_t f[] = { 0, 1, 2, 3, 0100, 0200, 01000, 02000, 04000, 040000,
			0200000, 0400000, 02000000, 010000000, 020000000, 0x100000 };
		uint64_t v = sf_gen_flags(c, f, N(f), note);
		sf_note(note, "oflags");
		return v;
	}
	case K_SIG: return sf_gen_sig(c, note);
	case K_PID: return (uint64_t)sf_gen_pid(c, note);
	case K_UID: return sf_gen_uid(c, note);
	case K_CLK: return sf_gen_clock(c, note);
	case K_TS: return sf_gen_timespec(c, note);
	case K_S4: return sf_gen_struct(c, 1, 4, note);
	case K_S8: return sf_gen_struct(c, 1, 8, note);
	case K_S16: return sf_gen_struct(c, 1, 16, note);
	case K_S32: return sf_gen_struct(c, 1, 32, note);
	case K_S120: return sf_gen_struct(c, 1, 120, note);
	case K_S144: return sf_gen_struct(c, 1, 144, note);
	case K_S390: return sf_gen_struct(c, 1, 390, note);
	case K_I32: return sf_gen_struct(c, 0, 32, note);
	case K_WHENCE:
		sf_note(note, "whence");
		return sf_pct(&c->r, 85) ? sf_below(&c->r, 5) : sf_gen_int(c, note);
	case K_AMODE:
		sf_note(note, "amode");
		return sf_pct(&c->r, 85) ? sf_below(&c->r, 8) : sf_gen_int(c, note);
	case K_ATFL: {
		static const uint64_t f[] = { 0x100, 0x200, 0x400, 0x800, 0x1000 };
		return sf_gen_flags(c, f, N(f), note);
	}
	case K_SMALL:
		sf_note(note, "small");
		return sf_pct(&c->r, 80) ? sf_below(&c->r, 4) : sf_gen_int(c, note);
	case K_ADDR: return sf_gen_addr(c, note);
	case K_MLEN: return sf_gen_mlen(c, note);
	case K_TIMER:
		sf_note(note, "timer");
		return sf_pct(&c->r, 80) ? sf_below(&c->r, 40) : sf_gen_int(c, note);
	default:
		sf_note(note, "-");
		return 0;
	}
}

/* Keeps a mapping change off the worker's own memory (text, stack, log,
 * fixture): such a range is moved into the empty safe zone, except once in
 * a few thousand calls, when the worker may well die of it. */
static void mm_guard(struct sf_ctx *c, struct sf_call *call, int ai, int li)
{
	const uint64_t top = 0x0000800000000000ull;
	uint64_t a = call->a[ai], len = call->a[li];
	if (a >= top || len > top || a + len > top)   /* the kernel must refuse these */
		return;
	if (!sf_hits_protected(c, a & ~4095ull, (a + len + 4095) & ~4095ull))
		return;
	if (sf_one_in(&c->r, 3000)) {
		call->expect_now |= SF_FAULT_SIGS;
		sf_note(call->note[ai], "OWN-MEMORY");
		return;
	}
	a = SF_SAFE_LO + sf_below(&c->r, (SF_SAFE_HI - SF_SAFE_LO) >> 13) * 4096 + (a & 4095);
	if (len > SF_SAFE_HI - a)
		call->a[li] = SF_SAFE_HI - a;
	call->a[ai] = a;
	sf_note(call->note[ai], "safe(moved)");
}

static void b_mmap(struct sf_ctx *c, struct sf_call *call)
{
	static const uint64_t f[] = { 0x1, 0x2, 0x3, 0x10, 0x20, 0x100, 0x800, 0x2000, 0x4000,
		0x8000, 0x10000, 0x20000, 0x40000, 0x100000 };
	call->a[0] = sf_pct(&c->r, 50) ? 0 : sf_gen_addr(c, call->note[0]);
	if (!call->a[0])
		sf_note(call->note[0], "NULL");
	call->a[1] = sf_gen_mlen(c, call->note[1]);
	call->a[2] = sf_pct(&c->r, 85) ? sf_below(&c->r, 8) : sf_gen_int(c, call->note[2]);
	sf_note(call->note[2], "prot");
	call->a[3] = sf_gen_flags(c, f, N(f), call->note[3]);
	if (sf_pct(&c->r, 70))
		call->a[3] = (call->a[3] & ~3ull) | 0x20 | (sf_pct(&c->r, 80) ? 2 : 1);
	call->a[4] = sf_pct(&c->r, 80) ? (uint64_t)-1 : (uint64_t)sf_gen_fd(c, call->note[4]);
	if (call->a[4] == (uint64_t)-1)
		sf_note(call->note[4], "-1");
	call->a[5] = sf_pct(&c->r, 80) ? 0 : sf_gen_off(c, call->note[5]);
	if (call->a[3] & 0x100010)   /* MAP_FIXED, MAP_FIXED_NOREPLACE */
		mm_guard(c, call, 0, 1);
	call->flags |= SF_C_MM;
}

static void b_mrange(struct sf_ctx *c, struct sf_call *call)
{
	call->a[0] = sf_gen_addr(c, call->note[0]);
	call->a[1] = sf_gen_mlen(c, call->note[1]);
	if (call->nr == 10) {          /* mprotect */
		call->a[2] = sf_pct(&c->r, 85) ? sf_below(&c->r, 8) : sf_gen_int(c, call->note[2]);
		sf_note(call->note[2], "prot");
	} else if (call->nr == 28) {   /* madvise */
		static const uint64_t adv[] = { 0, 1, 2, 3, 4, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17,
			18, 19, 20, 21, 22, 23, 25, 100, (uint64_t)-1 };
		call->a[2] = SF_PICK(&c->r, adv);
		sf_note(call->note[2], "advice");
	}
	mm_guard(c, call, 0, 1);
	call->flags |= SF_C_MM;
}

static void b_mremap(struct sf_ctx *c, struct sf_call *call)
{
	call->a[0] = sf_gen_addr(c, call->note[0]);
	call->a[1] = sf_gen_mlen(c, call->note[1]);
	call->a[2] = sf_gen_mlen(c, call->note[2]);
	static const uint64_t f[] = { 1, 2, 4 };
	call->a[3] = sf_gen_flags(c, f, N(f), call->note[3]);
	call->a[4] = sf_gen_addr(c, call->note[4]);
	mm_guard(c, call, 0, call->a[1] > call->a[2] ? 1 : 2);
	if (call->a[3] & 2)
		mm_guard(c, call, 4, 2);
	call->flags |= SF_C_MM;
}

static void b_brk(struct sf_ctx *c, struct sf_call *call)
{
	uint64_t cur = (uint64_t)c->heap + c->heap_len;
	static const int64_t d[] = { 0, 1, 4096, 65536, -4096, -65536, 1 << 24, -(1 << 24) };
	if (sf_pct(&c->r, 80))
		call->a[0] = sf_pct(&c->r, 20) ? 0 : cur + (uint64_t)SF_PICK(&c->r, d);
	else
		call->a[0] = sf_gen_addr(c, call->note[0]);
	sf_note(call->note[0], "brk");
}

/* A struct k_sigaction: handler, flags, restorer, mask. */
static void b_sigaction(struct sf_ctx *c, struct sf_call *call)
{
	extern void sf_restorer(void);
	extern void sf_nudge_handler(int);
	call->a[0] = sf_gen_sig(c, call->note[0]);
	uint64_t act[4];
	uint64_t h = sf_below(&c->r, 20);
	act[0] = h < 6 ? 0 : h < 12 ? 1 : h < 19 ? (uint64_t)sf_nudge_handler : sf_next(&c->r);
	static const uint64_t fl[] = { 0x4000000, 0x10000000, 0x40000000, 0x80000000, 4,
		0x8000000, 1, 2 };
	act[1] = sf_gen_flags(c, fl, N(fl), call->note[1]) | (sf_pct(&c->r, 90) ? 0x4000000 : 0);
	act[2] = sf_pct(&c->r, 95) ? (uint64_t)sf_restorer : sf_next(&c->r);
	act[3] = sf_pct(&c->r, 50) ? 0 : sf_next(&c->r);
	int func = act[0] > 1;
	if (func && (act[3] != ~0ull || (act[1] & 0x40000000)))
		call->expect_now |= SIGBIT(11);   /* handlers may nest past the kernel's 8 */
	if (func && (h == 19 || act[2] != (uint64_t)sf_restorer || !(act[1] & 0x4000000) ||
		     (act[1] & 0x8000000)))
		call->expect_now |= SF_FAULT_SIGS;   /* no way back, or a junk alternate stack */
	if (call->a[0] == SF_NUDGE_SIG && !sf_one_in(&c->r, 100))
		call->a[0] = SF_NUDGE_SIG - 1;
	if (call->a[0] == SF_NUDGE_SIG)
		call->expect_now |= SIGBIT(SF_NUDGE_SIG);
	call->a[1] = sf_pct(&c->r, 75) ? sf_gen_in(c, act, sizeof(act), call->note[1]) : 0;
	call->a[2] = sf_pct(&c->r, 50) ? sf_gen_struct(c, 1, 32, call->note[2]) : 0;
	call->a[3] = sf_pct(&c->r, 90) ? 8 : sf_gen_int(c, call->note[3]);
	sf_note(call->note[1], "act{%s}", h < 6 ? "DFL" : h < 12 ? "IGN" : h < 19 ? "handler" : "junk");
}

static uint64_t sigset_in(struct sf_ctx *c, char *note)
{
	uint64_t set = sf_pct(&c->r, 30) ? 0 : sf_pct(&c->r, 50) ? sf_next(&c->r) :
		       SIGBIT(1 + sf_below(&c->r, 64));
	if (sf_pct(&c->r, 99))
		set &= ~SIGBIT(SF_NUDGE_SIG);
	return sf_gen_in(c, &set, sizeof(set), note);
}

static void b_sigprocmask(struct sf_ctx *c, struct sf_call *call)
{
	call->a[0] = sf_pct(&c->r, 90) ? sf_below(&c->r, 3) : sf_gen_int(c, call->note[0]);
	call->a[1] = sf_pct(&c->r, 85) ? sigset_in(c, call->note[1]) : 0;
	call->a[2] = sf_pct(&c->r, 50) ? sf_gen_struct(c, 1, 8, call->note[2]) : 0;
	call->a[3] = sf_pct(&c->r, 90) ? 8 : sf_gen_int(c, call->note[3]);
	call->flags |= SF_C_SIGMASK;
}

static void b_sigwait(struct sf_ctx *c, struct sf_call *call)
{
	call->a[0] = sigset_in(c, call->note[0]);
	if (call->nr == 130) {         /* rt_sigsuspend */
		call->a[1] = sf_pct(&c->r, 90) ? 8 : sf_gen_int(c, call->note[1]);
	} else {                       /* rt_sigtimedwait */
		call->a[1] = sf_pct(&c->r, 50) ? sf_gen_struct(c, 1, 128, call->note[1]) : 0;
		call->a[2] = sf_pct(&c->r, 70) ? sf_gen_timespec(c, call->note[2]) : 0;
		call->a[3] = sf_pct(&c->r, 90) ? 8 : sf_gen_int(c, call->note[3]);
	}
	call->flags |= SF_C_MAYBLOCK | SF_C_SIGMASK;
}

/* rt_sigreturn with a frame built on the landing stack: mostly the
 * worker's own landing pad and a valid stack, with garbage in what the
 * kernel must check (segments, flags, the FPU pointer), and now and then a
 * garbage return address or stack. */
static void b_sigreturn(struct sf_ctx *c, struct sf_call *call)
{
	extern char sf_landing[];
	uint64_t *f = (uint64_t *)(SF_FIX_BASE + SF_FIX_CLONESTK + 0x2000);
	/* ucontext: flags, link, stack (3), gregs[23], fpregs, reserved[8], sigmask */
	for (int i = 0; i < 48; i++)
		f[i] = sf_pct(&c->r, 50) ? 0 : sf_next(&c->r);
	uint64_t *g = f + 5;
	g[15] = SF_FIX_BASE + SF_FIX_CLONESTK + 0x1ff0;   /* rsp */
	g[16] = (uint64_t)sf_landing;                     /* rip */
	g[17] = sf_pct(&c->r, 70) ? 0x202 : sf_next(&c->r) & ~0x100ull;
	if (sf_one_in(&c->r, 10)) {
		g[16] = sf_pct(&c->r, 50) ? sf_gen_badptr(c, call->note[1]) : sf_next(&c->r);
		call->expect_now |= SF_FAULT_SIGS;
	}
	if (sf_one_in(&c->r, 10)) {
		g[17] |= 0x100;   /* TF */
		call->expect_now |= SIGBIT(5);
	}
	f[5 + 23] = sf_pct(&c->r, 70) ? 0 : sf_next(&c->r);   /* fpregs */
	f[5 + 23 + 1 + 8] = sf_pct(&c->r, 80) ? 0 : sf_next(&c->r) & ~SIGBIT(SF_NUDGE_SIG);
	call->a[0] = (uint64_t)f;
	sf_note(call->note[0], "frame rip=%s", g[16] == (uint64_t)sf_landing ? "pad" : "junk");
	call->flags |= SF_C_SIGRETURN | SF_C_SIGMASK;
}

static const uint64_t ioctl_reqs[] = { 0x5401, 0x5402, 0x5403, 0x5404, 0x5413, 0x5414,
	0x540F, 0x5410, 0x541B, 0x540A, 0x540B, 0x5409, 0x5421, 0x5422, 0x5451, 0x5450,
	0x80045430, 0x40045431, 0xc0105443 };

static void b_ioctl(struct sf_ctx *c, struct sf_call *call)
{
	call->a[0] = (uint64_t)sf_gen_fd(c, call->note[0]);
	call->a[1] = sf_pct(&c->r, 85) ? SF_PICK(&c->r, ioctl_reqs) : sf_gen_int(c, call->note[1]);
	sf_note(call->note[1], "req");
	uint64_t k = sf_below(&c->r, 3);
	if (k == 0) {
		call->a[2] = sf_gen_struct(c, 0, 64, call->note[2]);
	} else if (k == 1) {
		call->a[2] = sf_gen_struct(c, 1, 64, call->note[2]);
	} else {
		uint64_t len;
		sf_gen_buf(c, 1, &call->a[2], &len, call->note[2], call->note[3]);
	}
	if (call->a[1] == 0x540A)   /* TCXONC: TCOOFF would stop the console */
		call->a[2] = sf_below(&c->r, 4);
}

static uint64_t iovec(struct sf_ctx *c, int out, uint64_t *cnt, char *note, char *cnote)
{
	uint64_t n = sf_pct(&c->r, 80) ? sf_below(&c->r, 5) :
		     SF_PICK(&c->r, ((const uint64_t[]){ 64, 65, 200, 1024, 1025, (uint64_t)-1 }));
	*cnt = n;
	sf_note(cnote, "iovcnt");
	uint64_t m = n > 70 ? 70 : n;
	uint64_t *v = sf_scratch(c, (m ? m : 1) * 16, 8);
	if (!v || sf_one_in(&c->r, 15))
		return sf_gen_badptr(c, note);
	char dummy[SF_NOTE];
	for (uint64_t i = 0; i < m; i++)
		sf_gen_buf(c, out, &v[2 * i], &v[2 * i + 1], dummy, dummy);
	sf_note(note, "iov[%llu]", (unsigned long long)m);
	return (uint64_t)v;
}

static void b_rwv(struct sf_ctx *c, struct sf_call *call)
{
	int out = call->nr == 19 || call->nr == 295;
	call->a[0] = (uint64_t)sf_gen_fd(c, call->note[0]);
	call->a[1] = iovec(c, out, &call->a[2], call->note[1], call->note[2]);
	call->a[3] = sf_gen_off(c, call->note[3]);
	call->flags |= SF_C_MAYBLOCK;
}

/* clone, fork, vfork: the child leaves at once (raw.S). */
static void b_clone(struct sf_ctx *c, struct sf_call *call)
{
	static const uint64_t f[] = { 0x100, 0x200, 0x400, 0x800, 0x4000, 0x10000, 0x80000,
		0x100000, 0x200000, 0x1000000, 0x400000, 0x11 };
	uint64_t pick = sf_below(&c->r, 10);
	if (pick < 3)
		call->a[0] = 0x11;                        /* SIGCHLD: fork */
	else if (pick < 6)                                /* a thread, as musl makes them */
		call->a[0] = 0x7d0f00 & ~0x400000ull;
	else
		call->a[0] = sf_gen_flags(c, f, N(f), call->note[0]);
	sf_note(call->note[0], "flags");
	call->a[1] = sf_pct(&c->r, 80) ? SF_FIX_BASE + SF_FIX_CLONESTK + 0x1000 :
				      sf_gen_badptr(c, call->note[1]);
	if (call->a[1] == SF_FIX_BASE + SF_FIX_CLONESTK + 0x1000)
		sf_note(call->note[1], "clonestack");
	else
		call->expect_now |= SF_FAULT_SIGS;  /* a signal to a thread with no stack */
	call->a[2] = sf_gen_struct(c, 1, 4, call->note[2]);
	call->a[3] = sf_gen_struct(c, 1, 4, call->note[3]);
	call->a[4] = sf_pct(&c->r, 50) ? 0 : sf_gen_addr(c, call->note[4]);
	call->flags |= SF_C_CLONE | SF_C_FORK;
}

static void b_fork(struct sf_ctx *c, struct sf_call *call)
{
	(void)c;
	call->flags |= SF_C_CLONE | SF_C_FORK;
}

static void b_execve(struct sf_ctx *c, struct sf_call *call)
{
	static const char *const progs[] = { "/bin/t_true", "/bin/true", "/bin/false", "x0",
		"f0", "d0", "/etc/manifest", "/bin/", "/nonexistent" };
	if (sf_pct(&c->r, 60)) {
		const char *p = SF_PICK(&c->r, progs);
		char *s = sf_scratch(c, strlen(p) + 1, 1);
		memcpy(s, p, strlen(p) + 1);
		call->a[0] = (uint64_t)s;
		sf_note(call->note[0], "\"%s\"", p);
	} else {
		call->a[0] = sf_gen_path(c, call->note[0]);
	}
	call->a[1] = sf_gen_strv(c, call->note[1]);
	call->a[2] = sf_pct(&c->r, 50) ? 0 : sf_gen_strv(c, call->note[2]);
	call->flags |= SF_C_EXEC | SF_C_MAYBLOCK;
	call->expect_now |= SIGBIT(SF_NUDGE_SIG);   /* pending as the new program starts */
}

static void b_exit(struct sf_ctx *c, struct sf_call *call)
{
	call->a[0] = sf_gen_int(c, call->note[0]);
	call->flags |= SF_C_EXIT;
}

static void b_fcntl(struct sf_ctx *c, struct sf_call *call)
{
	static const uint64_t cmds[] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 1030, 1024, 1025, 1026,
		1031, 1033, 1034, 36, 37, 38 };
	call->a[0] = (uint64_t)sf_gen_fd(c, call->note[0]);
	call->a[1] = sf_pct(&c->r, 90) ? SF_PICK(&c->r, cmds) : sf_gen_int(c, call->note[1]);
	sf_note(call->note[1], "cmd");
	uint64_t k = sf_below(&c->r, 3);
	call->a[2] = k == 0 ? sf_below(&c->r, 260) : k == 1 ? sf_gen_int(c, call->note[2]) :
		     sf_gen_struct(c, sf_pct(&c->r, 50), 32, call->note[2]);
}

static void b_groups(struct sf_ctx *c, struct sf_call *call)
{
	call->a[0] = sf_pct(&c->r, 70) ? sf_below(&c->r, 40) : sf_gen_int(c, call->note[0]);
	sf_note(call->note[0], "n");
	call->a[1] = sf_pct(&c->r, 85) ? sf_gen_struct(c, call->nr == 115, 256, call->note[1]) :
				      sf_gen_badptr(c, call->note[1]);
	if (call->nr == 116)
		call->flags |= SF_C_CRED;
}

static void b_sigaltstack(struct sf_ctx *c, struct sf_call *call)
{
	uint64_t ss[3] = { sf_pct(&c->r, 70) ? SF_FIX_BASE + SF_FIX_ARENA : sf_next(&c->r),
			   sf_pct(&c->r, 70) ? sf_below(&c->r, 3) : sf_next(&c->r),
			   SF_PICK(&c->r, ((const uint64_t[]){ 0, 2047, 2048, 8192, 65536,
							      (uint64_t)-1 })) };
	call->a[0] = sf_pct(&c->r, 70) ? sf_gen_in(c, ss, sizeof(ss), call->note[0]) : 0;
	call->a[1] = sf_pct(&c->r, 50) ? sf_gen_struct(c, 1, 24, call->note[1]) : 0;
}

static void b_prctl(struct sf_ctx *c, struct sf_call *call)
{
	static const uint64_t ops[] = { 38, 39, 22, 21, 15, 16, 1, 2, 4, 36, 0, (uint64_t)-1 };
	call->a[0] = SF_PICK(&c->r, ops);
	sf_note(call->note[0], "op");
	for (int i = 1; i < 5; i++)
		call->a[i] = sf_pct(&c->r, 50) ? sf_below(&c->r, 3) : sf_gen_int(c, call->note[i]);
	if (call->a[0] == 22) {   /* PR_SET_SECCOMP: strict mode ends the worker soon */
		call->expect |= SIGBIT(9) | SIGBIT(31);
		if (!sf_one_in(&c->r, 20))
			call->a[1] = 0;
	}
}

static void b_arch_prctl(struct sf_ctx *c, struct sf_call *call)
{
	static const uint64_t ops[] = { 0x1001, 0x1002, 0x1003, 0x1004, 0x3001, 0x1011, 0 };
	call->a[0] = SF_PICK(&c->r, ops);
	sf_note(call->note[0], "op");
	call->a[1] = sf_pct(&c->r, 50) ? sf_gen_struct(c, 1, 8, call->note[1]) :
				      sf_gen_addr(c, call->note[1]);
	/* the worker puts its own FS base back after every call */
}

/* futex on a word of the stack scratch or a pool address; ops with
 * requeue onto the same word, bitsets, timeouts. */
static void b_futex(struct sf_ctx *c, struct sf_call *call)
{
	static const uint64_t ops[] = { 0, 1, 3, 4, 9, 10, 128, 129, 131, 132, 137, 138, 256 + 9,
		2, 5, 6, 7, 8, 11, 12, 13 };
	uint32_t *w = sf_scratch(c, 8, 8);
	if (w)
		*w = (uint32_t)sf_below(&c->r, 3);
	call->a[0] = w && sf_pct(&c->r, 80) ? (uint64_t)w : sf_gen_addr(c, call->note[0]);
	if (call->a[0] == (uint64_t)w)
		sf_note(call->note[0], "word=%u", *w);
	call->a[1] = SF_PICK(&c->r, ops);
	sf_note(call->note[1], "op");
	call->a[2] = sf_pct(&c->r, 60) ? sf_below(&c->r, 3) : sf_gen_int(c, call->note[2]);
	uint64_t op = call->a[1] & 127;
	if (op == 0 || op == 9)
		call->a[3] = sf_pct(&c->r, 60) ? sf_gen_timespec(c, call->note[3]) : 0;
	else
		call->a[3] = sf_pct(&c->r, 60) ? sf_below(&c->r, 3) : sf_gen_int(c, call->note[3]);
	call->a[4] = sf_pct(&c->r, 50) ? call->a[0] : sf_pct(&c->r, 50) && w ? (uint64_t)(w + 1) :
		     sf_gen_addr(c, call->note[4]);
	if (call->a[4] == call->a[0])
		sf_note(call->note[4], "same word");
	call->a[5] = sf_pct(&c->r, 50) ? sf_below(&c->r, 3) : sf_gen_int(c, call->note[5]);
	call->flags |= SF_C_MAYBLOCK;
}

/* seccomp: strict mode, a filter (random instructions or a valid one),
 * GET_ACTION_AVAIL. The filter may kill the worker: that is expected. */
static void b_seccomp(struct sf_ctx *c, struct sf_call *call)
{
	call->a[0] = sf_pct(&c->r, 90) ? sf_below(&c->r, 4) : sf_gen_int(c, call->note[0]);
	sf_note(call->note[0], "op");
	call->a[1] = sf_pct(&c->r, 70) ? sf_below(&c->r, 3) : sf_gen_int(c, call->note[1]);
	uint64_t n = sf_pct(&c->r, 80) ? 1 + sf_below(&c->r, 8) :
		     SF_PICK(&c->r, ((const uint64_t[]){ 0, 4096, 4097, 65535 }));
	uint64_t m = n > 64 ? 64 : n;
	uint64_t *ins = sf_scratch(c, (m ? m : 1) * 8, 8);
	if (ins) {
		for (uint64_t i = 0; i < m; i++)
			ins[i] = sf_next(&c->r);
		if (sf_pct(&c->r, 50)) {    /* ret ALLOW, or ret ERRNO(1) */
			ins[m - 1] = 0x6ull | (sf_pct(&c->r, 50) ? 0x7fff0000ull << 32 : 0x50001ull << 32);
		}
	}
	uint64_t prog[2] = { n, (uint64_t)ins };
	call->a[2] = call->a[0] == 1 && ins ? sf_gen_in(c, prog, sizeof(prog), call->note[2]) :
					   sf_gen_struct(c, 0, 16, call->note[2]);
	call->expect |= SIGBIT(9) | SIGBIT(31);
}

/* pledge: mostly a broad set less one promise (the worker goes on, and a
 * violation of the missing one kills it with SIGABRT), or random words. */
static void b_pledge(struct sf_ctx *c, struct sf_call *call)
{
	static const char *const promises[] = { "stdio", "rpath", "wpath", "cpath", "tmppath",
		"proc", "exec", "error", "id", "settime", "tty", "fattr", "prot_exec", "unveil",
		"bogus", "dpath", "flock", "inet", "" };
	for (int i = 0; i < 2; i++) {
		if (sf_pct(&c->r, 70)) {
			char tmp[160];
			size_t len = 0, drop = sf_below(&c->r, 14);
			for (size_t j = 0; j < 14; j++)
				if (j != drop)
					len += (size_t)snprintf(tmp + len, sizeof(tmp) - len, "%s ",
								promises[j]);
			char *s = sf_scratch(c, len + 1, 1);
			if (s)
				memcpy(s, tmp, len + 1);
			call->a[i] = (uint64_t)s;
			sf_note(call->note[i], "all but %s", promises[drop]);
		} else {
			call->a[i] = sf_pct(&c->r, 80) ? sf_gen_str(c, promises, N(promises),
								     call->note[i]) : 0;
		}
	}
	/* A violation kills with SIGABRT; under "error" calls fail with ENOSYS,
	 * which a program exec'd under the execpromises may not survive. */
	call->expect |= SIGBIT(6) | SIGBIT(9) | SF_FAULT_SIGS;
}

static void b_unveil(struct sf_ctx *c, struct sf_call *call)
{
	static const char *const perms[] = { "r", "w", "x", "c", "rwxc", "", "rr", "q" };
	call->a[0] = sf_pct(&c->r, 90) ? sf_gen_path(c, call->note[0]) : 0;
	call->a[1] = sf_pct(&c->r, 90) ? sf_gen_str(c, perms, N(perms), call->note[1]) : 0;
}

static void b_timer_create(struct sf_ctx *c, struct sf_call *call)
{
	call->a[0] = sf_gen_clock(c, call->note[0]);
	/* struct sigevent: value, signo, notify, tid */
	uint64_t ev[8] = { sf_next(&c->r), 0 };
	uint32_t signo = (uint32_t)sf_gen_sig(c, call->note[1]);
	uint32_t notify = (uint32_t)(sf_pct(&c->r, 85) ? sf_below(&c->r, 5) : sf_next(&c->r));
	ev[1] = signo | (uint64_t)notify << 32;
	ev[2] = sf_pct(&c->r, 50) ? (uint64_t)c->pid : sf_next(&c->r);
	call->a[1] = sf_pct(&c->r, 85) ? sf_gen_in(c, ev, sizeof(ev), call->note[1]) : 0;
	call->a[2] = sf_gen_struct(c, 1, 4, call->note[2]);
	call->expect |= SIGBIT(14) | SIGBIT(signo >= 1 && signo <= 64 ? signo : 14);
	call->flags |= SF_C_TIMER;
}

static uint64_t itimerspec(struct sf_ctx *c, char *note)
{
	static const int64_t v[] = { 0, 0, 1, 1000, 1000000, 999999999, 1000000000, -1,
		INT64_MAX };
	int64_t t[4];
	for (int i = 0; i < 4; i++)
		t[i] = (i & 1) ? SF_PICK(&c->r, v) : (sf_pct(&c->r, 80) ? 0 : SF_PICK(&c->r, v));
	return sf_gen_in(c, t, sizeof(t), note);
}

static void b_settimer(struct sf_ctx *c, struct sf_call *call)
{
	int posix = call->nr == 223;
	call->a[0] = posix ? gen_kind(c, K_TIMER, call->note[0]) : sf_below(&c->r, 4);
	call->a[1] = posix ? sf_below(&c->r, 2) : itimerspec(c, call->note[1]);
	call->a[2] = posix ? itimerspec(c, call->note[2]) : sf_gen_struct(c, 1, 32, call->note[2]);
	if (posix)
		call->a[3] = sf_gen_struct(c, 1, 32, call->note[3]);
	call->expect |= SIGBIT(14);
	call->flags |= SF_C_TIMER;
}

/* kill, tkill, tgkill: a signal the worker sends itself may end it. */
static void b_kill(struct sf_ctx *c, struct sf_call *call)
{
	int si = call->nr == 234 ? 2 : 1;
	call->a[0] = (uint64_t)sf_gen_pid(c, call->note[0]);
	if (si == 2)
		call->a[1] = sf_pct(&c->r, 70) ? call->a[0] : (uint64_t)sf_gen_pid(c, call->note[1]);
	call->a[si] = sf_gen_sig(c, call->note[si]);
	uint64_t sig = call->a[si];
	if (sig == 19 && !sf_one_in(&c->r, 20))
		call->a[si] = sig = 18;   /* SIGSTOP: the parent continues it, but only after a while */
	if (sig >= 1 && sig <= 64 && sig != SF_NUDGE_SIG)
		call->expect_now |= SIGBIT(sig);
	if (c->root && ((int64_t)call->a[0] == 1 || (int64_t)call->a[0] == c->ppid))
		call->a[0] = (uint64_t)c->pid;    /* as root: never init or the parent */
}

static void b_alarm(struct sf_ctx *c, struct sf_call *call)
{
	call->a[0] = sf_pct(&c->r, 60) ? sf_below(&c->r, 3) : sf_gen_int(c, call->note[0]);
	sf_note(call->note[0], "secs");
	call->expect |= SIGBIT(14);
	call->flags |= SF_C_TIMER;
}

static void b_wait4(struct sf_ctx *c, struct sf_call *call)
{
	call->a[0] = (uint64_t)sf_gen_pid(c, call->note[0]);
	call->a[1] = sf_pct(&c->r, 70) ? sf_gen_struct(c, 1, 4, call->note[1]) : 0;
	static const uint64_t f[] = { 1, 2, 8, 0x40000000, 0x80000000, 0x1000000 };
	call->a[2] = sf_gen_flags(c, f, N(f), call->note[2]) | (sf_pct(&c->r, 70) ? 1 : 0);
	call->a[3] = sf_pct(&c->r, 50) ? sf_gen_struct(c, 1, 144, call->note[3]) : 0;
	call->flags |= SF_C_MAYBLOCK;
}

/* rlimits: getrlimit/setrlimit/prlimit64 with a struct rlimit of the usual
 * values; a lowered RLIMIT_CPU may end the worker with SIGXCPU. */
static void b_rlimit(struct sf_ctx *c, struct sf_call *call)
{
	static const uint64_t lim[] = { 0, 1, 4096, 1 << 20, 1ull << 40, (uint64_t)-1, 100 };
	uint64_t rl[2] = { SF_PICK(&c->r, lim), SF_PICK(&c->r, lim) };
	int p = call->nr == 302;
	if (p)
		call->a[0] = sf_pct(&c->r, 60) ? 0 : (uint64_t)sf_gen_pid(c, call->note[0]);
	call->a[p] = sf_pct(&c->r, 90) ? sf_below(&c->r, 17) : sf_gen_int(c, call->note[p]);
	sf_note(call->note[p], "resource");
	if (call->nr == 97)
		call->a[1] = sf_gen_struct(c, 1, 16, call->note[1]);
	else if (call->nr == 160)
		call->a[1] = sf_gen_in(c, rl, sizeof(rl), call->note[1]);
	else {
		call->a[2] = sf_pct(&c->r, 50) ? sf_gen_in(c, rl, sizeof(rl), call->note[2]) : 0;
		call->a[3] = sf_pct(&c->r, 50) ? sf_gen_struct(c, 1, 16, call->note[3]) : 0;
	}
	call->expect |= SIGBIT(24) | SIGBIT(9) | SIGBIT(25);   /* SIGXCPU, SIGKILL, SIGXFSZ */
}

/* rt_sigqueueinfo(pid, sig, info) and rt_tgsigqueueinfo(tgid, tid, sig,
 * info): a siginfo of random bytes, mostly to the worker itself. */
static void b_sigqueueinfo(struct sf_ctx *c, struct sf_call *call)
{
	int tg = call->nr == 297;
	call->a[0] = sf_pct(&c->r, 60) ? (uint64_t)c->pid : (uint64_t)sf_gen_pid(c, call->note[0]);
	if (tg)
		call->a[1] = sf_pct(&c->r, 70) ? call->a[0] : (uint64_t)sf_gen_pid(c, call->note[1]);
	uint64_t sig = call->a[1 + tg] = sf_gen_sig(c, call->note[1 + tg]);
	call->a[2 + tg] = sf_gen_struct(c, 0, 128, call->note[2 + tg]);
	if (sig >= 1 && sig <= 64 && sig != SF_NUDGE_SIG)
		call->expect_now |= SIGBIT(sig);
}

/* set_robust_list: a list head in a page of the fixture filled with
 * pointers back into it, to the edge, or anywhere: the kernel walks it when
 * a thread of the worker ends. */
static void b_robust(struct sf_ctx *c, struct sf_call *call)
{
	uint64_t *page = (uint64_t *)(SF_FIX_BASE + SF_FIX_CLONESTK + 0x3000);
	if (call->nr == 274) {
		call->a[0] = sf_pct(&c->r, 50) ? 0 : (uint64_t)sf_gen_pid(c, call->note[0]);
		call->a[1] = sf_gen_struct(c, 1, 8, call->note[1]);
		call->a[2] = sf_gen_struct(c, 1, 8, call->note[2]);
		return;
	}
	for (int i = 0; i < 512; i++) {
		uint64_t p = sf_below(&c->r, 10);
		page[i] = p < 5 ? (uint64_t)(page + sf_below(&c->r, 512)) : p < 7 ? (uint64_t)page :
			  p < 8 ? SF_FIX_BASE + SF_FIX_EDGE + 0x1000 - 8 : sf_next(&c->r);
	}
	call->a[0] = sf_pct(&c->r, 85) ? (uint64_t)(page + sf_below(&c->r, 500)) : sf_gen_addr(c, call->note[0]);
	call->a[1] = sf_pct(&c->r, 85) ? 24 : sf_gen_int(c, call->note[1]);
	sf_note(call->note[0], "robust head");
	sf_note(call->note[1], "len");
}

/* nr, weight, flags, builder, argument kinds. */
#define B(nr, w, fl, fn) { nr, w, fl, fn, { 0 } }
#define K(nr, w, fl, ...) { nr, w, fl, NULL, { __VA_ARGS__ } }
#define MB SF_C_MAYBLOCK
#define CR SF_C_CRED

static const struct lcall table[] = {
	K(0, 30, MB, K_FD, K_BOUT, K_LEN), K(1, 30, MB, K_FD, K_BIN, K_LEN),
	K(2, 20, 0, K_PATH, K_OFL, K_MODE), K(3, 15, 0, K_FD), K(4, 10, 0, K_PATH, K_S144),
	K(5, 8, 0, K_FD, K_S144), K(6, 6, 0, K_PATH, K_S144), K(8, 8, 0, K_FD, K_OFF, K_WHENCE),
	B(9, 25, 0, b_mmap), B(10, 18, 0, b_mrange), B(11, 18, 0, b_mrange), B(12, 6, 0, b_brk),
	B(13, 10, 0, b_sigaction), B(14, 8, 0, b_sigprocmask), B(15, 1, 0, b_sigreturn),
	B(16, 20, MB, b_ioctl), K(17, 15, MB, K_FD, K_BOUT, K_LEN, K_OFF),
	K(18, 15, MB, K_FD, K_BIN, K_LEN, K_OFF), B(19, 10, 0, b_rwv), B(20, 10, 0, b_rwv),
	K(21, 5, 0, K_PATH, K_AMODE), K(22, 6, 0, K_S8), K(24, 2, 0), B(25, 14, 0, b_mremap),
	B(28, 12, 0, b_mrange), K(32, 8, 0, K_FD), K(33, 8, 0, K_FD, K_FD), K(34, 1, MB),
	K(35, 4, MB, K_TS, K_S16), K(36, 3, 0, K_SMALL, K_S32), B(37, 3, 0, b_alarm),
	B(38, 3, 0, b_settimer), K(39, 2, 0), B(56, 4, 0, b_clone), B(57, 3, 0, b_fork),
	B(58, 2, 0, b_fork), B(59, 2, 0, b_execve), B(60, 0, 0, b_exit), B(61, 6, 0, b_wait4),
	B(62, 6, 0, b_kill), B(72, 12, 0, b_fcntl), K(76, 6, 0, K_PATH, K_OFF),
	K(77, 6, 0, K_FD, K_OFF), K(79, 4, 0, K_BOUT, K_LEN), K(80, 4, 0, K_PATH),
	K(81, 3, 0, K_FD), K(82, 8, 0, K_PATH, K_PATH), K(83, 8, 0, K_PATH, K_MODE),
	K(84, 6, 0, K_PATH), K(85, 5, 0, K_PATH, K_MODE), K(87, 8, 0, K_PATH),
	K(88, 6, 0, K_PATH, K_PATH), K(89, 6, 0, K_PATH, K_BOUT, K_LEN),
	K(90, 5, 0, K_PATH, K_MODE), K(91, 4, 0, K_FD, K_MODE), K(95, 3, 0, K_MODE),
	K(96, 3, 0, K_S16, K_S8), K(102, 3, 0), K(104, 2, 0), K(105, 3, CR, K_UID),
	K(106, 3, CR, K_UID), K(107, 2, 0), K(108, 2, 0), K(110, 2, 0),
	K(113, 3, CR, K_UID, K_UID), K(114, 3, CR, K_UID, K_UID), B(115, 3, 0, b_groups),
	B(116, 3, 0, b_groups), K(117, 3, CR, K_UID, K_UID, K_UID), K(118, 3, 0, K_S4, K_S4, K_S4),
	K(119, 3, CR, K_UID, K_UID, K_UID), K(120, 3, 0, K_S4, K_S4, K_S4),
	K(127, 3, 0, K_S8, K_SMALL), B(128, 3, 0, b_sigwait), B(130, 2, 0, b_sigwait),
	B(131, 4, 0, b_sigaltstack), K(137, 4, 0, K_PATH, K_S120), K(138, 4, 0, K_FD, K_S120),
	K(140, 3, 0, K_SMALL, K_PID), K(141, 3, 0, K_SMALL, K_PID, K_V),
	K(149, 4, 0, K_ADDR, K_MLEN), K(150, 4, 0, K_ADDR, K_MLEN), K(151, 2, 0, K_SMALL),
	K(152, 2, 0), B(157, 4, 0, b_prctl), B(158, 4, 0, b_arch_prctl), K(186, 2, 0),
	B(200, 3, 0, b_kill), K(201, 2, 0, K_S8), B(202, 12, 0, b_futex),
	K(217, 8, 0, K_FD, K_BOUT, K_LEN), K(218, 2, 0, K_S4), B(222, 4, 0, b_timer_create),
	B(223, 4, 0, b_settimer), K(224, 3, 0, K_TIMER, K_S32), K(225, 2, 0, K_TIMER),
	K(226, 3, SF_C_TIMER, K_TIMER), K(227, 2, 0, K_CLK, K_TS), K(228, 3, 0, K_CLK, K_S16),
	K(229, 3, 0, K_CLK, K_S16), K(230, 4, MB, K_CLK, K_SMALL, K_TS, K_S16),
	B(231, 0, 0, b_exit), B(234, 4, 0, b_kill), K(257, 15, 0, K_DFD, K_PATH, K_OFL, K_MODE),
	K(258, 5, 0, K_DFD, K_PATH, K_MODE), K(262, 6, 0, K_DFD, K_PATH, K_S144, K_ATFL),
	K(263, 5, 0, K_DFD, K_PATH, K_ATFL), K(264, 5, 0, K_DFD, K_PATH, K_DFD, K_PATH),
	K(266, 4, 0, K_PATH, K_DFD, K_PATH), K(267, 4, 0, K_DFD, K_PATH, K_BOUT, K_LEN),
	K(268, 4, 0, K_DFD, K_PATH, K_MODE), K(269, 4, 0, K_DFD, K_PATH, K_AMODE),
	K(292, 6, 0, K_FD, K_FD, K_SMALL), K(293, 6, 0, K_S8, K_OFL), B(295, 6, 0, b_rwv),
	B(296, 6, 0, b_rwv), K(316, 4, 0, K_DFD, K_PATH, K_DFD, K_PATH, K_SMALL),
	B(317, 1, 0, b_seccomp), K(439, 3, 0, K_DFD, K_PATH, K_AMODE, K_ATFL),
	B(500, 1, 0, b_pledge), B(501, 3, 0, b_unveil), K(109, 3, 0, K_PID, K_PID), K(111, 2, 0),
	K(112, 2, 0), K(121, 2, 0, K_PID), K(124, 2, 0, K_PID), K(63, 2, 0, K_S390),
	K(99, 2, 0, K_S120), K(318, 3, MB, K_BOUT, K_LEN, K_SMALL), K(98, 2, 0, K_SMALL, K_S144),
	K(100, 2, 0, K_S32), B(97, 2, 0, b_rlimit), B(160, 2, 0, b_rlimit), B(302, 3, 0, b_rlimit),
	B(129, 3, 0, b_sigqueueinfo), B(297, 3, 0, b_sigqueueinfo), B(273, 3, 0, b_robust),
	B(274, 2, 0, b_robust),
};

static unsigned total_weight;

static void build_kinds(struct sf_ctx *c, const struct lcall *e, struct sf_call *call)
{
	for (int i = 0; i < 6; i++) {
		int k = e->kinds[i];
		if (k == K_BIN || k == K_BOUT) {
			sf_gen_buf(c, k == K_BOUT, &call->a[i], &call->a[i + 1], call->note[i],
				   call->note[i + 1]);
			i++;
		} else if (k != K_NO) {
			call->a[i] = gen_kind(c, k, call->note[i]);
		}
	}
	/* The console's writes go out at serial speed: keep them short. */
	if (e->kinds[0] == K_FD && e->kinds[1] == K_BIN && !strcmp(call->note[0], "fd:console") &&
	    call->a[2] > 80 && !sf_one_in(&c->r, 50))
		call->a[2] = sf_below(&c->r, 81);
}

/* Any number 0..460 (or a few beyond), with arguments of any kind. */
static void build_any(struct sf_ctx *c, struct sf_call *call)
{
	uint64_t p = sf_below(&c->r, 100);
	call->nr = p < 90 ? sf_below(&c->r, 461) : p < 97 ? 461 + sf_below(&c->r, 51) :
		   SF_PICK(&c->r, ((const uint64_t[]){ 512, 1023, 0xfff, 0x10000, 0x7fffffff,
						      0x80000000ull, (uint64_t)-1, 1ull << 32 }));
	static const int kinds[] = { K_V, K_FD, K_PATH, K_LEN, K_ADDR, K_OFF, K_S32, K_PID };
	for (int i = 0; i < 6; i++) {
		int k = SF_PICK(&c->r, kinds);
		if (k == K_LEN)
			call->a[i] = sf_gen_len(c, call->note[i]);
		else
			call->a[i] = gen_kind(c, k, call->note[i]);
	}
	/* A number the table knows gets its own kinds of arguments (those that
	 * fork, exec, exit or return to a frame must). */
	for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++)
		if (table[i].nr == call->nr) {
			memset(call->a, 0, sizeof(call->a));
			memset(call->note, 0, sizeof(call->note));
			call->flags |= table[i].flags;
			if (table[i].build)
				table[i].build(c, call);
			else
				build_kinds(c, &table[i], call);
		}
	if (call->nr == 435 || call->nr == 322)   /* clone3, execveat */
		call->flags |= call->nr == 435 ? SF_C_CLONE | SF_C_FORK : SF_C_EXEC;
}

void sf_gen_linux(struct sf_ctx *c, struct sf_call *call)
{
	if (!total_weight)
		for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++)
			total_weight += table[i].weight;
	if (sf_one_in(&c->r, 10)) {
		build_any(c, call);
		return;
	}
	if (sf_one_in(&c->r, 4000)) {     /* exit and exit_group: rare, they end the worker */
		call->nr = sf_pct(&c->r, 50) ? 60 : 231;
		b_exit(c, call);
		return;
	}
	uint64_t w = sf_below(&c->r, total_weight);
	const struct lcall *e = table;
	while (w >= e->weight) {
		w -= e->weight;
		e++;
	}
	call->nr = e->nr;
	call->flags |= e->flags;
	if (e->nr == 1 || e->nr == 18 || e->nr == 20 || e->nr == 296)
		call->expect_now |= SIGBIT(13);   /* SIGPIPE: a pipe with no reader */
	if (e->build)
		e->build(c, call);
	else
		build_kinds(c, e, call);
}
