/* SPDX-License-Identifier: MIT */
/* What the time server's decoding files share: the clock, the lock every
 * handler takes, the state kept across restarts (the wall-clock setting and
 * the per-process timers, in init's memory object), and rearm, which points
 * the kernel timer at the earliest deadline of sleeps and timers. */
#pragma once
#include <pthread.h>
#include "ipc.h"
#include "tm_clock.h"
#include "tm_timer.h"
#include "proto/fwd.h"

#define TM_SLOT_EP 1
#define TM_SAVED_MAGIC 0x32454D49u  /* "IME2": layout version 2, with timers */

struct tm_saved {
	uint32_t magic;
	uint32_t reserved;
	int64_t realtime_at_boot_ns;
	struct tm_timers timers;
};

extern struct tm_clock tm_clk;
extern pthread_mutex_t tm_lock;
extern struct tm_saved *tm_state;

/* Arms the kernel timer for the earliest deadline (tm_lock held). */
void tm_rearm(void);
/* Sends the signals of the timers due at now (tm_lock held). */
void tm_fire_due(int64_t now);

#define TM_ARGS(rq) (((const struct fwd_args *)(rq)->slot->data)->a)

/* tm_posix.c: timer_create .. timer_delete, alarm, setitimer, getitimer,
 * and a process's exit. */
int32_t tm_h_timer_create(void *ctx, const struct ipc_request *rq, struct ipc_slot *out);
int32_t tm_h_timer_settime(void *ctx, const struct ipc_request *rq, struct ipc_slot *out);
int32_t tm_h_timer_gettime(void *ctx, const struct ipc_request *rq, struct ipc_slot *out);
int32_t tm_h_timer_getoverrun(void *ctx, const struct ipc_request *rq, struct ipc_slot *out);
int32_t tm_h_timer_delete(void *ctx, const struct ipc_request *rq, struct ipc_slot *out);
int32_t tm_h_alarm(void *ctx, const struct ipc_request *rq, struct ipc_slot *out);
int32_t tm_h_setitimer(void *ctx, const struct ipc_request *rq, struct ipc_slot *out);
int32_t tm_h_getitimer(void *ctx, const struct ipc_request *rq, struct ipc_slot *out);
int32_t tm_h_exit(void *ctx, const struct ipc_request *rq, struct ipc_slot *out);
/* An exec: the process's POSIX timers go (alarm and ITIMER_REAL stay). */
int32_t tm_h_exec(void *ctx, const struct ipc_request *rq, struct ipc_slot *out);
