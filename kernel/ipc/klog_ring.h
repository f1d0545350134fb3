/* SPDX-License-Identifier: MIT */
/* The kernel log through the console server (see include/abi/klog.h). */
#pragma once
#include "lib/types.h"

struct proc;
struct notif;
struct memobj;

/* p (the console) will read the log: returns the ring's memory object. */
long klog_attach(struct proc *p, struct notif *n, struct memobj **out);
/* Back to COM1 directly (panic). */
void klog_direct(void);
/* p is dying: if it read the log, the log goes back to COM1. */
void klog_proc_gone(struct proc *p);
