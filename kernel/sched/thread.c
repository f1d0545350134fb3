// SPDX-License-Identifier: MIT
/* Creating and destroying threads: kernel stack, FPU area, and the initial
 * stack frame that context_switch "returns" into (thread_trampoline). */
#include "fpu.h"
#include "gdt.h"
#include "trap.h"
#include "mm/frame.h"
#include "mm/phys.h"
#include "mm/slab.h"
#include "sched/thread.h"
#include "lib/panic.h"
#include "lib/string.h"

void thread_trampoline(void);
void sched_enqueue_new(struct thread *t);

static struct kmem_cache *thread_cache;
static int next_tid = 1;

struct switch_frame {
	uint64_t r15, r14, r13, r12, rbp, rbx, ret;
};

static struct thread *alloc_thread(int prio, bool user)
{
	if (!thread_cache)
		thread_cache = kmem_cache_create("thread", sizeof(struct thread), 64);
	struct thread *t = kmem_cache_alloc(thread_cache);
	if (!t)
		return NULL;
	t->kstack = frame_alloc_order(KSTACK_ORDER, -1);
	if (t->kstack == FRAME_NONE) {
		kmem_cache_free(thread_cache, t);
		return NULL;
	}
	t->kstack_top = (uint64_t)phys_to_virt(t->kstack) + KSTACK_SIZE;
	t->prio = prio;
	t->tid = user ? next_tid++ : 0;  /* kernel threads have no user-visible id */
	t->state = THREAD_NEW;
	return t;
}

static void push_switch_frame(struct thread *t, uint64_t below, uint64_t fn, uint64_t arg)
{
	struct switch_frame *sf = (struct switch_frame *)(below - sizeof(*sf));
	memset(sf, 0, sizeof(*sf));
	sf->r12 = fn;
	sf->r13 = arg;
	sf->ret = (uint64_t)thread_trampoline;
	t->saved_rsp = (uint64_t)sf;
}

struct thread *thread_create_kernel(void (*fn)(void *), void *arg, int prio)
{
	struct thread *t = alloc_thread(prio, false);
	if (!t)
		return NULL;
	push_switch_frame(t, t->kstack_top, (uint64_t)fn, (uint64_t)arg);
	return t;
}

struct thread *thread_create_user(struct proc *p)
{
	struct thread *t = alloc_thread(SCHED_DEFAULT_PRIO, true);
	if (!t)
		return NULL;
	t->fpu = kmalloc(fpu_state_size());
	if (!t->fpu) {
		thread_destroy(t);
		return NULL;
	}
	kassert(((uintptr_t)t->fpu & 63) == 0);
	fpu_state_init(t->fpu);
	t->proc = p;
	t->user_frame = (struct trap_frame *)(t->kstack_top - sizeof(struct trap_frame));
	memset(t->user_frame, 0, sizeof(*t->user_frame));
	t->user_frame->cs = SEL_UCODE;
	t->user_frame->ss = SEL_UDATA;
	t->user_frame->rflags = 0x202;
	push_switch_frame(t, (uint64_t)t->user_frame, 0, 0);
	return t;
}

/* Makes a thread made by thread_create_* runnable. */
void thread_start(struct thread *t)
{
	sched_enqueue_new(t);
}

void thread_destroy(struct thread *t)
{
	if (t->fpu)
		kfree(t->fpu);
	frame_free_order(t->kstack, KSTACK_ORDER);
	kmem_cache_free(thread_cache, t);
}

/* execve: the thread starts the new program at entry on stack sp with
 * clean registers, FPU state and TLS when it next returns to user mode. */
void thread_reset_user(struct thread *t, uint64_t entry, uint64_t sp)
{
	memset(t->user_frame, 0, sizeof(*t->user_frame));
	t->user_frame->cs = SEL_UCODE;
	t->user_frame->ss = SEL_UDATA;
	t->user_frame->rflags = 0x202;
	t->user_frame->rip = entry;
	t->user_frame->rsp = sp;
	t->fs_base = 0;
	t->clear_child_tid = 0;
	if (t->fpu)
		fpu_state_init(t->fpu);
	t->iret_return = true;
}
