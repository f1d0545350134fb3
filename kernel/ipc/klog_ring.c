// SPDX-License-Identifier: MIT
/* The kernel log through the console server: a ring in a memory object the
 * console maps; the log sink fills it and signals the console. Panics, and
 * the console's death, send the log straight to COM1 again. */
#include "abi/errno.h"
#include "serial.h"
#include "ipc/klog_ring.h"
#include "ipc/memobj.h"
#include "ipc/notif.h"
#include "mm/phys.h"
#include "proc/proc.h"
#include "abi/klog.h"
#include "lib/kprintf.h"
#include "lib/string.h"


static struct memobj *ring_obj;
static struct klog_ring *ring;
static struct notif *reader;
static struct proc *reader_proc;

/* The ring's bytes are not contiguous in the kernel's view: one page each. */
static void put_byte(uint64_t pos, uint8_t b)
{
	uint64_t off = __builtin_offsetof(struct klog_ring, data) + pos % ring->size;
	uint8_t *page = phys_to_virt(memobj_page(ring_obj, off / PAGE_SIZE));
	page[off % PAGE_SIZE] = b;
}

static void ring_sink(const char *s, size_t n)
{
	uint64_t head = ring->head;
	for (size_t i = 0; i < n; i++) {
		if (head - ring->tail >= ring->size) {
			ring->dropped += n - i;
			break;
		}
		put_byte(head++, (uint8_t)s[i]);
	}
	__atomic_store_n(&ring->head, head, __ATOMIC_RELEASE);
	notif_signal(reader, 1);
}

long klog_attach(struct proc *p, struct notif *n, struct memobj **out)
{
	if (reader_proc)
		return -EBUSY;
	if (!ring_obj) {
		ring_obj = memobj_create(KLOG_RING_BYTES);
		if (!ring_obj)
			return -ENOMEM;
		ring = phys_to_virt(memobj_page(ring_obj, 0));
		ring->magic = KLOG_RING_MAGIC;
		ring->size = KLOG_RING_BYTES - __builtin_offsetof(struct klog_ring, data);
	}
	reader = (struct notif *)kobj_get(&n->obj);
	reader_proc = p;
	*out = ring_obj;
	klog_remove_sink(serial_write);
	klog_add_sink(ring_sink);
	return 0;
}

static uint8_t get_byte(uint64_t pos)
{
	uint64_t off = __builtin_offsetof(struct klog_ring, data) + pos % ring->size;
	const uint8_t *page = phys_to_virt(memobj_page(ring_obj, off / PAGE_SIZE));
	return page[off % PAGE_SIZE];
}

void klog_direct(void)
{
	if (ring) {  /* what the console has not shown yet goes out first */
		uint64_t t = ring->tail;
		if (ring->head - t > ring->size)
			t = ring->head - ring->size;  /* the console wrote nonsense */
		for (; t != ring->head; t++) {
			char c = (char)get_byte(t);
			serial_write(&c, 1);
		}
		ring->tail = ring->head;
	}
	klog_remove_sink(ring_sink);
	klog_remove_sink(serial_write);
	klog_add_sink(serial_write);
}

void klog_proc_gone(struct proc *p)
{
	if (p != reader_proc)
		return;
	klog_direct();
	kobj_put(&reader->obj);
	reader = NULL;
	reader_proc = NULL;
	pr_warn("klog: the console server is gone; logging to COM1\n");
}
