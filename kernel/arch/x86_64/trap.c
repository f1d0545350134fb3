// SPDX-License-Identifier: MIT
/* The IDT and the C side of interrupt entry: exceptions from the kernel
 * panic with a full dump; interrupts go to registered handlers. User-mode
 * faults go to proc_user_fault() (weak until processes exist). */
#include "cpu.h"
#include "gdt.h"
#include "trap.h"
#include "lib/kprintf.h"
#include "lib/ksyms.h"
#include "lib/panic.h"

struct idt_entry {
	uint16_t off_lo, sel;
	uint8_t ist, type;
	uint16_t off_mid;
	uint32_t off_hi, zero;
} __attribute__((packed));

extern const uint64_t isr_table[256];
static struct idt_entry idt[256] __attribute__((aligned(16)));
static struct {
	irq_handler_t fn;
	void *arg;
} handlers[256];

static const char *const exc_names[32] = {
	"divide error", "debug", "NMI", "breakpoint", "overflow", "bound range",
	"invalid opcode", "device not available", "double fault", "coprocessor overrun",
	"invalid TSS", "segment not present", "stack fault", "general protection",
	"page fault", "reserved", "x87 FP error", "alignment check", "machine check",
	"SIMD FP error", "virtualization", "control protection", "reserved", "reserved",
	"reserved", "reserved", "reserved", "reserved", "hypervisor injection",
	"VMM communication", "security", "reserved",
};

const char *trap_name(uint64_t vector)
{
	return vector < 32 ? exc_names[vector] : "interrupt";
}

static void set_gate(int vec, uint64_t fn, uint8_t ist, uint8_t dpl)
{
	idt[vec] = (struct idt_entry){
		.off_lo = fn & 0xFFFF, .sel = SEL_KCODE, .ist = ist,
		.type = (uint8_t)(0x8E | (dpl << 5)),  /* present, interrupt gate */
		.off_mid = (fn >> 16) & 0xFFFF, .off_hi = (uint32_t)(fn >> 32),
	};
}

void idt_init(void)
{
	for (int v = 0; v < 256; v++)
		set_gate(v, isr_table[v], 0, v == 3 ? 3 : 0);
	set_gate(2, isr_table[2], IST_NMI, 0);
	set_gate(8, isr_table[8], IST_DOUBLE_FAULT, 0);
	set_gate(18, isr_table[18], IST_MACHINE_CHECK, 0);
	struct {
		uint16_t limit;
		uint64_t base;
	} __attribute__((packed)) p = { sizeof(idt) - 1, (uint64_t)idt };
	__asm__ volatile("lidt %0" : : "m"(p));
}

void trap_set_handler(uint8_t vector, irq_handler_t fn, void *arg)
{
	handlers[vector].arg = arg;
	handlers[vector].fn = fn;
}

static void print_sym(uint64_t addr)
{
	uint64_t off;
	const char *name = ksym_lookup(addr, &off);
	if (name)
		kprintf("  [<%016lx>] %s+0x%lx\n", addr, name, off);
	else
		kprintf("  [<%016lx>] ?\n", addr);
}

/* Walks the frame-pointer chain from rbp; stops at anything not in the kernel. */
void backtrace_from(uint64_t rip, uint64_t rbp)
{
	kprintf("backtrace:\n");
	print_sym(rip);
	for (int depth = 0; depth < 24; depth++) {
		if (rbp < 0xFFFF800000000000ull || (rbp & 7))
			break;
		uint64_t *frame = (uint64_t *)rbp;
		uint64_t ret = frame[1];
		if (ret < 0xFFFFFFFF80000000ull)
			break;
		print_sym(ret);
		rbp = frame[0];
	}
}

void trap_dump(const struct trap_frame *tf)
{
	kprintf("vector %lu (%s) error 0x%lx cr2 0x%016lx\n", tf->vector,
		trap_name(tf->vector), tf->error, read_cr2());
	kprintf("rip %04lx:%016lx rflags %016lx rsp %04lx:%016lx\n", tf->cs, tf->rip,
		tf->rflags, tf->ss, tf->rsp);
	kprintf("rax %016lx rbx %016lx rcx %016lx rdx %016lx\n", tf->rax, tf->rbx, tf->rcx, tf->rdx);
	kprintf("rsi %016lx rdi %016lx rbp %016lx r8  %016lx\n", tf->rsi, tf->rdi, tf->rbp, tf->r8);
	kprintf("r9  %016lx r10 %016lx r11 %016lx r12 %016lx\n", tf->r9, tf->r10, tf->r11, tf->r12);
	kprintf("r13 %016lx r14 %016lx r15 %016lx cr3 %016lx\n", tf->r13, tf->r14, tf->r15, read_cr3());
	if (!trap_from_user(tf))
		backtrace_from(tf->rip, tf->rbp);
}

/* Overridden by the process layer: handles a fault taken in user mode. */
__attribute__((weak)) void proc_user_fault(struct trap_frame *tf)
{
	trap_dump(tf);
	panic("user-mode %s with no process layer", trap_name(tf->vector));
}

void panic_begin(void);
__attribute__((noreturn)) void panic_end(void);

static void kernel_exception(struct trap_frame *tf)
{
	panic_begin();
	kprintf("\nPANIC: kernel %s\n", trap_name(tf->vector));
	trap_dump(tf);
	panic_end();
}

/* Overridden by the process layer: demand paging and user-copy faults.
 * Returns true when the fault was dealt with. */
__attribute__((weak)) bool proc_page_fault(struct trap_frame *tf)
{
	(void)tf;
	return false;
}

/* Overridden by the process layer: reschedule or die on the way out. */
__attribute__((weak)) void proc_return_to_user(void)
{
}

void trap_dispatch(struct trap_frame *tf)
{
	uint64_t v = tf->vector;
	if (v == 14 && proc_page_fault(tf)) {
		if (trap_from_user(tf))
			proc_return_to_user();
		return;
	}
	if (v < 32) {
		if (trap_from_user(tf) && v != 2 && v != 8 && v != 18)
			proc_user_fault(tf);
		else
			kernel_exception(tf);
		return;
	}
	if (handlers[v].fn)
		handlers[v].fn(tf, handlers[v].arg);
	else if (v != VEC_SPURIOUS)
		pr_warn("trap: unexpected interrupt vector %lu\n", v);
	if (trap_from_user(tf))
		proc_return_to_user();
}
