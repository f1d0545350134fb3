// SPDX-License-Identifier: MIT
/* Fuzz target for the seccomp classic-BPF checker and interpreter
 * (kernel/lib/bpf.c). Input: a struct seccomp_data (64 bytes), then the
 * program, 8 bytes per instruction. Every program runs (bpf.c promises that
 * even an unchecked one stays inside the data and scratch memory); one that
 * bpf_check accepts also runs on a reference interpreter written here from
 * the documented semantics, which must agree on the result, never meet an
 * instruction it does not know, never read a scratch slot before it is
 * written and always end at a RET within the program. */
#include "fuzz_input.h"
#include "lib/bpf.h"

struct ref_vm {
	uint32_t a, x, mem[BPF_MEMWORDS];
	uint32_t written; /* bit k: M[k] was stored on this path */
};

/* The value a load gives: A or X from the data, an immediate or M[k]. */
static uint32_t ref_load(struct ref_vm *vm, const struct bpf_insn *in,
			 const struct seccomp_data *d)
{
	uint32_t w;
	FUZZ_CHECK(in->code != (BPF_LDX | BPF_W | BPF_ABS), "checked program has LDX ABS");
	switch (in->code & ~BPF_LDX) {
	case BPF_LD | BPF_W | BPF_ABS:
		FUZZ_CHECK(in->k <= sizeof(*d) - 4 && in->k % 4 == 0, "ABS load at %u", in->k);
		memcpy(&w, (const uint8_t *)d + in->k, 4);
		return w;
	case BPF_LD | BPF_W | BPF_LEN:
		return sizeof(*d);
	case BPF_LD | BPF_IMM:
		return in->k;
	case BPF_LD | BPF_MEM:
		FUZZ_CHECK(in->k < BPF_MEMWORDS && (vm->written >> in->k & 1),
			   "reads M[%u] before writing it", in->k);
		return vm->mem[in->k];
	}
	FUZZ_CHECK(false, "checked program has load code 0x%x", in->code);
	return 0;
}

/* One ALU operation; false for a division by zero (the filter returns 0). */
static bool ref_alu(struct ref_vm *vm, const struct bpf_insn *in)
{
	uint32_t v = BPF_SRC(in->code) == BPF_X ? vm->x : in->k;
	switch (BPF_OP(in->code)) {
	case BPF_ADD: vm->a += v; return true;
	case BPF_SUB: vm->a -= v; return true;
	case BPF_MUL: vm->a *= v; return true;
	case BPF_OR: vm->a |= v; return true;
	case BPF_AND: vm->a &= v; return true;
	case BPF_XOR: vm->a ^= v; return true;
	case BPF_LSH: vm->a = vm->a << (v % 32); return true;
	case BPF_RSH: vm->a = vm->a >> (v % 32); return true;
	case BPF_NEG: vm->a = ~vm->a + 1; return true;
	case BPF_DIV: if (!v) return false; vm->a /= v; return true;
	case BPF_MOD: if (!v) return false; vm->a %= v; return true;
	}
	FUZZ_CHECK(false, "checked program has ALU code 0x%x", in->code);
	return false;
}

static bool ref_taken(const struct ref_vm *vm, const struct bpf_insn *in)
{
	uint32_t v = BPF_SRC(in->code) == BPF_X ? vm->x : in->k;
	switch (BPF_OP(in->code)) {
	case BPF_JEQ: return vm->a == v;
	case BPF_JGT: return vm->a > v;
	case BPF_JGE: return vm->a >= v;
	case BPF_JSET: return (vm->a & v) != 0;
	}
	FUZZ_CHECK(false, "checked program has jump code 0x%x", in->code);
	return false;
}

/* Executes prog[*pc] other than a RET; advances *pc. False: return 0. */
static bool ref_step(struct ref_vm *vm, const struct bpf_insn *prog, size_t *pc,
		     const struct seccomp_data *d)
{
	const struct bpf_insn *in = &prog[*pc];
	uint16_t c = in->code;
	(*pc)++;
	if (c == BPF_ST || c == BPF_STX) {
		FUZZ_CHECK(in->k < BPF_MEMWORDS, "store to M[%u]", in->k);
		vm->mem[in->k] = c == BPF_ST ? vm->a : vm->x;
		vm->written |= 1u << in->k;
	} else if (BPF_CLASS(c) == BPF_LD) {
		vm->a = ref_load(vm, in, d);
	} else if (BPF_CLASS(c) == BPF_LDX) {
		vm->x = ref_load(vm, in, d);
	} else if (BPF_CLASS(c) == BPF_ALU) {
		return ref_alu(vm, in);
	} else if (c == (BPF_JMP | BPF_JA)) {
		*pc += in->k;
	} else if (BPF_CLASS(c) == BPF_JMP) {
		*pc += ref_taken(vm, in) ? in->jt : in->jf;
	} else if (c == (BPF_MISC | BPF_TAX)) {
		vm->x = vm->a;
	} else {
		FUZZ_CHECK(c == (BPF_MISC | BPF_TXA), "checked program has code 0x%x", c);
		vm->a = vm->x;
	}
	return true;
}

static uint32_t ref_run(const struct bpf_insn *prog, size_t len, const struct seccomp_data *d)
{
	struct ref_vm vm = { 0 };
	size_t pc = 0;
	for (size_t steps = 0; steps <= len; steps++) {
		FUZZ_CHECK(pc < len, "checked program runs off its end (pc %zu)", pc);
		const struct bpf_insn *in = &prog[pc];
		if (in->code == (BPF_RET | BPF_K))
			return in->k;
		if (in->code == (BPF_RET | BPF_A))
			return vm.a;
		if (!ref_step(&vm, prog, &pc, d))
			return 0;
	}
	FUZZ_CHECK(false, "checked program ran more steps than it has instructions");
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct seccomp_data d = { 0 };
	memcpy(&d, data, size < sizeof(d) ? size : sizeof(d));
	size_t n = size > sizeof(d) ? (size - sizeof(d)) / sizeof(struct bpf_insn) : 0;
	struct bpf_insn *prog = malloc(n ? n * sizeof(*prog) : 1);
	memcpy(prog, data + sizeof(d), n * sizeof(*prog));
	int r = bpf_check(prog, n);
	FUZZ_CHECK(r == 0 || r == -22, "bpf_check returned %d", r);
	uint32_t got = bpf_run(prog, n, &d);
	if (r == 0) {
		uint32_t want = ref_run(prog, n, &d);
		FUZZ_CHECK(got == want, "bpf_run gives 0x%x, the reference 0x%x", got, want);
		(void)bpf_action_combine(got, want);
	}
	free(prog);
	return 0;
}
