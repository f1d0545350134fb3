/* SPDX-License-Identifier: MIT */
/* Interrupt and exception entry: the saved register frame, the IDT, and
 * registration of handlers for interrupt vectors. */
#pragma once
#include "lib/types.h"

struct trap_frame {
	uint64_t r15, r14, r13, r12, r11, r10, r9, r8;
	uint64_t rbp, rdi, rsi, rdx, rcx, rbx, rax;
	uint64_t vector, error;
	uint64_t rip, cs, rflags, rsp, ss;
};

#define VEC_IRQ_BASE 32       /* ISA IRQs 0-15 arrive at 32-47 through the IO-APIC */
#define VEC_LAPIC_TIMER 0xF0
#define VEC_LAPIC_ERROR 0xFE
#define VEC_SPURIOUS 0xFF

typedef void (*irq_handler_t)(struct trap_frame *tf, void *arg);

void idt_init(void);
/* Routes an interrupt vector (>= 32) to handler; replaces any previous one. */
void trap_set_handler(uint8_t vector, irq_handler_t fn, void *arg);
/* Called from the assembly stubs for every vector. */
void trap_dispatch(struct trap_frame *tf);
/* Prints registers and a backtrace of a frame (for panics and user faults). */
void trap_dump(const struct trap_frame *tf);
const char *trap_name(uint64_t vector);

static inline bool trap_from_user(const struct trap_frame *tf)
{
	return (tf->cs & 3) == 3;
}
