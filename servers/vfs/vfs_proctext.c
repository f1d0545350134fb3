// SPDX-License-Identifier: MIT
/* The text of /proc/meminfo (the kernel's frame counts, uk_meminfo),
 * /proc/cpuinfo (CPUID, which runs in user mode, and the TSC rate from
 * the aux vector) and /proc/uptime (CLOCK_MONOTONIC, from the vDSO), in
 * Linux's formats. Only the boot CPU runs, so cpuinfo shows one
 * processor. Entry point: vfs_proc_text (a vfs_config.proc_text). */
#include <cpuid.h>
#include <stdio.h>
#include <string.h>
#include <sys/auxv.h>
#include <time.h>
#include "abi/auxv.h"
#include "uk.h"
#include "vfs.h"
#include "vfs_kept.h"

static size_t meminfo(char *buf, size_t size)
{
	struct uk_meminfo mi;
	if (uk_meminfo(&mi) < 0)
		return 0;
	unsigned long long kib = mi.page_size / 1024;
	unsigned long long total = mi.total_frames * kib, free = mi.free_frames * kib;
	int n = snprintf(buf, size,
		"MemTotal:       %8llu kB\nMemFree:        %8llu kB\nMemAvailable:   %8llu kB\n"
		"Buffers:        %8llu kB\nCached:         %8llu kB\nSwapCached:     %8llu kB\n"
		"Active:         %8llu kB\nInactive:       %8llu kB\nSwapTotal:      %8llu kB\n"
		"SwapFree:       %8llu kB\nShmem:          %8llu kB\nSReclaimable:   %8llu kB\n",
		total, free, free, 0ull, 0ull, 0ull, total - free, 0ull, 0ull, 0ull, 0ull, 0ull);
	return n < 0 ? 0 : (size_t)n < size ? (size_t)n : size - 1;
}

/* Names of the CPUID leaf 1 EDX and ECX bits, as Linux's flags line. */
static const char *const edx1[32] = {
	"fpu", "vme", "de", "pse", "tsc", "msr", "pae", "mce", "cx8", "apic", NULL, "sep",
	"mtrr", "pge", "mca", "cmov", "pat", "pse36", "pn", "clflush", NULL, "dts", "acpi",
	"mmx", "fxsr", "sse", "sse2", "ss", "ht", "tm", "ia64", "pbe",
};
static const char *const ecx1[32] = {
	"pni", "pclmulqdq", "dtes64", "monitor", "ds_cpl", "vmx", "smx", "est", "tm2", "ssse3",
	"cid", "sdbg", "fma", "cx16", "xtpr", "pdcm", NULL, "pcid", "dca", "sse4_1", "sse4_2",
	"x2apic", "movbe", "popcnt", "tsc_deadline_timer", "aes", "xsave", NULL, "avx", "f16c",
	"rdrand", "hypervisor",
};
static const char *const ebx7[32] = {
	"fsgsbase", NULL, NULL, "bmi1", "hle", "avx2", NULL, "smep", "bmi2", "erms", "invpcid",
	"rtm", NULL, NULL, "mpx", NULL, "avx512f", "avx512dq", "rdseed", "adx", "smap",
};

static size_t flags(char *buf, size_t size, const char *const names[32], unsigned bits)
{
	size_t n = 0;
	for (int i = 0; i < 32; i++) {
		if (!(bits & (1u << i)) || !names[i] || n + strlen(names[i]) + 2 >= size)
			continue;
		n += (size_t)snprintf(buf + n, size - n, " %s", names[i]);
	}
	return n;
}

static size_t cpuinfo(char *buf, size_t size)
{
	unsigned a, b, c, d, max, sig, ecx, edx, ebx7v = 0;
	char vendor[13] = "", brand[49] = "";
	__cpuid(0, max, b, c, d);
	memcpy(vendor, &b, 4), memcpy(vendor + 4, &d, 4), memcpy(vendor + 8, &c, 4);
	__cpuid(1, sig, b, ecx, edx);
	if (max >= 7)
		__cpuid_count(7, 0, a, ebx7v, c, d);
	if (__get_cpuid_max(0x80000000u, NULL) >= 0x80000004u)
		for (unsigned i = 0; i < 3; i++)
			__cpuid(0x80000002u + i, *(unsigned *)(brand + 16 * i),
				*(unsigned *)(brand + 16 * i + 4), *(unsigned *)(brand + 16 * i + 8),
				*(unsigned *)(brand + 16 * i + 12));
	unsigned family = (sig >> 8) & 0xf, model = (sig >> 4) & 0xf;
	if (family == 0xf)
		family += (sig >> 20) & 0xff;
	if (family >= 6)
		model |= ((sig >> 16) & 0xf) << 4;
	unsigned long hz = getauxval(AT_UK_TSC_HZ);
	int n = snprintf(buf, size,
		"processor\t: 0\nvendor_id\t: %s\ncpu family\t: %u\nmodel\t\t: %u\n"
		"model name\t: %s\nstepping\t: %u\ncpu MHz\t\t: %lu.%03lu\ncpu cores\t: 1\n"
		"siblings\t: 1\nfpu\t\t: yes\nflags\t\t:",
		vendor, family, model, brand[0] ? brand : "unknown", sig & 0xf, hz / 1000000,
		hz / 1000 % 1000);
	if (n < 0 || (size_t)n >= size)
		return 0;
	size_t len = (size_t)n;
	len += flags(buf + len, size - len, edx1, edx);
	len += flags(buf + len, size - len, ecx1, ecx);
	len += flags(buf + len, size - len, ebx7, ebx7v);
	if (len + 2 < size)
		len += (size_t)snprintf(buf + len, size - len, "\n\n");
	return len;
}

static size_t uptime(char *buf, size_t size)
{
	struct timespec ts;
	if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0)
		return 0;
	int n = snprintf(buf, size, "%lld.%02ld 0.00\n", (long long)ts.tv_sec, ts.tv_nsec / 10000000);
	return n < 0 ? 0 : (size_t)n < size ? (size_t)n : size - 1;
}

size_t vfs_proc_text(void *ctx, int which, char *buf, size_t size)
{
	(void)ctx;
	switch (which) {
	case VFS_PROC_MEMINFO: return meminfo(buf, size);
	case VFS_PROC_CPUINFO: return cpuinfo(buf, size);
	case VFS_PROC_UPTIME: return uptime(buf, size);
	default: return 0;
	}
}
