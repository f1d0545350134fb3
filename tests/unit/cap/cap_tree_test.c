// SPDX-License-Identifier: MIT
/* kernel/ipc/cap_tree.c: delete (children move up), revoke (descendants in
 * every table, iteratively), table clear, object release and on_delete. */
#include <stdlib.h>
#include "cap_fixture.h"

static struct cap *get(int table, int slot)
{
	return &fx_t[table].slots[slot];
}

/* Derives a full-rights copy of src into table; returns the new capability. */
static struct cap *copy(int table, struct cap *src)
{
	int s = cap_derive(&fx_t[table], src, CAP_R_ALL, 0, false);
	ck_assert_int_ge(s, 0);
	return get(table, s);
}

static struct cap *root_of(int i, enum cap_type type)
{
	int s = cap_install(&fx_t[0], fx_obj(i, type), CAP_R_ALL, 0, 0, 0);
	ck_assert_int_ge(s, 0);
	return get(0, s);
}

START_TEST(revoke_removes_descendants_in_three_tables_and_keeps_root)
{
	struct cap *root = root_of(0, CAP_ENDPOINT);
	struct kobj *o = root->obj;
	struct cap *a = copy(1, root), *d = copy(2, root);
	struct cap *b = copy(2, a);
	copy(0, b);
	copy(1, d);
	cap_install(&fx_t[1], fx_obj(1, CAP_NOTIFICATION), CAP_R_ALL, 0, 0, 0);
	int twin = cap_install(&fx_t[2], o, CAP_R_ALL, 0, 0, 0);  /* not derived */

	ck_assert_int_eq(cap_revoke(&fx_t[0], cap_slot(root)), 0);
	ck_assert_int_eq(fx_deleted, 5);
	ck_assert_ptr_eq(root->obj, o);
	ck_assert_ptr_null(root->first_child);
	ck_assert_int_eq(fx_used(&fx_t[0]), 1);
	ck_assert_int_eq(fx_used(&fx_t[1]), 1);
	ck_assert_int_eq(fx_used(&fx_t[2]), 1);
	ck_assert_ptr_eq(get(2, twin)->obj, o);
	ck_assert_uint_eq(o->refs, 3);
	ck_assert_int_eq(fx_released, 0);
	fx_check_tree(fx_t, FX_TABLES);
}
END_TEST

START_TEST(revoke_of_a_middle_cap_keeps_it_its_parent_and_siblings)
{
	struct cap *root = root_of(0, CAP_ENDPOINT);
	struct cap *m1 = copy(1, root), *m2 = copy(1, root), *m3 = copy(2, root);
	struct cap *x = copy(2, m2);
	copy(0, x);
	copy(0, m2);
	copy(0, m1);

	ck_assert_int_eq(cap_revoke(&fx_t[1], cap_slot(m2)), 0);
	ck_assert_int_eq(fx_deleted, 3);
	const struct cap *kids[4];
	ck_assert_int_eq(fx_children(root, kids, 4), 3);
	ck_assert(kids[0] == m3 && kids[1] == m2 && kids[2] == m1);
	ck_assert_ptr_null(m2->first_child);
	ck_assert_ptr_nonnull(m1->first_child);
	ck_assert_int_eq(fx_used(&fx_t[0]) + fx_used(&fx_t[1]) + fx_used(&fx_t[2]), 5);
	fx_check_tree(fx_t, FX_TABLES);
}
END_TEST

START_TEST(revoke_without_manage_returns_eperm_and_changes_nothing)
{
	int s = cap_install(&fx_t[0], fx_obj(0, CAP_ENDPOINT),
			    CAP_R_READ | CAP_R_WRITE | CAP_R_GRANT, 0, 0, 0);
	struct cap *c = get(0, s);
	ck_assert_int_ge(cap_derive(&fx_t[1], c, CAP_R_READ, 0, false), 0);
	ck_assert_int_eq(cap_revoke(&fx_t[0], s), CAP_EPERM);
	ck_assert_int_eq(cap_revoke(&fx_t[0], s + 1), CAP_EBADSLOT);
	ck_assert_int_eq(fx_used(&fx_t[1]), 1);
	ck_assert_int_eq(fx_deleted, 0);
	cap_revoke_descendants(c);  /* the kernel's own path checks no rights */
	ck_assert_int_eq(fx_used(&fx_t[1]), 0);
	fx_check_tree(fx_t, FX_TABLES);
}
END_TEST

START_TEST(delete_reparents_children_so_a_grandparent_revoke_removes_them)
{
	struct cap *g = root_of(0, CAP_ENDPOINT);
	struct cap *s2 = copy(0, g), *p = copy(1, g), *s1 = copy(0, g);
	struct cap *c1 = copy(2, p), *c2 = copy(2, p);
	struct cap *gc = copy(0, c1);

	ck_assert_int_eq(cap_delete(&fx_t[1], cap_slot(p)), 0);
	ck_assert_int_eq(fx_used(&fx_t[1]), 0);
	const struct cap *kids[8];
	ck_assert_int_eq(fx_children(g, kids, 8), 4);  /* in p's place, in order */
	ck_assert(kids[0] == s1 && kids[1] == c2 && kids[2] == c1 && kids[3] == s2);
	ck_assert_ptr_eq(gc->parent, c1);
	fx_check_tree(fx_t, FX_TABLES);

	ck_assert_int_eq(cap_revoke(&fx_t[0], cap_slot(g)), 0);
	ck_assert_int_eq(fx_used(&fx_t[0]) + fx_used(&fx_t[1]) + fx_used(&fx_t[2]), 1);
	ck_assert_ptr_nonnull(g->obj);
	fx_check_tree(fx_t, FX_TABLES);
}
END_TEST

START_TEST(delete_of_a_first_or_last_child_relinks_siblings)
{
	struct cap *g = root_of(0, CAP_ENDPOINT);
	struct cap *last = copy(1, g), *mid = copy(1, g), *first = copy(1, g);
	struct cap *kid = copy(2, first);
	const struct cap *kids[4];

	ck_assert_int_eq(cap_delete(&fx_t[1], cap_slot(last)), 0);
	ck_assert_int_eq(cap_delete(&fx_t[1], cap_slot(first)), 0);
	ck_assert_int_eq(fx_children(g, kids, 4), 2);
	ck_assert(kids[0] == kid && kids[1] == mid);
	fx_check_tree(fx_t, FX_TABLES);
}
END_TEST

START_TEST(delete_of_a_root_makes_its_children_roots)
{
	struct cap *root = root_of(0, CAP_ENDPOINT);
	struct kobj *o = root->obj;
	struct cap *a = copy(1, root), *b = copy(2, root);
	copy(2, a);

	ck_assert_int_eq(cap_delete(&fx_t[0], cap_slot(root)), 0);
	ck_assert(!a->parent && !b->parent && !a->next_sibling && !b->prev_sibling);
	ck_assert_int_eq(cap_revoke(&fx_t[1], cap_slot(a)), 0);
	ck_assert_ptr_nonnull(b->obj);
	ck_assert_uint_eq(o->refs, 3);
	ck_assert_int_eq(cap_delete(&fx_t[0], cap_slot(root)), CAP_EBADSLOT);
	fx_check_tree(fx_t, FX_TABLES);
}
END_TEST

START_TEST(object_is_released_exactly_when_the_last_capability_goes)
{
	struct cap *root = root_of(0, CAP_MEMORY);
	struct kobj *o = root->obj;
	kobj_put(o);  /* the test's own reference */
	struct cap *a = copy(1, root), *b = copy(2, a);

	ck_assert_int_eq(cap_delete(&fx_t[0], cap_slot(root)), 0);
	ck_assert_int_eq(fx_released, 0);
	ck_assert_int_eq(cap_delete(&fx_t[1], cap_slot(a)), 0);
	ck_assert_int_eq(fx_released, 0);
	ck_assert_uint_eq(o->refs, 1);
	ck_assert_int_eq(cap_delete(&fx_t[2], cap_slot(b)), 0);
	ck_assert_int_eq(fx_released, 1);
	ck_assert_int_eq(fx_objs[0].released, 1);
	ck_assert_int_eq(fx_deleted, 3);
}
END_TEST

START_TEST(on_delete_sees_the_capability_before_it_goes)
{
	struct cap *root = root_of(0, CAP_CONNECTION);
	int s = cap_derive(&fx_t[1], root, CAP_R_ALL, 42, true);
	ck_assert_int_ge(s, 0);
	ck_assert_int_eq(cap_delete(&fx_t[1], s), 0);
	ck_assert_int_eq(fx_deleted, 1);
	ck_assert_uint_eq(fx_last_deleted_badge, 42);
	ck_assert_int_ge(cap_derive(&fx_t[1], root, CAP_R_ALL, 43, true), 0);
	cap_table_clear(&fx_t[1]);
	ck_assert_int_eq(fx_deleted, 2);
	ck_assert_uint_eq(fx_last_deleted_badge, 43);
}
END_TEST

START_TEST(child_of_another_object_goes_with_a_revoke_of_its_parent)
{
	struct cap *ep = root_of(0, CAP_ENDPOINT);
	struct cap *client_ep = copy(1, ep);
	struct kobj *conn = fx_obj(1, CAP_CONNECTION);
	int s = cap_install_child(&fx_t[1], client_ep, conn, CAP_R_READ | CAP_R_WRITE);
	ck_assert_int_ge(s, 0);
	kobj_put(conn);  /* the capability holds the connection now */
	ck_assert_ptr_eq(get(1, s)->parent, client_ep);
	ck_assert_uint_eq(get(1, s)->badge, 0);
	ck_assert_int_eq(cap_install_child(&fx_t[1], client_ep, conn, 0x100), CAP_EINVAL);
	ck_assert_int_eq(cap_install_child(&fx_t[1], client_ep, ep->obj, CAP_R_ALL),
			 CAP_EINVAL);  /* would escape the rights subset and the badge */
	fx_check_tree(fx_t, FX_TABLES);

	ck_assert_int_eq(cap_revoke(&fx_t[0], cap_slot(ep)), 0);
	ck_assert_int_eq(fx_used(&fx_t[1]), 0);
	ck_assert_int_eq(fx_objs[1].released, 1);
	ck_assert_int_eq(fx_objs[0].released, 0);
	ck_assert_int_eq(fx_deleted, 2);
}
END_TEST

#define CHAIN 10000
#define CHAIN_PER_TABLE 250
#define CHAIN_TABLES (CHAIN / CHAIN_PER_TABLE + 1)

START_TEST(revoke_of_a_10000_chain_uses_bounded_stack)
{
	struct cap_table *ts = calloc(CHAIN_TABLES, sizeof(*ts));
	ck_assert_ptr_nonnull(ts);
	for (int i = 0; i < CHAIN_TABLES; i++)
		cap_table_init(&ts[i], NULL);
	struct kobj *o = fx_obj(0, CAP_ENDPOINT);
	struct cap *root = &ts[0].slots[cap_install(&ts[0], o, CAP_R_ALL, 0, 0, 0)];
	struct cap *cur = root, *mid = NULL;
	for (int i = 1; i <= CHAIN; i++) {
		struct cap_table *t = &ts[i / CHAIN_PER_TABLE];
		int s = cap_derive(t, cur, CAP_R_ALL, 0, false);
		ck_assert_int_ge(s, 0);
		cur = &t->slots[s];
		if (i == CHAIN / 2)
			mid = cur;
	}
	ck_assert_int_eq(cap_delete(mid->table, cap_slot(mid)), 0);  /* chain closes up */
	fx_check_tree(ts, CHAIN_TABLES);
	ck_assert_uint_eq(o->refs, 1 + CHAIN);

	fx_deleted = 0;
	fx_frame_lo = fx_frame_hi = 0;
	ck_assert_int_eq(cap_revoke(&ts[0], cap_slot(root)), 0);
	ck_assert_int_eq(fx_deleted, CHAIN - 1);
	ck_assert_uint_lt(fx_frame_hi - fx_frame_lo, 256);  /* no recursion */
	ck_assert_uint_eq(o->refs, 2);
	for (int i = 0; i < CHAIN_TABLES; i++)
		ck_assert_int_eq(fx_used(&ts[i]), i == 0);
	fx_check_tree(ts, CHAIN_TABLES);
	free(ts);
}
END_TEST

START_TEST(table_clear_releases_everything_it_held)
{
	struct kobj *objs[4];
	for (int i = 0; i < 4; i++) {
		objs[i] = fx_obj(i, CAP_MEMORY);
		ck_assert_int_ge(cap_install(&fx_t[0], objs[i], CAP_R_ALL, 0, 0, 0), 0);
		kobj_put(objs[i]);
	}
	struct cap *given = copy(1, get(0, 3));
	struct cap *inner = copy(0, get(0, 0));  /* a child in the same table */
	copy(0, inner);

	cap_table_clear(&fx_t[0]);
	ck_assert_int_eq(fx_used(&fx_t[0]), 0);
	ck_assert_int_eq(fx_released, 3);
	ck_assert_int_eq(fx_objs[3].released, 0);
	ck_assert_ptr_null(given->parent);  /* the copy given away survives */
	fx_check_tree(fx_t, FX_TABLES);
	cap_table_clear(&fx_t[1]);
	ck_assert_int_eq(fx_released, 4);
	ck_assert_int_eq(fx_deleted, 7);
}
END_TEST

/* Returns the number of capabilities in c's subtree, c included. */
static int subtree_size(const struct cap *c)
{
	int n = 1;
	for (const struct cap *ch = c->first_child; ch; ch = ch->next_sibling)
		n += subtree_size(ch);
	return n;
}

static int used_all(void)
{
	return fx_used(&fx_t[0]) + fx_used(&fx_t[1]) + fx_used(&fx_t[2]);
}

static struct cap *random_cap(void)
{
	for (;;) {
		struct cap *c = get(rand() % FX_TABLES, rand() % CAP_SLOTS);
		if (c->obj)
			return c;
	}
}

/* One random derive, install_child, delete or revoke; checks its effect on the count. */
static void random_step(void)
{
	struct cap *c = random_cap();
	int before = used_all(), op = rand() % 9, r;

	if (op == 8) {  /* a capability to another object under c */
		r = cap_install_child(&fx_t[rand() % FX_TABLES], c,
				      &fx_objs[rand() % 4].k, CAP_R_ALL & (uint32_t)rand());
		ck_assert_int_eq(used_all(), before + (r >= 0));
		ck_assert(r >= 0 || r == CAP_ENOSPC || r == CAP_EINVAL);
	} else if (op < 5) {
		r = cap_derive(&fx_t[rand() % FX_TABLES], c, c->rights & (uint32_t)rand(),
			       0, false);
		ck_assert_int_eq(used_all(), before + (r >= 0));
		ck_assert(r >= 0 || r == CAP_EPERM || r == CAP_ENOSPC);
	} else if (op < 7 && c->parent) {  /* keep the four roots */
		ck_assert_int_eq(cap_delete(c->table, cap_slot(c)), 0);
		ck_assert_int_eq(used_all(), before - 1);
	} else {
		int gone = subtree_size(c) - 1;
		r = cap_revoke(c->table, cap_slot(c));
		ck_assert_int_eq(used_all(), before - (r == 0 ? gone : 0));
		ck_assert_int_eq(r, (c->rights & CAP_R_MANAGE) ? 0 : CAP_EPERM);
	}
}

START_TEST(random_operations_keep_tree_and_references_consistent)
{
	srand(12345);
	fx_strict_rights = false;
	for (int i = 0; i < 4; i++)
		root_of(i, CAP_ENDPOINT);
	for (int step = 0; step < 20000; step++) {
		random_step();
		if (step % 500)
			continue;
		fx_check_tree(fx_t, FX_TABLES);
		for (int i = 0; i < 4; i++) {
			uint32_t n = 1;
			for (int t = 0; t < FX_TABLES; t++)
				for (int s = 0; s < CAP_SLOTS; s++)
					n += fx_t[t].slots[s].obj == &fx_objs[i].k;
			ck_assert_uint_eq(fx_objs[i].k.refs, n);
		}
	}
	for (int t = 0; t < FX_TABLES; t++)
		cap_table_clear(&fx_t[t]);
	for (int i = 0; i < 4; i++)
		ck_assert_uint_eq(fx_objs[i].k.refs, 1);
	ck_assert_int_eq(fx_released, 0);
}
END_TEST

UNIT_SUITE(cap_tree_suite)
static Suite *cap_tree_suite(void)
{
	Suite *s = suite_create("cap_tree");
	TCase *tc = tcase_create("cap_tree");
	tcase_add_checked_fixture(tc, fx_setup, NULL);
	tcase_add_test(tc, revoke_removes_descendants_in_three_tables_and_keeps_root);
	tcase_add_test(tc, revoke_of_a_middle_cap_keeps_it_its_parent_and_siblings);
	tcase_add_test(tc, revoke_without_manage_returns_eperm_and_changes_nothing);
	tcase_add_test(tc, delete_reparents_children_so_a_grandparent_revoke_removes_them);
	tcase_add_test(tc, delete_of_a_first_or_last_child_relinks_siblings);
	tcase_add_test(tc, delete_of_a_root_makes_its_children_roots);
	tcase_add_test(tc, object_is_released_exactly_when_the_last_capability_goes);
	tcase_add_test(tc, on_delete_sees_the_capability_before_it_goes);
	tcase_add_test(tc, child_of_another_object_goes_with_a_revoke_of_its_parent);
	tcase_add_test(tc, revoke_of_a_10000_chain_uses_bounded_stack);
	tcase_add_test(tc, table_clear_releases_everything_it_held);
	tcase_add_test(tc, random_operations_keep_tree_and_references_consistent);
	suite_add_tcase(s, tc);
	return s;
}
