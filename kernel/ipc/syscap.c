// SPDX-License-Identifier: MIT
/* The system capability (see syscap.h). */
#include "ipc/cap.h"
#include "ipc/syscap.h"
#include "proc/proc.h"

static struct kobj system_root;
static const struct kobj_ops static_ops = { 0 };

struct kobj *syscap_root(void)
{
	if (!system_root.ops)
		kobj_init(&system_root, CAP_SYSTEM, &static_ops);
	return &system_root;
}

bool syscap_held(const struct proc *p, uint32_t rights)
{
	for (int i = 0; i < CAP_SLOTS; i++) {
		const struct cap *c = &p->caps.slots[i];
		if (c->obj && c->obj->type == CAP_SYSTEM && (c->rights & rights) == rights)
			return true;
	}
	return false;
}
