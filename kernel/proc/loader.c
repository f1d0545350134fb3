// SPDX-License-Identifier: MIT
/* The ELF loader and the initial user stack. */
#include "abi/errno.h"
#include "cpu.h"
#include "tsc.h"

extern int64_t rtc_boot_unix;
#include "trap.h"
#include "mm/frame.h"
#include "mm/paging.h"
#include "mm/phys.h"
#include "proc/elf.h"
#include "proc/loader.h"
#include "proc/proc.h"
#include "proc/uvm.h"
#include "proc/vdso_map.h"
#include "abi/auxv.h"
#include "lib/random.h"
#include "lib/string.h"

#define STACK_BUILD_MAX KiB(64)
#define LOADER_MAX_ARGS 1024

void thread_start(struct thread *t);

static phys_t initrd_phys;
static size_t initrd_len;

void loader_set_initrd(phys_t base, size_t size)
{
	initrd_phys = base;
	initrd_len = size;
}

/* Writes len bytes at user address va of p, allocating pages as needed. */
static int poke(struct proc *p, virt_t va, const void *src, size_t len, uint32_t prot)
{
	const uint8_t *s = src;
	while (len) {
		virt_t page = ALIGN_DOWN(va, PAGE_SIZE);
		uint64_t *pte = pt_lookup(p->pml4, page);
		if (!pte) {
			phys_t pa = frame_alloc_zeroed();
			if (pa == FRAME_NONE || pt_map(p->pml4, page, pa, uvm_pte_flags(prot)) < 0)
				return -ENOMEM;
			p->rss_pages++;
			pte = pt_lookup(p->pml4, page);
		}
		size_t off = va - page, n = MIN(len, PAGE_SIZE - off);
		if (s)
			memcpy((uint8_t *)phys_to_virt(*pte & PTE_ADDR) + off, s, n);
		va += n, len -= n;
		if (s)
			s += n;
	}
	return 0;
}

static uint32_t seg_prot(uint32_t pf)
{
	return ((pf & ELF_PF_R) ? VMA_PROT_READ : 0) | ((pf & ELF_PF_W) ? VMA_PROT_WRITE : 0) |
	       ((pf & ELF_PF_X) ? VMA_PROT_EXEC : 0);
}

static int load_segments(struct proc *p, const uint8_t *image, const struct elf_image *img)
{
	virt_t top = 0;
	for (size_t i = 0; i < img->nload; i++) {
		const struct elf_segment *s = &img->load[i];
		virt_t start = ALIGN_DOWN(s->vaddr, PAGE_SIZE);
		virt_t end = ALIGN_UP(s->vaddr + s->memsz, PAGE_SIZE);
		uint32_t prot = seg_prot(s->flags);
		if (vma_insert(&p->vmas, start, end, prot, VMA_FIXED_IMAGE) < 0)
			return -ENOMEM;
		/* Every page of the segment is populated: file bytes, then zeros. */
		if (poke(p, start, NULL, end - start, prot) < 0 ||
		    poke(p, s->vaddr, image + s->offset, s->filesz, prot) < 0)
			return -ENOMEM;
		top = MAX(top, end);
	}
	p->brk_start = p->brk_end = top;
	return 0;
}

static int map_initrd(struct proc *p)
{
	if (!initrd_len)
		return 0;
	virt_t end = USER_INITRD_BASE + ALIGN_UP(initrd_len, PAGE_SIZE);
	/* The page tables are built once and shared by every process that
	 * sees the initrd: mapping it, forking and exiting cost one entry. */
	static phys_t template;
	if (!template) {
		phys_t t = as_create();
		if (t == FRAME_NONE)
			return -ENOMEM;
		for (virt_t va = USER_INITRD_BASE; va < end; va += PAGE_SIZE) {
			phys_t pa = ALIGN_DOWN(initrd_phys, PAGE_SIZE) + (va - USER_INITRD_BASE);
			if (pt_map(t, va, pa, uvm_pte_flags(VMA_PROT_READ) | PTE_SHARED) < 0)
				return -ENOMEM;  /* the half-built template is kept: boot is failing */
		}
		template = t;
	}
	if (vma_insert(&p->vmas, USER_INITRD_BASE, end, VMA_PROT_READ, VMA_SHARED | VMA_SEALED) < 0)
		return -ENOMEM;
	pt_share_top(p->pml4, template, USER_INITRD_BASE);
	p->rss_pages += (end - USER_INITRD_BASE) / PAGE_SIZE;
	p->initrd_base = USER_INITRD_BASE + (initrd_phys & (PAGE_SIZE - 1));
	p->initrd_size = initrd_len;
	return 0;
}

struct stack_builder {
	uint8_t buf[STACK_BUILD_MAX];
	size_t used;                 /* bytes from the top */
};

/* Places data at the top of the builder; returns its future user address. */
static virt_t push_bytes(struct stack_builder *b, const void *data, size_t len, size_t align)
{
	b->used = ALIGN_UP(b->used + len, align);
	memcpy(b->buf + sizeof(b->buf) - b->used, data, len);
	return USER_STACK_TOP - b->used;
}

static size_t count(const char *const *v)
{
	size_t n = 0;
	while (v && v[n])
		n++;
	return n;
}

/* Lays out strings, then auxv, envp, argv, argc (rsp 16-byte aligned at argc). */
static int build_stack(struct proc *p, const struct elf_image *img,
		       const struct exec_args *a, virt_t *sp, virt_t vdso)
{
	static struct stack_builder b;
	static virt_t uargv[LOADER_MAX_ARGS + 1], uenvp[LOADER_MAX_ARGS + 1];
	size_t argc = count(a->argv), envc = count(a->envp), total = 0;
	if (argc > LOADER_MAX_ARGS || envc > LOADER_MAX_ARGS)
		return -E2BIG;
	for (size_t i = 0; i < argc; i++)
		total += strlen(a->argv[i]) + 1;
	for (size_t i = 0; i < envc; i++)
		total += strlen(a->envp[i]) + 1;
	if (total + (argc + envc + 64) * 8 + 64 > sizeof(b.buf))
		return -E2BIG;
	b.used = 0;
	for (size_t i = 0; i < argc; i++)
		uargv[i] = push_bytes(&b, a->argv[i], strlen(a->argv[i]) + 1, 1);
	for (size_t i = 0; i < envc; i++)
		uenvp[i] = push_bytes(&b, a->envp[i], strlen(a->envp[i]) + 1, 1);
	uint64_t rnd[2];  /* AT_RANDOM: the stack protector's canary comes from it */
	random_bytes(rnd, sizeof(rnd));
	virt_t urandom = push_bytes(&b, rnd, 16, 16);
	virt_t uplat = push_bytes(&b, "x86_64", 7, 1);
	uargv[argc] = uenvp[envc] = 0;
	uint64_t auxv[] = {
		3, img->phdr_vaddr, 4, img->phentsize, 5, img->phnum, 6, PAGE_SIZE, 7, 0, 8, 0,
		9, img->entry, 11, 0, 12, 0, 13, 0, 14, 0, 23, 0, 25, urandom, 15, uplat, 17, 100,
		AT_UK_INITRD_BASE, p->initrd_base, AT_UK_INITRD_SIZE, p->initrd_size,
		33 /* AT_SYSINFO_EHDR */, vdso, AT_UK_TSC_HZ, tsc_hz(), AT_UK_TSC_BOOT, tsc_boot(), AT_UK_RTC_BOOT, (uint64_t)rtc_boot_unix,
		0, 0,
	};
	/* Below the strings: argc, argv[], envp[], auxv[] in ascending order. */
	size_t words = 1 + argc + 1 + envc + 1 + ARRAY_SIZE(auxv);
	b.used = ALIGN_UP(b.used + words * 8, 16);
	uint64_t *w = (uint64_t *)(b.buf + sizeof(b.buf) - b.used);
	*w++ = argc;
	memcpy(w, uargv, (argc + 1) * 8), w += argc + 1;
	memcpy(w, uenvp, (envc + 1) * 8), w += envc + 1;
	memcpy(w, auxv, sizeof(auxv));
	*sp = USER_STACK_TOP - b.used;
	return poke(p, *sp, b.buf + sizeof(b.buf) - b.used, b.used,
		    VMA_PROT_READ | VMA_PROT_WRITE);
}

static int setup(struct proc *p, const uint8_t *image, const struct elf_image *img,
		 const struct exec_args *a, virt_t *sp)
{
	int err = load_segments(p, image, img);
	if (!err && a->share_initrd)
		err = map_initrd(p);
	virt_t vdso = 0;
	if (!err)
		err = (int)vdso_map(p, &vdso);
	/* RLIMIT_STACK sizes the stack, within the room left for it (8 MiB). */
	uint64_t cur = p->rlim[RLIMIT_STACK_].cur;
	uint64_t stack = cur >= USER_STACK_SIZE ? USER_STACK_SIZE : MAX(ALIGN_UP(cur, PAGE_SIZE), KiB(128));
	if (!err && vma_insert(&p->vmas, USER_STACK_TOP - stack, USER_STACK_TOP,
			       VMA_PROT_READ | VMA_PROT_WRITE, VMA_ANON | VMA_STACK) < 0)
		err = -ENOMEM;
	if (!err)
		err = build_stack(p, img, a, sp, vdso);
	return err;
}

static const char *base_name(const char *path)
{
	const char *b = path;
	for (const char *s = path; *s; s++)
		if (*s == '/' && s[1])
			b = s + 1;
	return b;
}

static int check(const void *image, size_t len, struct elf_image *img, const char **why)
{
	int err = elf_check(image, len, img);
	if (err < 0) {
		*why = elf_strerror(err);
		return -ENOEXEC;
	}
	if (!img->phdr_vaddr) {
		*why = "the program headers are not inside a loaded segment (AT_PHDR)";
		return -ENOEXEC;
	}
	return 0;
}

long loader_spawn(struct proc *parent, const void *image, size_t len,
		  const struct exec_args *a, const char **why)
{
	struct elf_image img;
	int err = check(image, len, &img, why);
	if (err)
		return err;
	struct proc *p = proc_alloc(parent, a->argv && a->argv[0] ? base_name(a->argv[0]) : "?");
	if (!p)
		return -ENOMEM;
	virt_t sp;
	struct thread *t = NULL;
	err = setup(p, image, &img, a, &sp);
	if (!err && !(t = thread_create_user(p)))
		err = -ENOMEM;
	if (err) {
		*why = err == -E2BIG ? "arguments too long" : "out of memory";
		proc_free(p);
		return err;
	}
	t->user_frame->rip = img.entry;
	t->user_frame->rsp = sp;
	proc_add_thread(p, t);
	if (proc_cap_install(&p->caps, p) != CAP_SLOT_SELF) {
		*why = "out of memory";
		p->threads = NULL;
		p->nthreads = 0;
		thread_destroy(t);
		proc_free(p);
		return -ENOMEM;
	}
	if (!a->suspended)
		thread_start(t);
	return p->pid;
}

/* Puts p's current address space aside in *saved and gives p a fresh one. */
static int swap_address_space(struct proc *p, struct proc *saved)
{
	phys_t fresh = as_create();
	if (fresh == FRAME_NONE)
		return -ENOMEM;
	saved->pml4 = p->pml4;
	memcpy(saved->vma_storage, p->vma_storage, sizeof(p->vma_storage));
	saved->vmas = p->vmas;
	saved->vmas.v = saved->vma_storage;
	saved->rss_pages = p->rss_pages;
	saved->brk_start = p->brk_start;
	saved->brk_end = p->brk_end;
	p->pml4 = fresh;
	p->rss_pages = 0;
	vma_set_init(&p->vmas, p->vma_storage, PROC_VMA_MAX, USER_MMAP_BOTTOM, USER_MMAP_TOP);
	return 0;
}

static void restore_address_space(struct proc *p, struct proc *saved)
{
	proc_release_address_space(p);
	p->pml4 = saved->pml4;
	memcpy(p->vma_storage, saved->vma_storage, sizeof(p->vma_storage));
	p->vmas = saved->vmas;
	p->vmas.v = p->vma_storage;
	p->rss_pages = saved->rss_pages;
	p->brk_start = saved->brk_start;
	p->brk_end = saved->brk_end;
}

long loader_exec(struct proc *p, struct thread *t, const void *image, size_t len,
		 const struct exec_args *a, const char **why)
{
	static struct proc saved;
	struct elf_image img;
	virt_t sp;
	int err = check(image, len, &img, why);
	if (err || (err = swap_address_space(p, &saved)))
		return err;
	err = setup(p, image, &img, a, &sp);
	if (err) {
		*why = err == -E2BIG ? "arguments too long" : "out of memory";
		restore_address_space(p, &saved);
		return err;
	}
	phys_t fresh = p->pml4;
	uint64_t rss = p->rss_pages;
	proc_release_space(p, saved.pml4, &saved.vmas);
	p->rss_pages = rss;  /* the old pages were counted in saved's figure */
	p->locked_pages = 0;
	p->mlock_future = false;
	memset(p->name, 0, sizeof(p->name));
	const char *n = a->argv && a->argv[0] ? base_name(a->argv[0]) : "?";
	memcpy(p->name, n, MIN(strlen(n), sizeof(p->name) - 1));
	t->as = fresh;
	for (int i = 0; i < NSIG_LINUX; i++)  /* handlers are gone with the old program */
		if (p->sigactions[i].handler > 1)
			p->sigactions[i].handler = 0;
	sec_exec(p);
	p->did_exec = true;
	t->altstack_sp = t->altstack_size = 0;
	thread_reset_user(t, img.entry, sp);
	return 0;
}
