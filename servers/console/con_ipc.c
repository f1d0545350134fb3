// SPDX-License-Identifier: MIT
/* The console server: forwarded read/write/ioctl on the terminal, through
 * the line discipline (con_ldisc.c) and COM1. Bootstrap capabilities:
 * 1 endpoint, 2 ready notification, 3 COM1's I/O ports, 4 IRQ 4, 5 a
 * memory object holding the terminal settings across restarts. A read
 * that has no line yet is deferred and answered from the input thread; a
 * third thread copies the kernel's log (abi/klog.h) to the terminal. */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include "con_job.h"
#include "con_ldisc.h"
#include "con_uart.h"
#include "ipc.h"
#include "uk.h"
#include "proto/fwd.h"
#include "proto/fwd_calls.h"
#include "abi/klog.h"

#define SLOT_EP 1
#define SLOT_READY 2
#define SLOT_PORTS 3
#define SLOT_IRQ 4
#define SLOT_STATE 5   /* terminal settings that survive a restart (con_saved) */
#define MAX_DEFERRED 64

static struct con_state tty;
static struct con_saved *saved;  /* in init's memory object, or NULL */
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

/* The calling process as job control sees it; pid 0 when it is gone. */
static struct con_caller caller_of(int pid)
{
	struct uk_procinfo pi;
	struct con_caller c = { 0 };
	if (uk_procinfo(pid, &pi) < 0 || pi.state != UK_PROC_RUNNING)
		return c;
	c = (struct con_caller){ pi.pid, pi.pgid, pi.sid, pi.uid, 0 };
	c.flags = ((pi.flags & UK_PROCINFO_TTIN_OFF) ? CON_CALLER_TTIN_OFF : 0) |
		  ((pi.flags & UK_PROCINFO_TTOU_OFF) ? CON_CALLER_TTOU_OFF : 0) |
		  ((pi.flags & UK_PROCINFO_ORPHANED) ? CON_CALLER_ORPHANED : 0);
	return c;
}

/* Whether the terminal's session still has its leader. */
static bool owner_alive(void)
{
	struct uk_procinfo pi;
	return tty.session && uk_procinfo(tty.session, &pi) == 0 && pi.state == UK_PROC_RUNNING &&
	       pi.sid == tty.session;
}

/* Job control for the caller's op (lock held): 0 to go on, or the answer
 * (-EIO, -ENOTTY, or FWD_STATUS_RESTART once its group has SIGTTIN or
 * SIGTTOU). */
static int32_t job_check(const struct ipc_request *rq, enum con_job_op op)
{
	struct con_caller c = caller_of((int)rq->badge);
	int sig;
	if (!c.pid)
		return 0;
	int32_t r = con_job_access(&tty, &c, owner_alive(), op, &sig);
	if (sig)
		kill(-c.pgid, sig);
	return r;
}

static int32_t con_op_write(void *ctx, const struct ipc_request *rq, struct ipc_slot *out)
{
	(void)ctx, (void)out;
	const struct fwd_args *a = args_of(rq);
	pthread_mutex_lock(&lock);
	int32_t j = job_check(rq, CON_JOB_WRITE);
	if (j) {
		pthread_mutex_unlock(&lock);
		return j;
	}
	long r = con_write(&tty, (const uint8_t *)a->a[1], a->a[2]);
	pthread_mutex_unlock(&lock);
	return r == CON_WOULD_BLOCK ? -EAGAIN : (int32_t)r;  /* output stopped (^S) */
}

static int32_t con_op_read(void *ctx, const struct ipc_request *rq, struct ipc_slot *out)
{
	(void)ctx, (void)out;
	const struct fwd_args *a = args_of(rq);
	pthread_mutex_lock(&lock);
	int32_t j = job_check(rq, CON_JOB_READ);
	if (j) {
		pthread_mutex_unlock(&lock);
		return j;
	}
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

/* A reader was interrupted by a signal: its read ends with -EINTR. */
static int32_t cancel_read(void *ctx, const struct ipc_request *rq, struct ipc_slot *out)
{
	(void)ctx, (void)out;
	pthread_mutex_lock(&lock);
	for (int i = 0; i < ndeferred; i++) {
		if (deferred[i].conn != rq->conn)
			continue;
		ipc_complete(SLOT_EP, deferred[i].conn, -EINTR, NULL, 0);
		deferred[i] = deferred[--ndeferred];
		break;
	}
	pthread_mutex_unlock(&lock);
	return 0;
}

/* Signals the foreground process group. A read one of its members was
 * waiting in is answered with EINTR now (lock held), so that what is typed
 * next is not handed to a process that is going away. */
static void raise_signal(const struct con_events *ev)
{
	if (!ev->signal || ev->pgrp <= 0)
		return;
	for (int i = 0; i < ndeferred;) {
		struct con_caller c = caller_of((int)ipc_conn_badge(deferred[i].conn));
		if (c.pgid != ev->pgrp) {
			i++;
			continue;
		}
		ipc_complete(SLOT_EP, deferred[i].conn, -EINTR, NULL, 0);
		deferred[i] = deferred[--ndeferred];
	}
	kill(-ev->pgrp, ev->signal);
}

/* A group loses its terminal: SIGHUP, then SIGCONT for its stopped members. */
static void hang_up(int pgrp)
{
	if (pgrp > 0) {
		kill(-pgrp, SIGHUP);
		kill(-pgrp, SIGCONT);
	}
}

/* The ioctls that concern the controlling terminal itself. Returns 1 when
 * request is not one of them. */
static int32_t ctty_ioctl(const struct ipc_request *rq, unsigned long request, uint64_t arg)
{
	struct con_caller c = caller_of((int)rq->badge);
	struct uk_procinfo pi;
	int32_t pgrp, hup;
	switch (request) {
	case CON_TIOCGSID:
		if (!arg)
			return -EFAULT;
		memcpy((void *)arg, &tty.session, sizeof(tty.session));
		return 0;
	case CON_TIOCSPGRP:
		if (!arg)
			return -EFAULT;
		memcpy(&pgrp, (const void *)arg, sizeof(pgrp));
		return con_job_setpgrp(&tty, &c, pgrp,
				       uk_procinfo(pgrp, &pi) == 0 && pi.pgid == pgrp ? pi.sid : 0);
	case CON_TIOCSCTTY:
		return con_job_sctty(&tty, &c, owner_alive(), arg == 1);
	case CON_TIOCNOTTY: {
		int32_t r = con_job_notty(&tty, &c, &hup);
		hang_up(hup);
		return r;
	}
	default:
		return 1;
	}
}

/* Requests that change the terminal, stopped for a background group. */
static bool changes_settings(unsigned long request)
{
	return request == CON_TCSETS || request == CON_TCSETSW || request == CON_TCSETSF ||
	       request == CON_TIOCSWINSZ || request == CON_TIOCSPGRP || request == CON_TCFLSH ||
	       request == CON_TCXONC;
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
	bool query = a->a[1] == CON_TIOCGPGRP || a->a[1] == CON_TIOCGSID;
	int32_t j = query ? job_check(rq, CON_JOB_QUERY) :
		    changes_settings(a->a[1]) ? job_check(rq, CON_JOB_SETTINGS) : 0;
	long r = j ? j : ctty_ioctl(rq, a->a[1], a->a[2]);
	if (r == 1)
		r = con_ioctl(&tty, a->a[1], arg, &ev);
	if (saved)
		con_state_save(&tty, saved);
	finish_reads();  /* a mode change or a flush can end a wait */
	raise_signal(&ev);
	pthread_mutex_unlock(&lock);
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
		raise_signal(&ev);
		finish_reads();
		pthread_mutex_unlock(&lock);
		uk_irq_ack(SLOT_IRQ);
	}
	return NULL;
}

/* Terminal output of log text: "\n" becomes "\r\n". */
static void write_crlf(const uint8_t *p, size_t n)
{
	size_t start = 0;
	for (size_t i = 0; i < n; i++) {
		if (p[i] != '\n')
			continue;
		uart_write(p + start, i - start);
		uart_write((const uint8_t *)"\r\n", 2);
		start = i + 1;
	}
	uart_write(p + start, n - start);
}

/* Copies the kernel's log from its ring to the terminal as it grows. */
static void *log_thread(void *arg)
{
	int notif = (int)(long)arg;
	int slot = uk_klog_attach(notif);
	struct klog_ring *ring = slot < 0 ? NULL : uk_mem_map(slot, 0, PROT_READ | PROT_WRITE);
	if (!ring || ring == (void *)-1 || ring->magic != KLOG_RING_MAGIC)
		return NULL;  /* the kernel keeps logging to COM1 itself */
	for (;;) {
		uint64_t bits, head = __atomic_load_n(&ring->head, __ATOMIC_ACQUIRE);
		pthread_mutex_lock(&lock);
		for (uint64_t t = ring->tail; t != head;) {
			size_t at = t % ring->size, n = head - t;
			if (n > ring->size - at)
				n = ring->size - at;
			write_crlf(&ring->data[at], n);
			t += n;
		}
		__atomic_store_n(&ring->tail, head, __ATOMIC_RELEASE);
		pthread_mutex_unlock(&lock);
		if (__atomic_load_n(&ring->head, __ATOMIC_ACQUIRE) == head)
			uk_notif_wait(notif, &bits, 0);
	}
	return NULL;
}

/* The kernel: the leader of a session is gone. If the terminal was that
 * session's, its foreground group is hung up. */
static int32_t con_op_session_end(void *ctx, const struct ipc_request *rq, struct ipc_slot *out)
{
	(void)ctx, (void)out;
	pthread_mutex_lock(&lock);
	hang_up(con_job_session_end(&tty, (int32_t)args_of(rq)->a[0]));
	if (saved)
		con_state_save(&tty, saved);
	pthread_mutex_unlock(&lock);
	return 0;
}

static const ipc_handler_fn handlers[FWD_CONSOLE_NOPS] = {
	[FWD_CONSOLE_read] = con_op_read, [FWD_CONSOLE_write] = con_op_write,
	[FWD_CONSOLE_ioctl] = con_op_ioctl, [FWD_CONSOLE_session_end] = con_op_session_end,
};

int main(void)
{
	pthread_t t;
	int notif = uk_notif_create();
	if (notif < 0 || uk_ioport_enable(SLOT_PORTS) < 0 || uk_irq_bind(SLOT_IRQ, notif, 1) < 0)
		return 1;
	uart_init();
	con_init(&tty, sink, NULL);
	saved = uk_mem_map(SLOT_STATE, 0, PROT_READ | PROT_WRITE);
	if (saved == (void *)-1)
		saved = NULL;
	else if (con_state_restore(&tty, saved) < 0)  /* a first start: nothing saved yet */
		con_state_save(&tty, saved);
	int log_notif = uk_notif_create();
	if (pthread_create(&t, NULL, input_thread, (void *)(long)notif) != 0 || log_notif < 0 ||
	    pthread_create(&t, NULL, log_thread, (void *)(long)log_notif) != 0)
		return 1;
	uk_notif_signal(SLOT_READY, 1);
	const struct ipc_dispatch d = { .count = FWD_CONSOLE_NOPS, .handlers = handlers, .kernel_only = true };
	ipc_serve_on_cancel(cancel_read);
	return -ipc_serve(SLOT_EP, &d);
}
