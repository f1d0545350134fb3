// SPDX-License-Identifier: MIT
/* This kernel's own calls (0x1000 + n): random capability slots (mostly
 * ones the worker holds), types and rights, badges, memory-object sizes,
 * grant ranges of every pointer class, IPC on the worker's own endpoint
 * and connections with garbage written into the shared ring, spawn of
 * truncated and mutated ELF images, and the calls reserved to init and the
 * servers (which must refuse an ordinary process). */
#include <string.h>
#include "pools.h"
#include "abi/ipc.h"
#include "abi/ring.h"
#include "abi/syscall.h"
#include "proto/svc.h"

#define N(a) ((int)(sizeof(a) / sizeof((a)[0])))
#define NR(n) (UK_SYS_BASE + (n))

static uint64_t slot(struct sf_ctx *c, char *note)
{
	static const uint64_t odd[] = { 255, 256, (uint64_t)-1, 0x7fffffff, 0x80000000ull,
					1ull << 32, 1000 };
	uint64_t p = sf_below(&c->r, 100);
	uint64_t s;
	if (p < 55 && c->slot_next) {
		s = (uint64_t)c->slots[sf_below(&c->r, c->slot_next < SF_POOL ? c->slot_next : SF_POOL)];
	} else if (p < 65) {
		s = 0;
	} else if (p < 85) {
		s = sf_below(&c->r, 16);
	} else if (p < 93) {
		s = SF_PICK(&c->r, odd);
	} else {
		s = sf_below(&c->r, 300);
	}
	sf_note(note, "slot");
	return s;
}

static uint64_t rights(struct sf_ctx *c, char *note)
{
	sf_note(note, "rights");
	return sf_pct(&c->r, 85) ? sf_below(&c->r, 64) : sf_next(&c->r);
}

static uint64_t bits(struct sf_ctx *c, char *note)
{
	sf_note(note, "bits");
	return sf_pct(&c->r, 70) ? 1ull << sf_below(&c->r, 64) : sf_next(&c->r);
}

/* An ELF image for spawn: t_true as it is, cut short, or with a few
 * bytes of its headers changed (copied into the fixture first). */
static void image(struct sf_ctx *c, struct sf_call *call, int ai)
{
	uint64_t p = sf_below(&c->r, 100);
	if (p < 25 && c->true_elf) {
		call->a[ai] = (uint64_t)c->true_elf;
		call->a[ai + 1] = c->true_len;
		sf_note(call->note[ai], "t_true");
		sf_note(call->note[ai + 1], "len");
		return;
	}
	if (p < 70 && c->true_elf && c->true_len <= SF_ELF_BYTES) {
		uint8_t *img = (uint8_t *)(SF_FIX_BASE + SF_FIX_ELF);
		memcpy(img, c->true_elf, c->true_len);
		int n = 1 + (int)sf_below(&c->r, 4);
		for (int i = 0; i < n; i++) {
			size_t at = sf_pct(&c->r, 60) ? sf_below(&c->r, 64) :
				    sf_pct(&c->r, 70) ? 64 + sf_below(&c->r, 56 * 8) :
				    sf_below(&c->r, c->true_len);
			img[at] = (uint8_t)(sf_pct(&c->r, 50) ? sf_next(&c->r) :
					    img[at] ^ (1u << sf_below(&c->r, 8)));
		}
		call->a[ai] = (uint64_t)img;
		call->a[ai + 1] = sf_pct(&c->r, 80) ? c->true_len : sf_below(&c->r, c->true_len);
		sf_note(call->note[ai], "mutated(%d)", n);
		sf_note(call->note[ai + 1], "len");
		call->flags |= SF_C_SPAWN;   /* killed at once: it may spin */
		return;
	}
	if (p < 80 && c->true_elf) {
		call->a[ai] = (uint64_t)c->true_elf;
		call->a[ai + 1] = sf_below(&c->r, c->true_len);
		sf_note(call->note[ai], "t_true");
		sf_note(call->note[ai + 1], "cut");
		return;
	}
	sf_gen_buf(c, 0, &call->a[ai], &call->a[ai + 1], call->note[ai], call->note[ai + 1]);
}

static uint64_t spawn_caps(struct sf_ctx *c, char *note)
{
	if (sf_pct(&c->r, 40)) {
		sf_note(note, "NULL");
		return 0;
	}
	int n = sf_pct(&c->r, 85) ? (int)sf_below(&c->r, 4) : 20;
	struct uk_spawn_cap *v = sf_scratch(c, sizeof(*v) * (size_t)(n + 1), 8);
	if (!v)
		return 0;
	char dummy[SF_NOTE];
	for (int i = 0; i < n; i++)
		v[i] = (struct uk_spawn_cap){ (int32_t)slot(c, dummy), (uint32_t)rights(c, dummy),
					      sf_pct(&c->r, 70) ? 0 : sf_next(&c->r) };
	v[n] = (struct uk_spawn_cap){ sf_pct(&c->r, 90) ? -1 : 3, 0, 0 };
	sf_note(note, "caps[%d]", n);
	return (uint64_t)v;
}

/* ipc_call's arguments: a capability to pass, a grant of any pointer class. */
static uint64_t call_args(struct sf_ctx *c, char *note)
{
	if (sf_one_in(&c->r, 10))
		return sf_gen_badptr(c, note);
	struct ipc_call_args *a = sf_scratch(c, sizeof(*a), 8);
	if (!a)
		return 0;
	char dummy[SF_NOTE];
	a->reserved0 = sf_pct(&c->r, 90) ? 0 : (uint32_t)sf_next(&c->r);
	a->cap_slot = (int32_t)slot(c, dummy);
	sf_gen_buf(c, 0, &a->grant_addr, &a->grant_len, note, dummy);
	if (sf_pct(&c->r, 30))
		a->grant_len = SF_PICK(&c->r, ((const uint64_t[]){ 16384, 65536, 1 << 20, 256 << 20,
								  (256 << 20) + 1, 1ull << 40 }));
	if (a->grant_len > (16 << 20) && sf_excluded("oom"))
		a->grant_len = 16 << 20;
	a->grant_writable = sf_pct(&c->r, 80) ? (uint32_t)sf_below(&c->r, 2) : (uint32_t)sf_next(&c->r);
	a->reserved = 0;
	char at[SF_NOTE];
	memcpy(at, note, SF_NOTE);
	sf_note(note, "cap%d,%.14s", a->cap_slot, at);
	return (uint64_t)a;
}

void sf_ring_garbage(struct sf_ctx *c)
{
	if (!c->nrings)
		return;
	uint8_t *ring = (uint8_t *)c->rings[sf_below(&c->r, (uint64_t)c->nrings)];
	struct ipc_ring_hdr *h = (struct ipc_ring_hdr *)ring;
	int n = 1 + (int)sf_below(&c->r, 6);
	for (int i = 0; i < n; i++) {
		uint64_t what = sf_below(&c->r, 10);
		uint32_t v = sf_pct(&c->r, 50) ? (uint32_t)sf_below(&c->r, 200) : (uint32_t)sf_next(&c->r);
		if (what == 0)
			h->sq.tail = h->sq.tail + (uint32_t)sf_below(&c->r, 70);
		else if (what == 1)
			h->sq.head = v;
		else if (what == 2)
			h->cq.tail = h->cq.tail + (uint32_t)sf_below(&c->r, 70);
		else if (what == 3)
			h->cq.head = v;
		else if (what == 4)
			h->magic = v, h->slots = (uint32_t)sf_next(&c->r);
		else if (what == 5)
			h->server_waiting = v, h->client_waiting = (uint32_t)sf_next(&c->r);
		else {   /* a slot of either ring with junk in it */
			struct ipc_slot *s = (struct ipc_slot *)(ring + 4096 * (1 + sf_below(&c->r, 2)) +
								 64 * sf_below(&c->r, 64));
			s->seq = sf_pct(&c->r, 50) ? sf_below(&c->r, 100) : sf_next(&c->r);
			s->op = (uint32_t)sf_next(&c->r);
			s->len = (uint16_t)sf_next(&c->r);
			s->flags = (uint16_t)(sf_pct(&c->r, 60) ? sf_below(&c->r, 8) : sf_next(&c->r));
			for (int j = 0; j < IPC_INLINE_MAX; j += 8) {
				uint64_t x = sf_pct(&c->r, 30) ? c->initrd + sf_below(&c->r, 1 << 20) :
					     sf_next(&c->r);
				memcpy(s->data + j, &x, 8);
			}
		}
	}
}

static const char *const svc_names[] = { "vfs", "time", "console", "security", "init", "",
	"echo", "vfs ", "nonexistent-name" };

/* A request of init's service-control protocol (proto/svc.h), well formed
 * or not, queued in the ring of a connection made through the capability
 * init hands every program; the next ipc_call carries it. */
static void svc_request(struct sf_ctx *c, char *note)
{
	if (!c->svc_ring)
		return;
	struct ipc_ring_hdr *h = (struct ipc_ring_hdr *)c->svc_ring;
	struct ipc_slot *s = (struct ipc_slot *)(c->svc_ring + 4096) + (h->sq.tail & IPC_RING_MASK);
	memset(s, 0, sizeof(*s));
	s->seq = sf_pct(&c->r, 90) ? ++c->svc_seq : sf_next(&c->r);
	s->op = sf_pct(&c->r, 90) ? SVC_OP_BASE + (uint32_t)sf_below(&c->r, 8) : (uint32_t)sf_next(&c->r);
	s->len = (uint16_t)(sf_pct(&c->r, 80) ? 16 : sf_next(&c->r));
	const char *name = SF_PICK(&c->r, svc_names);
	memcpy(s->data, name, strlen(name) < 48 ? strlen(name) : 48);
	if (sf_one_in(&c->r, 4))
		for (int i = 0; i < IPC_INLINE_MAX; i++)
			s->data[i] = (uint8_t)sf_next(&c->r);
	s->flags = (uint16_t)(sf_pct(&c->r, 80) ? 0 : sf_next(&c->r) & 7);
	h->sq.tail = h->sq.tail + 1;
	sf_note(note, "svc op %#x", s->op);
}

static void native_call(struct sf_ctx *c, struct sf_call *call);

void sf_gen_native(struct sf_ctx *c, struct sf_call *call)
{
	native_call(c, call);
	if (call->nr == UK_SYS_ipc_call && sf_excluded("passcap"))   /* -x passcap */
		call->a[1] &= ~(uint64_t)IPC_CALL_CAP;
}

static void native_call(struct sf_ctx *c, struct sf_call *call)
{
	/* Weights: the calls any process may make come first; the ones reserved
	 * to init and the servers only need to be refused. */
	static const uint8_t weight[41] = {
		[0] = 4, [1] = 3, [2] = 2, [3] = 3, [4] = 10, [5] = 8, [6] = 6, [7] = 6, [8] = 5,
		[9] = 3, [10] = 4, [11] = 3, [12] = 6, [13] = 16, [14] = 8, [15] = 10, [16] = 3,
		[17] = 4, [18] = 4, [19] = 1, [20] = 2, [21] = 1, [22] = 1, [23] = 1, [24] = 5,
		[25] = 8, [26] = 3, [27] = 1, [28] = 1, [29] = 1, [30] = 3, [31] = 1, [32] = 3,
		[33] = 1, [34] = 3, [35] = 1, [36] = 1, [37] = 3, [38] = 1, [39] = 4, [40] = 1,
	};
	static unsigned total;
	if (!total)
		for (int i = 0; i < 41; i++)
			total += weight[i];
	uint64_t n = 0;
	if (sf_below(&c->r, 100) < 98) {
		uint64_t w = sf_below(&c->r, total);
		while (w >= weight[n])
			w -= weight[n++];
	} else {
		n = SF_PICK(&c->r, ((const uint64_t[]){ 32, 41, 42, 63, 64, 255, 0xfff, 0x1000 }));
	}
	call->nr = NR(n);
	switch (n) {
	case 0:   /* spawn */
		image(c, call, 0);
		call->a[2] = sf_gen_strv(c, call->note[2]);
		call->a[3] = sf_pct(&c->r, 50) ? 0 : sf_gen_strv(c, call->note[3]);
		call->a[4] = sf_pct(&c->r, 80) ? sf_below(&c->r, 2) : sf_next(&c->r);
		call->a[5] = spawn_caps(c, call->note[5]);
		call->flags |= SF_C_FORK;
		break;
	case 1:   /* wait */
		call->a[0] = (uint64_t)sf_gen_pid(c, call->note[0]);
		call->a[1] = sf_gen_struct(c, 1, 4, call->note[1]);
		call->a[2] = sf_pct(&c->r, 80) ? 1 : sf_gen_int(c, call->note[2]);
		call->flags |= SF_C_MAYBLOCK;
		break;
	case 2:   /* meminfo */
		call->a[0] = sf_gen_struct(c, 1, 48, call->note[0]);
		break;
	case 3:   /* procinfo */
		call->a[0] = (uint64_t)sf_gen_pid(c, call->note[0]);
		call->a[1] = sf_gen_struct(c, 1, 48, call->note[1]);
		break;
	case 4:   /* cap_copy */
		call->a[0] = slot(c, call->note[0]);
		call->a[1] = rights(c, call->note[1]);
		call->a[2] = sf_pct(&c->r, 50) ? 0 : sf_next(&c->r);
		call->a[3] = sf_pct(&c->r, 80) ? sf_below(&c->r, 2) : sf_next(&c->r);
		break;
	case 5:   /* cap_grant */
		call->a[0] = slot(c, call->note[0]);
		call->a[1] = slot(c, call->note[1]);
		call->a[2] = rights(c, call->note[2]);
		break;
	case 6: case 7: case 23: case 21:   /* cap_delete, cap_revoke, ioport_enable, irq_ack */
		call->a[0] = slot(c, call->note[0]);
		break;
	case 8:   /* cap_info */
		call->a[0] = slot(c, call->note[0]);
		call->a[1] = sf_gen_struct(c, 1, 40, call->note[1]);
		break;
	case 9:   /* proc_cap */
		call->a[0] = (uint64_t)sf_gen_pid(c, call->note[0]);
		break;
	case 10: case 20:   /* proc_watch, irq_bind */
		call->a[0] = slot(c, call->note[0]);
		call->a[1] = slot(c, call->note[1]);
		call->a[2] = bits(c, call->note[2]);
		break;
	case 11: case 16:   /* endpoint_create, notif_create */
		break;
	case 12:  /* ipc_connect */
		call->a[0] = slot(c, call->note[0]);
		call->a[1] = sf_gen_struct(c, 1, 8, call->note[1]);
		break;
	case 13:  /* ipc_call */
		if (c->svc_ring && sf_pct(&c->r, 40)) {   /* to init, through its capability */
			svc_request(c, call->note[3]);
			call->a[0] = (uint64_t)c->svc_conn;
			call->a[1] = sf_pct(&c->r, 80) ? IPC_CALL_SUBMIT | IPC_CALL_WAIT | IPC_CALL_GRANT :
							 sf_below(&c->r, 16);
			sf_note(call->note[0], "svc conn");
			sf_note(call->note[1], "flags");
			call->a[2] = call_args(c, call->note[2]);
			call->flags |= SF_C_MAYBLOCK | SF_C_NATIVE_IPC;
			break;
		}
		if (sf_pct(&c->r, 50)) {
			sf_ring_garbage(c);
			sf_note(call->note[3], "ring garbage");
		}
		call->a[0] = slot(c, call->note[0]);
		call->a[1] = sf_pct(&c->r, 90) ? sf_below(&c->r, 16) : sf_next(&c->r);
		sf_note(call->note[1], "flags");
		call->a[2] = call_args(c, call->note[2]);
		call->flags |= SF_C_MAYBLOCK | SF_C_NATIVE_IPC;
		break;
	case 14:  /* ipc_receive */
		call->a[0] = slot(c, call->note[0]);
		call->a[1] = sf_gen_struct(c, 1, 40, call->note[1]);
		call->a[2] = sf_pct(&c->r, 85) ? IPC_RECV_NONBLOCK : sf_gen_int(c, call->note[2]);
		call->flags |= SF_C_MAYBLOCK | SF_C_NATIVE_IPC;
		break;
	case 15:  /* ipc_reply */
		if (sf_pct(&c->r, 50)) {
			sf_ring_garbage(c);
			sf_note(call->note[4], "ring garbage");
		}
		call->a[0] = slot(c, call->note[0]);
		call->a[1] = sf_pct(&c->r, 70) ? sf_below(&c->r, 8) : sf_gen_int(c, call->note[1]);
		call->a[2] = sf_gen_struct(c, 1, 40, call->note[2]);
		call->a[3] = sf_pct(&c->r, 85) ? 0 : sf_gen_int(c, call->note[3]);
		call->flags |= SF_C_MAYBLOCK | SF_C_NATIVE_IPC;
		break;
	case 17:  /* notif_signal */
		call->a[0] = slot(c, call->note[0]);
		call->a[1] = bits(c, call->note[1]);
		break;
	case 18:  /* notif_wait */
		call->a[0] = slot(c, call->note[0]);
		call->a[1] = sf_gen_struct(c, 1, 8, call->note[1]);
		call->a[2] = sf_pct(&c->r, 85) ? 1 : sf_gen_int(c, call->note[2]);
		call->flags |= SF_C_MAYBLOCK;
		break;
	case 19: case 22:   /* irq_get, ioport_get */
		call->a[0] = slot(c, call->note[0]);
		call->a[1] = sf_gen_int(c, call->note[1]);
		call->a[2] = sf_gen_int(c, call->note[2]);
		break;
	case 24:  /* mem_create */
		call->a[0] = sf_pct(&c->r, 80) ? (1 + sf_below(&c->r, 64)) * 4096 - sf_below(&c->r, 2) :
			     SF_PICK(&c->r, ((const uint64_t[]){ 0, 1, 16 << 20, 64 << 20, 256 << 20,
								(256 << 20) + 1, 1ull << 40, (uint64_t)-1 }));
		sf_note(call->note[0], "bytes");
		if (call->a[0] > (16 << 20) && sf_excluded("oom"))
			call->a[0] = 16 << 20;
		break;
	case 25:  /* mem_map */
		call->a[0] = slot(c, call->note[0]);
		call->a[1] = sf_pct(&c->r, 50) ? 0 : sf_gen_addr(c, call->note[1]);
		call->a[2] = sf_pct(&c->r, 85) ? sf_below(&c->r, 8) : sf_next(&c->r);
		sf_note(call->note[2], "prot");
		break;
	case 26:  /* vm_frame_id */
		call->a[0] = sf_gen_addr(c, call->note[0]);
		break;
	case 27:  /* fwd_register */
		call->a[0] = sf_below(&c->r, 8);
		call->a[1] = slot(c, call->note[1]);
		break;
	case 28:  /* exec */
		call->a[0] = (uint64_t)sf_gen_pid(c, call->note[0]);
		image(c, call, 1);
		call->a[3] = sf_gen_strv(c, call->note[3]);
		call->a[4] = sf_gen_strv(c, call->note[4]);
		call->flags &= ~SF_C_SPAWN;
		break;
	case 29:  /* klog_attach */
		call->a[0] = slot(c, call->note[0]);
		break;
	case 30:  /* notif_at */
		call->a[0] = slot(c, call->note[0]);
		call->a[1] = bits(c, call->note[1]);
		call->a[2] = sf_pct(&c->r, 50) ? sf_below(&c->r, 1ull << 40) : sf_gen_int(c, call->note[2]);
		break;
	case 31:  /* log */
		sf_gen_buf(c, 0, &call->a[0], &call->a[1], call->note[0], call->note[1]);
		break;
	case 40:  /* proc_kill: slot 0 is the worker itself */
		call->a[0] = slot(c, call->note[0]);
		call->expect_now |= SIGBIT(9);
		break;
	case 33:  /* time_publish */
		call->a[0] = sf_gen_int(c, call->note[0]);
		break;
	case 34:  /* sec_get */
		call->a[0] = (uint64_t)sf_gen_pid(c, call->note[0]);
		call->a[1] = sf_gen_struct(c, 1, 312, call->note[1]);
		break;
	case 35:  /* sec_set */
		call->a[0] = slot(c, call->note[0]);
		call->a[1] = (uint64_t)sf_gen_pid(c, call->note[1]);
		call->a[2] = sf_gen_struct(c, 0, 312, call->note[2]);
		call->a[3] = sf_below(&c->r, 4);
		call->flags |= SF_C_CRED;
		break;
	case 36:  /* sigqueue */
		call->a[0] = slot(c, call->note[0]);
		call->a[1] = (uint64_t)sf_gen_pid(c, call->note[1]);
		call->a[2] = sf_pct(&c->r, 50) ? 0 : (uint64_t)sf_gen_pid(c, call->note[2]);
		call->a[3] = sf_gen_struct(c, 0, 24, call->note[3]);
		break;
	case 37:  /* kill_guard */
		call->a[0] = sf_pct(&c->r, 30) ? 0 : sf_pct(&c->r, 50) ? sf_gen_struct(c, 1, 4, call->note[0]) :
			     sf_gen_addr(c, call->note[0]);
		break;
	case 38:  /* cap_admin */
		call->a[0] = slot(c, call->note[0]);
		call->a[1] = sf_below(&c->r, 4);
		call->a[2] = (uint64_t)sf_gen_pid(c, call->note[2]);
		call->a[3] = slot(c, call->note[3]);
		call->a[4] = sf_gen_int(c, call->note[4]);
		call->a[5] = rights(c, call->note[5]);
		break;
	case 39:  /* seccall */
		call->a[0] = sf_pct(&c->r, 85) ? 0x3000 + sf_below(&c->r, 5) : sf_gen_int(c, call->note[0]);
		sf_note(call->note[0], "op");
		call->a[1] = sf_pct(&c->r, 50) ? (uint64_t)sf_gen_pid(c, call->note[1]) : slot(c, call->note[1]);
		call->a[2] = slot(c, call->note[2]);
		call->a[3] = sf_pct(&c->r, 50) ? (uint64_t)sf_gen_pid(c, call->note[3]) : rights(c, call->note[3]);
		sf_gen_buf(c, 1, &call->a[4], &call->a[5], call->note[4], call->note[5]);
		break;
	default:
		for (int i = 0; i < 6; i++)
			call->a[i] = sf_gen_int(c, call->note[i]);
		break;
	}
}
