// SPDX-License-Identifier: MIT
/* Leaving the machine: isa-debug-exit (QEMU) for tests and power-off, then halt. */
#include "cpu.h"

#define DEBUG_EXIT_PORT 0xF4

/* Exits QEMU with status (code << 1) | 1 when isa-debug-exit is present;
 * otherwise halts forever. */
void machine_exit(uint32_t code)
{
	cpu_disable_irqs();
	outl(DEBUG_EXIT_PORT, code);
	for (;;)
		cpu_halt();
}
