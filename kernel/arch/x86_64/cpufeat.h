/* SPDX-License-Identifier: MIT */
/* CPU features read once from CPUID at boot; code asks cpu_has(). */
#pragma once
#include "lib/types.h"

enum cpu_feature {
	CPU_APIC, CPU_X2APIC, CPU_TSC_DEADLINE, CPU_INVARIANT_TSC, CPU_NX,
	CPU_SMEP, CPU_SMAP, CPU_UMIP, CPU_PCID, CPU_INVPCID, CPU_XSAVE,
	CPU_FSGSBASE, CPU_PDPE1GB, CPU_PGE, CPU_FXSR, CPU_SYSCALL, CPU_RDRAND, CPU_RDSEED,
	CPU_NFEATURES
};

struct cpu_info {
	char vendor[13];
	char brand[49];
	uint32_t max_leaf, max_ext_leaf;
	uint32_t family, model;
	uint32_t apic_id;  /* initial APIC id of the boot CPU */
	bool has[CPU_NFEATURES];
};

extern struct cpu_info boot_cpu;

void cpu_detect(void);
static inline bool cpu_has(enum cpu_feature f)
{
	return boot_cpu.has[f];
}
/* Names the features present, for the boot log. */
void cpu_log_features(void);
