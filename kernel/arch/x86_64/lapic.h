/* SPDX-License-Identifier: MIT */
/* The local APIC, in x2APIC mode (MSRs) where the CPU offers it and xAPIC
 * mode (MMIO) otherwise; and its timer, in TSC-deadline mode where offered
 * and one-shot mode (calibrated against the TSC) otherwise. */
#pragma once
#include "lib/types.h"

struct acpi_info;

void lapic_init(const struct acpi_info *acpi);
void lapic_eoi(void);
uint32_t lapic_id(void);
bool lapic_x2apic(void);
/* Prepares the timer; needs the TSC frequency. */
void lapic_timer_init(void);
/* Fires VEC_LAPIC_TIMER at (or just after) the absolute TSC deadline;
 * UINT64_MAX disarms. */
void lapic_timer_arm(uint64_t tsc_deadline);
bool lapic_timer_tsc_deadline(void);
