/* SPDX-License-Identifier: MIT */
/* ELF64 layout and the validator for static x86-64 executables. elf_check
 * reads an untrusted image, checks everything a loader relies on and fills
 * struct elf_image, so the loader can map segments without re-checking.
 * Entry points: elf_check, elf_strerror. */
#pragma once
#include "lib/types.h"

#define ELF_USER_LIMIT 0x0000800000000000ull /* first non-user address */
#define ELF_MAX_SEGMENT_SIZE GiB(1)          /* larger memsz is rejected */
#define ELF_MAX_LOAD 16                      /* PT_LOADs kept in elf_image */

#define ELF_ET_EXEC 2
#define ELF_ET_DYN 3
#define ELF_EM_X86_64 62
#define ELF_PT_LOAD 1
#define ELF_PT_DYNAMIC 2
#define ELF_PT_INTERP 3
#define ELF_PT_PHDR 6
#define ELF_PT_TLS 7
#define ELF_PT_GNU_STACK 0x6474e551u
#define ELF_PF_X 1u
#define ELF_PF_W 2u
#define ELF_PF_R 4u

struct elf64_ehdr {
	uint8_t e_ident[16];
	uint16_t e_type;
	uint16_t e_machine;
	uint32_t e_version;
	uint64_t e_entry;
	uint64_t e_phoff;
	uint64_t e_shoff;
	uint32_t e_flags;
	uint16_t e_ehsize;
	uint16_t e_phentsize;
	uint16_t e_phnum;
	uint16_t e_shentsize;
	uint16_t e_shnum;
	uint16_t e_shstrndx;
};
_Static_assert(sizeof(struct elf64_ehdr) == 64, "ELF64 header is 64 bytes");

struct elf64_phdr {
	uint32_t p_type;
	uint32_t p_flags;
	uint64_t p_offset;
	uint64_t p_vaddr;
	uint64_t p_paddr;
	uint64_t p_filesz;
	uint64_t p_memsz;
	uint64_t p_align;
};
_Static_assert(sizeof(struct elf64_phdr) == 56, "ELF64 program header is 56 bytes");

/* Errors are negative; 0 is success. */
enum elf_error {
	ELF_OK = 0,
	ELF_ERR_INVALID = -1,          /* NULL image or out */
	ELF_ERR_TRUNCATED = -2,        /* shorter than the ELF header */
	ELF_ERR_MAGIC = -3,
	ELF_ERR_CLASS = -4,            /* not ELFCLASS64 */
	ELF_ERR_ENDIAN = -5,           /* not little-endian */
	ELF_ERR_VERSION = -6,
	ELF_ERR_MACHINE = -7,          /* not x86-64 */
	ELF_ERR_NOT_STATIC = -8,       /* ET_DYN: PIE or shared object */
	ELF_ERR_TYPE = -9,             /* not ET_EXEC */
	ELF_ERR_PHENTSIZE = -10,       /* e_phentsize != 56 */
	ELF_ERR_PHDRS_RANGE = -11,     /* program headers outside the file */
	ELF_ERR_INTERP = -12,          /* PT_INTERP: needs a dynamic linker */
	ELF_ERR_NO_LOAD = -13,
	ELF_ERR_TOO_MANY_LOADS = -14,  /* more than ELF_MAX_LOAD */
	ELF_ERR_FILESZ = -15,          /* p_filesz > p_memsz */
	ELF_ERR_SEGMENT_FILE = -16,    /* p_offset + p_filesz outside the file */
	ELF_ERR_SEGMENT_SIZE = -17,    /* p_memsz > ELF_MAX_SEGMENT_SIZE */
	ELF_ERR_SEGMENT_ADDR = -18,    /* overflows, page 0 or not user space */
	ELF_ERR_SEGMENT_ALIGN = -19,   /* vaddr != offset mod page, bad p_align */
	ELF_ERR_OVERLAP = -20,         /* two PT_LOADs share a page */
	ELF_ERR_ENTRY = -21,           /* entry outside every PT_LOAD */
	ELF_ERR_ENTRY_NOT_EXEC = -22,  /* entry in a PT_LOAD without PF_X */
	ELF_ERR_TLS = -23,             /* malformed or duplicate PT_TLS */
	ELF_ERR_PHDR = -24,            /* PT_PHDR not inside a PT_LOAD */
};

/* A segment as the loader needs it. flags are ELF_PF_R/W/X. */
struct elf_segment {
	uint64_t vaddr;
	uint64_t memsz;
	uint64_t filesz;
	uint64_t offset;  /* in the file; offset + filesz <= len */
	uint64_t align;
	uint32_t flags;
};

struct elf_image {
	uint64_t entry;
	struct elf_segment load[ELF_MAX_LOAD];  /* PT_LOADs with memsz > 0 */
	size_t nload;
	/* User address of the program headers for AT_PHDR: PT_PHDR's vaddr, else
	 * the address where a PT_LOAD maps e_phoff; 0 if no PT_LOAD maps them
	 * (the loader must then copy them to user memory itself). */
	uint64_t phdr_vaddr;
	uint16_t phnum;       /* AT_PHNUM */
	uint16_t phentsize;   /* AT_PHENT; always 56 */
	bool has_tls;
	struct elf_segment tls;  /* PT_TLS: the initial image and its size */
	bool has_gnu_stack;
	uint32_t stack_flags;    /* PT_GNU_STACK flags; ELF_PF_X = exec stack */
};

/* Validates the ELF64 image of len bytes as a static x86-64 executable and
 * fills *out. Returns 0 or a negative elf_error; *out is undefined on error. */
int elf_check(const void *image, size_t len, struct elf_image *out);

/* Returns a short English description of an elf_error value. */
const char *elf_strerror(int err);
