; SPDX-License-Identifier: MIT
; Multiboot2 entry: header, 32-bit checks (magic, CPUID, long mode, NX),
; early page tables, long mode, and the jump to the higher half, where
; kmain(magic, mbi_phys) runs on the boot stack. Failures before C print a
; message on COM1 and the VGA screen and stop (isa-debug-exit when present).

KERNEL_VMA  equ 0xFFFFFFFF80000000
MB2_MAGIC   equ 0xE85250D6
MB2_BOOTED  equ 0x36D76289
COM1        equ 0x3F8
EXIT_PORT   equ 0xF4

; PHYS() converts a higher-half symbol (.text, .data, .bss) to its load
; address; symbols of the .boot sections are linked at their physical address.
%define PHYS(x) ((x) - KERNEL_VMA)

section .multiboot2 progbits alloc noexec nowrite align=8
mb2_header:
	dd MB2_MAGIC
	dd 0                                    ; i386 protected mode
	dd mb2_header_end - mb2_header
	dd -(MB2_MAGIC + 0 + (mb2_header_end - mb2_header))
	align 8
	; information request: cmdline, modules, memory map, ACPI old/new
	dw 1, 1                                 ; type 1, optional (ACPI new may be absent)
	dd 8 + 4 * 5
	dd 1, 3, 6, 14, 15
	align 8
	dw 0, 0                                 ; end tag
	dd 8
mb2_header_end:

section .boot.text progbits alloc exec nowrite align=16
bits 32
global _start
_start:
	cli
	mov esi, eax                            ; multiboot magic
	mov [PHYS(boot_mbi_phys)], ebx
	rdtsc
	mov [PHYS(boot_entry_tsc)], eax
	mov [PHYS(boot_entry_tsc) + 4], edx
	mov esp, PHYS(boot_stack_top)
	call serial_init32

	cmp esi, MB2_BOOTED
	jne .no_multiboot
	; CPUID present? (EFLAGS.ID toggles)
	pushfd
	pop eax
	mov ecx, eax
	xor eax, 1 << 21
	push eax
	popfd
	pushfd
	pop eax
	push ecx
	popfd
	cmp eax, ecx
	je .no_cpuid
	mov eax, 0x80000000
	cpuid
	cmp eax, 0x80000001
	jb .no_long_mode
	mov eax, 0x80000001
	cpuid
	test edx, 1 << 29
	jz .no_long_mode
	mov [boot_ext_edx], edx

	call build_page_tables

	mov eax, cr4
	or eax, (1 << 5)                         ; PAE
	mov cr4, eax
	mov eax, PHYS(early_pml4)
	mov cr3, eax
	mov ecx, 0xC0000080                     ; EFER
	rdmsr
	or eax, (1 << 8)                        ; LME
	test dword [boot_ext_edx], 1 << 20
	jz .no_nx
	or eax, (1 << 11)                       ; NXE
.no_nx:
	wrmsr
	mov eax, cr0
	or eax, (1 << 31) | (1 << 16) | 1       ; PG, WP, PE
	mov cr0, eax
	lgdt [gdt64_ptr]
	jmp 0x08:long_entry

.no_multiboot:
	mov ebx, msg_no_mb2
	jmp fatal32
.no_cpuid:
	mov ebx, msg_no_cpuid
	jmp fatal32
.no_long_mode:
	mov ebx, msg_no_lm
	jmp fatal32

; Identity map and direct map of the first 4 GiB with 2 MiB pages, and the
; kernel window (-2 GiB) onto the first GiB. C replaces these tables.
build_page_tables:
	mov edi, PHYS(early_pd)
	xor ecx, ecx
.pd_loop:
	mov edx, ecx
	shl edx, 21
	or edx, 0x83                            ; present, writable, 2 MiB
	mov [edi + ecx * 8], edx
	mov edx, ecx
	shr edx, 11                             ; high bits of (ecx << 21)
	mov [edi + ecx * 8 + 4], edx
	inc ecx
	cmp ecx, 2048
	jne .pd_loop
	mov edi, PHYS(early_pdpt)
	mov eax, PHYS(early_pd) + 3
	mov [edi + 0], eax
	add eax, 4096
	mov [edi + 8], eax
	add eax, 4096
	mov [edi + 16], eax
	add eax, 4096
	mov [edi + 24], eax
	mov edi, PHYS(early_pdpt_high)
	mov eax, PHYS(early_pd) + 3
	mov [edi + 510 * 8], eax
	mov edi, PHYS(early_pml4)
	mov eax, PHYS(early_pdpt) + 3
	mov [edi], eax                          ; identity
	mov [edi + 256 * 8], eax                ; direct map
	mov eax, PHYS(early_pdpt_high) + 3
	mov [edi + 511 * 8], eax                ; kernel window
	ret

serial_init32:
	mov dx, COM1 + 1
	xor al, al
	out dx, al                              ; no interrupts
	mov dx, COM1 + 3
	mov al, 0x80
	out dx, al                              ; DLAB
	mov dx, COM1
	mov al, 1
	out dx, al                              ; 115200 baud
	mov dx, COM1 + 1
	xor al, al
	out dx, al
	mov dx, COM1 + 3
	mov al, 3
	out dx, al                              ; 8N1
	mov dx, COM1 + 2
	mov al, 0xC1                            ; FIFOs on, input kept
	out dx, al                              ; FIFO
	mov dx, COM1 + 4
	mov al, 0x0B
	out dx, al
	ret

; Prints the NUL-terminated string at ebx on COM1 and VGA, then stops.
fatal32:
	mov esi, ebx
	mov edi, 0xB8000
.next:
	lodsb
	test al, al
	jz .done
	mov ah, 0x4F
	mov [edi], ax
	add edi, 2
	mov cl, al
	mov dx, COM1 + 5
.wait:
	in al, dx
	test al, 0x20
	jz .wait
	mov dx, COM1
	mov al, cl
	out dx, al
	jmp .next
.done:
	mov dx, EXIT_PORT
	mov eax, 2
	out dx, eax
.halt:
	hlt
	jmp .halt

bits 64
long_entry:
	mov rax, higher_half
	jmp rax

section .boot.data progbits alloc noexec write align=16
gdt64:
	dq 0
	dq 0x00AF9A000000FFFF                   ; 64-bit code
	dq 0x00CF92000000FFFF                   ; data
gdt64_ptr:
	dw gdt64_ptr - gdt64 - 1
	dd gdt64
boot_ext_edx:
	dd 0
msg_no_mb2:
	db "boot: not started by a multiboot2 loader (bad magic); use GRUB 2", 13, 10, 0
msg_no_cpuid:
	db "boot: this CPU has no CPUID; an x86-64 CPU is required", 13, 10, 0
msg_no_lm:
	db "boot: this CPU does not support long mode (x86-64); cannot boot", 13, 10, 0

section .text
bits 64
extern kmain
higher_half:
	mov ax, 0x10
	mov ds, ax
	mov es, ax
	mov ss, ax
	xor ax, ax
	mov fs, ax
	mov gs, ax
	mov rsp, boot_stack_top
	xor rbp, rbp
	mov edi, MB2_BOOTED                     ; checked in 32-bit code
	mov rsi, [rel boot_mbi_phys]
	call kmain
.hang:
	cli
	hlt
	jmp .hang

section .data
global boot_entry_tsc
boot_entry_tsc:
	dq 0
global boot_mbi_phys
boot_mbi_phys:
	dq 0

section .bss nobits alloc noexec write align=4096
global early_pml4
early_pml4:
	resb 4096
early_pdpt:
	resb 4096
early_pdpt_high:
	resb 4096
early_pd:
	resb 4096 * 4
; The page below the boot stack stays unmapped once C builds the real tables.
global boot_stack_guard, boot_stack_bottom, boot_stack_top
boot_stack_guard:
	resb 4096
boot_stack_bottom:
	resb 16384
boot_stack_top:
