// SPDX-License-Identifier: MIT
/* CPUID probing of the boot CPU. */
#include "cpu.h"
#include "cpufeat.h"
#include "lib/kprintf.h"
#include "lib/string.h"

struct cpu_info boot_cpu;

static const char *const feature_names[CPU_NFEATURES] = {
	[CPU_APIC] = "apic", [CPU_X2APIC] = "x2apic", [CPU_TSC_DEADLINE] = "tsc-deadline",
	[CPU_INVARIANT_TSC] = "invtsc", [CPU_NX] = "nx", [CPU_SMEP] = "smep",
	[CPU_SMAP] = "smap", [CPU_UMIP] = "umip", [CPU_PCID] = "pcid",
	[CPU_INVPCID] = "invpcid", [CPU_XSAVE] = "xsave", [CPU_FSGSBASE] = "fsgsbase",
	[CPU_PDPE1GB] = "1gpage", [CPU_PGE] = "pge", [CPU_FXSR] = "fxsr",
	[CPU_SYSCALL] = "syscall", [CPU_RDRAND] = "rdrand", [CPU_RDSEED] = "rdseed",
};

static void read_brand(void)
{
	if (boot_cpu.max_ext_leaf < 0x80000004)
		return;
	for (uint32_t i = 0; i < 3; i++) {
		struct cpuid_regs r = cpuid(0x80000002 + i, 0);
		memcpy(boot_cpu.brand + 16 * i, &r, 16);
	}
	boot_cpu.brand[48] = '\0';
}

void cpu_detect(void)
{
	struct cpuid_regs r = cpuid(0, 0);
	boot_cpu.max_leaf = r.eax;
	memcpy(boot_cpu.vendor + 0, &r.ebx, 4);
	memcpy(boot_cpu.vendor + 4, &r.edx, 4);
	memcpy(boot_cpu.vendor + 8, &r.ecx, 4);
	boot_cpu.max_ext_leaf = cpuid(0x80000000, 0).eax;
	bool *h = boot_cpu.has;

	r = cpuid(1, 0);
	boot_cpu.family = (r.eax >> 8) & 0xf;
	boot_cpu.model = (r.eax >> 4) & 0xf;
	if (boot_cpu.family == 6 || boot_cpu.family == 15)
		boot_cpu.model |= ((r.eax >> 16) & 0xf) << 4;
	boot_cpu.apic_id = r.ebx >> 24;
	h[CPU_APIC] = r.edx & (1u << 9);
	h[CPU_PGE] = r.edx & (1u << 13);
	h[CPU_FXSR] = r.edx & (1u << 24);
	h[CPU_X2APIC] = r.ecx & (1u << 21);
	h[CPU_TSC_DEADLINE] = r.ecx & (1u << 24);
	h[CPU_XSAVE] = r.ecx & (1u << 26);
	h[CPU_PCID] = r.ecx & (1u << 17);
	h[CPU_RDRAND] = r.ecx & (1u << 30);
	if (boot_cpu.max_leaf >= 7) {
		r = cpuid(7, 0);
		h[CPU_FSGSBASE] = r.ebx & (1u << 0);
		h[CPU_SMEP] = r.ebx & (1u << 7);
		h[CPU_INVPCID] = r.ebx & (1u << 10);
		h[CPU_SMAP] = r.ebx & (1u << 20);
		h[CPU_UMIP] = r.ecx & (1u << 2);
		h[CPU_RDSEED] = r.ebx & (1u << 18);
	}
	if (boot_cpu.max_ext_leaf >= 0x80000001) {
		r = cpuid(0x80000001, 0);
		h[CPU_NX] = r.edx & (1u << 20);
		h[CPU_PDPE1GB] = r.edx & (1u << 26);
		h[CPU_SYSCALL] = r.edx & (1u << 11);
	}
	if (boot_cpu.max_ext_leaf >= 0x80000007)
		h[CPU_INVARIANT_TSC] = cpuid(0x80000007, 0).edx & (1u << 8);
	read_brand();
}

void cpu_log_features(void)
{
	char line[256];
	size_t n = 0;
	for (int f = 0; f < CPU_NFEATURES; f++) {
		if (!boot_cpu.has[f])
			continue;
		size_t l = strlen(feature_names[f]);
		if (n + l + 2 >= sizeof(line))
			break;
		line[n++] = ' ';
		memcpy(line + n, feature_names[f], l);
		n += l;
	}
	line[n] = '\0';
	pr_info("cpu: %s \"%s\" family %u model %u, max leaf 0x%x\n", boot_cpu.vendor,
		boot_cpu.brand, boot_cpu.family, boot_cpu.model, boot_cpu.max_leaf);
	pr_info("cpu: features:%s\n", line);
}
