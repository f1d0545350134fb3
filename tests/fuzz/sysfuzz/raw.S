/* SPDX-License-Identifier: MIT */
/* The fuzzer's way into the kernel: a system call with all six argument
 * registers set and nothing else touched; the same for the calls that
 * return twice (the child leaves at once, without touching its stack,
 * which may be garbage); rt_sigreturn from a frame the fuzzer built, with
 * the landing pad the frame returns to; and a signal restorer. */

	.text

/* long sf_raw(uint64_t nr, const uint64_t a[6]) */
	.globl sf_raw
	.type sf_raw, @function
sf_raw:
	mov %rdi, %rax
	mov 0(%rsi), %rdi
	mov 16(%rsi), %rdx
	mov 24(%rsi), %r10
	mov 32(%rsi), %r8
	mov 40(%rsi), %r9
	mov 8(%rsi), %rsi
	syscall
	ret
	.size sf_raw, . - sf_raw

/* long sf_raw_clone(uint64_t nr, const uint64_t a[6]): in the child
 * (rax 0) the thread ends at once with exit(0). */
	.globl sf_raw_clone
	.type sf_raw_clone, @function
sf_raw_clone:
	mov %rdi, %rax
	mov 0(%rsi), %rdi
	mov 16(%rsi), %rdx
	mov 24(%rsi), %r10
	mov 32(%rsi), %r8
	mov 40(%rsi), %r9
	mov 8(%rsi), %rsi
	syscall
	test %rax, %rax
	jnz 1f
	mov $60, %eax
	xor %edi, %edi
	syscall
	ud2
1:	ret
	.size sf_raw_clone, . - sf_raw_clone

/* void sf_sigreturn(void *ucontext): rt_sigreturn with rsp at the frame.
 * The frame returns to sf_landing; if the call comes back instead, so do we. */
	.globl sf_sigreturn
	.type sf_sigreturn, @function
sf_sigreturn:
	mov %rdi, %rsp
	mov $15, %eax
	syscall
	jmp sf_landing
	.size sf_sigreturn, . - sf_sigreturn

/* Where a fuzzed rt_sigreturn lands: every register may be garbage, so
 * take the landing stack (sf_landing_sp) and go back into C. */
	.globl sf_landing
	.type sf_landing, @function
sf_landing:
	cld
	mov sf_landing_sp(%rip), %rsp
	and $-16, %rsp
	call sf_landed
	ud2
	.size sf_landing, . - sf_landing

	.globl sf_restorer
	.type sf_restorer, @function
sf_restorer:
	mov $15, %eax
	syscall
	ud2
	.size sf_restorer, . - sf_restorer

	.section .note.GNU-stack, "", @progbits
