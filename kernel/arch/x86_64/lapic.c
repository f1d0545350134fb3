// SPDX-License-Identifier: MIT
/* Local APIC access and its timer. */
#include "acpi.h"
#include "cpu.h"
#include "cpufeat.h"
#include "lapic.h"
#include "trap.h"
#include "tsc.h"
#include "tsc_math.h"
#include "mm/paging.h"
#include "lib/kprintf.h"
#include "lib/panic.h"

#define REG_ID 0x20
#define REG_VERSION 0x30
#define REG_TPR 0x80
#define REG_EOI 0xB0
#define REG_SVR 0xF0
#define REG_ESR 0x280
#define REG_LVT_TIMER 0x320
#define REG_LVT_LINT0 0x350
#define REG_LVT_LINT1 0x360
#define REG_LVT_ERROR 0x370
#define REG_TIMER_INIT 0x380
#define REG_TIMER_CUR 0x390
#define REG_TIMER_DIV 0x3E0

#define LVT_MASKED (1u << 16)
#define LVT_TSC_DEADLINE (2u << 17)
#define LVT_NMI (4u << 8)
#define APIC_BASE_EN (1ull << 11)
#define APIC_BASE_EXTD (1ull << 10)

static bool x2apic;
static volatile uint32_t *mmio;
static bool use_deadline;
static uint64_t lapic_hz;  /* one-shot mode: timer ticks per second (divide by 16) */

static uint32_t rd(uint32_t reg)
{
	if (x2apic)
		return (uint32_t)rdmsr(0x800 + (reg >> 4));
	return mmio[reg / 4];
}

static void wr(uint32_t reg, uint32_t v)
{
	if (x2apic)
		wrmsr(0x800 + (reg >> 4), v);
	else
		mmio[reg / 4] = v;
}

void lapic_eoi(void)
{
	wr(REG_EOI, 0);
}

uint32_t lapic_id(void)
{
	uint32_t id = rd(REG_ID);
	return x2apic ? id : id >> 24;
}

bool lapic_x2apic(void)
{
	return x2apic;
}

static void on_error(struct trap_frame *tf, void *arg)
{
	(void)tf, (void)arg;
	wr(REG_ESR, 0);
	pr_warn("lapic: error interrupt, ESR 0x%x\n", rd(REG_ESR));
	lapic_eoi();
}

/* Programs LINT0/LINT1 as NMI inputs where the MADT says so for this CPU. */
static void setup_nmis(const struct acpi_info *acpi, uint32_t uid)
{
	for (size_t i = 0; i < acpi->lapic_nmi_count; i++) {
		const struct acpi_lapic_nmi *n = &acpi->lapic_nmis[i];
		if (n->acpi_uid != ACPI_UID_ALL && n->acpi_uid != uid)
			continue;
		uint32_t lvt = LVT_NMI;
		if ((n->flags & 3) == 3)
			lvt |= 1u << 13;  /* active low */
		wr(n->lint ? REG_LVT_LINT1 : REG_LVT_LINT0, lvt);
		pr_info("lapic: LINT%u is NMI\n", n->lint);
	}
}

void lapic_init(const struct acpi_info *acpi)
{
	if (!cpu_has(CPU_APIC))
		panic("lapic: this CPU has no local APIC; an APIC is required");
	uint64_t base = rdmsr(MSR_APIC_BASE);
	x2apic = cpu_has(CPU_X2APIC);
	if (x2apic) {
		wrmsr(MSR_APIC_BASE, base | APIC_BASE_EN | APIC_BASE_EXTD);
	} else {
		wrmsr(MSR_APIC_BASE, base | APIC_BASE_EN);
		mmio = vm_map_mmio(acpi->lapic_addr, PAGE_SIZE);
	}
	wr(REG_TPR, 0);
	wr(REG_LVT_TIMER, LVT_MASKED);
	wr(REG_LVT_LINT0, LVT_MASKED);
	wr(REG_LVT_LINT1, LVT_MASKED);
	trap_set_handler(VEC_LAPIC_ERROR, on_error, NULL);
	wr(REG_LVT_ERROR, VEC_LAPIC_ERROR);
	wr(REG_ESR, 0);
	wr(REG_SVR, (1u << 8) | VEC_SPURIOUS);
	uint32_t id = lapic_id(), uid = 0;
	for (size_t i = 0; i < acpi->cpu_count; i++)
		if (acpi->cpus[i].apic_id == id)
			uid = acpi->cpus[i].acpi_uid;
	setup_nmis(acpi, uid);
	pr_info("lapic: %s mode, id %u, version 0x%x, %s\n", x2apic ? "x2APIC" : "xAPIC",
		id, rd(REG_VERSION) & 0xFF,
		x2apic ? "MSR access" : "MMIO access");
}

static volatile uint64_t calib_fired_tsc;

static void on_calibration(struct trap_frame *tf, void *arg)
{
	(void)tf, (void)arg;
	calib_fired_tsc = rdtsc();
	lapic_eoi();
}

/* Times a one-shot countdown (divide by 16) with the TSC. The count is never
 * read back: under QEMU's -icount, reading the timer's current count through
 * an x2APIC MSR aborts QEMU ("Bad icount read"). */
static uint64_t calibrate_oneshot(void)
{
	const uint32_t count = 1u << 18;  /* ~4 ms at QEMU's 62.5 MHz */
	trap_set_handler(VEC_LAPIC_TIMER, on_calibration, NULL);
	wr(REG_TIMER_DIV, 0x3);
	wr(REG_LVT_TIMER, VEC_LAPIC_TIMER);
	calib_fired_tsc = 0;
	uint64_t f = irq_save();
	uint64_t t0 = rdtsc();
	wr(REG_TIMER_INIT, count);
	while (!calib_fired_tsc)
		cpu_wait_for_irq();
	irq_restore(f);
	wr(REG_LVT_TIMER, LVT_MASKED);
	trap_set_handler(VEC_LAPIC_TIMER, NULL, NULL);
	uint64_t ticks = calib_fired_tsc - t0;
	return ticks ? tsc_freq_from_reference(count, ticks, tsc_hz()) : 0;
}

void lapic_timer_init(void)
{
	use_deadline = cpu_has(CPU_TSC_DEADLINE);
	if (use_deadline) {
		wr(REG_LVT_TIMER, LVT_TSC_DEADLINE | VEC_LAPIC_TIMER);
		pr_info("lapic: timer in TSC-deadline mode\n");
		return;
	}
	lapic_hz = calibrate_oneshot();
	if (lapic_hz == 0)
		panic("lapic: timer calibration against the TSC measured 0 Hz");
	wr(REG_LVT_TIMER, VEC_LAPIC_TIMER);  /* one-shot */
	pr_info("lapic: timer in one-shot mode (no TSC-deadline), %lu Hz after /16, "
		"calibrated against the TSC\n", lapic_hz);
}

bool lapic_timer_tsc_deadline(void)
{
	return use_deadline;
}

void lapic_timer_arm(uint64_t deadline)
{
	if (use_deadline) {
		wrmsr(MSR_TSC_DEADLINE, deadline == UINT64_MAX ? 0 : deadline);
		return;
	}
	if (deadline == UINT64_MAX) {
		wr(REG_TIMER_INIT, 0);
		return;
	}
	uint64_t now = rdtsc();
	uint64_t ns = deadline > now ? tsc_ticks_to_ns(deadline - now) : 0;
	wr(REG_TIMER_INIT, (uint32_t)lapic_ticks_for_ns(lapic_hz, ns));
}
