/* SPDX-License-Identifier: MIT */
/* A worker's context: the memory it owns (and which of it fuzzed calls may
 * not unmap or re-protect), its descriptors, paths, children, capability
 * slots and rings, and the generators of argument values drawn from them
 * (pools.c). gen_linux.c and gen_native.c build calls from these. */
#pragma once
#include "rng.h"
#include "sysfuzz.h"

#define SF_PROT_MAX 12
#define SF_FDS_MAX 48
#define SF_POOL 16

#define SF_STK_BYTES (64 * 1024)       /* structured inputs built for one call */
#define SF_BUF_BYTES (64 * 1024)       /* plain buffers on the stack */
#define SF_FIX_BASE 0x000013f000000000ull  /* the fixture (fixed address) */
#define SF_SAFE_LO 0x0000200000000000ull   /* nothing of ours lives in */
#define SF_SAFE_HI 0x0000600000000000ull   /* [SF_SAFE_LO, SF_SAFE_HI) */

/* Fixture layout (offsets from SF_FIX_BASE); holes are left unmapped. */
#define SF_FIX_EDGE 0x0000        /* rw page; the next page is a hole */
#define SF_FIX_RO 0x2000          /* read-only page of strings; hole after */
#define SF_FIX_NONE 0x4000        /* PROT_NONE page; hole after */
#define SF_FIX_ARENA 0x10000      /* rw arena that fuzzed calls may unmap */
#define SF_ARENA_BYTES (256 * 1024)
#define SF_FIX_CLONESTK 0x60000   /* stacks for clone children and the landing pad */
#define SF_FIX_ELF 0x70000        /* images for spawn/exec (up to SF_ELF_BYTES) */
#define SF_ELF_BYTES (512 * 1024)
#define SF_FIX_END 0x100000

struct sf_region {
	uint64_t lo, hi;
};

struct sf_fd {
	int fd;
	char what[12];
};

struct sf_ctx {
	struct sf_rng r;
	struct sf_wstate *w;
	uint64_t k;                /* worker index */
	uint64_t idx;              /* index of the call being built */
	enum sf_mode mode;
	int root;
	int pledged;               /* pledged or filtered: calls may fail for that */
	long pid, ppid;
	unsigned uid;
	char dir[64];              /* the worker's directory (absolute) */

	uint8_t *stk;              /* structured inputs: bump-allocated per call */
	size_t bump;
	uint8_t *buf;              /* plain buffers on the stack */
	uint8_t *heap;             /* a buffer from malloc, made before fork */
	size_t heap_len;
	uint64_t initrd, initrd_len;
	uint64_t text_lo, text_hi; /* this program's text (read-only) */
	uint64_t vdso;
	uint64_t shm;              /* a MAP_SHARED scratch page range of the worker */
	const uint8_t *true_elf;   /* /bin/t_true in the initrd, for spawn and exec */
	size_t true_len;

	struct sf_region prot[SF_PROT_MAX];  /* fuzzed calls may not unmap these */
	int nprot;

	struct sf_fd fds[SF_FDS_MAX];
	int nfds_base, nfds;       /* fixed entries first, then a ring of new ones */
	unsigned fd_next;

	long pids[SF_POOL];        /* children to reap */
	int npids;
	int slots[SF_POOL];        /* capability slots returned by calls */
	unsigned slot_next;
	uint64_t rings[4];         /* client rings we may write garbage into */
	int nrings;
	uint64_t maps[SF_POOL];    /* addresses returned by mmap/mem_map/mremap */
	unsigned map_next;
	int timer_id;              /* the nudge timer (-1: none) */
	int svc_conn;              /* a connection to init's service control, and its ring */
	uint64_t svc_ring, svc_seq;
	uint64_t jmp[8];           /* where the rt_sigreturn landing pad goes back to */
};

/* Notes: what an argument is, for the reproducer. */
void sf_note(char *note, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Per-call scratch for structured inputs (strings, structs); NULL when full. */
void *sf_scratch(struct sf_ctx *c, size_t len, size_t align);

uint64_t sf_gen_int(struct sf_ctx *c, char *note);
uint64_t sf_gen_len(struct sf_ctx *c, char *note);
uint64_t sf_gen_off(struct sf_ctx *c, char *note);
uint64_t sf_gen_flags(struct sf_ctx *c, const uint64_t *known, int n, char *note);
int64_t sf_gen_fd(struct sf_ctx *c, char *note);
int64_t sf_gen_dirfd(struct sf_ctx *c, char *note);
int64_t sf_gen_pid(struct sf_ctx *c, char *note);
uint64_t sf_gen_sig(struct sf_ctx *c, char *note);
uint64_t sf_gen_uid(struct sf_ctx *c, char *note);
uint64_t sf_gen_clock(struct sf_ctx *c, char *note);
/* A pointer the kernel cannot use (NULL, unmapped, kernel, non-canonical...). */
uint64_t sf_gen_badptr(struct sf_ctx *c, char *note);
/* A buffer and its length; out: the kernel writes it. */
void sf_gen_buf(struct sf_ctx *c, int out, uint64_t *p, uint64_t *len, char *pnote, char *lnote);
/* A fixed-size structure the kernel reads (random bytes) or writes. */
uint64_t sf_gen_struct(struct sf_ctx *c, int out, size_t len, char *note);
/* Places len bytes of data in scratch, or hands back a bad pointer now and then. */
uint64_t sf_gen_in(struct sf_ctx *c, const void *data, size_t len, char *note);
uint64_t sf_gen_path(struct sf_ctx *c, char *note);
uint64_t sf_gen_str(struct sf_ctx *c, const char *const *words, int n, char *note);
uint64_t sf_gen_strv(struct sf_ctx *c, char *note);
/* Memory ranges for the mapping calls. */
uint64_t sf_gen_addr(struct sf_ctx *c, char *note);
uint64_t sf_gen_mlen(struct sf_ctx *c, char *note);
uint64_t sf_gen_timespec(struct sf_ctx *c, char *note);

/* Bookkeeping. */
void sf_add_fd(struct sf_ctx *c, int fd, const char *what);
void sf_add_pid(struct sf_ctx *c, long pid);
void sf_add_slot(struct sf_ctx *c, int slot);
void sf_add_map(struct sf_ctx *c, uint64_t addr);
void sf_protect(struct sf_ctx *c, uint64_t lo, uint64_t hi);
/* 1 if [lo, hi) meets memory the worker cannot lose. */
int sf_hits_protected(const struct sf_ctx *c, uint64_t lo, uint64_t hi);
/* Forgets rings a mapping change may have removed. */
void sf_forget_rings(struct sf_ctx *c, uint64_t lo, uint64_t hi);

/* gen_linux.c, gen_native.c */
void sf_gen_linux(struct sf_ctx *c, struct sf_call *call);
void sf_gen_native(struct sf_ctx *c, struct sf_call *call);
/* Ring garbage: writes random words into a client ring of the worker. */
void sf_ring_garbage(struct sf_ctx *c);
