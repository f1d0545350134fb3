; SPDX-License-Identifier: MIT
; context_switch(uint64_t *save_rsp, uint64_t next_rsp): saves the callee-
; saved registers on the current kernel stack, stores its rsp, and resumes
; the other thread where it last called context_switch (or at its start
; routine, for a new thread). FPU state is handled by the caller.

section .text
global context_switch
context_switch:
	push rbx
	push rbp
	push r12
	push r13
	push r14
	push r15
	mov [rdi], rsp
	mov rsp, rsi
	pop r15
	pop r14
	pop r13
	pop r12
	pop rbp
	pop rbx
	ret

; First code of a new thread: r12 = function, r13 = argument (kernel threads),
; or r12 = 0 for a user thread whose trap frame sits above this stack frame
; (proc_thread_first_entry does what a new user thread owes first).
extern trap_return_user
extern thread_first_run
extern proc_thread_first_entry
global thread_trampoline
thread_trampoline:
	call thread_first_run
	test r12, r12
	jz .user
	mov rdi, r13
	call r12
	ud2
.user:
	call proc_thread_first_entry
	jmp trap_return_user
