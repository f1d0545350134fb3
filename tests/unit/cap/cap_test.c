// SPDX-License-Identifier: MIT
/* kernel/ipc/cap.c: lookup, install, derive (rights, badges, grant, ranges),
 * info and object references. */
#include "cap_fixture.h"

#define RW (CAP_R_READ | CAP_R_WRITE)

static struct cap *get(int table, int slot)
{
	return &fx_t[table].slots[slot];
}

START_TEST(lookup_out_of_range_slot_returns_ebadslot)
{
	int err = 0;
	cap_install(&fx_t[0], fx_obj(0, CAP_ENDPOINT), CAP_R_ALL, 0, 0, 0);
	ck_assert_ptr_null(cap_lookup(&fx_t[0], -1, CAP_NULL, 0, &err));
	ck_assert_int_eq(err, CAP_EBADSLOT);
	ck_assert_ptr_null(cap_lookup(&fx_t[0], CAP_SLOTS, CAP_NULL, 0, &err));
	ck_assert_int_eq(err, CAP_EBADSLOT);
	ck_assert_int_eq(CAP_EBADSLOT, -9);
}
END_TEST

START_TEST(lookup_empty_slot_returns_ebadslot)
{
	int err = 0;
	ck_assert_ptr_null(cap_lookup(&fx_t[0], 0, CAP_NULL, 0, &err));
	ck_assert_int_eq(err, CAP_EBADSLOT);
	ck_assert_ptr_null(cap_lookup(&fx_t[0], 5, CAP_ENDPOINT, 0, NULL));
}
END_TEST

START_TEST(lookup_wrong_type_returns_etype)
{
	int err = 0;
	int s = cap_install(&fx_t[0], fx_obj(0, CAP_NOTIFICATION), CAP_R_ALL, 0, 0, 0);
	ck_assert_ptr_null(cap_lookup(&fx_t[0], s, CAP_ENDPOINT, 0, &err));
	ck_assert_int_eq(err, CAP_ETYPE);
	ck_assert_int_eq(CAP_ETYPE, -22);
}
END_TEST

START_TEST(lookup_missing_right_returns_eperm)
{
	int err = 0;
	int s = cap_install(&fx_t[0], fx_obj(0, CAP_ENDPOINT), CAP_R_READ, 0, 0, 0);
	ck_assert_ptr_null(cap_lookup(&fx_t[0], s, CAP_ENDPOINT, RW, &err));
	ck_assert_int_eq(err, CAP_EPERM);
	ck_assert_int_eq(CAP_EPERM, -1);
}
END_TEST

START_TEST(lookup_with_type_and_rights_returns_the_slot)
{
	int err = 1;
	int s = cap_install(&fx_t[0], fx_obj(0, CAP_ENDPOINT), RW, 0, 0, 0);
	ck_assert_ptr_eq(cap_lookup(&fx_t[0], s, CAP_ENDPOINT, CAP_R_WRITE, &err), get(0, s));
	ck_assert_int_eq(err, 0);
	ck_assert_ptr_eq(cap_lookup(&fx_t[0], s, CAP_NULL, 0, &err), get(0, s));
	ck_assert_int_eq(cap_slot(get(0, s)), s);
}
END_TEST

START_TEST(install_takes_lowest_free_slot_and_a_reference)
{
	struct kobj *o = fx_obj(0, CAP_MEMORY);
	ck_assert_int_eq(cap_install(&fx_t[0], o, CAP_R_ALL, 0, 0, 0), 0);
	ck_assert_int_eq(cap_install(&fx_t[0], o, CAP_R_READ, 0, 0, 0), 1);
	ck_assert_int_eq(cap_install(&fx_t[0], o, CAP_R_READ, 0, 0, 0), 2);
	ck_assert_uint_eq(o->refs, 4);
	ck_assert_int_eq(cap_delete(&fx_t[0], 1), 0);
	ck_assert_int_eq(cap_install(&fx_t[0], o, CAP_R_READ, 0, 0, 0), 1);
	ck_assert_ptr_null(get(0, 1)->parent);
	ck_assert_int_eq(cap_install_at(&fx_t[0], 200, o, CAP_R_READ, 0, 0, 0), 200);
	fx_check_tree(fx_t, FX_TABLES);
}
END_TEST

START_TEST(install_with_unknown_rights_returns_einval)
{
	struct kobj *o = fx_obj(0, CAP_MEMORY);
	ck_assert_int_eq(cap_install(&fx_t[0], o, 0x80, 0, 0, 0), CAP_EINVAL);
	ck_assert_int_eq(fx_used(&fx_t[0]), 0);
	ck_assert_uint_eq(o->refs, 1);
}
END_TEST

START_TEST(install_at_occupied_or_bad_slot_fails)
{
	struct kobj *o = fx_obj(0, CAP_PROCESS);
	ck_assert_int_eq(cap_install_at(&fx_t[0], CAP_SLOT_SELF, o, CAP_R_ALL, 0, 0, 0), 0);
	ck_assert_int_eq(cap_install_at(&fx_t[0], CAP_SLOT_SELF, o, CAP_R_ALL, 0, 0, 0),
			 CAP_EEXIST);
	ck_assert_int_eq(cap_install_at(&fx_t[0], CAP_SLOTS, o, CAP_R_ALL, 0, 0, 0),
			 CAP_EBADSLOT);
	ck_assert_int_eq(cap_install_at(&fx_t[0], -2, o, CAP_R_ALL, 0, 0, 0), CAP_EBADSLOT);
	ck_assert_uint_eq(o->refs, 2);
	ck_assert_int_eq(CAP_EEXIST, -17);
}
END_TEST

START_TEST(full_table_gives_enospc_and_changes_nothing)
{
	struct kobj *o = fx_obj(0, CAP_ENDPOINT);
	int root = cap_install(&fx_t[1], o, CAP_R_ALL, 0, 0, 0);
	for (int i = 0; i < CAP_SLOTS; i++)
		ck_assert_int_eq(cap_derive(&fx_t[0], get(1, root), RW, 0, false), i);
	ck_assert_uint_eq(o->refs, 1 + 1 + CAP_SLOTS);
	struct cap before[CAP_SLOTS];
	memcpy(before, fx_t[0].slots, sizeof(before));
	struct cap root_before = *get(1, root);

	ck_assert_int_eq(cap_install(&fx_t[0], o, RW, 0, 0, 0), CAP_ENOSPC);
	ck_assert_int_eq(cap_derive(&fx_t[0], get(1, root), RW, 0, false), CAP_ENOSPC);
	ck_assert_int_eq(cap_derive(&fx_t[0], get(0, 7), RW, 0, false), CAP_ENOSPC);
	ck_assert_int_eq(memcmp(before, fx_t[0].slots, sizeof(before)), 0);
	ck_assert_int_eq(memcmp(&root_before, get(1, root), sizeof(root_before)), 0);
	ck_assert_uint_eq(o->refs, 1 + 1 + CAP_SLOTS);
	ck_assert_int_eq(CAP_ENOSPC, -28);
	fx_check_tree(fx_t, FX_TABLES);
}
END_TEST

START_TEST(any_copy_may_carry_the_inherit_mark)
{
	struct kobj *o = fx_obj(0, CAP_ENDPOINT);
	int root = cap_install(&fx_t[0], o, RW, 0, 0, 0);
	int s = cap_derive(&fx_t[0], get(0, root), CAP_R_WRITE | CAP_R_INHERIT, 0, false);
	ck_assert_int_ge(s, 0);
	ck_assert_uint_eq(get(0, s)->rights, CAP_R_WRITE | CAP_R_INHERIT);
	int t = cap_derive(&fx_t[0], get(0, s), CAP_R_WRITE, 0, false);
	ck_assert_uint_eq(get(0, t)->rights, CAP_R_WRITE);
	fx_check_tree(fx_t, FX_TABLES);
}
END_TEST

START_TEST(fork_copy_needs_the_inherit_mark_not_grant)
{
	struct kobj *o = fx_obj(0, CAP_ENDPOINT);
	int plain = cap_install(&fx_t[0], o, CAP_R_WRITE, 0, 0, 0);
	int marked = cap_install(&fx_t[0], o, CAP_R_WRITE | CAP_R_INHERIT, 0, 0, 0);
	struct cap_mint m = { .rights = CAP_R_WRITE, .inherit = true };
	ck_assert_int_eq(cap_derive_at(&fx_t[1], 5, get(0, plain), &m), CAP_EPERM);
	ck_assert_int_eq(cap_derive_at(&fx_t[1], 5, get(0, marked), &m), 5);
	m.inherit = false;
	ck_assert_int_eq(cap_derive_at(&fx_t[1], 6, get(0, marked), &m), CAP_EPERM);
	fx_check_tree(fx_t, FX_TABLES);
}
END_TEST

START_TEST(derive_with_fewer_rights_makes_a_child)
{
	struct kobj *o = fx_obj(0, CAP_ENDPOINT);
	int root = cap_install(&fx_t[0], o, RW | CAP_R_MANAGE, 0, 3, 4);
	int s = cap_derive(&fx_t[0], get(0, root), CAP_R_WRITE, 0, false);
	ck_assert_int_eq(s, 1);
	ck_assert_ptr_eq(get(0, s)->obj, o);
	ck_assert_uint_eq(get(0, s)->rights, CAP_R_WRITE);
	ck_assert_ptr_eq(get(0, s)->parent, get(0, root));
	ck_assert_uint_eq(get(0, s)->arg0, 3);
	ck_assert_uint_eq(get(0, s)->arg1, 4);
	ck_assert_int_eq(cap_derive(&fx_t[0], get(0, root), 0, 0, false), 2);
	ck_assert_uint_eq(o->refs, 4);
	fx_check_tree(fx_t, FX_TABLES);
}
END_TEST

START_TEST(derive_with_more_rights_returns_eperm_and_changes_nothing)
{
	struct kobj *o = fx_obj(0, CAP_ENDPOINT);
	int root = cap_install(&fx_t[0], o, CAP_R_WRITE, 0, 0, 0);
	ck_assert_int_eq(cap_derive(&fx_t[0], get(0, root), RW, 0, false), CAP_EPERM);
	ck_assert_int_eq(cap_derive(&fx_t[0], get(0, root), 0x80, 0, false), CAP_EINVAL);
	ck_assert_int_eq(fx_used(&fx_t[0]), 1);
	ck_assert_ptr_null(get(0, root)->first_child);
	ck_assert_uint_eq(o->refs, 2);
}
END_TEST

START_TEST(badge_needs_manage_on_an_unbadged_source)
{
	struct kobj *o = fx_obj(0, CAP_ENDPOINT);
	int plain = cap_install(&fx_t[0], o, RW, 0, 0, 0);
	int mgr = cap_install(&fx_t[0], o, RW | CAP_R_MANAGE, 0, 0, 0);
	ck_assert_int_eq(cap_derive(&fx_t[0], get(0, plain), RW, 7, true), CAP_EPERM);

	int b = cap_derive(&fx_t[0], get(0, mgr), RW | CAP_R_MANAGE, 7, true);
	ck_assert_int_ge(b, 0);
	ck_assert_uint_eq(get(0, b)->badge, 7);
	/* Once badged, always that badge: no re-badging, copies inherit it. */
	ck_assert_int_eq(cap_derive(&fx_t[0], get(0, b), RW, 8, true), CAP_EPERM);
	int copy = cap_derive(&fx_t[0], get(0, b), CAP_R_WRITE, 0, false);
	ck_assert_uint_eq(get(0, copy)->badge, 7);
	ck_assert_int_eq(fx_used(&fx_t[0]), 4);
	fx_check_tree(fx_t, FX_TABLES);
}
END_TEST

START_TEST(zero_badge_returns_einval)
{
	int mgr = cap_install(&fx_t[0], fx_obj(0, CAP_ENDPOINT), CAP_R_ALL, 0, 0, 0);
	ck_assert_int_eq(cap_derive(&fx_t[0], get(0, mgr), RW, 0, true), CAP_EINVAL);
	ck_assert_int_eq(fx_used(&fx_t[0]), 1);
}
END_TEST

START_TEST(cross_table_derive_needs_grant)
{
	struct kobj *o = fx_obj(0, CAP_ENDPOINT);
	int nogrant = cap_install(&fx_t[0], o, RW, 0, 0, 0);
	int grant = cap_install(&fx_t[0], o, RW | CAP_R_GRANT, 0, 0, 0);
	ck_assert_int_eq(cap_derive(&fx_t[1], get(0, nogrant), RW, 0, false), CAP_EPERM);
	ck_assert_int_ge(cap_derive(&fx_t[0], get(0, nogrant), RW, 0, false), 0);
	int s = cap_derive(&fx_t[1], get(0, grant), CAP_R_WRITE, 0, false);
	ck_assert_int_eq(s, 0);
	ck_assert_ptr_eq(get(1, s)->table, &fx_t[1]);
	ck_assert_ptr_eq(get(1, s)->parent, get(0, grant));
	ck_assert_int_eq(fx_used(&fx_t[1]), 1);
	fx_check_tree(fx_t, FX_TABLES);
}
END_TEST

START_TEST(range_derive_inside_the_source_succeeds)
{
	int irq = cap_install(&fx_t[0], fx_obj(0, CAP_IRQ), CAP_R_ALL, 0, 0, 24);
	int line = cap_derive_range(&fx_t[1], get(0, irq), RW, 5, 1);
	ck_assert_int_ge(line, 0);
	ck_assert_uint_eq(get(1, line)->arg0, 5);
	ck_assert_uint_eq(get(1, line)->arg1, 1);
	ck_assert_int_ge(cap_derive_range(&fx_t[1], get(0, irq), RW, 0, 24), 0);
	ck_assert_int_ge(cap_derive_range(&fx_t[1], get(0, irq), RW, 23, 1), 0);

	int io = cap_install(&fx_t[0], fx_obj(1, CAP_IOPORT), CAP_R_ALL, 0, 0, 0x10000);
	int com1 = cap_derive_range(&fx_t[0], get(0, io), CAP_R_ALL, 0x3f8, 8);
	int thr = cap_derive_range(&fx_t[0], get(0, com1), CAP_R_WRITE, 0x3f8, 1);
	ck_assert_int_ge(thr, 0);
	ck_assert_ptr_eq(get(0, thr)->parent, get(0, com1));
	fx_check_tree(fx_t, FX_TABLES);
}
END_TEST

START_TEST(range_derive_outside_the_source_fails)
{
	int io = cap_install(&fx_t[0], fx_obj(0, CAP_IOPORT), CAP_R_ALL, 0, 0x3f8, 8);
	struct cap *src = get(0, io);
	ck_assert_int_eq(cap_derive_range(&fx_t[0], src, RW, 0x3f0, 8), CAP_EPERM);
	ck_assert_int_eq(cap_derive_range(&fx_t[0], src, RW, 0x3f8, 9), CAP_EPERM);
	ck_assert_int_eq(cap_derive_range(&fx_t[0], src, RW, 0x3ff, 2), CAP_EPERM);
	ck_assert_int_eq(cap_derive_range(&fx_t[0], src, RW, 0x400, 1), CAP_EPERM);
	ck_assert_int_eq(cap_derive_range(&fx_t[0], src, RW, 0x3f8, 0), CAP_EINVAL);
	ck_assert_int_eq(cap_derive_range(&fx_t[0], src, RW, UINT64_MAX, 2), CAP_EINVAL);
	ck_assert_int_eq(cap_derive_range(&fx_t[0], src, RW, 0x3f9, UINT64_MAX - 0x3f9),
			 CAP_EPERM);
	ck_assert_int_eq(fx_used(&fx_t[0]), 1);
	ck_assert_uint_eq(src->obj->refs, 2);
}
END_TEST

START_TEST(range_derive_of_other_types_returns_etype)
{
	int ep = cap_install(&fx_t[0], fx_obj(0, CAP_MEMORY), CAP_R_ALL, 0, 4096, 1);
	ck_assert_int_eq(cap_derive_range(&fx_t[0], get(0, ep), RW, 0, 1), CAP_ETYPE);
	ck_assert_int_eq(fx_used(&fx_t[0]), 1);
}
END_TEST

START_TEST(info_reports_type_rights_badge_object_and_args)
{
	struct cap_info ci, cj;
	struct kobj *o = fx_obj(0, CAP_IRQ), *p = fx_obj(1, CAP_IRQ);
	int root = cap_install(&fx_t[0], o, CAP_R_ALL, 0, 0, 16);
	int line = cap_derive_range(&fx_t[1], get(0, root), CAP_R_READ, 9, 1);
	int other = cap_install(&fx_t[0], p, CAP_R_ALL, 0, 0, 16);

	ck_assert_int_eq(cap_info_get(&fx_t[1], line, &ci), 0);
	ck_assert_uint_eq(ci.type, CAP_IRQ);
	ck_assert_uint_eq(ci.rights, CAP_R_READ);
	ck_assert_uint_eq(ci.badge, 0);
	ck_assert_uint_eq(ci.arg0, 9);
	ck_assert_uint_eq(ci.arg1, 1);
	ck_assert_int_eq(cap_info_get(&fx_t[0], root, &cj), 0);
	ck_assert_uint_eq(ci.object_id, cj.object_id);
	ck_assert_int_eq(cap_info_get(&fx_t[0], other, &cj), 0);
	ck_assert_uint_ne(ci.object_id, cj.object_id);
	ck_assert_int_eq(cap_info_get(&fx_t[0], 100, &ci), CAP_EBADSLOT);
	ck_assert_int_eq(cap_info_get(&fx_t[0], -5, &ci), CAP_EBADSLOT);
}
END_TEST

START_TEST(putting_an_object_without_references_panics)
{
	struct kobj *o = fx_obj(0, CAP_THREAD);
	kobj_put(o);
	ck_assert_int_eq(fx_objs[0].released, 1);
	EXPECT_PANIC(kobj_put(o), "no references");
	o->refs = 0;
	EXPECT_PANIC(kobj_get(o), "0 references");
}
END_TEST

UNIT_SUITE(cap_suite)
static Suite *cap_suite(void)
{
	Suite *s = suite_create("cap");
	TCase *tc = tcase_create("cap");
	tcase_add_checked_fixture(tc, fx_setup, NULL);
	tcase_add_test(tc, lookup_out_of_range_slot_returns_ebadslot);
	tcase_add_test(tc, lookup_empty_slot_returns_ebadslot);
	tcase_add_test(tc, lookup_wrong_type_returns_etype);
	tcase_add_test(tc, lookup_missing_right_returns_eperm);
	tcase_add_test(tc, lookup_with_type_and_rights_returns_the_slot);
	tcase_add_test(tc, install_takes_lowest_free_slot_and_a_reference);
	tcase_add_test(tc, install_with_unknown_rights_returns_einval);
	tcase_add_test(tc, install_at_occupied_or_bad_slot_fails);
	tcase_add_test(tc, full_table_gives_enospc_and_changes_nothing);
	tcase_add_test(tc, any_copy_may_carry_the_inherit_mark);
	tcase_add_test(tc, fork_copy_needs_the_inherit_mark_not_grant);
	tcase_add_test(tc, derive_with_fewer_rights_makes_a_child);
	tcase_add_test(tc, derive_with_more_rights_returns_eperm_and_changes_nothing);
	tcase_add_test(tc, badge_needs_manage_on_an_unbadged_source);
	tcase_add_test(tc, zero_badge_returns_einval);
	tcase_add_test(tc, cross_table_derive_needs_grant);
	tcase_add_test(tc, range_derive_inside_the_source_succeeds);
	tcase_add_test(tc, range_derive_outside_the_source_fails);
	tcase_add_test(tc, range_derive_of_other_types_returns_etype);
	tcase_add_test(tc, info_reports_type_rights_badge_object_and_args);
	tcase_add_test(tc, putting_an_object_without_references_panics);
	suite_add_tcase(s, tc);
	return s;
}
