// SPDX-License-Identifier: MIT
/* Host stand-ins and helpers for the capability suites; see cap_fixture.h. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include "cap_fixture.h"
#include "lib/panic.h"

struct cap_table fx_t[FX_TABLES];
struct fx_obj fx_objs[FX_OBJS];
int fx_released;
int fx_deleted;
bool fx_strict_rights;
uint64_t fx_last_deleted_badge;
uintptr_t fx_frame_lo, fx_frame_hi;
char fx_panic_msg[256];
jmp_buf fx_panic_jmp;
volatile bool fx_panic_expected;

void panic(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(fx_panic_msg, sizeof(fx_panic_msg), fmt, ap);
	va_end(ap);
	if (fx_panic_expected) {
		fx_panic_expected = false;
		longjmp(fx_panic_jmp, 1);
	}
	ck_abort_msg("unexpected panic: %s", fx_panic_msg);
	abort();
}

static void fx_release(struct kobj *k)
{
	struct fx_obj *o = (struct fx_obj *)k;
	ck_assert_uint_eq(k->refs, 0);
	o->released++;
	fx_released++;
}

static void fx_on_delete(struct cap *c)
{
	uintptr_t frame = (uintptr_t)__builtin_frame_address(0);
	ck_assert_ptr_nonnull(c->obj);
	fx_deleted++;
	fx_last_deleted_badge = c->badge;
	if (!fx_frame_lo || frame < fx_frame_lo)
		fx_frame_lo = frame;
	if (frame > fx_frame_hi)
		fx_frame_hi = frame;
}

static const struct kobj_ops fx_ops = {
	.release = fx_release,
	.on_delete = fx_on_delete,
};

void fx_setup(void)
{
	for (int i = 0; i < FX_TABLES; i++)
		cap_table_init(&fx_t[i], &fx_t[i]);
	memset(fx_objs, 0, sizeof(fx_objs));
	fx_released = fx_deleted = 0;
	fx_strict_rights = true;
	fx_last_deleted_badge = 0;
	fx_frame_lo = fx_frame_hi = 0;
}

struct kobj *fx_obj(int i, enum cap_type type)
{
	ck_assert_int_lt(i, FX_OBJS);
	kobj_init(&fx_objs[i].k, type, &fx_ops);
	return &fx_objs[i].k;
}

int fx_used(const struct cap_table *t)
{
	int n = 0;
	for (int i = 0; i < CAP_SLOTS; i++)
		n += t->slots[i].obj != NULL;
	return n;
}

int fx_children(const struct cap *c, const struct cap **out, int max)
{
	int n = 0;
	for (const struct cap *ch = c->first_child; ch; ch = ch->next_sibling) {
		if (n < max)
			out[n] = ch;
		n++;
	}
	return n;
}

static void fx_check_empty(const struct cap *c, const struct cap_table *t)
{
	ck_assert_ptr_eq(c->table, t);
	ck_assert(!c->parent && !c->first_child && !c->next_sibling && !c->prev_sibling);
	ck_assert(!c->rights && !c->badge && !c->arg0 && !c->arg1);
}

static bool fx_in_children(const struct cap *p, const struct cap *c)
{
	for (const struct cap *ch = p->first_child; ch; ch = ch->next_sibling)
		if (ch == c)
			return true;
	return false;
}

static void fx_check_cap(const struct cap *c, const struct cap_table *t, long limit)
{
	const struct cap *prev = NULL;
	ck_assert_ptr_eq(c->table, t);
	ck_assert_uint_ge(c->obj->refs, 1);
	for (const struct cap *ch = c->first_child; ch; ch = ch->next_sibling) {
		ck_assert_int_gt(limit--, 0);  /* no cycle */
		ck_assert_ptr_eq(ch->parent, c);
		ck_assert_ptr_eq(ch->prev_sibling, prev);
		if (fx_strict_rights && ch->obj == c->obj)
			ck_assert_uint_eq(ch->rights & ~c->rights & ~(uint32_t)CAP_R_INHERIT, 0);  /* a mark, not a power */
		prev = ch;
	}
	if (c->parent) {
		ck_assert_ptr_nonnull(c->parent->obj);
		ck_assert(fx_in_children(c->parent, c));
	} else {
		ck_assert(!c->next_sibling && !c->prev_sibling);
	}
}

void fx_check_tree(struct cap_table *ts, int n)
{
	for (int i = 0; i < n; i++) {
		for (int s = 0; s < CAP_SLOTS; s++) {
			const struct cap *c = &ts[i].slots[s];
			if (c->obj)
				fx_check_cap(c, &ts[i], (long)n * CAP_SLOTS);
			else
				fx_check_empty(c, &ts[i]);
		}
	}
}
