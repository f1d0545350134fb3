// SPDX-License-Identifier: MIT
/* TSC frequency discovery and conversion. Calibration spans 5 ms of the
 * HPET or 10 ms of the PIT; under QEMU's TCG the result is whatever QEMU's virtual TSC
 * runs at, which is what guest timing needs. */
#include "cpu.h"
#include "cpufeat.h"
#include "hpet.h"
#include "pit.h"
#include "tsc.h"
#include "tsc_math.h"
#include "lib/kprintf.h"
#include "lib/panic.h"

static struct tsc_conv conv;
static enum tsc_source source;
static uint64_t boot_tsc;
static const char *const source_names[] = {
	[TSC_SRC_CPUID] = "CPUID 0x15/0x16", [TSC_SRC_HPET] = "HPET", [TSC_SRC_PIT] = "PIT",
};

static uint64_t from_cpuid(void)
{
	if (boot_cpu.max_leaf < 0x15)
		return 0;
	struct cpuid_regs r15 = cpuid(0x15, 0);
	uint32_t base_mhz = boot_cpu.max_leaf >= 0x16 ? cpuid(0x16, 0).eax : 0;
	return tsc_freq_from_cpuid15(r15.eax, r15.ebx, r15.ecx, base_mhz);
}

static uint64_t against_hpet(void)
{
	uint64_t span = hpet_hz() / 200;  /* 5 ms */
	uint64_t h0 = hpet_counter(), t0 = rdtsc(), h1;
	while ((h1 = hpet_counter()) - h0 < span)
		cpu_relax();
	uint64_t t1 = rdtsc();
	return tsc_freq_from_reference(t1 - t0, h1 - h0, hpet_hz());
}

static uint64_t against_pit(void)
{
	const uint16_t ticks = (uint16_t)(PIT_HZ / 100);
	uint64_t t0 = rdtsc();
	pit_wait_ticks(ticks);
	return tsc_freq_from_reference(rdtsc() - t0, ticks, PIT_HZ);
}

void tsc_init(void)
{
	uint64_t hz = from_cpuid();
	source = TSC_SRC_CPUID;
	if (!hz) {
		source = hpet_present() ? TSC_SRC_HPET : TSC_SRC_PIT;
		hz = hpet_present() ? against_hpet() : against_pit();
	}
	if (!hz || !tsc_conv_init(&conv, hz))
		panic("tsc: could not determine the TSC frequency (source %s)",
		      source_names[source]);
	boot_tsc = rdtsc();
	pr_info("tsc: %lu.%03lu MHz from %s, %s\n", hz / 1000000, (hz / 1000) % 1000,
		source_names[source],
		cpu_has(CPU_INVARIANT_TSC) ? "invariant" : "not invariant (no CPUID 0x80000007 bit)");
}

uint64_t tsc_hz(void)
{
	return conv.hz;
}

enum tsc_source tsc_source(void)
{
	return source;
}

const char *tsc_source_name(void)
{
	return source_names[source];
}

uint64_t tsc_boot(void)
{
	return boot_tsc;
}

uint64_t tsc_ticks_to_ns(uint64_t ticks)
{
	return tsc_to_ns(&conv, ticks);
}

uint64_t tsc_ns_to_ticks(uint64_t ns)
{
	return ns_to_tsc(&conv, ns);
}

uint64_t ktime_ns(void)
{
	return tsc_to_ns(&conv, rdtsc() - boot_tsc);
}

const struct tsc_conv *tsc_conv_current(void)
{
	return &conv;
}
