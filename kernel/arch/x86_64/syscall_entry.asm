; SPDX-License-Identifier: MIT
; The syscall instruction's entry: swapgs, switch to the thread's kernel
; stack, build a struct trap_frame (so that every kernel entry looks the
; same), call syscall_dispatch(frame). Returns with sysret when the frame
; allows it (canonical rip, nothing but rax changed), else with iretq.

extern syscall_dispatch
extern trap_return_user
global syscall_entry

SYSCALL_VECTOR equ 0x200

%include "regs.inc"

section .text
syscall_entry:
	swapgs
	mov [gs:16], rsp                        ; percpu.user_rsp
	mov rsp, [gs:8]                         ; percpu.kernel_rsp
	push 0x1B                               ; ss
	push qword [gs:16]                      ; rsp
	push r11                                ; rflags
	push 0x23                               ; cs
	push rcx                                ; rip
	push 0                                  ; error
	push SYSCALL_VECTOR
	PUSH_REGS
	mov rdi, rsp
	call syscall_dispatch                   ; returns nonzero when iretq is needed
	test eax, eax
	jnz trap_return_user
	POP_REGS
	mov rcx, [rsp + 16]                     ; rip
	mov r11, [rsp + 32]                     ; rflags
	mov rsp, [rsp + 40]                     ; user rsp
	swapgs
	o64 sysret
