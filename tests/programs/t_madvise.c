// SPDX-License-Identifier: MIT
/* t_madvise: MADV_DONTNEED drops pages (they read back as zero, the
 * caller's RSS from uk_meminfo falls (skipped where uk_meminfo is ENOSYS), pages outside the range keep their
 * data); the other common advice values are accepted; bad arguments give
 * EINVAL. */
#include <stdint.h>
#include <sys/mman.h>
#include "tap.h"
#include "uk.h"

#define PAGE 4096UL
#define NPAGES 256UL      /* pages dropped by the RSS check */
#define RSS_SLACK 32UL    /* pages the RSS may move for other reasons */

static void pattern_fill(unsigned char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		p[i] = (unsigned char)(i % 251 + 1);
}

static int pattern_ok(const unsigned char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] != (unsigned char)(i % 251 + 1))
			return 0;
	return 1;
}

static int all_zero(const unsigned char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i])
			return 0;
	return 1;
}

static void test_dontneed(void)
{
	size_t n = (NPAGES + 2) * PAGE;
	unsigned char *p = mmap(NULL, n, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	struct uk_meminfo before, after;

	if (!CHECK("madvise_dontneed_setup", p != MAP_FAILED))
		return;
	pattern_fill(p, n);
	/* ENOSYS: not this kernel (plain Linux); t_leak still fails a kernel
	 * that lacks uk_meminfo. */
	int have_info = uk_meminfo(&before) == 0;
	if (!have_info && errno == ENOSYS)
		tap_skip("madvise_dontneed_lowers_rss", "uk_meminfo: ENOSYS");
	else
		CHECK("madvise_meminfo_before_succeeds", have_info);
	/* Keeps the first and last page, drops the NPAGES between. */
	CHECK("madvise_dontneed_succeeds", madvise(p + PAGE, NPAGES * PAGE, MADV_DONTNEED) == 0);
	if (have_info && CHECK("madvise_meminfo_after_succeeds", uk_meminfo(&after) == 0)) {
		tap_note("rss before %llu pages, after %llu pages",
			 (unsigned long long)before.rss_pages, (unsigned long long)after.rss_pages);
		CHECK("madvise_dontneed_lowers_rss",
		      before.rss_pages >= after.rss_pages + NPAGES - RSS_SLACK);
	}
	CHECK("madvise_dontneed_pages_read_zero", all_zero(p + PAGE, NPAGES * PAGE));
	CHECK("madvise_dontneed_keeps_page_before", pattern_ok(p, PAGE));
	CHECK("madvise_dontneed_keeps_page_after",
	      p[(NPAGES + 1) * PAGE] == (unsigned char)((NPAGES + 1) * PAGE % 251 + 1));
	CHECK("madvise_dontneed_cleanup", munmap(p, n) == 0);
}

static void test_advice_accepted(void)
{
	static const struct { const char *name; int advice; } adv[] = {
		{ "madvise_normal_accepted", MADV_NORMAL },
		{ "madvise_random_accepted", MADV_RANDOM },
		{ "madvise_sequential_accepted", MADV_SEQUENTIAL },
		{ "madvise_willneed_accepted", MADV_WILLNEED },
		{ "madvise_free_accepted", MADV_FREE },
	};
	size_t n = 8 * PAGE;
	unsigned char *p = mmap(NULL, n, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (!CHECK("madvise_advice_setup", p != MAP_FAILED))
		return;
	pattern_fill(p, n);
	for (size_t i = 0; i < sizeof(adv) / sizeof(adv[0]); i++)
		CHECK(adv[i].name, madvise(p, n, adv[i].advice) == 0);
	CHECK_ERRNO("madvise_unknown_advice_gives_einval", madvise(p, n, 12345), EINVAL);
	CHECK_ERRNO("madvise_unaligned_address_gives_einval", madvise(p + 1, PAGE, MADV_NORMAL), EINVAL);
	CHECK("madvise_advice_cleanup", munmap(p, n) == 0);
	CHECK_ERRNO("madvise_unmapped_range_gives_enomem", madvise(p, n, MADV_NORMAL), ENOMEM);
}

int main(void)
{
	tap_begin();
	test_dontneed();
	test_advice_accepted();
	return tap_end("t_madvise");
}
