// SPDX-License-Identifier: MIT
/* kernel/mm/vma.c against a per-page model: random inserts, removes,
 * protects, updates, resizes and find_free calls on a small set, so that the
 * capacity limit is hit often. After every step the set must agree page by
 * page with the model, have exactly as many areas as the model has runs of
 * equal pages, and stay sorted, non-overlapping and fully merged. */
#include <string.h>
#include "harness.h"
#include "mm/vma.h"

#define NPAGES 96
#define BASE ((virt_t)0x400000)
#define CAP 10
#define STEPS 10000

struct page_attr {
	bool mapped;
	uint32_t prot, flags, advice;
};

static struct page_attr model[NPAGES], trial[NPAGES];
static struct vma storage[CAP];
static struct vma_set set;
static uint64_t rng_state;

static uint64_t rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

static size_t pick(size_t n)
{
	return (size_t)(rng() % n);
}

static virt_t addr_of(size_t page)
{
	return BASE + (virt_t)page * PAGE_SIZE;
}

static bool same_page(const struct page_attr *a, const struct page_attr *b)
{
	return a->mapped == b->mapped && (!a->mapped ||
	       (a->prot == b->prot && a->flags == b->flags && a->advice == b->advice));
}

/* Returns the number of areas a fully merged set needs for m. */
static size_t runs(const struct page_attr *m)
{
	size_t n = 0;

	for (size_t p = 0; p < NPAGES; p++)
		if (m[p].mapped && (p == 0 || !same_page(&m[p - 1], &m[p])))
			n++;
	return n;
}

/* Returns the first page where the set and the model disagree, or NPAGES.
 * (Plain comparisons: a Check assertion per page would dominate the run.) */
static size_t first_disagreement(void)
{
	for (size_t p = 0; p < NPAGES; p++) {
		const struct vma *a = vma_find(&set, addr_of(p) + PAGE_SIZE / 2);
		if ((a != NULL) != model[p].mapped)
			return p;
		if (a && (a->prot != model[p].prot || a->flags != model[p].flags ||
			  a->advice != model[p].advice))
			return p;
	}
	return NPAGES;
}

static void check_agrees(void)
{
	ck_assert(vma_set_valid(&set));
	ck_assert_uint_eq(vma_count(&set), runs(model));
	ck_assert_uint_eq(first_disagreement(), NPAGES);
}

/* Commits trial to the model when rc is 0; else rc must be -ENOMEM, the
 * trial must really need too many areas. */
static void settle(int rc)
{
	if (rc == 0) {
		memcpy(model, trial, sizeof(model));
		return;
	}
	ck_assert_int_eq(rc, -VMA_ENOMEM);
	ck_assert_uint_gt(runs(trial), CAP);
}

static bool all_mapped(size_t a, size_t b)
{
	for (size_t p = a; p < b; p++)
		if (!model[p].mapped)
			return false;
	return true;
}

static bool none_mapped(size_t a, size_t b)
{
	for (size_t p = a; p < b; p++)
		if (model[p].mapped)
			return false;
	return true;
}

static void step_insert(size_t a, size_t b)
{
	uint32_t prot = (uint32_t)pick(3) + 1, flags = (uint32_t)pick(2) * VMA_ANON;
	int rc = vma_insert(&set, addr_of(a), addr_of(b), prot, flags);

	if (!none_mapped(a, b)) {
		ck_assert_int_eq(rc, -VMA_EEXIST);
		return;
	}
	memcpy(trial, model, sizeof(trial));
	for (size_t p = a; p < b; p++)
		trial[p] = (struct page_attr){ true, prot, flags, VMA_ADV_NORMAL };
	settle(rc);
}

static bool removed[NPAGES];

static void note_unmap(virt_t start, virt_t end, const struct vma *old, void *arg)
{
	bool ok = start < end;

	(void)arg;
	for (virt_t v = start; ok && v < end; v += PAGE_SIZE) {
		size_t p = (size_t)((v - BASE) / PAGE_SIZE);
		ok = model[p].mapped && !removed[p] && old->prot == model[p].prot &&
		     old->flags == model[p].flags && old->advice == model[p].advice;
		removed[p] = true;
	}
	ck_assert_msg(ok, "unmap piece disagrees with the model");
}

static void step_remove(size_t a, size_t b)
{
	memset(removed, 0, sizeof(removed));
	int rc = vma_remove(&set, addr_of(a), addr_of(b), note_unmap, NULL);

	memcpy(trial, model, sizeof(trial));
	for (size_t p = a; p < b; p++)
		trial[p].mapped = false;
	size_t bad = NPAGES;
	for (size_t p = 0; p < NPAGES && bad == NPAGES; p++)
		if (removed[p] != (rc == 0 && p >= a && p < b && model[p].mapped))
			bad = p;
	ck_assert_uint_eq(bad, NPAGES);
	settle(rc);
}

static void step_change(size_t a, size_t b)
{
	bool protect = pick(2);
	uint32_t prot = (uint32_t)pick(3) + 1, set_f = 0, clear_f = 0;
	int advice = (int)pick(4) - 1, rc;

	if (pick(2))
		set_f = VMA_LOCKED;
	else
		clear_f = VMA_LOCKED;
	if (protect)
		rc = vma_protect(&set, addr_of(a), addr_of(b), prot);
	else
		rc = vma_update(&set, addr_of(a), addr_of(b), set_f, clear_f, advice);
	if (!all_mapped(a, b)) {
		ck_assert_int_eq(rc, -VMA_ENOMEM);
		return;
	}
	memcpy(trial, model, sizeof(trial));
	for (size_t p = a; p < b; p++) {
		if (protect) {
			trial[p].prot = prot;
			continue;
		}
		trial[p].flags = (trial[p].flags | set_f) & ~clear_f;
		if (advice >= 0)
			trial[p].advice = (uint32_t)advice;
	}
	settle(rc);
}

static void step_resize(void)
{
	size_t p = pick(NPAGES), first = p, last = p + 1;

	if (!model[p].mapped)
		return;
	while (first > 0 && same_page(&model[first - 1], &model[p]))
		first--;
	while (last < NPAGES && same_page(&model[last], &model[p]))
		last++;
	size_t old_end = p + 1 + pick(last - p), new_end = p + 1 + pick(NPAGES - p);
	int rc = vma_resize(&set, addr_of(p), addr_of(old_end), addr_of(new_end));
	memcpy(trial, model, sizeof(trial));
	for (size_t q = new_end; q < old_end; q++)
		trial[q].mapped = false;
	if (new_end > old_end && (old_end != last || !none_mapped(old_end, new_end))) {
		ck_assert_int_eq(rc, -VMA_ENOMEM);
		return;
	}
	for (size_t q = old_end; q < new_end; q++)
		trial[q] = model[p];
	settle(rc);
}

static void step_find_free(void)
{
	size_t len = 1 + pick(12), hint = pick(NPAGES + 4), best = 0;
	virt_t got = vma_find_free(&set, len * PAGE_SIZE, BASE + hint * PAGE_SIZE);

	if (hint + len <= NPAGES && none_mapped(hint, hint + len)) {
		ck_assert_uint_eq(got, addr_of(hint));
		return;
	}
	for (size_t q = NPAGES - len + 1; q-- > 0;) {
		if (none_mapped(q, q + len)) {
			best = q + 1;
			break;
		}
	}
	ck_assert_uint_eq(got, best ? addr_of(best - 1) : 0);
}

static void run_model(uint64_t seed)
{
	rng_state = seed;
	memset(model, 0, sizeof(model));
	vma_set_init(&set, storage, CAP, BASE, addr_of(NPAGES));
	for (int i = 0; i < STEPS; i++) {
		size_t a = pick(NPAGES), b = a + 1 + pick(MIN(NPAGES - a, 16));
		switch (pick(6)) {
		case 0: step_insert(a, b); break;
		case 1: step_insert(a, a + 1); break;
		case 2: step_remove(a, b); break;
		case 3: step_change(a, b); break;
		case 4: step_resize(); break;
		default: step_find_free(); break;
		}
		check_agrees();
	}
}

START_TEST(random_operations_agree_with_a_per_page_model)
{
	run_model(0x9e3779b97f4a7c15ull);
	run_model(0x0123456789abcdefull);
	run_model(42);
}
END_TEST

UNIT_SUITE(vma_random_suite)
static Suite *vma_random_suite(void)
{
	Suite *s = suite_create("vma_random");
	TCase *tc = tcase_create("vma_random");
	tcase_add_test(tc, random_operations_agree_with_a_per_page_model);
	suite_add_tcase(s, tc);
	return s;
}
