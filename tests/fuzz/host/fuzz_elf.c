// SPDX-License-Identifier: MIT
/* Fuzz target for kernel/proc/elf_check.c: the input is an ELF image. When
 * elf_check accepts it, everything the loader will rely on without checking
 * again is checked here: segments inside the file and user space, no two
 * sharing a page, the entry point in an executable segment, PT_TLS and the
 * program headers' address in place. */
#include "fuzz_input.h"
#include "proc/elf.h"

static bool seg_in_file(const struct elf_segment *s, size_t len)
{
	return s->offset <= len && s->filesz <= len - s->offset && s->filesz <= s->memsz;
}

static bool seg_in_user(const struct elf_segment *s)
{
	return s->vaddr >= PAGE_SIZE && s->vaddr < ELF_USER_LIMIT &&
	       s->memsz <= ELF_USER_LIMIT - s->vaddr && s->memsz <= ELF_MAX_SEGMENT_SIZE;
}

static bool seg_holds(const struct elf_segment *s, uint64_t va, uint64_t n)
{
	return va >= s->vaddr && va - s->vaddr <= s->memsz && n <= s->memsz - (va - s->vaddr);
}

static void check_loads(const struct elf_image *img, size_t len)
{
	FUZZ_CHECK(img->nload >= 1 && img->nload <= ELF_MAX_LOAD, "nload %zu", img->nload);
	bool entry_ok = false;
	for (size_t i = 0; i < img->nload; i++) {
		const struct elf_segment *a = &img->load[i];
		FUZZ_CHECK(seg_in_file(a, len), "load %zu outside the file", i);
		FUZZ_CHECK(seg_in_user(a) && a->memsz > 0, "load %zu outside user space", i);
		FUZZ_CHECK((a->vaddr - a->offset) % PAGE_SIZE == 0, "load %zu misaligned", i);
		for (size_t j = 0; j < i; j++) {
			const struct elf_segment *b = &img->load[j];
			uint64_t a_hi = ALIGN_UP(a->vaddr + a->memsz, PAGE_SIZE);
			uint64_t b_hi = ALIGN_UP(b->vaddr + b->memsz, PAGE_SIZE);
			FUZZ_CHECK(ALIGN_DOWN(a->vaddr, PAGE_SIZE) >= b_hi ||
					   ALIGN_DOWN(b->vaddr, PAGE_SIZE) >= a_hi,
				   "loads %zu and %zu share a page", j, i);
		}
		if (seg_holds(a, img->entry, 1) && (a->flags & ELF_PF_X))
			entry_ok = true;
	}
	FUZZ_CHECK(entry_ok, "entry 0x%llx not in an executable load",
		   (unsigned long long)img->entry);
}

static void check_image(const struct elf_image *img, size_t len)
{
	check_loads(img, len);
	FUZZ_CHECK(img->phentsize == sizeof(struct elf64_phdr), "phentsize %u", img->phentsize);
	if (img->has_tls)
		FUZZ_CHECK(seg_in_file(&img->tls, len) && img->tls.memsz <= ELF_MAX_SEGMENT_SIZE,
			   "TLS image outside the file");
	if (img->phdr_vaddr == 0)
		return;
	uint64_t size = (uint64_t)img->phnum * img->phentsize;
	bool mapped = false;
	for (size_t i = 0; i < img->nload; i++)
		mapped |= seg_holds(&img->load[i], img->phdr_vaddr, size);
	FUZZ_CHECK(mapped, "AT_PHDR 0x%llx not mapped", (unsigned long long)img->phdr_vaddr);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct elf_image img;
	int r = elf_check(data, size, &img);
	FUZZ_CHECK(r <= 0, "elf_check returned %d", r);
	FUZZ_CHECK(elf_strerror(r) != NULL, "no message for %d", r);
	if (r == ELF_OK)
		check_image(&img, size);
	return 0;
}
