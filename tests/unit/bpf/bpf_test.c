// SPDX-License-Identifier: MIT
/* kernel/lib/bpf.c: the seccomp classic-BPF checker, interpreter and the
 * precedence of stacked filters' results. */
#include <errno.h>
#include "harness.h"
#include "lib/bpf.h"

#define CHECK(p) bpf_check((p), ARRAY_SIZE(p))
#define RUN(p, d) check_and_run((p), ARRAY_SIZE(p), (d))
#define RET_K(k) BPF_STMT(BPF_RET | BPF_K, (k))
#define RET_A BPF_STMT(BPF_RET | BPF_A, 0)
#define LD_IMM(k) BPF_STMT(BPF_LD | BPF_IMM, (k))
#define LDX_IMM(k) BPF_STMT(BPF_LDX | BPF_IMM, (k))
#define LD_ABS(k) BPF_STMT(BPF_LD | BPF_W | BPF_ABS, (k))
#define X64 AUDIT_ARCH_X86_64

static struct seccomp_data call(int32_t nr, uint32_t arch, uint64_t arg0)
{
	return (struct seccomp_data){ .nr = nr, .arch = arch, .args = { arg0 } };
}

static const struct seccomp_data zero;

/* Checks p[0..n), which must pass, and runs it over d. */
static uint32_t check_and_run(const struct bpf_insn *p, size_t n, const struct seccomp_data *d)
{
	ck_assert_int_eq(bpf_check(p, n), 0);
	return bpf_run(p, n, d);
}

/* As libseccomp lays out an x86-64 allow-list: arch check, x32 check, one
 * JEQ per rule, default action, then the shared RETs. */
static const struct bpf_insn libseccomp_filter[] = {
	LD_ABS(4),
	BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_X86_64, 0, 10),
	LD_ABS(0),
	BPF_JUMP(BPF_JMP | BPF_JGE | BPF_K, 0x40000000, 8, 0),
	BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 0, 5, 0),    /* read */
	BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 1, 4, 0),    /* write */
	BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 231, 3, 0),  /* exit_group */
	BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 2, 3, 0),    /* open */
	BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 257, 2, 0),  /* openat */
	RET_K(SECCOMP_RET_KILL_PROCESS),
	RET_K(SECCOMP_RET_ALLOW),
	RET_K(SECCOMP_RET_ERRNO | EPERM),
	RET_K(SECCOMP_RET_KILL_THREAD),
};

START_TEST(libseccomp_allow_list_is_accepted_and_decides_by_nr_and_arch)
{
	static const struct { int32_t nr; uint32_t arch, want; } cases[] = {
		{ 0, X64, SECCOMP_RET_ALLOW }, { 1, X64, SECCOMP_RET_ALLOW }, { 231, X64, SECCOMP_RET_ALLOW },
		{ 2, X64, SECCOMP_RET_ERRNO | EPERM }, { 257, X64, SECCOMP_RET_ERRNO | EPERM },
		{ 59, X64, SECCOMP_RET_KILL_PROCESS },  /* the default action */
		{ 0x40000000, X64, SECCOMP_RET_KILL_THREAD }, { -1, X64, SECCOMP_RET_KILL_THREAD },
		{ 0, 0x40000003 /* i386 */, SECCOMP_RET_KILL_THREAD },
	};
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct seccomp_data d = call(cases[i].nr, cases[i].arch, 0);
		ck_assert_uint_eq(RUN(libseccomp_filter, &d), cases[i].want);
	}
}
END_TEST

START_TEST(argument_checks_compare_both_words_of_a_64_bit_argument)
{
	/* write(fd, ...) only for fd 0..2, comparing the high word first. */
	static const struct bpf_insn p[] = {
		LD_ABS(0),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 1, 0, 5),
		LD_ABS(20),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 0, 0, 2),
		LD_ABS(16),
		BPF_JUMP(BPF_JMP | BPF_JGE | BPF_K, 3, 0, 1),
		RET_K(SECCOMP_RET_ERRNO | EBADF),
		RET_K(SECCOMP_RET_ALLOW),
	};
	static const struct { int32_t nr; uint64_t arg0; uint32_t want; } cases[] = {
		{ 1, 2, SECCOMP_RET_ALLOW }, { 1, 3, SECCOMP_RET_ERRNO | EBADF },
		{ 1, 0x100000001ull, SECCOMP_RET_ERRNO | EBADF }, { 0, 0x100000001ull, SECCOMP_RET_ALLOW },
	};
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct seccomp_data d = call(cases[i].nr, X64, cases[i].arg0);
		ck_assert_uint_eq(RUN(p, &d), cases[i].want);
	}
}
END_TEST

START_TEST(abs_loads_give_little_endian_words_and_len_is_64)
{
	static const struct { uint32_t off, want; } words[] = {
		{ 16, 0x55667788u }, { 20, 0x11223344u }, { 12, 0xaabbccddu }, { 60, 0xfeedfaceu },
	};
	static const struct bpf_insn len[] = { BPF_STMT(BPF_LD | BPF_W | BPF_LEN, 0), RET_A },
		xlen[] = { BPF_STMT(BPF_LDX | BPF_W | BPF_LEN, 0), BPF_STMT(BPF_MISC | BPF_TXA, 0), RET_A };
	struct seccomp_data d = call(0, 0, 0x1122334455667788ull);
	d.instruction_pointer = 0xaabbccdd00000000ull;
	d.args[5] = 0xfeedface00000000ull;
	for (size_t i = 0; i < ARRAY_SIZE(words); i++) {
		struct bpf_insn p[] = { LD_ABS(words[i].off), RET_A };
		ck_assert_uint_eq(RUN(p, &d), words[i].want);
	}
	ck_assert_uint_eq(RUN(len, &d), 64);
	ck_assert_uint_eq(RUN(xlen, &d), 64);
}
END_TEST

/* Runs A = a; X = x; A = A op X; return A. */
static uint32_t alu_x(uint16_t op, uint32_t a, uint32_t x)
{
	struct bpf_insn p[] = { LD_IMM(a), LDX_IMM(x), BPF_STMT(BPF_ALU | op | BPF_X, 0), RET_A };
	return RUN(p, &zero);
}

/* Runs A = a; A = A op k; return A. */
static uint32_t alu_k(uint16_t op, uint32_t a, uint32_t k)
{
	struct bpf_insn p[] = { LD_IMM(a), BPF_STMT(BPF_ALU | op | BPF_K, k), RET_A };
	return RUN(p, &zero);
}

START_TEST(alu_ops_wrap_at_32_bits)
{
	ck_assert_uint_eq(alu_k(BPF_ADD, 0xffffffffu, 2), 1);
	ck_assert_uint_eq(alu_x(BPF_SUB, 1, 2), 0xffffffffu);
	ck_assert_uint_eq(alu_k(BPF_MUL, 0x80000001u, 2), 2);
	ck_assert_uint_eq(alu_x(BPF_DIV, 100, 7), 14);
	ck_assert_uint_eq(alu_k(BPF_MOD, 100, 7), 2);
	ck_assert_uint_eq(alu_x(BPF_AND, 0xf0f0, 0xff00), 0xf000);
	ck_assert_uint_eq(alu_k(BPF_OR, 0xf0f0, 0x0f00), 0xfff0);
	ck_assert_uint_eq(alu_x(BPF_XOR, 0xf0f0, 0xffff), 0x0f0f);
	ck_assert_uint_eq(alu_k(BPF_LSH, 0x80000001u, 31), 0x80000000u);
	ck_assert_uint_eq(alu_x(BPF_RSH, 0x80000000u, 31), 1);
	ck_assert_uint_eq(alu_k(BPF_NEG, 5, 0), 0xfffffffbu);
}
END_TEST

START_TEST(shift_by_x_of_32_or_more_uses_x_mod_32)
{
	ck_assert_uint_eq(alu_x(BPF_LSH, 0x12345678u, 32), 0x12345678u);
	ck_assert_uint_eq(alu_x(BPF_LSH, 1, 33), 2);
	ck_assert_uint_eq(alu_x(BPF_RSH, 0x80000000u, 63), 1);
	ck_assert_uint_eq(alu_x(BPF_RSH, 0xffffffffu, 0xffffffffu), 1);
}
END_TEST

START_TEST(division_or_modulo_by_x_zero_returns_kill_thread)
{
	ck_assert_uint_eq(alu_x(BPF_DIV, 7, 0), SECCOMP_RET_KILL_THREAD);
	ck_assert_uint_eq(alu_x(BPF_MOD, 7, 0), SECCOMP_RET_KILL_THREAD);
	static const struct bpf_insn p[] = { LDX_IMM(0), BPF_STMT(BPF_ALU | BPF_DIV | BPF_X, 0),
					     RET_K(SECCOMP_RET_ALLOW) };
	ck_assert_uint_eq(RUN(p, &zero), 0);
}
END_TEST

START_TEST(conditional_jumps_compare_a_unsigned_with_k_or_x)
{
	static const struct bpf_insn p[] = {
		LD_ABS(0), LDX_IMM(5),
		BPF_JUMP(BPF_JMP | BPF_JGT | BPF_X, 0, 2, 0),
		BPF_JUMP(BPF_JMP | BPF_JSET | BPF_K, 1, 2, 0),
		RET_K(0), RET_K(1), RET_K(2),
	};
	static const struct { int32_t nr; uint32_t want; } cases[] = {
		{ 6, 1 }, { -1, 1 }, { 5, 2 }, { 3, 2 }, { 4, 0 },
	};
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct seccomp_data d = call(cases[i].nr, X64, 0);
		ck_assert_uint_eq(RUN(p, &d), cases[i].want);
	}
}
END_TEST

START_TEST(scratch_memory_holds_values_written_on_every_path)
{
	static const struct bpf_insn p[] = {
		LD_ABS(0),
		BPF_JUMP(BPF_JMP | BPF_JSET | BPF_K, 1, 0, 2),
		BPF_STMT(BPF_ST, 3),
		BPF_JUMP(BPF_JMP | BPF_JA, 1, 0, 0),
		BPF_STMT(BPF_STX, 3),  /* X is still 0 */
		BPF_STMT(BPF_LDX | BPF_MEM, 3), BPF_STMT(BPF_MISC | BPF_TXA, 0), RET_A,
	};
	struct seccomp_data d = call(7, 0, 0);
	ck_assert_uint_eq(RUN(p, &d), 7);
	d.nr = 6;
	ck_assert_uint_eq(RUN(p, &d), 0);
}
END_TEST

START_TEST(reading_scratch_that_a_path_leaves_unwritten_is_einval)
{
	static const struct bpf_insn never[] = { BPF_STMT(BPF_LD | BPF_MEM, 0), RET_A },
		one_branch[] = { LD_ABS(0), BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 1, 0, 1),
				 BPF_STMT(BPF_ST, 0), BPF_STMT(BPF_LD | BPF_MEM, 0), RET_A },
		other_slot[] = { BPF_STMT(BPF_ST, 1), BPF_STMT(BPF_LDX | BPF_MEM, 2), RET_A },
		after_ret[] = { RET_A, BPF_STMT(BPF_LD | BPF_MEM, 0), RET_A },  /* as Linux */
		jumped_over[] = { BPF_JUMP(BPF_JMP | BPF_JA, 1, 0, 0),
				  BPF_STMT(BPF_LD | BPF_MEM, 0), RET_A };
	ck_assert_int_eq(CHECK(never), -EINVAL);
	ck_assert_int_eq(CHECK(one_branch), -EINVAL);
	ck_assert_int_eq(CHECK(other_slot), -EINVAL);
	ck_assert_int_eq(CHECK(after_ret), -EINVAL);
	ck_assert_int_eq(CHECK(jumped_over), 0);
}
END_TEST

/* Asserts that each of bad[0..n), followed by RET A, is refused. */
static void assert_each_refused(const struct bpf_insn *bad, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		struct bpf_insn p[] = { bad[i], RET_A };
		ck_assert_msg(CHECK(p) == -EINVAL, "insn %zu (code %#x) accepted", i, bad[i].code);
	}
}

START_TEST(malformed_programs_and_unknown_opcodes_are_einval)
{
	static const struct bpf_insn many[BPF_MAXINSNS + 1] = { [0 ... BPF_MAXINSNS] = RET_A };
	static const struct bpf_insn ret[] = { RET_A }, ends_in_ld[] = { RET_A, LD_IMM(0) };
	static const struct bpf_insn bad[] = {
		BPF_JUMP(BPF_JMP | BPF_JA, 1, 0, 0),            /* lands past the end */
		BPF_JUMP(BPF_JMP | BPF_JA, 0xffffffffu, 0, 0),  /* pc + 1 + k wraps: no going back */
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 0, 1, 0),
		BPF_JUMP(BPF_JMP | BPF_JGT | BPF_X, 0, 0, 255),
		LD_ABS(2), LD_ABS(64), LD_ABS(0xfffffffcu),
		BPF_STMT(BPF_LD | BPF_B | BPF_ABS, 0), BPF_STMT(BPF_LD | BPF_H | BPF_ABS, 0),
		BPF_STMT(BPF_LD | BPF_W | BPF_IND, 0),
		BPF_STMT(BPF_ALU | BPF_DIV | BPF_K, 0), BPF_STMT(BPF_ALU | BPF_MOD | BPF_K, 0),
		BPF_STMT(BPF_ALU | BPF_LSH | BPF_K, 32), BPF_STMT(BPF_ALU | BPF_RSH | BPF_K, 99),
		BPF_STMT(BPF_ST, 16), BPF_STMT(BPF_STX, 16),
		BPF_STMT(BPF_LD | BPF_MEM, 16), BPF_STMT(BPF_LDX | BPF_MEM, 16),
		/* opcodes Linux refuses in a seccomp filter, or does not know */
		BPF_STMT(BPF_LDX | BPF_W | BPF_ABS, 0), BPF_STMT(BPF_LDX | BPF_B | BPF_MSH, 0),
		BPF_STMT(BPF_LD | BPF_B | BPF_IMM, 0), BPF_STMT(BPF_ALU | BPF_NEG | BPF_X, 0),
		BPF_STMT(BPF_ALU | 0xc0, 0), BPF_STMT(BPF_ALU | 0xf0 | BPF_X, 0),
		BPF_STMT(BPF_JMP | BPF_JA | BPF_X, 0), BPF_STMT(BPF_JMP | 0x50, 0),
		BPF_STMT(BPF_RET | BPF_X, 0), BPF_STMT(BPF_MISC | 0x10, 0), BPF_STMT(BPF_ST | BPF_H, 0),
		BPF_STMT(0x100 | BPF_ALU | BPF_ADD, 0), BPF_STMT(0xffff, 0),
	};
	ck_assert_int_eq(bpf_check(ret, 0), -EINVAL);
	ck_assert_int_eq(bpf_check(many, BPF_MAXINSNS + 1), -EINVAL);
	ck_assert_int_eq(bpf_check(many, BPF_MAXINSNS), 0);
	ck_assert_int_eq(CHECK(ends_in_ld), -EINVAL);
	assert_each_refused(bad, ARRAY_SIZE(bad));
}
END_TEST

START_TEST(combine_picks_the_lower_signed_action_and_keeps_its_data)
{
	static const uint32_t order[] = {
		SECCOMP_RET_KILL_PROCESS, SECCOMP_RET_KILL_THREAD, SECCOMP_RET_TRAP | 1,
		SECCOMP_RET_ERRNO | EPERM, SECCOMP_RET_USER_NOTIF, SECCOMP_RET_TRACE | 7,
		SECCOMP_RET_LOG, SECCOMP_RET_ALLOW,
	};
	for (size_t i = 0; i < ARRAY_SIZE(order); i++)
		for (size_t j = i; j < ARRAY_SIZE(order); j++) {
			ck_assert_uint_eq(bpf_action_combine(order[i], order[j]), order[i]);
			ck_assert_uint_eq(bpf_action_combine(order[j], order[i]), order[i]);
		}
	ck_assert_uint_eq(bpf_action_combine(SECCOMP_RET_ALLOW, SECCOMP_RET_KILL_PROCESS | 0xffff),
			  SECCOMP_RET_KILL_PROCESS | 0xffff);
	ck_assert_uint_eq(bpf_action_combine(SECCOMP_RET_TRAP | 0xffff, SECCOMP_RET_ERRNO),
			  SECCOMP_RET_TRAP | 0xffff);
	ck_assert_uint_eq(bpf_action_combine(SECCOMP_RET_ERRNO | 5, SECCOMP_RET_ERRNO | 9),
			  SECCOMP_RET_ERRNO | 5);  /* a tie keeps the first */
}
END_TEST

UNIT_SUITE(bpf_suite)
static Suite *bpf_suite(void)
{
	Suite *s = suite_create("bpf");
	TCase *tc = tcase_create("bpf");
	tcase_add_test(tc, libseccomp_allow_list_is_accepted_and_decides_by_nr_and_arch);
	tcase_add_test(tc, argument_checks_compare_both_words_of_a_64_bit_argument);
	tcase_add_test(tc, abs_loads_give_little_endian_words_and_len_is_64);
	tcase_add_test(tc, alu_ops_wrap_at_32_bits);
	tcase_add_test(tc, shift_by_x_of_32_or_more_uses_x_mod_32);
	tcase_add_test(tc, division_or_modulo_by_x_zero_returns_kill_thread);
	tcase_add_test(tc, conditional_jumps_compare_a_unsigned_with_k_or_x);
	tcase_add_test(tc, scratch_memory_holds_values_written_on_every_path);
	tcase_add_test(tc, reading_scratch_that_a_path_leaves_unwritten_is_einval);
	tcase_add_test(tc, malformed_programs_and_unknown_opcodes_are_einval);
	tcase_add_test(tc, combine_picks_the_lower_signed_action_and_keeps_its_data);
	suite_add_tcase(s, tc);
	return s;
}
