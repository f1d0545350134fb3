/* SPDX-License-Identifier: MIT */
/* Hardware capabilities: IRQ lines delivered as notifications (IO-APIC
 * routing; the line stays masked from the interrupt until the handler
 * acknowledges it), and I/O-port ranges opened in the TSS bitmap of the
 * process that enables them. */
#pragma once
#include "ipc/cap.h"

struct proc;
struct notif;

#define HW_IRQ_LINES 24

/* The objects behind init's root capabilities (one per kind). */
struct kobj *hwcap_irq_root(void);
struct kobj *hwcap_ioport_root(void);

long irq_bind(unsigned line, struct notif *n, uint64_t bits);
long irq_ack(unsigned line);

/* Opens ports [base, base+count) for p from now on. */
long ioport_enable(struct proc *p, unsigned base, unsigned count);
/* Loads p's port bitmap into the TSS (context switch): a test, and a copy
 * only when the bitmap changes. */
extern struct proc *ioport_loaded;  /* whose bitmap is in the TSS (NULL: none) */
void ioport_load(struct proc *p);
/* p is dying: its bitmap leaves the TSS and is freed. */
void ioport_forget(struct proc *p);
