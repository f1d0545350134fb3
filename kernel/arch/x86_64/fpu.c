// SPDX-License-Identifier: MIT
/* FPU state save/restore. Areas are 64-byte aligned (xsave needs it). */
#include "cpu.h"
#include "cpufeat.h"
#include "fpu.h"
#include "lib/kprintf.h"
#include "lib/string.h"

#define FPU_MAX_AREA 4096

bool fpu_use_xsave;
uint64_t fpu_xcr0;
static size_t area_size = 512;
static uint8_t clean_state[FPU_MAX_AREA] __attribute__((aligned(64)));

static void xsetbv(uint32_t reg, uint64_t v)
{
	__asm__ volatile("xsetbv" : : "c"(reg), "a"((uint32_t)v), "d"((uint32_t)(v >> 32)));
}

void fpu_init(void)
{
	write_cr0((read_cr0() & ~(1ull << 2 | 1ull << 3)) | (1ull << 1));  /* EM off, TS off, MP on */
	uint64_t cr4 = read_cr4() | CR4_OSFXSR | CR4_OSXMMEXCPT;
	fpu_use_xsave = cpu_has(CPU_XSAVE);
	if (fpu_use_xsave) {
		write_cr4(cr4 | CR4_OSXSAVE);
		struct cpuid_regs r = cpuid(0xD, 0);
		fpu_xcr0 = r.eax & 0x7;  /* x87, SSE, AVX where offered */
		xsetbv(0, fpu_xcr0);
		area_size = cpuid(0xD, 0).ebx;
		if (area_size > FPU_MAX_AREA) {
			pr_warn("fpu: xsave area of %zu bytes too large; using fxsave\n", area_size);
			fpu_use_xsave = false;
			area_size = 512;
			write_cr4(cr4);
		}
	} else {
		write_cr4(cr4);
	}
	__asm__ volatile("fninit");
	uint32_t mxcsr = 0x1F80;
	__asm__ volatile("ldmxcsr %0" : : "m"(mxcsr));
	memset(clean_state, 0, sizeof(clean_state));
	fpu_save(clean_state);
	pr_info("fpu: %s, %zu-byte state, xcr0 0x%lx\n", fpu_use_xsave ? "xsave" : "fxsave",
		area_size, fpu_xcr0);
}

size_t fpu_state_size(void)
{
	return area_size;
}

void fpu_state_init(void *area)
{
	memcpy(area, clean_state, area_size);
}
