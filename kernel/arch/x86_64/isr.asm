; SPDX-License-Identifier: MIT
; Entry stubs for all 256 vectors. Each pushes a dummy error code where the
; CPU pushes none, then the vector, and joins the common path which saves the
; general registers, swaps GS when coming from user mode, and calls
; trap_dispatch(frame). NMI, double fault and machine check (IST vectors) can
; interrupt the kernel at any point, even before swapgs on entry, so they
; decide by the GS base MSR instead of the saved CS.

extern trap_dispatch
global isr_table

%include "regs.inc"

%macro ISR 1
isr_%1:
%if %1 = 8 || %1 = 10 || %1 = 11 || %1 = 12 || %1 = 13 || %1 = 14 || %1 = 17 || %1 = 21 || %1 = 29 || %1 = 30
%else
	push 0
%endif
	push %1
%if %1 = 2 || %1 = 8 || %1 = 18
	jmp isr_paranoid
%else
	jmp isr_common
%endif
%endmacro

section .text
%assign i 0
%rep 256
	align 16
	ISR i
%assign i i + 1
%endrep

isr_common:
	cld
	PUSH_REGS
	test qword [rsp + 18 * 8], 3            ; saved CS: from user?
	jz .kernel
	swapgs
	mov rdi, rsp
	call trap_dispatch
	jmp trap_return_user
.kernel:
	mov rdi, rsp
	call trap_dispatch
	POP_REGS
	add rsp, 16
	iretq

; Also the path by which a new user thread first enters user mode.
global trap_return_user
trap_return_user:
	cli
	swapgs
	POP_REGS
	add rsp, 16
	iretq

isr_paranoid:
	cld
	PUSH_REGS
	xor ebx, ebx
	mov ecx, 0xC0000101                     ; GS base: kernel addresses are negative
	rdmsr
	test edx, edx
	js .have_kernel_gs
	swapgs
	mov ebx, 1
.have_kernel_gs:
	mov rdi, rsp
	call trap_dispatch
	test ebx, ebx
	jz .no_swap
	swapgs
.no_swap:
	POP_REGS
	add rsp, 16
	iretq

section .rodata
align 8
isr_table:
%assign i 0
%rep 256
	dq isr_ %+ i
%assign i i + 1
%endrep
