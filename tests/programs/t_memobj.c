// SPDX-License-Identifier: MIT
/* t_memobj: memory objects are backed lazily. A 1 GiB object costs no
 * memory until touched, each touched page costs one frame however many
 * mappings show it, two mappings and a fork's child see the same pages,
 * the pages outlive the capability while a mapping remains and return to
 * the free pool once neither does, splitting or moving a mapping keeps
 * each page at its offset, and an access past the object's end is SIGBUS. */
#define _GNU_SOURCE
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include "child.h"
#include "tap.h"
#include "uk.h"

#define PG 4096ul
#define SLACK 64  /* frames other processes may take or free meanwhile */

static long free_frames(void)
{
	struct uk_meminfo mi;
	return uk_meminfo(&mi) == 0 ? (long)mi.free_frames : -1;
}

static long span(long a, long b)
{
	return a > b ? a - b : b - a;
}

static void big_object_costs_nothing_until_touched(void)
{
	long before = free_frames();
	int m = uk_mem_create(1ul << 30);
	volatile uint8_t *p = uk_mem_map(m, 0, PROT_READ | PROT_WRITE);
	long mapped = free_frames();
	CHECK("a_1gib_object_maps_without_taking_its_pages",
	      m >= 0 && p != (void *)-1 && span(before, mapped) < SLACK);
	if (m < 0 || p == (void *)-1)
		return;
	for (int i = 0; i < 1024; i++)
		p[(uint64_t)i * PG + 64] = (uint8_t)i;  /* the first 4 MiB */
	long touched = free_frames();
	CHECK("touching_1024_pages_takes_about_1024_frames",
	      span(mapped - touched, 1024) < SLACK + 8);
	int ok = 1;
	for (int i = 0; i < 1024; i++)
		ok &= p[(uint64_t)i * PG + 64] == (uint8_t)i;
	CHECK("the_touched_pages_keep_their_data", ok);
	CHECK("an_untouched_page_reads_zero", p[PG * 3] == 0 && p[(1ul << 30) - 1] == 0);
	CHECK("munmap_succeeds", munmap((void *)p, 1ul << 30) == 0);
	CHECK("cap_delete_succeeds", uk_cap_delete(m) == 0);
	CHECK("unmapped_and_closed_the_pages_are_free_again", span(free_frames(), before) < SLACK);
}

static void two_mappings_share_pages(void)
{
	int m = uk_mem_create(16 * PG);
	uint8_t *a = uk_mem_map(m, 0, PROT_READ | PROT_WRITE);
	uint8_t *b = uk_mem_map(m, 0, PROT_READ | PROT_WRITE);
	if (!CHECK("two_mappings_of_one_object", a != (void *)-1 && b != (void *)-1 && a != b))
		return;
	for (int i = 0; i < 16; i++)
		a[i * PG + 7] = (uint8_t)(0x40 + i);
	int ok = 1;
	for (int i = 0; i < 16; i++)
		ok &= b[i * PG + 7] == (uint8_t)(0x40 + i);
	CHECK("a_write_through_one_mapping_shows_in_the_other", ok);
	CHECK("both_show_the_same_frame", uk_vm_frame_id(a + 5 * PG) == uk_vm_frame_id(b + 5 * PG) &&
	      uk_vm_frame_id(a) > 0);

	/* The middle made read-only: the pieces keep their offsets. */
	CHECK("mprotect_splits_a_mapping", mprotect(b + 4 * PG, 4 * PG, PROT_READ) == 0);
	ok = 1;
	for (int i = 0; i < 16; i++)
		ok &= b[i * PG + 7] == (uint8_t)(0x40 + i);
	CHECK("after_the_split_each_page_is_still_at_its_offset", ok);
	CHECK("madvise_dontneed_of_shared_pages_keeps_their_data",
	      madvise(b, 16 * PG, MADV_DONTNEED) == 0 && b[9 * PG + 7] == 0x49 && b[0 * PG + 7] == 0x40);

	/* Moved, the pages go with the mapping. */
	uint8_t *c = mremap(a + 8 * PG, 8 * PG, 8 * PG, MREMAP_MAYMOVE | MREMAP_FIXED, b + 64 * PG);
	if (c == MAP_FAILED)
		c = mremap(a + 8 * PG, 8 * PG, 12 * PG, MREMAP_MAYMOVE);
	CHECK("mremap_moves_part_of_a_mapping", c != MAP_FAILED);
	if (c != MAP_FAILED) {
		ok = 1;
		for (int i = 0; i < 8; i++)
			ok &= c[i * PG + 7] == (uint8_t)(0x48 + i);
		CHECK("the_moved_part_shows_the_same_pages", ok);
		c[3 * PG] = 0x99;
		CHECK("a_write_to_the_moved_part_shows_in_the_other_mapping", b[11 * PG] == 0x99);
	}

	/* A fork's child maps the same object: shared, not copied. */
	pid_t pid = fork();
	if (pid == 0) {
		a[2 * PG] = 0x77;
		_exit(b[2 * PG] == 0x77 ? 0 : 1);
	}
	int st = -1;
	waitpid(pid, &st, 0);
	CHECK("a_forked_child_shares_the_objects_pages", EXITED_0(st) && a[2 * PG] == 0x77);

	/* The mapping keeps the object when the capability goes. */
	CHECK("cap_delete_while_mapped_succeeds", uk_cap_delete(m) == 0);
	a[PG] = 0x55;
	CHECK("the_mapping_still_works_without_the_capability", b[PG] == 0x55);
	/* mlock fills in from the object, not with fresh zero pages. */
	CHECK("mlock_over_an_object_mapping_maps_the_objects_pages",
	      madvise(a, 8 * PG, MADV_DONTNEED) == 0 && mlock(a, 8 * PG) == 0 && a[PG] == 0x55 &&
	      a[2 * PG] == 0x77);
}

static int touch_past_the_end(void)
{
	int m = uk_mem_create(2 * PG);
	uint8_t *a = uk_mem_map(m, 0, PROT_READ | PROT_WRITE);
	if (a == (void *)-1)
		return 2;
	a[PG] = 1;
	uint8_t *b = mremap(a, 2 * PG, 4 * PG, MREMAP_MAYMOVE);
	if (b == MAP_FAILED)
		return 3;
	if (b[PG] != 1)
		return 4;
	b[3 * PG] = 1;  /* past the end: SIGBUS */
	return 5;
}

static void past_the_end_is_sigbus(void)
{
	int st = in_child(touch_past_the_end);
	CHECK("an_access_past_the_objects_end_is_sigbus", KILLED_BY(st, SIGBUS));
}

static void fork_and_exit_release_the_pages(void)
{
	long before = free_frames();
	int m = uk_mem_create(8ul << 20);
	uint8_t *a = uk_mem_map(m, 0, PROT_READ | PROT_WRITE);
	if (!CHECK("an_8mib_object_maps", a != (void *)-1))
		return;
	memset(a, 0x11, 4ul << 20);
	pid_t pid = fork();
	if (pid == 0) {
		memset(a + (4ul << 20), 0x22, 1ul << 20);  /* the child touches more */
		_exit(0);
	}
	int st = -1;
	waitpid(pid, &st, 0);
	CHECK("the_childs_pages_are_the_objects", EXITED_0(st) && a[(4ul << 20) + 5] == 0x22);
	uk_cap_delete(m);
	munmap(a, 8ul << 20);
	CHECK("after_fork_exit_munmap_and_close_every_page_is_free", span(free_frames(), before) < SLACK);
}

static void decommit_gives_pages_back(void)
{
	int m = uk_mem_create(4ul << 20);
	uint8_t *a = uk_mem_map(m, 0, PROT_READ | PROT_WRITE);
	if (!CHECK("a_4mib_object_maps", a != (void *)-1))
		return;
	memset(a, 0x33, 4ul << 20);
	long full = free_frames();
	CHECK("decommit_of_the_last_3mib_succeeds", uk_mem_decommit(m, 1ul << 20, 3ul << 20) == 0);
	CHECK("decommit_returns_the_frames", span(free_frames() - full, 768) < SLACK);
	CHECK("decommitted_pages_read_zero_and_the_rest_is_kept",
	      a[(1ul << 20) + 5] == 0 && a[(4ul << 20) - 1] == 0 && a[(1ul << 20) - 1] == 0x33);
	CHECK_ERRNO("decommit_past_the_end_is_einval", uk_mem_decommit(m, 4ul << 20, PG), EINVAL);
	CHECK_ERRNO("decommit_of_a_misaligned_offset_is_einval", uk_mem_decommit(m, 5, PG), EINVAL);
	int ro = uk_cap_copy(m, CAP_R_READ | CAP_R_MAP, 0, 0);
	CHECK_ERRNO("decommit_needs_write", uk_mem_decommit(ro, 0, PG), EPERM);
	munmap(a, 4ul << 20);
	uk_cap_delete(ro);
	uk_cap_delete(m);
}

static void client_vm_is_for_servers(void)
{
	int m = uk_mem_create(PG);
	struct uk_client_vm rq = { .op = UK_CLIENT_MAP, .prot = PROT_READ, .pid = getpid(),
				   .mem_slot = m, .len = PG };
	CHECK_ERRNO("client_vm_without_a_forwarding_endpoint_is_eperm", uk_client_vm(m, &rq), EPERM);
	CHECK_ERRNO("client_vm_with_a_bad_request_pointer_is_efault",
		    uk_client_vm(m, (const struct uk_client_vm *)8), EFAULT);
	uk_cap_delete(m);
}

static void bad_requests(void)
{
	CHECK("an_empty_object_is_refused", uk_mem_create(0) < 0);
	CHECK("an_object_above_4gib_is_refused", uk_mem_create((4ul << 30) + PG) < 0);
	CHECK("mapping_a_bad_slot_is_refused", uk_mem_map(200, 0, PROT_READ) == (void *)-1);
}

int main(void)
{
	tap_begin();
	big_object_costs_nothing_until_touched();
	two_mappings_share_pages();
	past_the_end_is_sigbus();
	fork_and_exit_release_the_pages();
	decommit_gives_pages_back();
	client_vm_is_for_servers();
	bad_requests();
	return tap_end("t_memobj");
}
