; SPDX-License-Identifier: MIT
; uaccess_copy(dst, src, n): the two instructions that touch user memory
; (rep movsq for the words, rep movsb for the rest). SMAP is lifted (stac)
; only around them. A page fault on either is first offered to demand
; paging; if that fails, the trap handler resumes at uaccess_fixup and the
; call returns nonzero (some bytes were not copied).

global uaccess_copy, uaccess_insn, uaccess_insn2, uaccess_fixup
extern smap_enabled

section .text
uaccess_copy:
	mov rcx, rdx
	shr rcx, 3
	and edx, 7
	cmp byte [rel smap_enabled], 0
	je .copy
	stac
.copy:
uaccess_insn:
	rep movsq
	mov ecx, edx
uaccess_insn2:
	rep movsb
	cmp byte [rel smap_enabled], 0
	je .done
	clac
.done:
	xor eax, eax
	ret
uaccess_fixup:
	cmp byte [rel smap_enabled], 0
	je .ret
	clac
.ret:
	mov eax, 1
	ret

; uaccess_allow / uaccess_forbid: open and close SMAP around a block of
; kernel reads of user memory that is known to be present (see uaccess.h).
global uaccess_allow, uaccess_forbid
uaccess_allow:
	cmp byte [rel smap_enabled], 0
	je .r
	stac
.r:	ret
uaccess_forbid:
	cmp byte [rel smap_enabled], 0
	je .r
	clac
.r:	ret
