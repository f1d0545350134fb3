; SPDX-License-Identifier: MIT
; uaccess_copy(dst, src, n): the one instruction that touches user memory.
; SMAP is lifted (stac) only around it. A page fault on it is first offered
; to demand paging; if that fails, the trap handler resumes at
; uaccess_fixup and the call returns the number of bytes not copied.

global uaccess_copy, uaccess_insn, uaccess_fixup
extern smap_enabled

section .text
uaccess_copy:
	mov rcx, rdx
	cmp byte [rel smap_enabled], 0
	je .copy
	stac
.copy:
uaccess_insn:
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
	mov rax, rcx
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
