/* SPDX-License-Identifier: MIT */
/* Segments and the TSS. The selector layout suits syscall/sysret:
 * STAR's sysret base 0x10 yields user SS 0x1B and user CS 0x23. */
#pragma once
#include "lib/types.h"

#define SEL_KCODE 0x08
#define SEL_KDATA 0x10
#define SEL_UDATA 0x1B
#define SEL_UCODE 0x23
#define SEL_TSS 0x28

#define IST_DOUBLE_FAULT 1
#define IST_NMI 2
#define IST_MACHINE_CHECK 3

#define IOMAP_BYTES 8192

struct tss {
	uint32_t reserved0;
	uint64_t rsp[3];
	uint64_t reserved1;
	uint64_t ist[7];
	uint64_t reserved2;
	uint16_t reserved3;
	uint16_t iomap_base;
	uint8_t iomap[IOMAP_BYTES + 1];  /* one bit per port, 1 = denied; ends in 0xFF */
} __attribute__((packed));

/* Loads the GDT, the TSS (with IST stacks) and reloads the segment registers. */
void gdt_init(void);
/* Sets the stack the CPU switches to on entry from user mode. */
void tss_set_kernel_stack(uint64_t rsp0);
struct tss *tss_current(void);
