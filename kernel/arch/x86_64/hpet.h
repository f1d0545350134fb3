/* SPDX-License-Identifier: MIT */
/* The HPET main counter, used as the reference for TSC calibration. */
#pragma once
#include "lib/types.h"

struct acpi_info;

/* Maps and starts the HPET the ACPI table names; false if there is none. */
bool hpet_init(const struct acpi_info *acpi);
bool hpet_present(void);
uint64_t hpet_counter(void);
uint64_t hpet_hz(void);
