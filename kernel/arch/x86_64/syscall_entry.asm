; SPDX-License-Identifier: MIT
; The syscall instruction's entry: swapgs, switch to the thread's kernel
; stack, build a struct trap_frame (so that every kernel entry looks the
; same), call syscall_dispatch(frame). Returns with sysret when the frame
; allows it (canonical rip, nothing but rax changed), else with iretq.

extern syscall_dispatch
extern trap_return_user
global syscall_entry

SYSCALL_VECTOR equ 0x200

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
	push rax
	push rbx
	push rcx
	push rdx
	push rsi
	push rdi
	push rbp
	push r8
	push r9
	push r10
	push r11
	push r12
	push r13
	push r14
	push r15
	mov rdi, rsp
	call syscall_dispatch                   ; returns nonzero when iretq is needed
	test eax, eax
	jnz trap_return_user
	pop r15
	pop r14
	pop r13
	pop r12
	pop r11
	pop r10
	pop r9
	pop r8
	pop rbp
	pop rdi
	pop rsi
	pop rdx
	pop rcx
	pop rbx
	pop rax
	mov rcx, [rsp + 16]                     ; rip
	mov r11, [rsp + 32]                     ; rflags
	mov rsp, [rsp + 40]                     ; user rsp
	swapgs
	o64 sysret
