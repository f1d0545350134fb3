/* SPDX-License-Identifier: MIT */
/* Classic BPF for seccomp filters, pure and freestanding (also built on the
 * host for unit tests). Entry points: bpf_check() validates a filter before
 * installation as Linux does, bpf_run() interprets a checked filter over one
 * struct seccomp_data, bpf_action_combine() picks the result that wins when
 * filters are stacked. The instruction and data layouts are Linux's ABI
 * (struct sock_filter, struct seccomp_data); the Linux-named constants keep
 * their names, guarded so that a host header defining them does not clash. */
#pragma once
#include "lib/types.h"

/* One instruction; the layout of Linux's struct sock_filter. */
struct bpf_insn {
	uint16_t code;
	uint8_t jt;  /* conditional jumps: skip this many insns if true */
	uint8_t jf;  /* ... and this many if false */
	uint32_t k;
};
_Static_assert(sizeof(struct bpf_insn) == 8, "struct bpf_insn is Linux's sock_filter");

/* What a seccomp filter sees of a system call; Linux's layout. */
struct seccomp_data {
	int32_t nr;
	uint32_t arch;  /* an AUDIT_ARCH_* value */
	uint64_t instruction_pointer;
	uint64_t args[6];
};
_Static_assert(sizeof(struct seccomp_data) == 64, "struct seccomp_data is 64 bytes");

#ifndef BPF_LD  /* linux/bpf_common.h */
#define BPF_CLASS(code) ((code) & 0x07)
#define BPF_LD 0x00
#define BPF_LDX 0x01
#define BPF_ST 0x02
#define BPF_STX 0x03
#define BPF_ALU 0x04
#define BPF_JMP 0x05
#define BPF_RET 0x06
#define BPF_MISC 0x07
#define BPF_SIZE(code) ((code) & 0x18)
#define BPF_W 0x00
#define BPF_H 0x08
#define BPF_B 0x10
#define BPF_MODE(code) ((code) & 0xe0)
#define BPF_IMM 0x00
#define BPF_ABS 0x20
#define BPF_IND 0x40
#define BPF_MEM 0x60
#define BPF_LEN 0x80
#define BPF_MSH 0xa0
#define BPF_OP(code) ((code) & 0xf0)
#define BPF_ADD 0x00
#define BPF_SUB 0x10
#define BPF_MUL 0x20
#define BPF_DIV 0x30
#define BPF_OR 0x40
#define BPF_AND 0x50
#define BPF_LSH 0x60
#define BPF_RSH 0x70
#define BPF_NEG 0x80
#define BPF_MOD 0x90
#define BPF_XOR 0xa0
#define BPF_JA 0x00
#define BPF_JEQ 0x10
#define BPF_JGT 0x20
#define BPF_JGE 0x30
#define BPF_JSET 0x40
#define BPF_SRC(code) ((code) & 0x08)
#define BPF_K 0x00
#define BPF_X 0x08
#define BPF_MAXINSNS 4096
#endif

#ifndef BPF_RVAL  /* linux/filter.h */
#define BPF_RVAL(code) ((code) & 0x18)
#define BPF_A 0x10
#define BPF_MISCOP(code) ((code) & 0xf8)
#define BPF_TAX 0x00
#define BPF_TXA 0x80
#define BPF_MEMWORDS 16
#endif

#ifndef BPF_STMT
#define BPF_STMT(code, k) { (uint16_t)(code), 0, 0, (k) }
#define BPF_JUMP(code, k, jt, jf) { (uint16_t)(code), (jt), (jf), (k) }
#endif

#ifndef AUDIT_ARCH_X86_64  /* linux/audit.h */
#define AUDIT_ARCH_X86_64 0xC000003Eu
#endif

#ifndef SECCOMP_RET_ALLOW  /* linux/seccomp.h */
#define SECCOMP_RET_KILL_PROCESS 0x80000000u
#define SECCOMP_RET_KILL_THREAD 0x00000000u
#define SECCOMP_RET_TRAP 0x00030000u
#define SECCOMP_RET_ERRNO 0x00050000u
#define SECCOMP_RET_USER_NOTIF 0x7fc00000u
#define SECCOMP_RET_TRACE 0x7ff00000u
#define SECCOMP_RET_LOG 0x7ffc0000u
#define SECCOMP_RET_ALLOW 0x7fff0000u
#define SECCOMP_RET_ACTION_FULL 0xffff0000u
#define SECCOMP_RET_DATA 0x0000ffffu
#endif

/* Returns 0 if prog[0..len) is a seccomp filter Linux would install, else
 * -EINVAL. Accepted: LD/LDX W|LEN (reads as 64, the size of seccomp_data),
 * LD W|ABS at aligned offsets < 64, IMM, MEM, ST/STX, ALU (constant shifts
 * < 32, no constant divisor 0), forward jumps landing inside the program,
 * RET K/A, TAX/TXA; the last insn must be a RET, and no path may read a
 * scratch slot M[k] before writing it. */
int bpf_check(const struct bpf_insn *prog, size_t len);

/* Runs a program that passed bpf_check() over d; returns its 32-bit result.
 * Words load in host (little-endian) order; A, X and M[] start at 0. Division
 * or modulo by X == 0 ends the program with 0 (KILL_THREAD); shifts by X use
 * X mod 32, as Linux's 32-bit ALU does. */
uint32_t bpf_run(const struct bpf_insn *prog, size_t len, const struct seccomp_data *d);

/* Returns whichever of two filters' results takes precedence: the lower
 * action as a signed 32-bit value (KILL_PROCESS first, ALLOW last); on equal
 * actions, a. */
uint32_t bpf_action_combine(uint32_t a, uint32_t b);
