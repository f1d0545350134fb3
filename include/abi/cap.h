/* SPDX-License-Identifier: MIT */
/* Capabilities: what a process can name. Each process has a table of
 * CAP_SLOTS slots; a capability is an object of some type, a set of rights
 * and a badge. Copies carry equal or fewer rights; revoke destroys every
 * capability derived from one, in every process. */
#pragma once
#include <stdint.h>

#define CAP_SLOTS 256

enum cap_type {
	CAP_NULL = 0,
	CAP_ENDPOINT,       /* a service: connect to it (write), serve it (read) */
	CAP_CONNECTION,     /* one client's connection to an endpoint (a ring pair) */
	CAP_NOTIFICATION,   /* a word of signal bits with a wait queue */
	CAP_MEMORY,         /* a set of frames that can be mapped */
	CAP_ADDRESS_SPACE,
	CAP_THREAD,
	CAP_PROCESS,        /* a process; a notification can watch for its death */
	CAP_IRQ,            /* an interrupt line, delivered as notifications */
	CAP_IOPORT,         /* a range of I/O ports */
	CAP_SYSTEM,         /* the root task's powers: WRITE names the servers of forwarded
			     * calls and replaces a program for execve; READ writes the
			     * kernel log */
	CAP_NTYPES
};

/* Rights. */
#define CAP_R_READ 0x01     /* receive / wait / map readable / read ports */
#define CAP_R_WRITE 0x02    /* call, send, signal / map writable / write ports */
#define CAP_R_GRANT 0x04    /* may be passed to another process */
#define CAP_R_MAP 0x08      /* memory may be mapped */
#define CAP_R_EXEC 0x10     /* memory may be mapped executable */
#define CAP_R_MANAGE 0x20   /* the holder may derive badged copies and revoke */
#define CAP_R_ALL 0x3F     /* every power over the object: what its creator gets */
/* Not a power but a mark on one capability: the kernel copies it into the
 * same slot of a child at fork (exec keeps every capability). Any copy may
 * set or drop it; creators do not get it. */
#define CAP_R_INHERIT 0x40
#define CAP_R_VALID (CAP_R_ALL | CAP_R_INHERIT)

/* Slots every process starts with. */
#define CAP_SLOT_SELF 0     /* the process itself */
/* init additionally starts with these (the manifest hands them out): */
#define CAP_SLOT_IRQ_ROOT 1     /* every IRQ line (derive one line with cap_derive_irq) */
#define CAP_SLOT_IOPORT_ROOT 2  /* every I/O port (derive a range) */
#define CAP_SLOT_SYSTEM 3       /* the system capability (CAP_SYSTEM) */

/* What cap_info reports about a slot. */
struct cap_info {
	uint32_t type;
	uint32_t rights;
	uint64_t badge;
	uint64_t object_id;   /* the same object gives the same id */
	uint64_t arg0, arg1;  /* type-specific: IRQ line; port base/count; memory bytes/refs */
};
_Static_assert(sizeof(struct cap_info) == 40, "cap_info layout");
