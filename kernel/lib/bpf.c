// SPDX-License-Identifier: MIT
/* Classic BPF for seccomp: the checker (bpf_check), the interpreter (bpf_run)
 * and the precedence of stacked filters' results (bpf_action_combine). Pure:
 * no allocation, no globals, under 600 bytes of stack, so the syscall path can
 * call it and the host unit tests can link it. */
#include "abi/errno.h"
#include "lib/bpf.h"


#define BPF_DATA_SIZE ((uint32_t)sizeof(struct seccomp_data))
#define BPF_REACH_WORDS (BPF_MAXINSNS / 64)

/* True if a jump at pc skipping off insns lands inside prog[0..len);
 * pc < len, so len - pc - 1 cannot wrap and pc + 1 + off is never formed. */
static bool bpf_lands_inside(size_t pc, uint32_t off, size_t len)
{
	return off < len - pc - 1;
}

/* True for an accepted ALU code with a usable constant operand. */
static bool bpf_alu_ok(const struct bpf_insn *in)
{
	bool by_k = BPF_SRC(in->code) == BPF_K;

	switch (BPF_OP(in->code)) {
	case BPF_ADD: case BPF_SUB: case BPF_MUL:
	case BPF_AND: case BPF_OR: case BPF_XOR:
		return true;
	case BPF_DIV: case BPF_MOD:
		return !by_k || in->k != 0;
	case BPF_LSH: case BPF_RSH:
		return !by_k || in->k < 32;
	case BPF_NEG:
		return by_k;  /* only BPF_ALU|BPF_NEG (0x84) exists */
	default:
		return false;
	}
}

/* True for an accepted conditional jump whose both targets lie inside. */
static bool bpf_cond_ok(const struct bpf_insn *in, size_t pc, size_t len)
{
	switch (BPF_OP(in->code)) {
	case BPF_JEQ: case BPF_JGT: case BPF_JGE: case BPF_JSET:
		return bpf_lands_inside(pc, in->jt, len) && bpf_lands_inside(pc, in->jf, len);
	default:
		return false;
	}
}

/* True if prog[pc] is an instruction seccomp accepts, operands included. */
static bool bpf_insn_ok(const struct bpf_insn *in, size_t pc, size_t len)
{
	switch (in->code) {
	case BPF_LD | BPF_W | BPF_ABS:
		return in->k < BPF_DATA_SIZE && (in->k & 3) == 0;
	case BPF_LD | BPF_W | BPF_LEN: case BPF_LDX | BPF_W | BPF_LEN:
	case BPF_LD | BPF_IMM: case BPF_LDX | BPF_IMM:
	case BPF_MISC | BPF_TAX: case BPF_MISC | BPF_TXA:
	case BPF_RET | BPF_K: case BPF_RET | BPF_A:
		return true;
	case BPF_LD | BPF_MEM: case BPF_LDX | BPF_MEM:
	case BPF_ST: case BPF_STX:
		return in->k < BPF_MEMWORDS;
	case BPF_JMP | BPF_JA:
		return bpf_lands_inside(pc, in->k, len);
	}
	if (in->code > 0xff)
		return false;
	if (BPF_CLASS(in->code) == BPF_ALU)
		return bpf_alu_ok(in);
	if (BPF_CLASS(in->code) == BPF_JMP)
		return bpf_cond_ok(in, pc, len);
	return false;
}

/* True if prog[pc] reads (is_store false) or writes scratch slot slot. */
static bool bpf_touches(const struct bpf_insn *in, uint32_t slot, bool is_store)
{
	uint16_t c = in->code;
	bool hit = is_store ? (c == BPF_ST || c == BPF_STX)
			    : (c == (BPF_LD | BPF_MEM) || c == (BPF_LDX | BPF_MEM));
	return hit && in->k == slot;
}

static void bpf_mark(uint64_t *reach, size_t pc, size_t len)
{
	if (pc < len)
		reach[pc / 64] |= 1ull << (pc % 64);
}

/* True if some path from the entry reads M[slot] without writing it first.
 * Paths are those of Linux's check_load_and_stores: jump edges, plus falling
 * through every non-jump insn (a RET included). One bit per insn: "reached
 * with M[slot] unwritten". Needs a program whose jumps were checked. */
static bool bpf_reads_unwritten(const struct bpf_insn *prog, size_t len, uint32_t slot)
{
	uint64_t reach[BPF_REACH_WORDS];

	for (size_t i = 0; i < (len + 63) / 64; i++)
		reach[i] = 0;
	reach[0] = 1;
	for (size_t pc = 0; pc < len; pc++) {
		const struct bpf_insn *in = &prog[pc];
		if (!(reach[pc / 64] >> (pc % 64) & 1) || bpf_touches(in, slot, true))
			continue;
		if (bpf_touches(in, slot, false))
			return true;
		if (in->code == (BPF_JMP | BPF_JA)) {
			bpf_mark(reach, pc + 1 + in->k, len);
		} else if (BPF_CLASS(in->code) == BPF_JMP) {
			bpf_mark(reach, pc + 1 + in->jt, len);
			bpf_mark(reach, pc + 1 + in->jf, len);
		} else {
			bpf_mark(reach, pc + 1, len);
		}
	}
	return false;
}

int bpf_check(const struct bpf_insn *prog, size_t len)
{
	if (len == 0 || len > BPF_MAXINSNS)
		return -EINVAL;
	for (size_t pc = 0; pc < len; pc++)
		if (!bpf_insn_ok(&prog[pc], pc, len))
			return -EINVAL;
	if (BPF_CLASS(prog[len - 1].code) != BPF_RET)
		return -EINVAL;
	for (uint32_t slot = 0; slot < BPF_MEMWORDS; slot++)
		if (bpf_reads_unwritten(prog, len, slot))
			return -EINVAL;
	return 0;
}

/* The value an LD/LDX puts in its register; out-of-range operands read 0 so
 * that even an unchecked program stays inside d and mem. */
static uint32_t bpf_load(const struct bpf_insn *in, const struct seccomp_data *d,
			 const uint32_t *mem)
{
	uint32_t w = 0;

	switch (BPF_MODE(in->code)) {
	case BPF_ABS:
		if (in->k <= BPF_DATA_SIZE - 4)
			__builtin_memcpy(&w, (const uint8_t *)d + in->k, 4);
		return w;
	case BPF_LEN:
		return BPF_DATA_SIZE;
	case BPF_MEM:
		return in->k < BPF_MEMWORDS ? mem[in->k] : 0;
	default:
		return in->k;
	}
}

/* Applies an ALU insn to *a with operand v; false on division by zero. */
static bool bpf_alu(uint16_t code, uint32_t *a, uint32_t v)
{
	switch (BPF_OP(code)) {
	case BPF_ADD: *a += v; break;
	case BPF_SUB: *a -= v; break;
	case BPF_MUL: *a *= v; break;
	case BPF_AND: *a &= v; break;
	case BPF_OR: *a |= v; break;
	case BPF_XOR: *a ^= v; break;
	case BPF_LSH: *a <<= v & 31; break;
	case BPF_RSH: *a >>= v & 31; break;
	case BPF_NEG: *a = 0u - *a; break;
	case BPF_DIV:
	case BPF_MOD:
		if (v == 0)
			return false;
		*a = BPF_OP(code) == BPF_DIV ? *a / v : *a % v;
		break;
	}
	return true;
}

/* How many insns a jump skips, given the registers. */
static uint32_t bpf_skip(const struct bpf_insn *in, uint32_t a, uint32_t x)
{
	uint32_t v = BPF_SRC(in->code) == BPF_X ? x : in->k;
	bool taken;

	switch (BPF_OP(in->code)) {
	case BPF_JA: return in->k;
	case BPF_JEQ: taken = a == v; break;
	case BPF_JGT: taken = a > v; break;
	case BPF_JGE: taken = a >= v; break;
	case BPF_JSET: taken = (a & v) != 0; break;
	default: taken = false; break;
	}
	return taken ? in->jt : in->jf;
}

uint32_t bpf_run(const struct bpf_insn *prog, size_t len, const struct seccomp_data *d)
{
	uint32_t a = 0, x = 0, mem[BPF_MEMWORDS] = { 0 };

	for (size_t pc = 0; pc < len; pc++) {
		const struct bpf_insn *in = &prog[pc];
		switch (BPF_CLASS(in->code)) {
		case BPF_LD: a = bpf_load(in, d, mem); break;
		case BPF_LDX: x = bpf_load(in, d, mem); break;
		case BPF_ST: mem[in->k % BPF_MEMWORDS] = a; break;
		case BPF_STX: mem[in->k % BPF_MEMWORDS] = x; break;
		case BPF_ALU:
			if (!bpf_alu(in->code, &a, BPF_SRC(in->code) == BPF_X ? x : in->k))
				return SECCOMP_RET_KILL_THREAD;
			break;
		case BPF_JMP: pc += bpf_skip(in, a, x); break;
		case BPF_RET: return BPF_RVAL(in->code) == BPF_A ? a : in->k;
		case BPF_MISC:
			if (BPF_MISCOP(in->code) == BPF_TXA)
				a = x;
			else
				x = a;
			break;
		}
	}
	return SECCOMP_RET_KILL_PROCESS;  /* fell off the end: only if unchecked */
}

uint32_t bpf_action_combine(uint32_t a, uint32_t b)
{
	int32_t action_a = (int32_t)(a & SECCOMP_RET_ACTION_FULL);
	int32_t action_b = (int32_t)(b & SECCOMP_RET_ACTION_FULL);

	return action_b < action_a ? b : a;
}
