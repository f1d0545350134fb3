// SPDX-License-Identifier: MIT
/* HPET: capabilities give the counter period in femtoseconds. */
#include "acpi.h"
#include "hpet.h"
#include "mm/paging.h"
#include "lib/kprintf.h"

#define REG_CAP 0x00
#define REG_CONFIG 0x10
#define REG_COUNTER 0xF0

static volatile uint64_t *regs;
static uint64_t freq;

bool hpet_init(const struct acpi_info *acpi)
{
	if (!acpi->hpet.present) {
		pr_info("hpet: none (no ACPI HPET table)\n");
		return false;
	}
	regs = vm_map_mmio(acpi->hpet.base, 0x400);
	uint64_t cap = regs[REG_CAP / 8];
	uint64_t period_fs = cap >> 32;
	if (period_fs == 0 || period_fs > 100000000ull) {
		pr_warn("hpet: implausible period %lu fs; not using it\n", period_fs);
		regs = NULL;
		return false;
	}
	freq = 1000000000000000ull / period_fs;
	regs[REG_CONFIG / 8] |= 1;  /* ENABLE_CNF */
	pr_info("hpet: at 0x%lx, %lu Hz, %lu timers, %u-bit counter\n", acpi->hpet.base,
		freq, ((cap >> 8) & 0x1F) + 1, (cap & (1 << 13)) ? 64 : 32);
	return true;
}

bool hpet_present(void)
{
	return regs != NULL;
}

uint64_t hpet_counter(void)
{
	return regs[REG_COUNTER / 8];
}

uint64_t hpet_hz(void)
{
	return freq;
}
