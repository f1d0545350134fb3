// SPDX-License-Identifier: MIT
/* Virtual-memory-area sets (see vma.h). Every edit of a range (insert,
 * remove, change of attributes) goes through one engine: the areas touching
 * the range, plus one neighbour each side, are re-emitted as pieces through a
 * merging sink. A first pass only counts the result, so the capacity check
 * happens before anything changes; a second pass writes it in place. */
#include "mm/vma.h"
#include "lib/string.h"

enum vma_op_kind { VMA_OP_INSERT, VMA_OP_REMOVE, VMA_OP_CHANGE };

/* One edit of [start,end): what the pieces of areas inside it become. */
struct vma_op {
	enum vma_op_kind kind;
	virt_t start, end;
	struct vma fresh;   /* INSERT: the new area */
	bool set_prot;      /* CHANGE: replace prot with prot */
	uint32_t prot;
	uint32_t set_flags, clear_flags;
	int advice;         /* CHANGE: VMA_ADV_KEEP or the new advice */
};

/* The part of s an op rewrites: len areas from i0 become count areas. */
struct vma_plan {
	size_t i0, len, count;
};

/* Collects pieces in address order, merging equal neighbours; with out NULL
 * it only counts. */
struct vma_sink {
	struct vma *out;
	size_t n;
	bool pending;
	struct vma last;
};

static bool page_aligned(virt_t a)
{
	return (a & (PAGE_SIZE - 1)) == 0;
}

static bool range_ok(virt_t start, virt_t end)
{
	return start < end && page_aligned(start) && page_aligned(end);
}

/* Whether b, starting where a ends, may merge into a. */
static bool same_attrs(const struct vma *a, const struct vma *b)
{
	return a->prot == b->prot && a->flags == b->flags &&
	       a->advice == b->advice && a->obj == b->obj &&
	       (!a->obj || a->pgoff + (a->end - a->start) / PAGE_SIZE == b->pgoff);
}

/* Returns the index of the first area ending above addr, n if none. */
static size_t first_ending_after(const struct vma_set *s, virt_t addr)
{
	size_t lo = 0, hi = s->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (s->v[mid].end > addr)
			hi = mid;
		else
			lo = mid + 1;
	}
	return lo;
}

/* Returns the index of the first area starting at or above addr, n if none. */
static size_t first_starting_at(const struct vma_set *s, virt_t addr)
{
	size_t lo = 0, hi = s->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (s->v[mid].start >= addr)
			hi = mid;
		else
			lo = mid + 1;
	}
	return lo;
}

void vma_set_init(struct vma_set *s, struct vma *storage, size_t cap,
		  virt_t lo, virt_t hi)
{
	s->v = storage;
	s->n = 0;
	s->cap = cap;
	s->lo = ALIGN_UP(lo, PAGE_SIZE);
	s->hi = ALIGN_DOWN(hi, PAGE_SIZE);
}

size_t vma_count(const struct vma_set *s)
{
	return s->n;
}

const struct vma *vma_at(const struct vma_set *s, size_t i)
{
	return i < s->n ? &s->v[i] : NULL;
}

const struct vma *vma_find(const struct vma_set *s, virt_t addr)
{
	size_t i = first_ending_after(s, addr);

	return i < s->n && s->v[i].start <= addr ? &s->v[i] : NULL;
}

bool vma_range_free(const struct vma_set *s, virt_t start, virt_t end)
{
	if (!range_ok(start, end))
		return false;
	size_t i = first_ending_after(s, start);
	return i == s->n || s->v[i].start >= end;
}

bool vma_range_mapped(const struct vma_set *s, virt_t start, virt_t end)
{
	if (!range_ok(start, end))
		return false;
	virt_t at = start;
	for (size_t i = first_ending_after(s, start); at < end; i++) {
		if (i == s->n || s->v[i].start > at)
			return false;
		at = s->v[i].end;
	}
	return true;
}

bool vma_set_valid(const struct vma_set *s)
{
	if (s->n > s->cap)
		return false;
	for (size_t i = 0; i < s->n; i++) {
		const struct vma *a = &s->v[i];
		if (!range_ok(a->start, a->end) || (a->prot & ~VMA_PROT_ALL) ||
		    (a->flags & ~VMA_FLAGS_ALL) || a->advice > VMA_ADV_SEQUENTIAL)
			return false;
		if (i == 0)
			continue;
		const struct vma *p = &s->v[i - 1];
		if (p->end > a->start || (p->end == a->start && same_attrs(p, a)))
			return false;
	}
	return true;
}

static void sink_flush(struct vma_sink *k)
{
	if (!k->pending)
		return;
	if (k->out)
		k->out[k->n] = k->last;
	k->n++;
	k->pending = false;
}

static void sink_put(struct vma_sink *k, struct vma piece)
{
	if (k->pending && k->last.end == piece.start &&
	    same_attrs(&k->last, &piece)) {
		k->last.end = piece.end;
		return;
	}
	sink_flush(k);
	k->last = piece;
	k->pending = true;
}

static struct vma piece_of(const struct vma *a, virt_t start, virt_t end)
{
	struct vma p = *a;

	p.start = start;
	p.end = end;
	if (p.obj)
		p.pgoff = a->pgoff + (start - a->start) / PAGE_SIZE;
	return p;
}

static void op_change(const struct vma_op *op, struct vma *p)
{
	if (op->set_prot)
		p->prot = op->prot;
	p->flags = (p->flags | op->set_flags) & ~op->clear_flags;
	if (op->advice != VMA_ADV_KEEP)
		p->advice = (uint32_t)op->advice;
}

/* Feeds into k the pieces that area a becomes under op. */
static void emit_area(const struct vma_op *op, struct vma a, struct vma_sink *k)
{
	if (a.end <= op->start || a.start >= op->end) {
		sink_put(k, a);
		return;
	}
	if (a.start < op->start)
		sink_put(k, piece_of(&a, a.start, op->start));
	if (op->kind == VMA_OP_CHANGE) {
		struct vma in = piece_of(&a, MAX(a.start, op->start),
					 MIN(a.end, op->end));
		op_change(op, &in);
		sink_put(k, in);
	}
	if (a.end > op->end)
		sink_put(k, piece_of(&a, op->end, a.end));
}

/* Feeds into k the result of op over the areas in[0..len). Each input is
 * copied before anything is emitted for it, because k may be writing over
 * the slot it came from. */
static void emit_window(const struct vma_op *op, const struct vma *in,
			size_t len, struct vma_sink *k)
{
	bool fresh_done = op->kind != VMA_OP_INSERT;

	for (size_t i = 0; i < len; i++) {
		struct vma a = in[i];
		if (!fresh_done && a.start >= op->end) {
			sink_put(k, op->fresh);
			fresh_done = true;
		}
		emit_area(op, a, k);
	}
	if (!fresh_done)
		sink_put(k, op->fresh);
	sink_flush(k);
}

/* Counts what op would make of s. Returns -ENOMEM if it would not fit. */
static int vma_plan(const struct vma_set *s, const struct vma_op *op,
		    struct vma_plan *p)
{
	size_t i0 = first_ending_after(s, op->start);
	size_t i1 = first_starting_at(s, op->end);
	struct vma_sink count = { .out = NULL };

	/* The neighbours take part so that they can merge with the result. */
	if (i0 > 0)
		i0--;
	if (i1 < s->n)
		i1++;
	emit_window(op, &s->v[i0], i1 - i0, &count);
	if (s->n - (i1 - i0) + count.n > s->cap)
		return -VMA_ENOMEM;
	p->i0 = i0;
	p->len = i1 - i0;
	p->count = count.n;
	return 0;
}

/* Rewrites s as planned; cannot fail. The written pieces never overtake the
 * unread input by more than the growth of the window: only a CHANGE that
 * splits one area in three runs two pieces ahead, and then the window grows
 * by exactly two (a fully merged set has no equal neighbours to absorb the
 * outer pieces). So the window is first moved right by its growth. */
static void vma_commit(struct vma_set *s, const struct vma_op *op,
		       const struct vma_plan *p)
{
	struct vma *base = &s->v[p->i0];
	size_t shift = p->count > p->len ? p->count - p->len : 0;
	size_t after = s->n - p->i0 - p->len;
	struct vma_sink sink = { .out = base };

	if (shift)
		memmove(base + shift, base, (p->len + after) * sizeof(*base));
	emit_window(op, base + shift, p->len, &sink);
	if (p->count < p->len)
		memmove(base + p->count, base + p->len, after * sizeof(*base));
	s->n = s->n - p->len + p->count;
}

static int vma_apply(struct vma_set *s, const struct vma_op *op)
{
	struct vma_plan p;
	int err = vma_plan(s, op, &p);

	if (err)
		return err;
	vma_commit(s, op, &p);
	return 0;
}

int vma_insert(struct vma_set *s, virt_t start, virt_t end, uint32_t prot,
	       uint32_t flags)
{
	return vma_insert_obj(s, start, end, prot, flags, NULL, 0);
}

int vma_insert_obj(struct vma_set *s, virt_t start, virt_t end, uint32_t prot,
		   uint32_t flags, void *obj, uint64_t pgoff)
{
	if (!range_ok(start, end) || (prot & ~VMA_PROT_ALL) ||
	    (flags & ~VMA_FLAGS_ALL))
		return -VMA_EINVAL;
	if (!vma_range_free(s, start, end))
		return -VMA_EEXIST;
	struct vma_op op = {
		.kind = VMA_OP_INSERT, .start = start, .end = end,
		.fresh = { .start = start, .end = end, .prot = prot,
			   .flags = flags, .advice = VMA_ADV_NORMAL, .obj = obj,
			   .pgoff = obj ? pgoff : 0 },
	};
	return vma_apply(s, &op);
}

int vma_remove(struct vma_set *s, virt_t start, virt_t end,
	       vma_unmap_fn_t unmap, void *arg)
{
	if (!range_ok(start, end))
		return -VMA_EINVAL;
	struct vma_op op = { .kind = VMA_OP_REMOVE, .start = start, .end = end };
	struct vma_plan p;
	int err = vma_plan(s, &op, &p);
	if (err)
		return err;
	if (unmap) {
		for (size_t i = first_ending_after(s, start);
		     i < s->n && s->v[i].start < end; i++) {
			const struct vma *a = &s->v[i];
			unmap(MAX(a->start, start), MIN(a->end, end), a, arg);
		}
	}
	vma_commit(s, &op, &p);
	return 0;
}

int vma_protect(struct vma_set *s, virt_t start, virt_t end, uint32_t prot)
{
	if (!range_ok(start, end) || (prot & ~VMA_PROT_ALL))
		return -VMA_EINVAL;
	if (!vma_range_mapped(s, start, end))
		return -VMA_ENOMEM;
	struct vma_op op = {
		.kind = VMA_OP_CHANGE, .start = start, .end = end,
		.set_prot = true, .prot = prot, .advice = VMA_ADV_KEEP,
	};
	return vma_apply(s, &op);
}

int vma_update(struct vma_set *s, virt_t start, virt_t end,
	       uint32_t set_flags, uint32_t clear_flags, int advice)
{
	if (!range_ok(start, end) || ((set_flags | clear_flags) & ~VMA_FLAGS_ALL) ||
	    (set_flags & clear_flags) || advice < VMA_ADV_KEEP ||
	    advice > VMA_ADV_SEQUENTIAL)
		return -VMA_EINVAL;
	if (!vma_range_mapped(s, start, end))
		return -VMA_ENOMEM;
	struct vma_op op = {
		.kind = VMA_OP_CHANGE, .start = start, .end = end,
		.set_flags = set_flags, .clear_flags = clear_flags,
		.advice = advice,
	};
	return vma_apply(s, &op);
}

/* Extends area i to new_end, absorbing the next area if they become equal
 * neighbours. [v[i].end,new_end) must be free. */
static void grow_area(struct vma_set *s, size_t i, virt_t new_end)
{
	struct vma *a = &s->v[i];

	a->end = new_end;
	if (i + 1 < s->n && a[1].start == new_end && same_attrs(a, &a[1])) {
		a->end = a[1].end;
		memmove(&a[1], &a[2], (s->n - i - 2) * sizeof(*a));
		s->n--;
	}
}

int vma_resize(struct vma_set *s, virt_t start, virt_t old_end, virt_t new_end)
{
	if (!range_ok(start, old_end) || !range_ok(start, new_end))
		return -VMA_EINVAL;
	const struct vma *a = vma_find(s, start);
	if (!a || a->end < old_end)
		return -VMA_EFAULT;
	if (new_end == old_end)
		return 0;
	if (new_end < old_end)
		return vma_remove(s, new_end, old_end, NULL, NULL);
	if (a->end != old_end || !vma_range_free(s, old_end, new_end))
		return -VMA_ENOMEM;
	grow_area(s, (size_t)(a - s->v), new_end);
	return 0;
}

/* Returns the top-most len-byte gap in [lo,hi) below the areas, 0 if none. */
static virt_t find_top_down(const struct vma_set *s, size_t len, virt_t lo,
			    virt_t hi)
{
	virt_t top = hi;

	for (size_t i = s->n; i-- > 0 && top > lo;) {
		const struct vma *a = &s->v[i];
		if (a->start >= top)
			continue;
		virt_t bottom = MAX(a->end, lo);
		if (bottom < top && top - bottom >= len)
			return top - len;
		top = a->start;
	}
	return top > lo && top - lo >= len ? top - len : 0;
}

virt_t vma_find_free(const struct vma_set *s, size_t len, virt_t hint)
{
	virt_t lo = MAX(s->lo, PAGE_SIZE), hi = s->hi;

	if (len == 0 || lo >= hi || len > hi - lo)
		return 0;
	len = ALIGN_UP(len, PAGE_SIZE);
	if (len > hi - lo)
		return 0;
	virt_t h = ALIGN_UP(hint, PAGE_SIZE);
	if (h >= lo && h < hi && len <= hi - h && vma_range_free(s, h, h + len))
		return h;
	return find_top_down(s, len, lo, hi);
}
