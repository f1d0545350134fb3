/* SPDX-License-Identifier: MIT */
/* Shared state for the capability suites: three tables, test objects whose
 * release and on_delete hooks count calls, a panic() that longjmps back
 * into EXPECT_PANIC, and a checker of every derivation-tree invariant. */
#pragma once
#include <setjmp.h>
#include <string.h>
#include "harness.h"
#include "ipc/cap.h"

#define FX_TABLES 3
#define FX_OBJS 8

struct fx_obj {
	struct kobj k;
	int released;             /* release calls for this object */
};

extern struct cap_table fx_t[FX_TABLES];
extern struct fx_obj fx_objs[FX_OBJS];
extern int fx_released;           /* release calls, all objects */
extern int fx_deleted;            /* on_delete calls */
/* fx_check_tree: a child of the same object has a subset of its parent's
 * rights (false once cap_install_child children can be re-parented). */
extern bool fx_strict_rights;
extern uint64_t fx_last_deleted_badge;
extern uintptr_t fx_frame_lo, fx_frame_hi;   /* stack range seen in on_delete */
extern char fx_panic_msg[256];
extern jmp_buf fx_panic_jmp;
extern volatile bool fx_panic_expected;

/* Resets the tables, objects and counters (a checked fixture). */
void fx_setup(void);
/* Returns fresh test object i (refs 1, held by the test) of the given type. */
struct kobj *fx_obj(int i, enum cap_type type);
/* Fails the test unless every link in tables ts[0..n) is consistent. */
void fx_check_tree(struct cap_table *ts, int n);
/* Returns the number of occupied slots in t. */
int fx_used(const struct cap_table *t);
/* Returns c's children in order, up to max, as slot pointers; the count. */
int fx_children(const struct cap *c, const struct cap **out, int max);

#define EXPECT_PANIC(stmt, substr)                                              \
	do {                                                                    \
		fx_panic_expected = true;                                       \
		if (setjmp(fx_panic_jmp) == 0) {                                \
			stmt;                                                   \
			ck_abort_msg("no panic from: %s", #stmt);               \
		}                                                               \
		ck_assert_msg(strstr(fx_panic_msg, substr), "panic said: %s",   \
			      fx_panic_msg);                                    \
	} while (0)
