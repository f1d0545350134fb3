// SPDX-License-Identifier: MIT
/* The console server: forwarded read/write/ioctl on the terminal, through
 * the line discipline (con_ldisc.c) and COM1. Bootstrap capabilities:
 * 1 endpoint, 2 ready notification, 3 COM1's I/O ports, 4 IRQ 4. A read
 * that has no line yet is deferred and answered from the input thread. */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include "con_ldisc.h"
#include "con_uart.h"
#include "ipc.h"
#include "uk.h"
#include "proto/fwd.h"

#define SLOT_EP 1
#define SLOT_READY 2
#define SLOT_PORTS 3
#define SLOT_IRQ 4
#define MAX_DEFERRED 64

static struct con_state tty;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct {
	int conn;
	uint8_t *buf;
	size_t len;
} deferred[MAX_DEFERRED];
static int ndeferred;

static void sink(void *arg, const uint8_t *bytes, size_t n)
{
	(void)arg;
	uart_write(bytes, n);
}

static const struct fwd_args *args_of(const struct ipc_request *rq)
{
	return (const struct fwd_args *)rq->slot->data;
}

static int32_t con_op_write(void *ctx, const struct ipc_request *rq, struct ipc_slot *out)
{
	(void)ctx, (void)out;
	const struct fwd_args *a = args_of(rq);
	pthread_mutex_lock(&lock);
	long r = con_write(&tty, (const uint8_t *)a->a[1], a->a[2]);
	pthread_mutex_unlock(&lock);
	return r == CON_WOULD_BLOCK ? -EAGAIN : (int32_t)r;  /* output stopped (^S) */
}

static int32_t con_op_read(void *ctx, const struct ipc_request *rq, struct ipc_slot *out)
{
	(void)ctx, (void)out;
	const struct fwd_args *a = args_of(rq);
	pthread_mutex_lock(&lock);
	long r = con_read(&tty, (uint8_t *)a->a[1], a->a[2]);
	if (r == CON_WOULD_BLOCK) {
		if (ndeferred == MAX_DEFERRED) {
			r = -EAGAIN;
		} else {
			deferred[ndeferred++] = (typeof(deferred[0])){ rq->conn, (uint8_t *)a->a[1], a->a[2] };
			r = IPC_DEFER;
		}
	}
	pthread_mutex_unlock(&lock);
	return (int32_t)r;
}

static void finish_reads(void);

static void raise_signal(const struct con_events *ev)
{
	if (ev->signal && ev->pgrp > 0)
		kill(ev->pgrp, ev->signal);
}

static int32_t con_op_ioctl(void *ctx, const struct ipc_request *rq, struct ipc_slot *out)
{
	(void)ctx, (void)out;
	const struct fwd_args *a = args_of(rq);
	struct con_events ev = { 0 };
	size_t size;
	int kind = con_ioctl_arg(a->a[1], &size);
	int value = (int)a->a[2];
	void *arg = kind == CON_ARG_VALUE ? (void *)&value : (void *)a->a[2];
	pthread_mutex_lock(&lock);
	long r = con_ioctl(&tty, a->a[1], arg, &ev);
	finish_reads();  /* a mode change or a flush can end a wait */
	pthread_mutex_unlock(&lock);
	raise_signal(&ev);
	return (int32_t)r;
}

/* Answers the deferred reads that input has made ready (lock held). */
static void finish_reads(void)
{
	for (int i = 0; i < ndeferred;) {
		long r = con_read(&tty, deferred[i].buf, deferred[i].len);
		if (r == CON_WOULD_BLOCK) {
			i++;
			continue;
		}
		ipc_complete(SLOT_EP, deferred[i].conn, (int32_t)r, NULL, 0);
		deferred[i] = deferred[--ndeferred];
	}
}

static void *input_thread(void *arg)
{
	int notif = (int)(long)arg;
	for (;;) {
		uint64_t bits;
		if (uk_notif_wait(notif, &bits, 0) < 0)
			continue;
		uint8_t buf[256];
		struct con_events ev = { 0 };
		pthread_mutex_lock(&lock);
		for (size_t n; (n = uart_read(buf, sizeof(buf)));)
			con_input(&tty, buf, n, &ev);
		finish_reads();
		pthread_mutex_unlock(&lock);
		raise_signal(&ev);
		uk_irq_ack(SLOT_IRQ);
	}
	return NULL;
}

static const ipc_handler_fn handlers[] = {
	[0] = con_op_read, [1] = con_op_write, [16] = con_op_ioctl,
};

int main(void)
{
	pthread_t t;
	int notif = uk_notif_create();
	if (notif < 0 || uk_ioport_enable(SLOT_PORTS) < 0 || uk_irq_bind(SLOT_IRQ, notif, 1) < 0)
		return 1;
	uart_init();
	con_init(&tty, sink, NULL);
	if (pthread_create(&t, NULL, input_thread, (void *)(long)notif) != 0)
		return 1;
	uk_notif_signal(SLOT_READY, 1);
	const struct ipc_dispatch d = { 0, sizeof(handlers) / sizeof(handlers[0]), handlers, NULL };
	return -ipc_serve(SLOT_EP, &d);
}
