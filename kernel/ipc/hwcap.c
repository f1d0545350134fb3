// SPDX-License-Identifier: MIT
/* IRQ and I/O-port capabilities. */
#include "abi/errno.h"
#include "cpu.h"
#include "gdt.h"
#include "ioapic.h"
#include "lapic.h"
#include "percpu.h"
#include "trap.h"
#include "ipc/hwcap.h"
#include "ipc/notif.h"
#include "mm/slab.h"
#include "proc/proc.h"
#include "lib/kprintf.h"
#include "lib/string.h"


struct irq_line {
	struct notif *notif;
	uint64_t bits;
	int gsi;
	bool pending_ack;
};

static struct irq_line lines[HW_IRQ_LINES];
static struct kobj irq_root, ioport_root;
static const struct kobj_ops static_ops = { 0 };
struct proc *ioport_loaded;

struct kobj *hwcap_irq_root(void)
{
	if (!irq_root.ops)
		kobj_init(&irq_root, CAP_IRQ, &static_ops);
	return &irq_root;
}

struct kobj *hwcap_ioport_root(void)
{
	if (!ioport_root.ops)
		kobj_init(&ioport_root, CAP_IOPORT, &static_ops);
	return &ioport_root;
}

static void on_irq(struct trap_frame *tf, void *arg)
{
	(void)tf;
	struct irq_line *l = arg;
	ioapic_mask((uint32_t)l->gsi);
	lapic_eoi();
	l->pending_ack = true;
	if (l->notif)
		notif_signal(l->notif, l->bits);
}

long irq_bind(unsigned line, struct notif *n, uint64_t bits)
{
	if (line >= HW_IRQ_LINES || !bits)
		return -EINVAL;
	struct irq_line *l = &lines[line];
	int gsi = ioapic_route_isa((uint8_t)line, (uint8_t)(VEC_IRQ_BASE + line), this_cpu()->apic_id);
	if (gsi < 0)
		return -EIO;
	if (l->notif)
		kobj_put(&l->notif->obj);
	l->notif = (struct notif *)kobj_get(&n->obj);
	l->bits = bits;
	l->gsi = gsi;
	trap_set_handler((uint8_t)(VEC_IRQ_BASE + line), on_irq, l);
	ioapic_unmask((uint32_t)gsi);
	return 0;
}

long irq_ack(unsigned line)
{
	if (line >= HW_IRQ_LINES || !lines[line].notif)
		return -EINVAL;
	lines[line].pending_ack = false;
	ioapic_unmask((uint32_t)lines[line].gsi);
	return 0;
}

long ioport_enable(struct proc *p, unsigned base, unsigned count)
{
	if (!count || base + count > 65536)
		return -EINVAL;
	if (!p->iomap) {
		p->iomap = kmalloc(IOMAP_BYTES);
		if (!p->iomap)
			return -ENOMEM;
		memset(p->iomap, 0xFF, IOMAP_BYTES);
	}
	for (unsigned port = base; port < base + count; port++)
		p->iomap[port / 8] &= (uint8_t)~(1u << (port % 8));
	ioport_loaded = NULL;
	ioport_load(p);
	return 0;
}

void ioport_load(struct proc *p)
{
	struct proc *want = p && p->iomap ? p : NULL;
	if (want == ioport_loaded)
		return;
	struct tss *tss = tss_current();
	if (want)
		memcpy(tss->iomap, want->iomap, IOMAP_BYTES);
	else
		memset(tss->iomap, 0xFF, IOMAP_BYTES);
	ioport_loaded = want;
}

void ioport_forget(struct proc *p)
{
	if (ioport_loaded == p)
		ioport_load(NULL);
	kfree(p->iomap);
	p->iomap = NULL;
}
