// SPDX-License-Identifier: MIT
/* elf_check: validates an untrusted ELF64 image as a static x86-64
 * executable and extracts what the loader needs (entry, PT_LOADs, AT_PHDR
 * address, TLS, stack flags). All decoding goes through memcpy, so the image
 * may sit at any alignment; every offset and size is checked against len
 * with overflow-safe comparisons before use. */
#include "proc/elf.h"
#include "lib/string.h"

static const char *const elf_messages[] = {
	[-ELF_OK] = "success",
	[-ELF_ERR_INVALID] = "invalid argument",
	[-ELF_ERR_TRUNCATED] = "file too short for an ELF header",
	[-ELF_ERR_MAGIC] = "not an ELF file (bad magic)",
	[-ELF_ERR_CLASS] = "not a 64-bit ELF file",
	[-ELF_ERR_ENDIAN] = "not a little-endian ELF file",
	[-ELF_ERR_VERSION] = "unknown ELF version",
	[-ELF_ERR_MACHINE] = "not an x86-64 executable",
	[-ELF_ERR_NOT_STATIC] = "not a static executable (ET_DYN: PIE or shared "
				"object; link with -static -no-pie)",
	[-ELF_ERR_TYPE] = "not an executable (e_type is not ET_EXEC)",
	[-ELF_ERR_PHENTSIZE] = "program header size is not 56",
	[-ELF_ERR_PHDRS_RANGE] = "program headers lie outside the file",
	[-ELF_ERR_INTERP] = "dynamically linked (has PT_INTERP); link with -static",
	[-ELF_ERR_NO_LOAD] = "no loadable segment",
	[-ELF_ERR_TOO_MANY_LOADS] = "too many loadable segments",
	[-ELF_ERR_FILESZ] = "segment file size exceeds its memory size",
	[-ELF_ERR_SEGMENT_FILE] = "segment data lies outside the file",
	[-ELF_ERR_SEGMENT_SIZE] = "segment larger than 1 GiB",
	[-ELF_ERR_SEGMENT_ADDR] = "segment outside user space (page 0 or above "
				  "0x0000800000000000)",
	[-ELF_ERR_SEGMENT_ALIGN] = "segment address and file offset differ modulo "
				   "the page size, or bad alignment",
	[-ELF_ERR_OVERLAP] = "loadable segments overlap (share a page)",
	[-ELF_ERR_ENTRY] = "entry point outside every loadable segment",
	[-ELF_ERR_ENTRY_NOT_EXEC] = "entry point in a non-executable segment",
	[-ELF_ERR_TLS] = "malformed or duplicate TLS segment",
	[-ELF_ERR_PHDR] = "PT_PHDR not inside a loadable segment",
};

/* Returns the description of err, or "unknown error". */
const char *elf_strerror(int err)
{
	if (err > 0 || (size_t)-err >= ARRAY_SIZE(elf_messages))
		return "unknown error";
	return elf_messages[-err];
}

static bool is_pow2_or_zero(uint64_t x)
{
	return (x & (x - 1)) == 0;
}

/* Returns whether [off, off + size) lies inside a file of len bytes. */
static bool in_file(uint64_t off, uint64_t size, size_t len)
{
	return off <= len && size <= len - off;
}

/* Checks e_ident, machine, type and the program header table's bounds. */
static int check_header(const struct elf64_ehdr *h, size_t len)
{
	const uint8_t *id = h->e_ident;
	if (id[0] != 0x7f || id[1] != 'E' || id[2] != 'L' || id[3] != 'F')
		return ELF_ERR_MAGIC;
	if (id[4] != 2)
		return ELF_ERR_CLASS;
	if (id[5] != 1)
		return ELF_ERR_ENDIAN;
	if (id[6] != 1 || h->e_version != 1)
		return ELF_ERR_VERSION;
	if (h->e_machine != ELF_EM_X86_64)
		return ELF_ERR_MACHINE;
	if (h->e_type == ELF_ET_DYN)
		return ELF_ERR_NOT_STATIC;
	if (h->e_type != ELF_ET_EXEC)
		return ELF_ERR_TYPE;
	if (h->e_phentsize != sizeof(struct elf64_phdr))
		return ELF_ERR_PHENTSIZE;
	/* 0xffff (PN_XNUM) means the real count is elsewhere: not supported. */
	if (h->e_phnum == 0xffff ||
	    !in_file(h->e_phoff, (uint64_t)h->e_phnum * sizeof(struct elf64_phdr), len))
		return ELF_ERR_PHDRS_RANGE;
	return ELF_OK;
}

/* Checks one PT_LOAD's sizes, file range, address range and alignment. */
static int check_load(const struct elf64_phdr *p, size_t len)
{
	if (p->p_filesz > p->p_memsz)
		return ELF_ERR_FILESZ;
	if (!in_file(p->p_offset, p->p_filesz, len))
		return ELF_ERR_SEGMENT_FILE;
	if (p->p_memsz > ELF_MAX_SEGMENT_SIZE)
		return ELF_ERR_SEGMENT_SIZE;
	if (p->p_vaddr < PAGE_SIZE || p->p_vaddr >= ELF_USER_LIMIT ||
	    p->p_memsz > ELF_USER_LIMIT - p->p_vaddr)
		return ELF_ERR_SEGMENT_ADDR;
	if ((p->p_vaddr - p->p_offset) % PAGE_SIZE != 0 || !is_pow2_or_zero(p->p_align))
		return ELF_ERR_SEGMENT_ALIGN;
	return ELF_OK;
}

/* Checks a PT_TLS: its initial image must be in the file. */
static int check_tls(const struct elf64_phdr *p, size_t len)
{
	if (p->p_filesz > p->p_memsz || !in_file(p->p_offset, p->p_filesz, len) ||
	    p->p_memsz > ELF_MAX_SEGMENT_SIZE || !is_pow2_or_zero(p->p_align))
		return ELF_ERR_TLS;
	return ELF_OK;
}

static struct elf_segment to_segment(const struct elf64_phdr *p)
{
	return (struct elf_segment){
		.vaddr = p->p_vaddr, .memsz = p->p_memsz, .filesz = p->p_filesz,
		.offset = p->p_offset, .align = p->p_align,
		.flags = p->p_flags & (ELF_PF_R | ELF_PF_W | ELF_PF_X),
	};
}

/* PT_PHDR, if the image has one. */
struct pt_phdr {
	bool present;
	uint64_t vaddr;
};

/* Validates and records one program header; PT_PHDR goes to *pt. */
static int take_phdr(const struct elf64_phdr *p, size_t len, struct elf_image *out,
		     struct pt_phdr *pt)
{
	int err;
	switch (p->p_type) {
	case ELF_PT_INTERP:
		return ELF_ERR_INTERP;
	case ELF_PT_LOAD:
		if ((err = check_load(p, len)) != ELF_OK)
			return err;
		if (p->p_memsz == 0)
			return ELF_OK;
		if (out->nload == ELF_MAX_LOAD)
			return ELF_ERR_TOO_MANY_LOADS;
		out->load[out->nload++] = to_segment(p);
		return ELF_OK;
	case ELF_PT_TLS:
		if (out->has_tls || (err = check_tls(p, len)) != ELF_OK)
			return ELF_ERR_TLS;
		out->has_tls = true;
		out->tls = to_segment(p);
		return ELF_OK;
	case ELF_PT_GNU_STACK:
		out->has_gnu_stack = true;
		out->stack_flags = p->p_flags & (ELF_PF_R | ELF_PF_W | ELF_PF_X);
		return ELF_OK;
	case ELF_PT_PHDR:
		*pt = (struct pt_phdr){ .present = true, .vaddr = p->p_vaddr };
		return ELF_OK;
	default:
		return ELF_OK;
	}
}

/* Returns whether two segments' page-rounded address ranges intersect. */
static bool pages_overlap(const struct elf_segment *a, const struct elf_segment *b)
{
	uint64_t a_lo = ALIGN_DOWN(a->vaddr, PAGE_SIZE);
	uint64_t a_hi = ALIGN_UP(a->vaddr + a->memsz, PAGE_SIZE);
	uint64_t b_lo = ALIGN_DOWN(b->vaddr, PAGE_SIZE);
	uint64_t b_hi = ALIGN_UP(b->vaddr + b->memsz, PAGE_SIZE);
	return a_lo < b_hi && b_lo < a_hi;
}

/* Returns the PT_LOAD whose memory holds [va, va + size), or NULL. */
static const struct elf_segment *load_covering(const struct elf_image *img,
					       uint64_t va, uint64_t size)
{
	for (size_t i = 0; i < img->nload; i++) {
		const struct elf_segment *s = &img->load[i];
		if (va >= s->vaddr && va - s->vaddr < s->memsz &&
		    size <= s->memsz - (va - s->vaddr))
			return s;
	}
	return NULL;
}

/* Checks the PT_LOAD set: non-empty, disjoint pages, entry executable. */
static int check_layout(const struct elf_image *img)
{
	if (img->nload == 0)
		return ELF_ERR_NO_LOAD;
	for (size_t i = 0; i < img->nload; i++)
		for (size_t j = i + 1; j < img->nload; j++)
			if (pages_overlap(&img->load[i], &img->load[j]))
				return ELF_ERR_OVERLAP;
	const struct elf_segment *s = load_covering(img, img->entry, 1);
	if (!s)
		return ELF_ERR_ENTRY;
	if (!(s->flags & ELF_PF_X))
		return ELF_ERR_ENTRY_NOT_EXEC;
	return ELF_OK;
}

/* Sets img->phdr_vaddr from PT_PHDR (which must be mapped) or from the
 * PT_LOAD whose file range holds the table at phoff. */
static int find_phdr_vaddr(struct elf_image *img, uint64_t phoff,
			   const struct pt_phdr *pt)
{
	uint64_t size = (uint64_t)img->phnum * img->phentsize;
	if (pt->present) {
		if (!load_covering(img, pt->vaddr, size))
			return ELF_ERR_PHDR;
		img->phdr_vaddr = pt->vaddr;
		return ELF_OK;
	}
	img->phdr_vaddr = 0;
	for (size_t i = 0; i < img->nload; i++) {
		const struct elf_segment *s = &img->load[i];
		if (phoff >= s->offset && phoff - s->offset < s->filesz &&
		    size <= s->filesz - (phoff - s->offset)) {
			img->phdr_vaddr = s->vaddr + (phoff - s->offset);
			break;
		}
	}
	return ELF_OK;
}

int elf_check(const void *image, size_t len, struct elf_image *out)
{
	struct elf64_ehdr h;
	if (!image || !out)
		return ELF_ERR_INVALID;
	if (len < sizeof(h))
		return ELF_ERR_TRUNCATED;
	memcpy(&h, image, sizeof(h));
	int err = check_header(&h, len);
	if (err)
		return err;
	memset(out, 0, sizeof(*out));
	out->entry = h.e_entry;
	out->phnum = h.e_phnum;
	out->phentsize = h.e_phentsize;
	struct pt_phdr pt = { .present = false };
	for (size_t i = 0; i < h.e_phnum; i++) {
		struct elf64_phdr p;
		memcpy(&p, (const uint8_t *)image + h.e_phoff + i * sizeof(p), sizeof(p));
		if ((err = take_phdr(&p, len, out, &pt)) != ELF_OK)
			return err;
	}
	if ((err = check_layout(out)) != ELF_OK)
		return err;
	return find_phdr_vaddr(out, h.e_phoff, &pt);
}
