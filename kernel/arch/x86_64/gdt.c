// SPDX-License-Identifier: MIT
/* The GDT and TSS of the boot CPU, with separate IST stacks for double
 * faults, NMIs and machine checks so that each runs on a known-good stack. */
#include "gdt.h"
#include "lib/string.h"

#define IST_STACK_SIZE 16384

static uint64_t gdt[7];
static struct tss boot_tss __attribute__((aligned(64)));
static uint8_t ist_stacks[3][IST_STACK_SIZE] __attribute__((aligned(16)));

struct gdt_ptr {
	uint16_t limit;
	uint64_t base;
} __attribute__((packed));

static void set_tss_descriptor(int idx, const struct tss *t)
{
	uint64_t base = (uint64_t)t;
	uint64_t limit = sizeof(*t) - 1;
	gdt[idx] = (limit & 0xFFFF) | ((base & 0xFFFFFF) << 16) | (0x89ull << 40) |
		   (((limit >> 16) & 0xF) << 48) | (((base >> 24) & 0xFF) << 56);
	gdt[idx + 1] = base >> 32;
}

void gdt_init(void)
{
	gdt[0] = 0;
	gdt[1] = 0x00AF9A000000FFFFull;  /* kernel code, 64-bit */
	gdt[2] = 0x00CF92000000FFFFull;  /* kernel data */
	gdt[3] = 0x00CFF2000000FFFFull;  /* user data, DPL 3 */
	gdt[4] = 0x00AFFA000000FFFFull;  /* user code, 64-bit, DPL 3 */
	memset(&boot_tss, 0, sizeof(boot_tss));
	for (int i = 0; i < 3; i++)
		boot_tss.ist[i] = (uint64_t)&ist_stacks[i][IST_STACK_SIZE];
	boot_tss.iomap_base = offsetof(struct tss, iomap);
	memset(boot_tss.iomap, 0xFF, sizeof(boot_tss.iomap));
	set_tss_descriptor(5, &boot_tss);

	struct gdt_ptr p = { sizeof(gdt) - 1, (uint64_t)gdt };
	__asm__ volatile(
		"lgdt %0\n\t"
		"pushq %1\n\t"
		"leaq 1f(%%rip), %%rax\n\t"
		"pushq %%rax\n\t"
		"lretq\n"
		"1:\n\t"
		"movw %w2, %%ax\n\t"
		"movw %%ax, %%ds\n\t"
		"movw %%ax, %%es\n\t"
		"movw %%ax, %%ss\n\t"
		"ltr %w3\n\t"
		: : "m"(p), "i"(SEL_KCODE), "r"(SEL_KDATA), "r"(SEL_TSS) : "rax", "memory");
}

void tss_set_kernel_stack(uint64_t rsp0)
{
	boot_tss.rsp[0] = rsp0;
}

struct tss *tss_current(void)
{
	return &boot_tss;
}
