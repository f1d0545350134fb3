// SPDX-License-Identifier: MIT
/* kernel/proc/elf_check.c: a minimal static executable built here, then
 * broken one field at a time; each check must report its own error. */
#include <stdlib.h>
#include <string.h>
#include "harness.h"
#include "proc/elf.h"

#define TEXT_VA 0x400000ull
#define DATA_VA 0x401000ull
#define MAX_PH 20

/* The image under construction: header and program headers, placed into an
 * exactly-sized buffer (so ASan sees overreads) by check(). */
struct img {
	struct elf64_ehdr eh;
	struct elf64_phdr ph[MAX_PH];
	size_t len;
};

static struct img img;
static struct elf_image out;

static struct elf64_phdr load(uint64_t va, uint64_t off, uint64_t filesz,
			      uint64_t memsz, uint32_t flags)
{
	return (struct elf64_phdr){
		.p_type = ELF_PT_LOAD, .p_flags = flags, .p_offset = off,
		.p_vaddr = va, .p_paddr = va, .p_filesz = filesz,
		.p_memsz = memsz, .p_align = 0x1000,
	};
}

/* Text R+X at 0x400000 (file 0..0x1000, holding the headers), data RW at
 * 0x401000 (file 0x1000..0x1010, 0x2000 in memory); entry at 0x400100. */
static void setup(void)
{
	memset(&img, 0, sizeof(img));
	struct elf64_ehdr *h = &img.eh;
	memcpy(h->e_ident, "\x7f" "ELF\x02\x01\x01", 7);
	h->e_type = ELF_ET_EXEC;
	h->e_machine = ELF_EM_X86_64;
	h->e_version = 1;
	h->e_entry = TEXT_VA + 0x100;
	h->e_phoff = sizeof(struct elf64_ehdr);
	h->e_ehsize = sizeof(struct elf64_ehdr);
	h->e_phentsize = sizeof(struct elf64_phdr);
	h->e_phnum = 2;
	img.ph[0] = load(TEXT_VA, 0, 0x1000, 0x1000, ELF_PF_R | ELF_PF_X);
	img.ph[1] = load(DATA_VA, 0x1000, 0x10, 0x2000, ELF_PF_R | ELF_PF_W);
	img.len = 0x1010;
}

static void add_phdr(struct elf64_phdr p)
{
	ck_assert_int_lt(img.eh.e_phnum, MAX_PH);
	img.ph[img.eh.e_phnum++] = p;
}

static struct elf64_phdr other(uint32_t type, uint64_t va, uint64_t off, uint64_t size)
{
	struct elf64_phdr p = load(va, off, size, size, ELF_PF_R);
	p.p_type = type;
	return p;
}

/* Lays img out in a buffer of img.len bytes and runs elf_check on it. The
 * program headers are written wherever e_phoff puts them, if they fit. */
static int check(void)
{
	uint8_t *buf = calloc(1, img.len);
	memcpy(buf, &img.eh, MIN(sizeof(img.eh), img.len));
	size_t phsize = (size_t)MIN(img.eh.e_phnum, MAX_PH) * sizeof(struct elf64_phdr);
	if (img.eh.e_phoff <= img.len && phsize <= img.len - img.eh.e_phoff)
		memcpy(buf + img.eh.e_phoff, img.ph, phsize);
	int r = elf_check(buf, img.len, &out);
	free(buf);
	return r;
}

START_TEST(accepts_minimal_static_executable)
{
	ck_assert_int_eq(check(), ELF_OK);
	ck_assert_uint_eq(out.entry, TEXT_VA + 0x100);
	ck_assert_uint_eq(out.nload, 2);
	ck_assert_uint_eq(out.load[0].vaddr, TEXT_VA);
	ck_assert_uint_eq(out.load[0].flags, ELF_PF_R | ELF_PF_X);
	ck_assert_uint_eq(out.load[1].vaddr, DATA_VA);
	ck_assert_uint_eq(out.load[1].offset, 0x1000);
	ck_assert_uint_eq(out.load[1].filesz, 0x10);
	ck_assert_uint_eq(out.load[1].memsz, 0x2000);
	ck_assert_uint_eq(out.load[1].align, 0x1000);
	ck_assert_uint_eq(out.load[1].flags, ELF_PF_R | ELF_PF_W);
	ck_assert_uint_eq(out.phnum, 2);
	ck_assert_uint_eq(out.phentsize, 56);
	ck_assert(!out.has_tls);
	ck_assert(!out.has_gnu_stack);
}
END_TEST

START_TEST(phdr_vaddr_comes_from_the_load_segment_covering_phoff)
{
	ck_assert_int_eq(check(), ELF_OK);
	ck_assert_uint_eq(out.phdr_vaddr, TEXT_VA + 64);
}
END_TEST

START_TEST(phdr_vaddr_comes_from_pt_phdr_when_present)
{
	add_phdr(other(ELF_PT_PHDR, TEXT_VA + 64, 64, 3 * 56));
	ck_assert_int_eq(check(), ELF_OK);
	ck_assert_uint_eq(out.phdr_vaddr, TEXT_VA + 64);
	ck_assert_uint_eq(out.phnum, 3);
}
END_TEST

START_TEST(phdr_vaddr_is_zero_when_no_segment_maps_the_table)
{
	img.eh.e_phoff = 0x1010;
	img.len = 0x1010 + 2 * 56;
	ck_assert_int_eq(check(), ELF_OK);
	ck_assert_uint_eq(out.phdr_vaddr, 0);
}
END_TEST

START_TEST(rejects_pt_phdr_outside_every_load_segment)
{
	add_phdr(other(ELF_PT_PHDR, 0x900000, 64, 3 * 56));
	ck_assert_int_eq(check(), ELF_ERR_PHDR);
}
END_TEST

START_TEST(records_tls_and_gnu_stack)
{
	struct elf64_phdr tls = other(ELF_PT_TLS, DATA_VA, 0x1000, 8);
	tls.p_memsz = 0x20;
	tls.p_align = 16;
	add_phdr(tls);
	add_phdr(other(ELF_PT_GNU_STACK, 0, 0, 0));
	img.ph[3].p_flags = ELF_PF_R | ELF_PF_W;
	ck_assert_int_eq(check(), ELF_OK);
	ck_assert(out.has_tls);
	ck_assert_uint_eq(out.tls.vaddr, DATA_VA);
	ck_assert_uint_eq(out.tls.filesz, 8);
	ck_assert_uint_eq(out.tls.memsz, 0x20);
	ck_assert_uint_eq(out.tls.align, 16);
	ck_assert(out.has_gnu_stack);
	ck_assert_uint_eq(out.stack_flags, ELF_PF_R | ELF_PF_W);
}
END_TEST

START_TEST(rejects_duplicate_or_malformed_tls)
{
	add_phdr(other(ELF_PT_TLS, DATA_VA, 0x1000, 8));
	add_phdr(other(ELF_PT_TLS, DATA_VA, 0x1000, 8));
	ck_assert_int_eq(check(), ELF_ERR_TLS);
	setup();
	add_phdr(other(ELF_PT_TLS, DATA_VA, 0x1000, 0x100)); /* past end of file */
	ck_assert_int_eq(check(), ELF_ERR_TLS);
}
END_TEST

START_TEST(ignores_empty_load_segments)
{
	add_phdr(load(0x800000, 0, 0, 0, ELF_PF_R));
	ck_assert_int_eq(check(), ELF_OK);
	ck_assert_uint_eq(out.nload, 2);
}
END_TEST

START_TEST(rejects_null_arguments)
{
	uint8_t b[64] = { 0 };
	ck_assert_int_eq(elf_check(NULL, 64, &out), ELF_ERR_INVALID);
	ck_assert_int_eq(elf_check(b, sizeof(b), NULL), ELF_ERR_INVALID);
}
END_TEST

START_TEST(rejects_file_shorter_than_header)
{
	img.len = 63;
	ck_assert_int_eq(check(), ELF_ERR_TRUNCATED);
	img.len = 0;
	ck_assert_int_eq(check(), ELF_ERR_TRUNCATED);
}
END_TEST

START_TEST(rejects_bad_magic)
{
	img.eh.e_ident[1] = 'X';
	ck_assert_int_eq(check(), ELF_ERR_MAGIC);
}
END_TEST

START_TEST(rejects_32_bit_class)
{
	img.eh.e_ident[4] = 1;
	ck_assert_int_eq(check(), ELF_ERR_CLASS);
}
END_TEST

START_TEST(rejects_big_endian)
{
	img.eh.e_ident[5] = 2;
	ck_assert_int_eq(check(), ELF_ERR_ENDIAN);
}
END_TEST

START_TEST(rejects_unknown_version)
{
	img.eh.e_version = 2;
	ck_assert_int_eq(check(), ELF_ERR_VERSION);
	setup();
	img.eh.e_ident[6] = 0;
	ck_assert_int_eq(check(), ELF_ERR_VERSION);
}
END_TEST

START_TEST(rejects_other_machine)
{
	img.eh.e_machine = 183; /* AArch64 */
	ck_assert_int_eq(check(), ELF_ERR_MACHINE);
}
END_TEST

START_TEST(rejects_pie_as_not_static)
{
	img.eh.e_type = ELF_ET_DYN;
	ck_assert_int_eq(check(), ELF_ERR_NOT_STATIC);
}
END_TEST

START_TEST(rejects_relocatable_and_core_types)
{
	img.eh.e_type = 1;
	ck_assert_int_eq(check(), ELF_ERR_TYPE);
	img.eh.e_type = 4;
	ck_assert_int_eq(check(), ELF_ERR_TYPE);
}
END_TEST

START_TEST(rejects_wrong_phentsize)
{
	img.eh.e_phentsize = 32;
	ck_assert_int_eq(check(), ELF_ERR_PHENTSIZE);
}
END_TEST

START_TEST(rejects_phdrs_past_end_of_file)
{
	img.eh.e_phoff = img.len - 56;
	ck_assert_int_eq(check(), ELF_ERR_PHDRS_RANGE);
	img.eh.e_phoff = UINT64_MAX - 8;
	ck_assert_int_eq(check(), ELF_ERR_PHDRS_RANGE);
	setup();
	img.eh.e_phnum = 0xffff;
	ck_assert_int_eq(check(), ELF_ERR_PHDRS_RANGE);
}
END_TEST

START_TEST(rejects_pt_interp)
{
	add_phdr(other(ELF_PT_INTERP, TEXT_VA + 0x200, 0x200, 28));
	ck_assert_int_eq(check(), ELF_ERR_INTERP);
}
END_TEST

START_TEST(rejects_image_without_load_segment)
{
	img.ph[0].p_type = 4; /* PT_NOTE */
	img.ph[1].p_type = 4;
	ck_assert_int_eq(check(), ELF_ERR_NO_LOAD);
	img.eh.e_phnum = 0;
	ck_assert_int_eq(check(), ELF_ERR_NO_LOAD);
}
END_TEST

START_TEST(rejects_more_than_16_load_segments)
{
	for (int i = 0; i < 15; i++)
		add_phdr(load(0x1000000 + 0x1000ull * i, 0, 0x10, 0x10, ELF_PF_R));
	ck_assert_int_eq(check(), ELF_ERR_TOO_MANY_LOADS);
}
END_TEST

START_TEST(rejects_filesz_greater_than_memsz)
{
	img.ph[1].p_filesz = 0x2001;
	ck_assert_int_eq(check(), ELF_ERR_FILESZ);
}
END_TEST

START_TEST(rejects_segment_data_past_end_of_file)
{
	img.ph[1].p_filesz = 0x11;
	ck_assert_int_eq(check(), ELF_ERR_SEGMENT_FILE);
	setup();
	img.ph[1].p_offset = UINT64_MAX - 0x0fff; /* congruent, would wrap */
	ck_assert_int_eq(check(), ELF_ERR_SEGMENT_FILE);
}
END_TEST

START_TEST(rejects_memsz_over_one_gib)
{
	img.ph[1].p_memsz = GiB(1) + 1;
	ck_assert_int_eq(check(), ELF_ERR_SEGMENT_SIZE);
	img.ph[1].p_memsz = UINT64_MAX;
	ck_assert_int_eq(check(), ELF_ERR_SEGMENT_SIZE);
}
END_TEST

START_TEST(rejects_vaddr_in_kernel_half)
{
	img.ph[1].p_vaddr = 0xffffffff80001000ull;
	ck_assert_int_eq(check(), ELF_ERR_SEGMENT_ADDR);
}
END_TEST

START_TEST(rejects_segment_crossing_user_limit)
{
	img.ph[1].p_vaddr = ELF_USER_LIMIT - 0x1000;
	ck_assert_int_eq(check(), ELF_ERR_SEGMENT_ADDR);
	img.ph[1].p_vaddr = ELF_USER_LIMIT - 0x2000; /* ends exactly at the limit */
	ck_assert_int_eq(check(), ELF_OK);
}
END_TEST

START_TEST(rejects_segment_in_page_zero)
{
	img.ph[1].p_vaddr = 0;
	ck_assert_int_eq(check(), ELF_ERR_SEGMENT_ADDR);
}
END_TEST

START_TEST(rejects_vaddr_not_congruent_to_offset)
{
	img.ph[1].p_vaddr = DATA_VA + 0x10;
	ck_assert_int_eq(check(), ELF_ERR_SEGMENT_ALIGN);
}
END_TEST

START_TEST(rejects_alignment_not_a_power_of_two)
{
	img.ph[1].p_align = 0x3000;
	ck_assert_int_eq(check(), ELF_ERR_SEGMENT_ALIGN);
}
END_TEST

START_TEST(rejects_overlapping_segments)
{
	img.ph[1].p_vaddr = TEXT_VA;
	img.ph[1].p_offset = 0;
	ck_assert_int_eq(check(), ELF_ERR_OVERLAP);
}
END_TEST

START_TEST(rejects_segments_sharing_a_page)
{
	img.ph[0].p_memsz = img.ph[0].p_filesz = 0x800;
	img.ph[1] = load(TEXT_VA + 0xf00, 0xf00, 0x10, 0x100, ELF_PF_R | ELF_PF_W);
	ck_assert_int_eq(check(), ELF_ERR_OVERLAP);
}
END_TEST

START_TEST(rejects_entry_outside_every_segment)
{
	img.eh.e_entry = 0x10000000;
	ck_assert_int_eq(check(), ELF_ERR_ENTRY);
	img.eh.e_entry = DATA_VA + 0x2000;
	ck_assert_int_eq(check(), ELF_ERR_ENTRY);
}
END_TEST

START_TEST(rejects_entry_in_non_executable_segment)
{
	img.eh.e_entry = DATA_VA + 8;
	ck_assert_int_eq(check(), ELF_ERR_ENTRY_NOT_EXEC);
}
END_TEST

START_TEST(strerror_describes_every_error)
{
	for (int err = ELF_OK; err >= ELF_ERR_PHDR; err--)
		ck_assert_str_ne(elf_strerror(err), "unknown error");
	ck_assert_str_eq(elf_strerror(ELF_ERR_PHDR - 1), "unknown error");
	ck_assert_str_eq(elf_strerror(1), "unknown error");
}
END_TEST

UNIT_SUITE(elf_suite)
static Suite *elf_suite(void)
{
	Suite *s = suite_create("elf");
	TCase *tc = tcase_create("elf");
	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, accepts_minimal_static_executable);
	tcase_add_test(tc, phdr_vaddr_comes_from_the_load_segment_covering_phoff);
	tcase_add_test(tc, phdr_vaddr_comes_from_pt_phdr_when_present);
	tcase_add_test(tc, phdr_vaddr_is_zero_when_no_segment_maps_the_table);
	tcase_add_test(tc, rejects_pt_phdr_outside_every_load_segment);
	tcase_add_test(tc, records_tls_and_gnu_stack);
	tcase_add_test(tc, rejects_duplicate_or_malformed_tls);
	tcase_add_test(tc, ignores_empty_load_segments);
	tcase_add_test(tc, rejects_null_arguments);
	tcase_add_test(tc, rejects_file_shorter_than_header);
	tcase_add_test(tc, rejects_bad_magic);
	tcase_add_test(tc, rejects_32_bit_class);
	tcase_add_test(tc, rejects_big_endian);
	tcase_add_test(tc, rejects_unknown_version);
	tcase_add_test(tc, rejects_other_machine);
	tcase_add_test(tc, rejects_pie_as_not_static);
	tcase_add_test(tc, rejects_relocatable_and_core_types);
	tcase_add_test(tc, rejects_wrong_phentsize);
	tcase_add_test(tc, rejects_phdrs_past_end_of_file);
	tcase_add_test(tc, rejects_pt_interp);
	tcase_add_test(tc, rejects_image_without_load_segment);
	tcase_add_test(tc, rejects_more_than_16_load_segments);
	tcase_add_test(tc, rejects_filesz_greater_than_memsz);
	tcase_add_test(tc, rejects_segment_data_past_end_of_file);
	tcase_add_test(tc, rejects_memsz_over_one_gib);
	tcase_add_test(tc, rejects_vaddr_in_kernel_half);
	tcase_add_test(tc, rejects_segment_crossing_user_limit);
	tcase_add_test(tc, rejects_segment_in_page_zero);
	tcase_add_test(tc, rejects_vaddr_not_congruent_to_offset);
	tcase_add_test(tc, rejects_alignment_not_a_power_of_two);
	tcase_add_test(tc, rejects_overlapping_segments);
	tcase_add_test(tc, rejects_segments_sharing_a_page);
	tcase_add_test(tc, rejects_entry_outside_every_segment);
	tcase_add_test(tc, rejects_entry_in_non_executable_segment);
	tcase_add_test(tc, strerror_describes_every_error);
	suite_add_tcase(s, tc);
	return s;
}
