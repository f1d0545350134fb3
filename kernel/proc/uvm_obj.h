/* SPDX-License-Identifier: MIT */
/* Areas of a process backed by a memory object: mapping, faults and the
 * process's references on the objects (see uvm_obj.c). */
#pragma once
#include "lib/types.h"
#include "mm/vma.h"

struct proc;
struct kobj;

/* Adds the shared area [va, va+len) backed by obj from its page pgoff on;
 * no page is mapped now. 0 or -ENOMEM (no room for another area). */
int uvm_map_object(struct proc *p, virt_t va, uint64_t len, uint32_t prot, struct kobj *obj,
		   uint64_t pgoff);
/* Takes (ref) or drops (put) one reference on every object backing an area
 * of s: a fork's copied set, a set being thrown away. */
void uvm_objs_ref(const struct vma_set *s);
void uvm_objs_put(const struct vma_set *s);
/* [start, end) is being removed from s, old (an area of s backed by an
 * object) with it: drops the process's reference on the object when no
 * area of it stays. Called from vma_remove's callback, before the set
 * changes, for each piece removed. */
void uvm_obj_leaving(const struct vma_set *s, const struct vma *old, virt_t start, virt_t end);
/* Maps the object's page behind va (absent) into v's process: 0, -EACCES
 * (present: a protection fault), -ERANGE (past the object's end) or
 * -ENOMEM. */
int uvm_obj_fault(struct proc *p, const struct vma *v, virt_t va, bool write);
/* Removes [start, end) from p when every area there is backed by obj (and
 * there is one): 0, else -EINVAL and nothing changes. */
int uvm_obj_unmap(struct proc *p, const void *obj, virt_t start, virt_t end);
/* Unmaps the pages of p's areas that show obj's pages [first, first+n). */
void uvm_obj_zap(struct proc *p, const void *obj, uint64_t first, uint64_t n);
