// SPDX-License-Identifier: MIT
/* The pools arguments are drawn from: the classic interesting integers,
 * lengths around page sizes and the kernel's own limits (the 16 KiB grant
 * threshold, the 64 KiB bounce area, the 256 MiB cap), descriptors of every
 * kind, paths (long, unterminated at a page edge, through symlinks), and
 * pointers of every class (stack, heap, mmap, a page edge before a hole,
 * read-only initrd and text, kernel half, non-canonical). */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "pools.h"

#define N(a) ((int)(sizeof(a) / sizeof((a)[0])))

void sf_note(char *note, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(note, SF_NOTE, fmt, ap);
	va_end(ap);
}

void *sf_scratch(struct sf_ctx *c, size_t len, size_t align)
{
	size_t at = (c->bump + align - 1) & ~(align - 1);
	if (at + len > SF_STK_BYTES)
		return NULL;
	c->bump = at + len;
	return c->stk + at;
}

static const uint64_t ints[] = {
	0, 1, 2, 3, 4, 7, 8, 16, 31, 32, 63, 64, 100, 127, 128, 255, 256, 511, 512, 1000,
	1024, 4095, 4096, 4097, 0x7fff, 0x8000, 0xffff, 0x10000, 0x7fffffff, 0x80000000,
	0xffffffff, 0x100000000ull, 0x7fffffffffffffffull, 0x8000000000000000ull,
	(uint64_t)-1, (uint64_t)-2, (uint64_t)-4095, (uint64_t)-4096, (uint64_t)-100,
	(uint64_t)(int64_t)INT32_MIN, 0xffffffff80000000ull,
};

uint64_t sf_gen_int(struct sf_ctx *c, char *note)
{
	uint64_t v;
	switch (sf_below(&c->r, 8)) {
	case 0: v = sf_next(&c->r); break;
	case 1: v = sf_below(&c->r, 64); break;
	case 2: v = 1ull << sf_below(&c->r, 64); break;
	default: v = SF_PICK(&c->r, ints); break;
	}
	sf_note(note, "int");
	return v;
}

static const uint64_t lens[] = {
	0, 1, 2, 3, 7, 8, 15, 16, 31, 32, 36, 63, 64, 100, 128, 144, 255, 256, 511, 512,
	1023, 1024, 4095, 4096, 4097, 8191, 8192, 12288, 16383, 16384, 16385, 32768, 61440,
	65535, 65536, 65537, 1 << 20, (1 << 20) + 1, 16 << 20, 256 << 20, (256 << 20) + 1,
	0x7fffffff, 0x80000000, 0xffffffff, 1ull << 32, 1ull << 47, (uint64_t)-1,
	(uint64_t)-4096, 0x7fffffffffffffffull,
};

uint64_t sf_gen_len(struct sf_ctx *c, char *note)
{
	uint64_t v;
	switch (sf_below(&c->r, 6)) {
	case 0: v = sf_below(&c->r, 8193); break;
	case 1: v = (1 + sf_below(&c->r, 32)) * 4096; break;
	default: v = SF_PICK(&c->r, lens); break;
	}
	sf_note(note, "len");
	return v > (16 << 20) && sf_excluded("oom") ? (16 << 20) - 1 : v;   /* -x oom */
}

uint64_t sf_gen_off(struct sf_ctx *c, char *note)
{
	static const uint64_t offs[] = { 0, 1, 4095, 4096, 16384, 65536, 1 << 20, 0x7fffffff,
		0x80000000, 1ull << 40, 0x7fffffffffffffffull, (uint64_t)-1, (uint64_t)-4096 };
	sf_note(note, "off");
	return sf_pct(&c->r, 30) ? sf_below(&c->r, 40000) : SF_PICK(&c->r, offs);
}

/* A combination of known flag bits, sometimes with unknown ones. */
uint64_t sf_gen_flags(struct sf_ctx *c, const uint64_t *known, int n, char *note)
{
	uint64_t v = 0;
	int k = (int)sf_below(&c->r, 4);
	for (int i = 0; i < k && n; i++)
		v |= known[sf_below(&c->r, (uint64_t)n)];
	if (sf_one_in(&c->r, 10))
		v |= 1ull << sf_below(&c->r, 64);
	if (sf_one_in(&c->r, 40))
		v = sf_next(&c->r);
	sf_note(note, "flags");
	return v;
}

void sf_add_fd(struct sf_ctx *c, int fd, const char *what)
{
	if (fd < 0)
		return;
	struct sf_fd *e;
	if (c->nfds < SF_FDS_MAX)
		e = &c->fds[c->nfds++];
	else
		e = &c->fds[c->nfds_base + (int)(c->fd_next++ % (unsigned)(SF_FDS_MAX - c->nfds_base))];
	e->fd = fd;
	snprintf(e->what, sizeof(e->what), "%s", what);
}

int64_t sf_gen_fd(struct sf_ctx *c, char *note)
{
	static const int64_t odd[] = { -1, -100, 254, 256, 1023, 1024, 65536, INT32_MAX,
				       INT32_MIN, 0x100000003ll };
	uint64_t pick = sf_below(&c->r, 100);
	if (pick < 75 && c->nfds) {
		const struct sf_fd *e = &c->fds[sf_below(&c->r, (uint64_t)c->nfds)];
		sf_note(note, "fd:%s", e->what);
		return e->fd;
	}
	int64_t fd = pick < 85 ? (int64_t)sf_below(&c->r, 12) :
		     pick < 93 ? (int64_t)sf_below(&c->r, 258) : SF_PICK(&c->r, odd);
	if (fd == SF_VERBOSE_FD)
		fd--;
	sf_note(note, "fd:%lld", (long long)fd);
	return fd;
}

int64_t sf_gen_dirfd(struct sf_ctx *c, char *note)
{
	if (sf_pct(&c->r, 50)) {
		sf_note(note, "AT_FDCWD");
		return -100;
	}
	return sf_gen_fd(c, note);
}

void sf_add_pid(struct sf_ctx *c, long pid)
{
	if (pid > 0 && c->npids < SF_POOL)
		c->pids[c->npids++] = pid;
}

int64_t sf_gen_pid(struct sf_ctx *c, char *note)
{
	switch (sf_below(&c->r, 10)) {
	case 0: case 1: case 2:
		sf_note(note, "pid:self");
		return c->pid;
	case 3:
		if (c->npids) {
			sf_note(note, "pid:child");
			return c->pids[sf_below(&c->r, (uint64_t)c->npids)];
		}
		/* fall through */
	case 4:
		sf_note(note, "pid:parent");
		return c->ppid;
	case 5: {
		static const int64_t odd[] = { 0, -1, 1, INT32_MAX, INT32_MIN, -2, 99999 };
		sf_note(note, "pid");
		return SF_PICK(&c->r, odd);
	}
	default:
		sf_note(note, "pid:near");
		return 2 + (int64_t)sf_below(&c->r, (uint64_t)c->pid + 8);
	}
}

uint64_t sf_gen_sig(struct sf_ctx *c, char *note)
{
	static const uint64_t sigs[] = { 0, 1, 2, 9, 10, 11, 12, 13, 14, 15, 17, 18, 19, 20,
		23, 28, 31, 32, 33, 34, 63, 64, 65, 128, (uint64_t)-1 };
	sf_note(note, "sig");
	return sf_pct(&c->r, 60) ? 1 + sf_below(&c->r, 64) : SF_PICK(&c->r, sigs);
}

uint64_t sf_gen_uid(struct sf_ctx *c, char *note)
{
	static const uint64_t uids[] = { 0, 1, 65534, 0xffffffff, 0xfffffffe, 0x100000000ull,
		(uint64_t)-1 };
	sf_note(note, "uid");
	uint64_t p = sf_below(&c->r, 10);
	return p < 5 ? c->uid : p < 6 ? SF_UID + sf_below(&c->r, 16) : SF_PICK(&c->r, uids);
}

uint64_t sf_gen_clock(struct sf_ctx *c, char *note)
{
	static const uint64_t odd[] = { 16, 31, 64, (uint64_t)-1, (uint64_t)-2, (uint64_t)-6,
		0x7fffffff, 0x80000000 };
	sf_note(note, "clock");
	return sf_pct(&c->r, 85) ? sf_below(&c->r, 12) : SF_PICK(&c->r, odd);
}

uint64_t sf_gen_badptr(struct sf_ctx *c, char *note)
{
	static const uint64_t bad[] = { 0, 1, 8, 0x1000, 0x10000, 0x00007ffffffff000ull,
		0x00007fffffffffffull, 0x0000800000000000ull, 0x0000800000001000ull,
		0x8000000000000000ull, 0xdead000000000000ull, 0xffff7fffffffffffull,
		0xffff800000000000ull, 0xffff800000100000ull, 0xffffffff80000000ull,
		0xffffffff80100000ull, 0xfffffffffffff000ull, 0xffffffffffffffffull };
	uint64_t v;
	switch (sf_below(&c->r, 4)) {
	case 0:
		v = SF_SAFE_LO + (sf_next(&c->r) % (SF_SAFE_HI - SF_SAFE_LO));
		sf_note(note, "unmapped");
		break;
	case 1:
		v = SF_FIX_BASE + SF_FIX_EDGE + 0x1000 + sf_below(&c->r, 4096);
		sf_note(note, "hole");
		break;
	default:
		v = SF_PICK(&c->r, bad);
		sf_note(note, v >= 0xffff800000000000ull ? "kernel" :
			      v >= 0x0000800000000000ull ? "noncanon" : v ? "badptr" : "NULL");
		break;
	}
	if (!v && sf_excluded("null")) {   /* -x null: no NULL pointers */
		v = SF_SAFE_LO;
		sf_note(note, "unmapped");
	}
	return v;
}

/* A length that keeps [p, p + len) inside room bytes, mostly. */
static uint64_t fit(struct sf_ctx *c, uint64_t room, char *lnote)
{
	uint64_t len = sf_gen_len(c, lnote);
	if (len > room)
		len = sf_pct(&c->r, 50) ? room : sf_below(&c->r, room + 1);
	return len;
}

void sf_gen_buf(struct sf_ctx *c, int out, uint64_t *p, uint64_t *len, char *pnote, char *lnote)
{
	uint64_t pick = sf_below(&c->r, 100), off;
	const uint64_t edge_end = SF_FIX_BASE + SF_FIX_EDGE + 0x1000;
	if (pick < 22) {
		off = sf_below(&c->r, SF_BUF_BYTES / 2);
		*p = (uint64_t)c->buf + off;
		sf_note(pnote, "stack+%#llx", (unsigned long long)off);
		*len = fit(c, SF_BUF_BYTES - off, lnote);   /* overflowing the stack is ours */
		return;
	}
	*len = sf_gen_len(c, lnote);
	if (pick < 30) {
		off = sf_below(&c->r, c->heap_len);
		*p = (uint64_t)c->heap + off;
		sf_note(pnote, "heap+%#llx", (unsigned long long)off);
	} else if (pick < 48) {
		off = sf_pct(&c->r, 50) ? sf_below(&c->r, 64) * 4096 : sf_below(&c->r, SF_ARENA_BYTES);
		*p = SF_FIX_BASE + SF_FIX_ARENA + off;
		sf_note(pnote, "arena+%#llx", (unsigned long long)off);
	} else if (pick < 58) {
		static const uint64_t back[] = { 0, 1, 7, 8, 16, 36, 100, 144, 4095, 4096 };
		off = SF_PICK(&c->r, back);
		*p = edge_end - off;
		if (sf_pct(&c->r, 50))
			*len = off + sf_below(&c->r, 3);
		sf_note(pnote, "edge-%llu", (unsigned long long)off);
	} else if (pick < 68 && c->initrd && !sf_excluded("initrd")) {
		off = sf_pct(&c->r, 50) ? sf_below(&c->r, c->initrd_len / 4096 + 1) * 4096 :
					  sf_below(&c->r, c->initrd_len + 8192);
		*p = c->initrd + off;
		sf_note(pnote, "initrd+%#llx", (unsigned long long)off);
	} else if (pick < 73) {
		off = sf_below(&c->r, c->text_hi - c->text_lo);
		*p = c->text_lo + (sf_pct(&c->r, 50) ? off & ~4095ull : off);
		sf_note(pnote, "text+%#llx", (unsigned long long)(*p - c->text_lo));
	} else if (pick < 76) {
		*p = SF_FIX_BASE + (sf_pct(&c->r, 50) ? SF_FIX_RO : SF_FIX_NONE) + sf_below(&c->r, 4096);
		sf_note(pnote, "%s", *p < SF_FIX_BASE + SF_FIX_NONE ? "ro-page" : "none-page");
	} else if (pick < 78 && c->vdso) {
		*p = c->vdso - 4096 + sf_below(&c->r, 8192);
		sf_note(pnote, "vdso");
	} else if (pick < 82 && c->shm) {
		*p = c->shm + sf_below(&c->r, 16384);
		sf_note(pnote, "shm");
	} else if (pick < 86 && c->map_next) {
		*p = c->maps[sf_below(&c->r, c->map_next < SF_POOL ? c->map_next : SF_POOL)];
		sf_note(pnote, "mapped");
	} else {
		*p = sf_gen_badptr(c, pnote);
	}
	(void)out;
}

uint64_t sf_gen_struct(struct sf_ctx *c, int out, size_t len, char *note)
{
	if (sf_pct(&c->r, 88)) {
		uint8_t *s = sf_scratch(c, len, 8);
		if (s) {
			if (!out)
				for (size_t i = 0; i < len; i++)
					s[i] = (uint8_t)sf_next(&c->r);
			sf_note(note, "%s%zu", out ? "out" : "in", len);
			return (uint64_t)s;
		}
	}
	if (sf_pct(&c->r, 30)) {
		sf_note(note, "edge-%zu", len / 2);
		return SF_FIX_BASE + SF_FIX_EDGE + 0x1000 - len / 2;
	}
	return sf_gen_badptr(c, note);
}

uint64_t sf_gen_in(struct sf_ctx *c, const void *data, size_t len, char *note)
{
	if (sf_one_in(&c->r, 15))
		return sf_gen_badptr(c, note);
	uint8_t *s = sf_scratch(c, len, 8);
	if (!s)
		return 0;
	memcpy(s, data, len);
	return (uint64_t)s;
}

/* A string placed so that it ends exactly at the page edge (its NUL is
 * the page's last byte), or, unterminated, runs into the hole. */
static uint64_t edge_string(struct sf_ctx *c, size_t n, int terminated, char *note)
{
	uint8_t *edge = (uint8_t *)(SF_FIX_BASE + SF_FIX_EDGE);
	if (n > 4095)
		n = 4095;
	uint8_t *s = edge + 4096 - n - (terminated ? 1 : 0);
	memset(s, 'a', n);
	s[0] = n > 1 && sf_pct(&c->r, 50) ? '/' : 'a';
	if (terminated)
		s[n] = 0;
	sf_note(note, "%s%zu", terminated ? "edgepath" : "unterminated", n);
	return (uint64_t)s;
}

static uint64_t put_string(struct sf_ctx *c, const char *str, size_t n, char *note)
{
	char *s = sf_scratch(c, n + 1, 1);
	if (!s)
		return edge_string(c, 8, 1, note);
	memcpy(s, str, n);
	s[n] = 0;
	sf_note(note, "\"%s\"", s);
	return (uint64_t)s;
}

/* A path of n bytes: repeated components, or one long name. */
static uint64_t long_path(struct sf_ctx *c, size_t n, char *note)
{
	char *s = sf_scratch(c, n + 1, 1);
	if (!s)
		return edge_string(c, 8, 1, note);
	int kind = (int)sf_below(&c->r, 3);
	for (size_t i = 0; i < n; i++)
		s[i] = kind == 0 ? 'x' : kind == 1 ? ((i & 1) ? '/' : 'a') : ((i % 3 == 2) ? '/' : '.');
	if (n && sf_pct(&c->r, 50))
		s[0] = '/';
	s[n] = 0;
	sf_note(note, "long%zu.%d", n, kind);
	return (uint64_t)s;
}

uint64_t sf_gen_path(struct sf_ctx *c, char *note)
{
	static const char *const rel[] = { "f0", "f1", "f2", "f3", "d0", "d0/f", "d0/", "l0", "loop",
		"dangling", "new0", "new1", "new2", "d1", "d1/g", "f0/", "f0/x", "./f1", "../", ".",
		"..", "", "x0", "d0/../f2", "l0/", "dx", "new0/", "d0/f/.." };
	static const char *const abs_paths[] = { "/", "/tmp", "/tmp/", "/dev", "/dev/null",
		"/dev/console", "/dev/tty", "/etc/manifest", "/etc/hostname", "/etc", "/bin",
		"/bin/t_true", "/nonexistent", "/nonexistent/x", "//tmp//./", "/tmp/../tmp",
		"/dev/null/x", "/..", "/tmp/sfz-stray" };
	uint64_t pick = sf_below(&c->r, 100);
	if (pick < 45) {
		const char *s = SF_PICK(&c->r, rel);
		return put_string(c, s, strlen(s), note);
	}
	if (pick < 55) {
		char tmp[128];
		int n = snprintf(tmp, sizeof(tmp), "%s/%s", c->dir, SF_PICK(&c->r, rel));
		return put_string(c, tmp, (size_t)n, note);
	}
	if (pick < 70) {
		const char *s = SF_PICK(&c->r, abs_paths);
		return put_string(c, s, strlen(s), note);
	}
	if (pick < 76) {
		static const size_t lens[] = { 255, 256, 1024, 4094, 4095, 4096, 4097, 5000, 8192 };
		return long_path(c, SF_PICK(&c->r, lens), note);
	}
	if (pick < 82)
		return edge_string(c, SF_PICK(&c->r, ((const size_t[]){ 1, 2, 255, 256, 4095 })),
				   sf_pct(&c->r, 40), note);
	if (pick < 86) {
		char tmp[32];
		int n = (int)sf_below(&c->r, 24);
		for (int i = 0; i < n; i++)
			tmp[i] = (char)(1 + sf_below(&c->r, 255));
		return put_string(c, tmp, (size_t)n, note);
	}
	if (pick < 90 && c->initrd && !sf_excluded("initrd")) {
		uint64_t off = sf_below(&c->r, c->initrd_len);
		sf_note(note, "initrd+%#llx", (unsigned long long)off);
		return c->initrd + off;
	}
	if (pick < 93) {
		uint64_t off = sf_below(&c->r, 4096);
		sf_note(note, "ro-page+%#llx", (unsigned long long)off);
		return SF_FIX_BASE + SF_FIX_RO + off;
	}
	return sf_gen_badptr(c, note);
}

/* One word of words (or a bad pointer) as a string. */
uint64_t sf_gen_str(struct sf_ctx *c, const char *const *words, int n, char *note)
{
	if (sf_one_in(&c->r, 12))
		return sf_gen_badptr(c, note);
	if (sf_one_in(&c->r, 12))
		return sf_gen_path(c, note);
	char tmp[160];
	size_t len = 0;
	int k = 1 + (int)sf_below(&c->r, 4);
	for (int i = 0; i < k; i++) {
		const char *w = words[sf_below(&c->r, (uint64_t)n)];
		size_t wl = strlen(w);
		if (len + wl + 2 > sizeof(tmp))
			break;
		if (len)
			tmp[len++] = ' ';
		memcpy(tmp + len, w, wl);
		len += wl;
	}
	return put_string(c, tmp, len, note);
}

/* An argv/envp vector: strings, bad pointers, long vectors, or none. */
uint64_t sf_gen_strv(struct sf_ctx *c, char *note)
{
	if (sf_one_in(&c->r, 8))
		return sf_gen_badptr(c, note);
	static const char *const words[] = { "t_true", "a", "", "--", "x=y", "HOME=/" };
	size_t n = sf_pct(&c->r, 80) ? sf_below(&c->r, 4) : SF_PICK(&c->r,
			((const size_t[]){ 100, 600, 1100, 4000 }));
	uint64_t *v = sf_scratch(c, (n + 1) * 8, 8);
	if (!v)
		return 0;
	char dummy[SF_NOTE];
	for (size_t i = 0; i < n; i++) {
		uint64_t p = sf_below(&c->r, 20);
		v[i] = p == 0 ? sf_gen_badptr(c, dummy) : p == 1 ? sf_gen_path(c, dummy) :
		       (uint64_t)SF_PICK(&c->r, words);
	}
	v[n] = sf_one_in(&c->r, 20) ? sf_next(&c->r) : 0;
	sf_note(note, "argv[%zu]", n);
	return (uint64_t)v;
}

uint64_t sf_gen_addr(struct sf_ctx *c, char *note)
{
	uint64_t pick = sf_below(&c->r, 100);
	if (pick < 30) {
		uint64_t off = sf_below(&c->r, SF_ARENA_BYTES / 4096) * 4096;
		sf_note(note, "arena+%#llx", (unsigned long long)off);
		return SF_FIX_BASE + SF_FIX_ARENA + off;
	}
	if (pick < 50 && c->map_next) {
		sf_note(note, "mapped");
		return c->maps[sf_below(&c->r, c->map_next < SF_POOL ? c->map_next : SF_POOL)];
	}
	if (pick < 62) {
		uint64_t a = SF_SAFE_LO + (sf_next(&c->r) % (SF_SAFE_HI - SF_SAFE_LO));
		sf_note(note, "safe");
		return sf_pct(&c->r, 80) ? a & ~4095ull : a;
	}
	if (pick < 70 && c->initrd && !sf_excluded("initrd")) {
		sf_note(note, "initrd");
		return c->initrd & ~4095ull;
	}
	if (pick < 74 && c->vdso) {
		sf_note(note, "vdso");
		return c->vdso & ~4095ull;
	}
	if (pick < 78) {
		sf_note(note, "zero");
		return 0;
	}
	if (pick < 82) {
		sf_note(note, "mmap-bottom");
		return 0x0000100000000000ull;
	}
	return sf_gen_badptr(c, note);
}

uint64_t sf_gen_mlen(struct sf_ctx *c, char *note)
{
	static const uint64_t huge[] = { 1ull << 30, 1ull << 36, 1ull << 40, 1ull << 46,
		1ull << 47, (1ull << 47) - 4096, 0x00007ffffffff000ull, (uint64_t)-4096,
		(uint64_t)-1, 0x8000000000000000ull };
	uint64_t pick = sf_below(&c->r, 100);
	sf_note(note, "mlen");
	if (pick < 50)
		return (1 + sf_below(&c->r, 16)) * 4096;
	if (pick < 65)
		return sf_below(&c->r, 3 * 4096);
	if (pick < 75)
		return (1 + sf_below(&c->r, 4096)) * 4096;
	uint64_t v = SF_PICK(&c->r, huge);
	if (v > (1ull << 32) && sf_excluded("huge"))   /* -x huge */
		v = 1ull << 30;
	return v > (16 << 20) && sf_excluded("oom") ? 16 << 20 : v;   /* -x oom */
}

uint64_t sf_gen_timespec(struct sf_ctx *c, char *note)
{
	static const int64_t secs[] = { 0, 0, 0, 1, -1, INT32_MAX, INT64_MAX, INT64_MIN };
	static const int64_t nsecs[] = { 0, 1, 1000, 1000000, 999999999, 1000000000, -1,
		INT64_MAX };
	int64_t ts[2] = { SF_PICK(&c->r, secs), SF_PICK(&c->r, nsecs) };
	if (ts[0] == 1 && sf_pct(&c->r, 80))
		ts[0] = 0;  /* keep sleeps short */
	uint64_t p = sf_gen_in(c, ts, sizeof(ts), note);
	if (p && p >= (uint64_t)c->stk && p < (uint64_t)c->stk + SF_STK_BYTES)
		sf_note(note, "ts{%lld,%lld}", (long long)ts[0], (long long)ts[1]);
	return p;
}

void sf_add_slot(struct sf_ctx *c, int slot)
{
	if (slot >= 0)
		c->slots[c->slot_next++ % SF_POOL] = slot;
}

void sf_add_map(struct sf_ctx *c, uint64_t addr)
{
	if (addr && addr < 0x0000800000000000ull)
		c->maps[c->map_next++ % SF_POOL] = addr;
}

void sf_protect(struct sf_ctx *c, uint64_t lo, uint64_t hi)
{
	if (c->nprot < SF_PROT_MAX)
		c->prot[c->nprot++] = (struct sf_region){ lo & ~4095ull, (hi + 4095) & ~4095ull };
}

int sf_hits_protected(const struct sf_ctx *c, uint64_t lo, uint64_t hi)
{
	for (int i = 0; i < c->nprot; i++)
		if (lo < c->prot[i].hi && hi > c->prot[i].lo)
			return 1;
	return 0;
}

void sf_forget_rings(struct sf_ctx *c, uint64_t lo, uint64_t hi)
{
	for (int i = 0; i < c->nrings; i++)
		if (lo < c->rings[i] + 3 * 4096 && hi > c->rings[i])
			c->rings[i--] = c->rings[--c->nrings];
}
