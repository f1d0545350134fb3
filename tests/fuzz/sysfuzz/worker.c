// SPDX-License-Identifier: MIT
/* A worker: sets up its pools (files, pipes, the fixture of special pages,
 * an endpoint and a connection of its own), drops to an unprivileged uid,
 * arms its nudge timer, then makes its calls. Before each call it logs the
 * call in the shared ring (and, verbose, prints it); after it, it keeps its
 * pools up to date, puts back what the fuzzer may not take from it (its FS
 * base, its nudge timer), reaps children, and checks the few results that
 * have one right answer (credentials, calls reserved to servers). */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <elf.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <grp.h>
#include <unistd.h>
#include "pools.h"
#include "uk.h"
#include "proto/svc.h"

long sf_raw(uint64_t nr, const uint64_t a[6]);
long sf_raw_clone(uint64_t nr, const uint64_t a[6]);
void sf_sigreturn(void *frame);
void sf_restorer(void);

extern char __executable_start[], _end[];
uint64_t sf_landing_sp = SF_FIX_BASE + SF_FIX_CLONESTK + 0x8000;
static jmp_buf landing_jb;
static struct sf_ctx ctx;
static uint64_t saved_fs;

void sf_nudge_handler(int sig)
{
	(void)sig;
}

__attribute__((noreturn)) void sf_landed(void)
{
	longjmp(landing_jb, 1);
}

static long sys(uint64_t nr, uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3)
{
	uint64_t a[6] = { a0, a1, a2, a3, 0, 0 };
	return sf_raw(nr, a);
}

static __attribute__((noreturn)) void leave(struct sf_wstate *w, unsigned end, int code,
					    const char *fmt, ...)
{
	if (fmt) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(w->msg, sizeof(w->msg), fmt, ap);
		va_end(ap);
	}
	w->end = end;
	sys(231, (uint64_t)code, 0, 0, 0);
	__builtin_unreachable();
}

/* The nudge: a periodic POSIX timer whose signal ends a blocked call. */
static int arm_nudge(struct sf_ctx *c)
{
	int64_t its[4] = { 0, SF_NUDGE_MS * 1000000ll, 0, SF_NUDGE_MS * 1000000ll };
	if (c->timer_id < 0) {
		uint64_t ev[8] = { 0, SF_NUDGE_SIG, 0 };
		int id = -1;
		if (sys(222, 1 /* CLOCK_MONOTONIC */, (uint64_t)ev, (uint64_t)&id, 0) < 0)
			return -1;
		c->timer_id = id;
	}
	return sys(223, (uint64_t)c->timer_id, 0, (uint64_t)its, 0) < 0 ? -1 : 0;
}

static void check_nudge(struct sf_ctx *c)
{
	int64_t its[4];
	if (c->timer_id >= 0 && sys(224, (uint64_t)c->timer_id, (uint64_t)its, 0, 0) == 0 &&
	    its[1] == SF_NUDGE_MS * 1000000ll)
		return;
	if (c->timer_id >= 0 && sys(224, (uint64_t)c->timer_id, (uint64_t)its, 0, 0) < 0)
		c->timer_id = -1;
	arm_nudge(c);
}

static int make_file(const char *path, size_t len, mode_t mode)
{
	int fd = open(path, O_CREAT | O_RDWR | O_TRUNC, mode);
	if (fd < 0)
		return -1;
	char block[4096];
	for (size_t i = 0; i < sizeof(block); i++)
		block[i] = (char)('a' + i % 26);
	for (size_t done = 0; done < len;) {
		size_t n = len - done < sizeof(block) ? len - done : sizeof(block);
		if (write(fd, block, n) != (ssize_t)n)
			break;
		done += n;
	}
	close(fd);
	return 0;
}

/* The fixture: pages at a fixed address with holes between them. */
static int map_fixture(void)
{
	const int rw = PROT_READ | PROT_WRITE, fl = MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED;
	const uint64_t b = SF_FIX_BASE;
	if (mmap((void *)(b + SF_FIX_EDGE), 4096, rw, fl, -1, 0) == MAP_FAILED ||
	    mmap((void *)(b + SF_FIX_RO), 4096, rw, fl, -1, 0) == MAP_FAILED ||
	    mmap((void *)(b + SF_FIX_NONE), 4096, PROT_NONE, fl, -1, 0) == MAP_FAILED ||
	    mmap((void *)(b + SF_FIX_ARENA), SF_ARENA_BYTES, rw, fl, -1, 0) == MAP_FAILED ||
	    mmap((void *)(b + SF_FIX_CLONESTK), 0x10000, rw, fl, -1, 0) == MAP_FAILED ||
	    mmap((void *)(b + SF_FIX_ELF), SF_ELF_BYTES, rw, fl, -1, 0) == MAP_FAILED)
		return -1;
	char *ro = (char *)(b + SF_FIX_RO);
	static const char *const strs[] = { "/tmp", "/dev/null", "f0", "d0", "/", "stdio",
		"rpath", "..", "/etc/manifest", "vfs" };
	size_t at = 0;
	for (int i = 0; at < 4000; i = (i + 1) % 10) {
		size_t l = strlen(strs[i]) + 1;
		memcpy(ro + at, strs[i], l);
		at += l;
	}
	memset(ro + at, 'r', 4096 - at);   /* the last string runs into the hole */
	return mprotect(ro, 4096, PROT_READ);
}

static int make_tree(struct sf_ctx *c, const char *root_dir)
{
	snprintf(c->dir, sizeof(c->dir), "%.40s/w%llu", root_dir, (unsigned long long)c->k);
	if (mkdir(c->dir, 0755) < 0 || chdir(c->dir) < 0)
		return -1;
	if (make_file("f0", 64, 0644) || make_file("f1", 0, 0600) || make_file("f2", 20000, 0644) ||
	    make_file("f3", 100, 0) || make_file("x0", 3000, 0755) || mkdir("d0", 0755) ||
	    make_file("d0/f", 10, 0644) || mkdir("d1", 0) || symlink("f0", "l0") ||
	    symlink("loop", "loop") || symlink("nowhere", "dangling"))
		return -1;
	return 0;
}

static void open_pool(struct sf_ctx *c)
{
	static const struct { const char *path; int flags; const char *what; } files[] = {
		{ "f0", O_RDWR, "f0" }, { "f1", O_RDWR | O_APPEND, "f1app" }, { "f2", O_RDWR, "f2" },
		{ "f2", O_RDONLY, "f2ro" }, { "/dev/null", O_RDWR, "null" },
		{ "/dev/console", O_RDWR | O_NOCTTY, "console" }, { "/", O_RDONLY, "dir/" },
		{ ".", O_RDONLY | O_DIRECTORY, "dir." }, { "d0", O_RDONLY, "dir d0" },
		{ "/etc/manifest", O_RDONLY, "manifest" }, { "/bin/t_true", O_RDONLY, "t_true" },
	};
	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++)
		if (strcmp(files[i].what, "console") || !sf_excluded("console"))
			sf_add_fd(c, open(files[i].path, files[i].flags), files[i].what);
	for (int i = 0; i < 2; i++) {
		int p[2];
		if (pipe(p) == 0) {
			sf_add_fd(c, p[0], i ? "pipe1.r" : "pipe0.r");
			sf_add_fd(c, p[1], i ? "pipe1.w" : "pipe0.w");
			if (i == 1) {   /* pipe1 full: its writes block */
				fcntl(p[1], F_SETFL, O_NONBLOCK);
				char junk[4096] = { 0 };
				while (write(p[1], junk, sizeof(junk)) > 0)
					;
				fcntl(p[1], F_SETFL, 0);
			}
		}
	}
	c->nfds_base = c->nfds;
}

/* The worker's own endpoint, a connection to it (a ring to write garbage
 * into), a notification and a memory object, for native calls. */
static void native_pool(struct sf_ctx *c)
{
	int ep = uk_endpoint_create();
	uint64_t ring = 0;
	int conn = ep >= 0 ? uk_ipc_connect(ep, &ring) : -1;
	int n = uk_notif_create();
	int m = uk_mem_create(16384);
	sf_add_slot(c, ep);
	sf_add_slot(c, conn);
	sf_add_slot(c, n);
	sf_add_slot(c, m);
	if (conn >= 0 && ring)
		c->rings[c->nrings++] = ring;
	void *p = m >= 0 ? uk_mem_map(m, 0, PROT_READ | PROT_WRITE) : MAP_FAILED;
	if (p != MAP_FAILED)
		sf_add_map(c, (uint64_t)p);
	/* The service-control capability init hands every program (inherited
	 * at fork): a real connection to init, for requests good and bad. */
	for (int slot = 1; slot < CAP_SLOTS; slot++) {
		struct cap_info ci;
		if (uk_cap_info(slot, &ci) == 0 && ci.type == CAP_ENDPOINT && ci.badge == SVC_BADGE) {
			sf_add_slot(c, slot);
			uint64_t r = 0;
			c->svc_conn = uk_ipc_connect(slot, &r);
			c->svc_ring = c->svc_conn >= 0 ? r : 0;
			sf_add_slot(c, c->svc_conn);
			if (c->svc_ring) {   /* garbage goes to init too; never unmapped */
				c->rings[c->nrings++] = c->svc_ring;
				sf_protect(c, c->svc_ring, c->svc_ring + 3 * 4096);
			}
			break;
		}
	}
}

static int drop_privileges(unsigned uid)
{
	if (setgroups(0, NULL) || setresgid(uid, uid, uid) || setresuid(uid, uid, uid))
		return -1;
	uid_t r, e, s;
	return getresuid(&r, &e, &s) || r != uid || e != uid || s != uid ? -1 : 0;
}

static void setup(struct sf_ctx *c, uint64_t k, int jslot, struct sf_wstate *w, uint8_t *stk,
		  uint8_t *buf)
{
	memset(c, 0, sizeof(*c));
	c->w = w;
	c->k = k;
	c->mode = sf_cfg.mode;
	c->root = sf_cfg.root;
	c->stk = stk;
	c->buf = buf;
	c->heap = sf_heap;
	c->heap_len = sf_heap_len;
	c->timer_id = -1;
	c->uid = c->root ? 0 : SF_UID + (unsigned)jslot;
	c->pid = getpid();
	c->ppid = getppid();
	const void *ib;
	size_t il;
	if (uk_initrd(&ib, &il) == 0)
		c->initrd = (uint64_t)ib, c->initrd_len = il;
	const void *te;
	size_t tl;
	if (uk_initrd_find("bin/t_true", &te, &tl) == 0)
		c->true_elf = te, c->true_len = tl;
	c->text_lo = (uint64_t)__executable_start;
	c->text_hi = (uint64_t)&sf_raw + 4096;
	c->vdso = getauxval(AT_SYSINFO_EHDR);
	sys(158, 0x1003 /* ARCH_GET_FS */, (uint64_t)&saved_fs, 0, 0);
	if (sf_svc_ring)   /* the parent's ring to init, shared since fork: not ours */
		munmap((void *)sf_svc_ring, 3 * 4096);

	/* Every other signal is blocked while the handler runs: the kernel keeps
	 * at most 8 nested handlers' FPU states and kills on the ninth. */
	struct k_sigaction { uint64_t h, f, r, m; } act = { (uint64_t)sf_nudge_handler,
		0x04000000 /* SA_RESTORER */, (uint64_t)sf_restorer, ~0ull };
	uint64_t none = 0;
	/* Every signal that can be caught gets the no-op handler, so that the
	 * signals a worker sends itself run handlers and return through
	 * rt_sigreturn instead of ending it; fuzzed rt_sigaction changes that. */
	for (uint64_t sig = 1; sig <= 64; sig++)
		if (sig != 9 && sig != 19)
			sys(13, sig, (uint64_t)&act, 0, 8);
	sys(14, 2 /* SIG_SETMASK */, (uint64_t)&none, 0, 8);
	if (sf_cfg.verbose_worker >= 0 && (uint64_t)sf_cfg.verbose_worker != k)
		sf_cfg.verbose = 0;
	if (sf_cfg.verbose && dup2(1, SF_VERBOSE_FD) < 0)
		leave(w, SF_END_SETUP, 3, "dup2 of the verbose descriptor: %s", strerror(errno));
	int null = open("/dev/null", O_RDWR);
	if (null < 0 || dup2(null, 0) < 0 || dup2(null, 1) < 0 || dup2(null, 2) < 0)
		leave(w, SF_END_SETUP, 3, "/dev/null: %s", strerror(errno));
	close(null);
	if (sf_excluded("cow")) {   /* -x cow: no page shared copy-on-write with the parent */
		memset(stk, 0, SF_STK_BYTES);
		memset(buf, 0, SF_BUF_BYTES);
		for (volatile uint8_t *p = (uint8_t *)sbrk(0) - 1; p >= (uint8_t *)sf_heap; p -= 4096)
			*p = *p;
		const Elf64_Phdr *ph = (const Elf64_Phdr *)getauxval(AT_PHDR);
		for (unsigned long i = 0; ph && i < getauxval(AT_PHNUM); i++)
			if (ph[i].p_type == PT_LOAD && (ph[i].p_flags & PF_W))
				for (uint64_t a = ph[i].p_vaddr; a < ph[i].p_vaddr + ph[i].p_memsz; a += 4096)
					*(volatile uint8_t *)a = *(volatile uint8_t *)a;
	}
	if (!c->root && drop_privileges(c->uid))
		leave(w, SF_END_SETUP, 3, "cannot drop to uid %u: %s", c->uid, strerror(errno));
	if (make_tree(c, sf_rundir))
		leave(w, SF_END_SETUP, 3, "worker tree in %s: %s", c->dir, strerror(errno));
	if (map_fixture())
		leave(w, SF_END_SETUP, 3, "fixture: %s", strerror(errno));
	void *shm = mmap(NULL, 16384, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	c->shm = shm == MAP_FAILED ? 0 : (uint64_t)shm;
	open_pool(c);
	native_pool(c);
	if (arm_nudge(c))
		leave(w, SF_END_SETUP, 3, "nudge timer: %s", strerror(errno));
	sf_protect(c, (uint64_t)__executable_start, (uint64_t)_end);
	sf_protect(c, (uint64_t)stk - (8u << 20), (uint64_t)stk + (1u << 20));
	sf_protect(c, (uint64_t)sf_shared, (uint64_t)(sf_shared + SF_MAX_JOBS));
	sf_protect(c, SF_FIX_BASE, SF_FIX_BASE + SF_FIX_ARENA);
	sf_protect(c, SF_FIX_BASE + SF_FIX_CLONESTK, SF_FIX_BASE + SF_FIX_END);
}

static int in_stk(const struct sf_ctx *c, uint64_t p, size_t len)
{
	uint64_t lo = (uint64_t)c->stk;
	return p >= lo && p - lo <= SF_STK_BYTES && len <= SF_STK_BYTES - (p - lo);
}

/* Children of fork, clone and spawn are reaped at once (a spawned image we
 * mutated is killed first: it may spin). Threads end by themselves. */
static void reap(const struct sf_call *call, long ret)
{
	if (call->nr == 56 && (call->a[0] & 0x10000))
		return;
	if (call->flags & SF_C_SPAWN)
		sys(62, (uint64_t)ret, 9, 0, 0);
	for (int i = 0; i < 50 && sys(61, (uint64_t)ret, 0, 0x40000000, 0) == -EINTR; i++)
		if (i == 10)
			sys(62, (uint64_t)ret, 9, 0, 0);
}

static void forget_range(struct sf_ctx *c, uint64_t a, uint64_t len)
{
	if (a + len < a)
		c->nrings = 0;
	else
		sf_forget_rings(c, a & ~4095ull, a + len);
}

/* Results with one right answer for an unprivileged process. */
static void oracle(struct sf_ctx *c, const struct sf_call *call, long ret)
{
	struct sf_wstate *w = c->w;
	uint64_t nr = call->nr, n = nr - UK_SYS_BASE;
	if (c->root || c->pledged)   /* a pledge may turn any call into -ENOSYS */
		return;
	if ((nr == 102 || nr == 104 || nr == 107 || nr == 108) && ret != (long)c->uid)
		leave(w, SF_END_ORACLE, 99, "%s returned %ld, not %u", sf_linux_name(nr), ret, c->uid);
	if (nr == 39 && ret != c->pid)
		leave(w, SF_END_ORACLE, 99, "getpid returned %ld, not %ld", ret, c->pid);
	if (nr == 116 && ret == 0)
		leave(w, SF_END_ORACLE, 99, "setgroups by uid %u succeeded", c->uid);
	if (nr >= UK_SYS_BASE && ret >= 0 &&
	    (n == 27 || n == 28 || n == 29 || n == 31 || n == 33 || n == 35 || n == 36 || n == 38 ||
	     n == 32))
		leave(w, SF_END_ORACLE, 99, "%s, reserved to init and the servers, returned %ld to uid %u",
		      sf_native_name(nr), ret, c->uid);
	if ((nr == 9 || nr == 25) && ret > 0 && (uint64_t)ret < 0x0000800000000000ull) {
		uint64_t len = nr == 9 ? call->a[1] : call->a[2];
		if (len < (1ull << 40) && sf_hits_protected(c, (uint64_t)ret, (uint64_t)ret + len))
			leave(w, SF_END_ORACLE, 99, "%s returned %#lx, over the worker's own memory",
			      sf_linux_name(nr), ret);
	}
	if (call->flags & SF_C_CRED) {
		uint32_t ids[6];
		if (sys(118, (uint64_t)&ids[0], (uint64_t)&ids[1], (uint64_t)&ids[2], 0) == 0 &&
		    sys(120, (uint64_t)&ids[3], (uint64_t)&ids[4], (uint64_t)&ids[5], 0) == 0)
			for (int i = 0; i < 6; i++)
				if (ids[i] != c->uid)
					leave(w, SF_END_ORACLE, 99, "after %s: ids %u %u %u / %u %u %u, not %u",
					      sf_call_name(nr, (char[40]){ 0 }, 40), ids[0], ids[1], ids[2],
					      ids[3], ids[4], ids[5], c->uid);
	}
}

static void after(struct sf_ctx *c, const struct sf_call *call, long ret)
{
	uint64_t nr = call->nr;
	if (call->flags & SF_C_MM) {
		uint64_t len = nr == 25 && call->a[2] > call->a[1] ? call->a[2] : call->a[1];
		forget_range(c, call->a[0], len);
		if (nr == 25 && (call->a[3] & 2))
			forget_range(c, call->a[4], call->a[2]);
	}
	if (ret < 0 && ret > -4096)
		return;
	c->w->expect_sigs |= call->expect;
	if (nr == 500 || nr == 317 || (nr == 157 && call->a[0] == 22))
		c->pledged = 1;
	if (nr == 2 || nr == 257 || nr == 85 || nr == 32 || nr == 33 || nr == 292 ||
	    (nr == 72 && (call->a[1] == 0 || call->a[1] == 1030)))
		sf_add_fd(c, (int)ret, "new");
	if ((nr == 22 || nr == 293) && in_stk(c, call->a[0], 8)) {
		int *p = (int *)call->a[0];
		sf_add_fd(c, p[0], "newpipe.r");
		sf_add_fd(c, p[1], "newpipe.w");
	}
	if ((call->flags & SF_C_FORK) && ret > 0) {
		sf_add_pid(c, ret);
		reap(call, ret);
	}
	if (nr == 9 || nr == 25 || nr == UK_SYS_BASE + 25)
		sf_add_map(c, (uint64_t)ret);
	if (nr == UK_SYS_BASE + 12 && in_stk(c, call->a[1], 8) && c->nrings < 4) {
		uint64_t ring = *(uint64_t *)call->a[1];
		if (ring && ring < 0x0000800000000000ull && !sf_hits_protected(c, ring, ring + 12288))
			c->rings[c->nrings++] = ring;
	}
	if (nr == UK_SYS_BASE + 4 || nr == UK_SYS_BASE + 9 || nr == UK_SYS_BASE + 11 ||
	    nr == UK_SYS_BASE + 12 || nr == UK_SYS_BASE + 16 || nr == UK_SYS_BASE + 19 ||
	    nr == UK_SYS_BASE + 22 || nr == UK_SYS_BASE + 24)
		sf_add_slot(c, (int)ret);
}

static void log_call(struct sf_wstate *w, uint64_t i, const struct sf_call *call, uint32_t state)
{
	struct sf_rec *rec = &w->ring[i % SF_RING];
	rec->state = 0;
	rec->idx = (uint32_t)i;
	rec->nr = call->nr;
	memcpy(rec->a, call->a, sizeof(rec->a));
	memcpy(rec->note, call->note, sizeof(rec->note));
	rec->ret = 0;
	rec->state = state;
}

static void print_call(const struct sf_ctx *c, uint64_t i, const struct sf_call *call)
{
	char line[512], name[40];
	int n = snprintf(line, sizeof(line), "sfz w%llu #%llu %s(", (unsigned long long)c->k,
			 (unsigned long long)i, sf_call_name(call->nr, name, sizeof(name)));
	for (int a = 0; a < 6 && n < (int)sizeof(line) - 64; a++)
		n += snprintf(line + n, sizeof(line) - (size_t)n, "%s%#llx%s%.*s%s", a ? ", " : "",
			      (unsigned long long)call->a[a], call->note[a][0] ? " /*" : "", SF_NOTE,
			      call->note[a], call->note[a][0] ? "*/" : "");
	n += snprintf(line + n, sizeof(line) - (size_t)n, ")\n");
	sys(1, SF_VERBOSE_FD, (uint64_t)line, (uint64_t)n, 0);
}

/* Marks a worker that may have blocked, ignored or re-aimed its nudge
 * signal: a blocked call of its is then no finding. */
static void watch_nudge(struct sf_ctx *c, const struct sf_call *call)
{
	const uint64_t bit = SIGBIT(SF_NUDGE_SIG);
	uint64_t nr = call->nr;
	if (nr == 13 && call->a[0] == SF_NUDGE_SIG && call->a[1])
		c->w->nudge_off = 1;
	if (nr == 14 && call->a[0] != 1 && in_stk(c, call->a[1], 8) && (*(uint64_t *)call->a[1] & bit))
		c->w->nudge_off = 1;
	if (nr == 130 && in_stk(c, call->a[0], 8) && (*(uint64_t *)call->a[0] & bit))
		c->w->nudge_off = 1;
}

static long make_call(struct sf_ctx *c, const struct sf_call *call)
{
	if (call->flags & SF_C_SIGRETURN) {
		if (setjmp(landing_jb))
			return 0;
		sf_sigreturn((void *)call->a[0]);
	}
	(void)c;
	return (call->flags & SF_C_CLONE) ? sf_raw_clone(call->nr, call->a) :
					     sf_raw(call->nr, call->a);
}

static void fix_up(struct sf_ctx *c, const struct sf_call *call)
{
	uint64_t nr = call->nr;
	if (nr == 158 || (call->flags & SF_C_SIGRETURN))
		sys(158, 0x1002 /* ARCH_SET_FS */, saved_fs, 0, 0);
	if ((nr == 80 || nr == 81) && !sf_one_in(&c->r, 4))
		sys(80, (uint64_t)c->dir, 0, 0, 0);
	if (call->flags & SF_C_TIMER)
		check_nudge(c);
}

__attribute__((noreturn)) void sf_worker(uint64_t k, int jslot, struct sf_wstate *w, unsigned budget)
{
	uint8_t stk[SF_STK_BYTES] __attribute__((aligned(64)));
	uint8_t buf[SF_BUF_BYTES] __attribute__((aligned(64)));
	struct sf_ctx *c = &ctx;
	setup(c, k, jslot, w, stk, buf);
	for (uint64_t i = 0; i < budget; i++) {
		struct sf_call call;
		memset(&call, 0, sizeof(call));
		sf_rng_seed(&c->r, sf_cfg.seed, k, i);
		c->idx = i;
		c->bump = 0;
		enum sf_mode m = c->mode == SF_MIXED ? (sf_pct(&c->r, 50) ? SF_LINUX : SF_NATIVE) : c->mode;
		if (m == SF_LINUX)
			sf_gen_linux(c, &call);
		else
			sf_gen_native(c, &call);
		char name[40];
		if (sf_excluded(sf_call_name(call.nr, name, sizeof(name))) || sf_skipped(i))
			continue;
		log_call(w, i, &call, 1);
		w->may_block = (call.flags & SF_C_MAYBLOCK) != 0;
		w->expect_sigs |= call.expect_now;
		w->started = i + 1;
		watch_nudge(c, &call);
		if (sf_cfg.verbose)
			print_call(c, i, &call);
		if (call.flags & SF_C_EXIT)
			w->end = SF_END_EXIT;
		if (call.flags & SF_C_EXEC)
			w->end = SF_END_EXEC;
		long ret = make_call(c, &call);
		w->end = SF_END_NONE;
		w->ring[i % SF_RING].ret = ret;
		w->ring[i % SF_RING].state = 2;
		w->may_block = 0;
		if (sf_cfg.verbose) {
			char line[64];
			int n = snprintf(line, sizeof(line), "sfz w%llu #%llu = %ld\n",
					 (unsigned long long)k, (unsigned long long)i, ret);
			sys(1, SF_VERBOSE_FD, (uint64_t)line, (uint64_t)n, 0);
		}
		fix_up(c, &call);
		after(c, &call, ret);
		oracle(c, &call, ret);
	}
	leave(w, SF_END_DONE, 0, NULL);
}
