// SPDX-License-Identifier: MIT
/* t_mmap: anonymous mappings (private and shared), mprotect, MAP_FIXED and
 * MAP_FIXED_NOREPLACE, the Linux errno for bad arguments, and the mlock
 * family. Never faults on purpose (t_fault does that). */
#include <stdint.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include "tap.h"

#define PAGE 4096UL
#define RW (PROT_READ | PROT_WRITE)
#define ANON_PRIV (MAP_PRIVATE | MAP_ANONYMOUS)

/* Returns 1 if [p, p + n) is all zero. */
static int all_zero(const unsigned char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i])
			return 0;
	return 1;
}

/* Maps n anonymous bytes with flags; returns the mapping or MAP_FAILED. */
static unsigned char *map_anon(size_t n, int flags)
{
	return mmap(NULL, n, RW, flags | MAP_ANONYMOUS, -1, 0);
}

static void test_anon(const char *name, int flags)
{
	char tn[64];
	size_t n = 16 * PAGE;
	unsigned char *p = map_anon(n, flags);

	snprintf(tn, sizeof(tn), "mmap_%s_succeeds", name);
	if (!CHECK(tn, p != MAP_FAILED))
		return;
	snprintf(tn, sizeof(tn), "mmap_%s_is_page_aligned", name);
	CHECK(tn, ((uintptr_t)p & (PAGE - 1)) == 0);
	snprintf(tn, sizeof(tn), "mmap_%s_reads_zero", name);
	CHECK(tn, all_zero(p, n));
	for (size_t i = 0; i < n; i += PAGE / 2)
		p[i] = (unsigned char)(i / PAGE + 1);
	snprintf(tn, sizeof(tn), "mmap_%s_write_reads_back", name);
	CHECK(tn, p[0] == 1 && p[n - PAGE / 2] == 16 && p[PAGE] == 2);
	snprintf(tn, sizeof(tn), "munmap_%s_succeeds", name);
	CHECK(tn, munmap(p, n) == 0);
}

static void test_mprotect(void)
{
	unsigned char *p = map_anon(4 * PAGE, MAP_PRIVATE);
	if (!CHECK("mprotect_setup_mmap", p != MAP_FAILED))
		return;
	p[PAGE] = 0x5a;
	CHECK("mprotect_read_only_succeeds", mprotect(p, 4 * PAGE, PROT_READ) == 0);
	CHECK("mprotect_read_only_keeps_contents", p[PAGE] == 0x5a && p[0] == 0);
	CHECK("mprotect_back_to_read_write_succeeds", mprotect(p, 4 * PAGE, RW) == 0);
	p[PAGE] = 0xa5;
	p[3 * PAGE] = 0x33;
	CHECK("mprotect_back_to_read_write_allows_writes", p[PAGE] == 0xa5 && p[3 * PAGE] == 0x33);
	CHECK("mprotect_part_of_mapping_succeeds", mprotect(p + PAGE, PAGE, PROT_READ) == 0);
	CHECK("mprotect_none_succeeds", mprotect(p + 2 * PAGE, PAGE, PROT_NONE) == 0);
	CHECK("munmap_after_split_protection_succeeds", munmap(p, 4 * PAGE) == 0);
}

static void test_fixed(void)
{
	unsigned char *p = map_anon(4 * PAGE, MAP_PRIVATE);
	if (!CHECK("map_fixed_setup_mmap", p != MAP_FAILED))
		return;
	p[PAGE] = 0x77;
	p[2 * PAGE] = 0x78;
	unsigned char *q = mmap(p + PAGE, PAGE, RW, ANON_PRIV | MAP_FIXED, -1, 0);
	CHECK("map_fixed_returns_requested_address", q == p + PAGE);
	CHECK("map_fixed_replaces_old_contents_with_zero", p[PAGE] == 0);
	CHECK("map_fixed_leaves_neighbours_alone", p[2 * PAGE] == 0x78);

	CHECK_ERRNO("map_fixed_noreplace_over_mapping_gives_eexist",
		    mmap(p + 2 * PAGE, PAGE, RW, ANON_PRIV | MAP_FIXED_NOREPLACE, -1, 0), EEXIST);
	CHECK("map_fixed_noreplace_failure_keeps_contents", p[2 * PAGE] == 0x78);
	CHECK("munmap_part_succeeds", munmap(p + 3 * PAGE, PAGE) == 0);
	q = mmap(p + 3 * PAGE, PAGE, RW, ANON_PRIV | MAP_FIXED_NOREPLACE, -1, 0);
	CHECK("map_fixed_noreplace_into_hole_succeeds", q == p + 3 * PAGE);
	CHECK("munmap_fixed_range_succeeds", munmap(p, 4 * PAGE) == 0);
	CHECK("munmap_unmapped_range_succeeds", munmap(p, 4 * PAGE) == 0);
}

static void test_bad_args(void)
{
	unsigned char *p = map_anon(2 * PAGE, MAP_PRIVATE);
	if (!CHECK("bad_args_setup_mmap", p != MAP_FAILED))
		return;
	CHECK_ERRNO("mmap_length_zero_gives_einval", mmap(NULL, 0, RW, ANON_PRIV, -1, 0), EINVAL);
	CHECK_ERRNO("mmap_fixed_unaligned_gives_einval",
		    mmap(p + 1, PAGE, RW, ANON_PRIV | MAP_FIXED, -1, 0), EINVAL);
	CHECK_ERRNO("mmap_neither_private_nor_shared_gives_einval",
		    mmap(NULL, PAGE, RW, MAP_ANONYMOUS, -1, 0), EINVAL);
	CHECK_ERRNO("munmap_unaligned_gives_einval", munmap(p + 1, PAGE), EINVAL);
	CHECK_ERRNO("munmap_length_zero_gives_einval", munmap(p, 0), EINVAL);
	/* musl's mprotect rounds the start down, so ask the kernel directly. */
	CHECK_ERRNO("mprotect_unaligned_gives_einval",
		    syscall(SYS_mprotect, p + 1, PAGE, PROT_READ), EINVAL);
	CHECK("munmap_bad_args_setup_succeeds", munmap(p, 2 * PAGE) == 0);
	CHECK_ERRNO("mprotect_unmapped_range_gives_enomem", mprotect(p, PAGE, PROT_READ), ENOMEM);
}

static void test_mlock(void)
{
	unsigned char *p = map_anon(4 * PAGE, MAP_PRIVATE);
	if (!CHECK("mlock_setup_mmap", p != MAP_FAILED))
		return;
	CHECK("mlock_succeeds", mlock(p, 4 * PAGE) == 0);
	CHECK("munlock_succeeds", munlock(p, 4 * PAGE) == 0);
	CHECK("mlockall_succeeds", mlockall(MCL_CURRENT) == 0);
	CHECK("munlockall_succeeds", munlockall() == 0);

	/* Beyond the RAM of the test VM and any lock limit; PROT_NONE and
	 * MAP_NORESERVE, so the mapping itself needs no frames. */
	size_t huge = 1UL << 30;
	unsigned char *h = mmap(NULL, huge, PROT_NONE, ANON_PRIV | MAP_NORESERVE, -1, 0);
	if (!CHECK("mlock_huge_setup_mmap", h != MAP_FAILED))
		return;
	errno = 0;
	int r = mlock(h, huge);
	int e = errno;
	tap_note("mlock of 1 GiB: returned %d, errno %d (%s)", r, e, strerror(e));
	CHECK("mlock_beyond_limit_gives_enomem_or_eperm", r == -1 && (e == ENOMEM || e == EPERM));
	munlock(h, huge);
	CHECK("munmap_huge_succeeds", munmap(h, huge) == 0);
	CHECK("munmap_mlock_setup_succeeds", munmap(p, 4 * PAGE) == 0);
}

/* A MAP_SHARED anonymous page that nobody touched before fork is still
 * one page: what the child writes, the parent reads. */
static void shared_untouched_page_survives_fork(void)
{
	volatile int *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	pid_t pid = fork();
	if (pid == 0) {
		*p = 1234;
		_exit(0);
	}
	waitpid(pid, NULL, 0);
	CHECK("mmap_shared_page_untouched_before_fork_is_shared", *p == 1234);
	munmap((void *)p, 4096);
}

int main(void)
{
	tap_begin();
	test_anon("private", MAP_PRIVATE);
	test_anon("shared", MAP_SHARED);
	test_mprotect();
	test_fixed();
	test_bad_args();
	test_mlock();
	shared_untouched_page_survives_fork();
	return tap_end("t_mmap");
}
