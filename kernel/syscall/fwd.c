// SPDX-License-Identifier: MIT
/* Marshalling of forwarded calls: arguments into the ring slot, strings and
 * small buffers through the connection's bounce area, large buffers as
 * grants; results and output buffers back to the caller. */
#include "abi/errno.h"
#include "ipc/endpoint.h"
#include "ipc/grant.h"
#include "mm/phys.h"
#include "mm/uaccess.h"
#include "proc/proc.h"
#include "proc/sec.h"
#include "proc/signal.h"
#include "syscall/fwd.h"
#include "syscall/fwd_internal.h"
#include "syscall/fwd_table.h"
#include "proto/fwd.h"
#include "proto/fwd_calls.h"
#include "lib/kprintf.h"
#include "lib/string.h"

#define PATH_MAX_BYTES 4096
#define MAX_REDIRECTS 2

static struct ipc_endpoint *servers[FWD_NSERVERS];

#define MAX_OUT 64

/* A user buffer split into pieces (readv/writev); NULL for plain calls. */
struct uvec {
	struct {
		uint64_t base, len;
	} iov[MAX_OUT];
	size_t n, total;
	bool out;              /* scattered back after the call (a read) */
};

struct marshal {
	struct ipc_conn *c;
	uint8_t *kva;                  /* the bounce area, kernel view */
	size_t used;
	struct {
		uint64_t uaddr;
		size_t len, off;
		bool variable;         /* copy back only the elements the call produced */
		size_t unit;           /* bytes per element */
	} out[MAX_OUT];
	int nout;
};

long fwd_register(int server, struct ipc_endpoint *ep)
{
	if (server <= 0 || server >= FWD_NSERVERS)
		return -EINVAL;
	if (servers[server])
		kobj_put(&servers[server]->obj);
	servers[server] = (struct ipc_endpoint *)kobj_get(&ep->obj);
	return 0;
}

bool fwd_is_server(int server, const struct proc *p)
{
	if (!fwd_registered(server))
		return false;
	for (int i = 0; i < CAP_SLOTS; i++) {
		const struct cap *c = &p->caps.slots[i];
		if (c->obj == &servers[server]->obj && (c->rights & CAP_R_READ))
			return true;  /* it holds the receiving side of that endpoint */
	}
	return false;
}

bool fwd_registered(int server)
{
	return server > 0 && server < FWD_NSERVERS && servers[server];
}

/* A connection of p to server for one call: a free one of its pool, a new
 * one, or (all PROC_FWD_CONNS busy) the next to be freed. Each thread's
 * call travels on a connection of its own, so a call the server parks (a
 * pipe read, a sleep) never holds up another thread's. NULL with *err. */
static struct ipc_conn *take_conn(struct proc *p, int server, long *err)
{
	struct fwd_pool *pool = &p->fwd[server];
	for (;;) {
		int empty = -1;
		for (int i = 0; i < PROC_FWD_CONNS; i++) {
			struct ipc_conn *c = pool->conn[i];
			if (c && c->dead && !c->busy) {
				fwd_conn_close(c);  /* its server is gone for good */
				pool->conn[i] = c = NULL;
			}
			if (c && !c->busy) {
				c->busy = true;
				return c;
			}
			if (!c && empty < 0)
				empty = i;
		}
		if (empty >= 0) {
			struct ipc_conn *c = fwd_conn_open(servers[server], p);
			*err = -ENOMEM;
			if (c)
				c->busy = true;
			return pool->conn[empty] = c;
		}
		if ((*err = sched_block(&pool->wait, 0)) < 0)
			return NULL;
	}
}

static void put_conn(struct proc *p, int server, struct ipc_conn *c)
{
	c->busy = false;
	waitq_wake(&p->fwd[server].wait, 1, 0);
}

/* Space in the bounce area, 16-byte aligned; NULL when full. */
static uint8_t *bounce_take(struct marshal *m, size_t len, uint64_t *sva)
{
	size_t off = ALIGN_UP(m->used, 16);
	if (len > FWD_BOUNCE_BYTES || off > FWD_BOUNCE_BYTES - len)
		return NULL;
	m->used = off + len;
	*sva = m->c->bounce_va + off;
	return m->kva + off;
}

static long put_string(struct marshal *m, uint64_t uptr, uint64_t *arg)
{
	uint64_t sva;
	uint8_t *k = bounce_take(m, PATH_MAX_BYTES, &sva);
	if (!k)
		return -E2BIG;
	long n = strncpy_from_user((char *)k, uptr, PATH_MAX_BYTES);
	if (n < 0)
		return n;
	m->used -= PATH_MAX_BYTES - (size_t)n - 1;
	*arg = sva;
	return 0;
}

/* A NULL-terminated vector of strings: the strings and then the pointer
 * array (server addresses) in the bounce area. */
static long put_string_vector(struct marshal *m, uint64_t uvec, uint64_t *arg)
{
	uint64_t ptrs[256], sva;
	size_t n = 0;
	for (; uvec; n++) {
		uint64_t up;
		if (n == ARRAY_SIZE(ptrs) - 1)
			return -E2BIG;
		if (copy_from_user(&up, uvec + n * 8, 8))
			return -EFAULT;
		if (!up)
			break;
		long r = put_string(m, up, &ptrs[n]);
		if (r)
			return r;
	}
	ptrs[n] = 0;
	uint8_t *k = bounce_take(m, (n + 1) * 8, &sva);
	if (!k)
		return -E2BIG;
	memcpy(k, ptrs, (n + 1) * 8);
	*arg = sva;
	return 0;
}

static long put_buffer(struct marshal *m, const struct fwd_arg *a, int i, uint64_t *args)
{
	uint64_t uptr = args[i], sva;
	size_t unit = a->unit ? a->unit : 1;
	size_t len = a->len_arg >= 0 ? args[a->len_arg] : a->fixed;
	if (len > IPC_GRANT_MAX / unit && a->len_arg >= 0)
		len = args[a->len_arg] = IPC_GRANT_MAX / unit;  /* short, as Linux caps one too */
	if (a->len_arg >= 0)
		len *= unit;
	if (!user_range_ok(uptr, len))
		return -EFAULT;
	bool out = a->kind == FA_OUT || a->kind == FA_INOUT, in = a->kind != FA_OUT;
	if (len >= FWD_GRANT_MIN) {
		long r = grant_map_for_kernel(m->c, uptr, len, out, &sva);
		if (r < 0)
			return r;
	} else {
		uint8_t *k = bounce_take(m, len, &sva);
		if (!k)
			return -E2BIG;
		if (in && copy_from_user(k, uptr, len))
			return -EFAULT;
		if (out)
			m->out[m->nout++] = (typeof(m->out[0])){ uptr, len, (size_t)(k - m->kva),
								 a->len_arg >= 0, unit };
	}
	args[i] = sva;
	return 0;
}

static long marshal_args(struct marshal *m, const struct fwd_spec *spec, uint64_t *args)
{
	for (int i = 0; i < 6; i++) {
		const struct fwd_arg *a = &spec->arg[i];
		long r = 0;
		if (a->kind == FA_STR || (a->kind == FA_STR0 && args[i]))
			r = put_string(m, args[i], &args[i]);
		else if (a->kind == FA_STRV)
			r = put_string_vector(m, args[i], &args[i]);
		else if (a->kind >= FA_IN && a->kind <= FA_INOUT && args[i])
			r = put_buffer(m, a, i, args);
		if (r)
			return r;
	}
	return 0;
}

/* The pieces of a readv/writev as one buffer in the bounce area: gathered
 * now (write) or scattered back after the call (read). */
static long put_vector(struct marshal *m, const struct uvec *v, bool out, uint64_t *arg)
{
	uint64_t sva;
	uint8_t *k = bounce_take(m, v->total, &sva);
	if (!k)
		return -E2BIG;
	for (size_t i = 0, off = 0; i < v->n; off += v->iov[i].len, i++) {
		if (out)
			m->out[m->nout++] = (typeof(m->out[0])){ v->iov[i].base, v->iov[i].len,
								 (size_t)(k - m->kva) + off, true, 1 };
		else if (copy_from_user(k + off, v->iov[i].base, v->iov[i].len))
			return -EFAULT;
	}
	*arg = sva;
	return 0;
}

/* Copies output buffers back; variable-length ones (in order) receive only
 * the status bytes the call says it produced. */
static long unmarshal(struct marshal *m, long status)
{
	if (status < 0 && status != -EINTR)
		return status;  /* an interrupted sleep still reports the time left */
	size_t left = status < 0 ? 0 : (size_t)status;
	for (int i = 0; i < m->nout; i++) {
		size_t n = m->out[i].len;
		if (m->out[i].variable) {
			n = MIN(n, left * m->out[i].unit);
			left -= n / m->out[i].unit;
		}
		if (n && copy_to_user(m->out[i].uaddr, m->kva + m->out[i].off, n))
			return -EFAULT;
	}
	return status;
}

/* One round trip to one server. *redirect is set when the server redirects. */
long fwd_forward_once(struct proc *p, int server, uint32_t op, const struct fwd_spec *spec,
			 const struct uvec *vec, uint64_t *args, struct fwd_redirect *redirect)
{
	long r;
	struct ipc_conn *c = take_conn(p, server, &r);
	if (!c)
		return r;
	r = endpoint_wait_server(c->ep);
	if (r || !fwd_conn_ready_server(c)) {
		put_conn(p, server, c);
		return r == -EPIPE ? -ENOSYS : r ? r : -EPIPE;  /* EPIPE: stopped for good */
	}
	struct marshal m;  /* out[] is filled as needed: no need to clear it */
	m.c = c;
	m.kva = phys_to_virt(c->bounce);
	m.used = 0;
	m.nout = 0;
	r = spec ? marshal_args(&m, spec, args) : 0;
	if (!r && vec)
		r = put_vector(&m, vec, vec->out, &args[1]);
	if (!r) {
		struct ipc_ring_hdr *h = c->ring.hdr;
		struct ipc_slot *s = &c->ring.sq[h->sq.tail & IPC_RING_MASK];
		s->seq = h->sq.tail + 1ull;
		s->op = op;
		s->len = sizeof(struct fwd_args);
		s->flags = 0;
		memcpy(s->data, args, sizeof(struct fwd_args));
		r = fwd_conn_transact(c);
		if (r == -EPIPE)
			r = -ENOSYS;  /* the server was stopped (svc stop) with the call in its ring */
	}
	if (!r) {
		struct ipc_ring_hdr *h = c->ring.hdr;
		struct ipc_slot *done = &c->ring.cq[h->cq.head & IPC_RING_MASK];
		r = done->status;
		if (done->flags & IPC_F_WIDE)
			memcpy(&r, done->data, sizeof(r));
		if (r == FWD_STATUS_REDIRECT)
			memcpy(redirect, done->data, sizeof(*redirect));
		__atomic_store_n(&h->cq.head, h->cq.head + 1, __ATOMIC_RELEASE);
		if (r != FWD_STATUS_REDIRECT)
			r = unmarshal(&m, r);
	}
	grant_release_all(c);
	put_conn(p, server, c);
	return r;
}

/* The spec of nr at server, with what the call's own arguments decide
 * (ioctl's argument by its request, fcntl's by its command, a vector's
 * buffer already gathered) written into *scratch; NULL when server does
 * not serve nr. */
static const struct fwd_spec *spec_for(int server, uint64_t nr, bool vector,
				       const uint64_t args[6], struct fwd_spec *scratch)
{
	const struct fwd_spec *s = fwd_spec_at(server, nr);
	if (!s || (!vector && nr != LINUX_NR_ioctl && nr != LINUX_NR_fcntl))
		return s;
	*scratch = *s;
	if (vector)
		scratch->arg[1] = (struct fwd_arg){ FA_VAL, -1, 0, 0 };
	for (int i = 0; i < 6; i++)
		if (scratch->arg[i].kind == FA_IOCTL)
			scratch->arg[i] = fwd_ioctl_arg(args[1]);
		else if (scratch->arg[i].kind == FA_FCNTL)
			scratch->arg[i] = fwd_fcntl_arg(args[1]);
	return scratch;
}

static long forward(uint64_t nr, const struct uvec *vec, const uint64_t in[6])
{
	struct proc *p = proc_current();
	int server = fwd_spec_of(nr)->server;
	uint64_t first = in[0];
	for (int hops = 0; hops <= MAX_REDIRECTS; hops++) {
		struct fwd_spec scratch;
		if (!servers[server] || fwd_is_self(server, p))
			return -ENOSYS;  /* none, or a server calling itself: it would wait forever */
		const struct fwd_spec *spec = spec_for(server, nr, vec != NULL, in, &scratch);
		if (!spec)
			return -EIO;     /* redirected to a server that does not serve the call */
		uint64_t args[6];
		memcpy(args, in, sizeof(args));
		if (hops)
			args[0] = first;
		struct fwd_redirect rd;
		long r = fwd_forward_once(p, server, spec->op, spec, vec, args, &rd);
		if (FWD_STATUS_IS_PLEDGE(r))
			return sec_promise_check((int)(-5000 - r), nr) ?: -EPERM;
		if (r != FWD_STATUS_REDIRECT)
			return r;
		if (rd.server <= 0 || rd.server >= FWD_NSERVERS)
			return -EIO;
		server = (int)rd.server;
		first = rd.handle;
	}
	return -ELOOP;
}

/* The single call a vector call becomes (read is 0), or -1. */
static int64_t vector_single(uint64_t nr)
{
#define VEC_CASE(vector, single) \
	case LINUX_NR_##vector:  \
		return LINUX_NR_##single;
	switch (nr) {
		FWD_VECTOR_CALLS(VEC_CASE)
	}
#undef VEC_CASE
	return -1;
}

/* readv/writev/preadv/pwritev as read/write/pread64/pwrite64 of one buffer
 * (at most the bounce area: a shorter transfer, as POSIX allows). */
static long forward_vector(uint64_t single, const uint64_t in[6])
{
	struct uvec v;  /* per call: the caller may block, and another process call meanwhile */
	bool positioned = single == LINUX_NR_pread64 || single == LINUX_NR_pwrite64;
	if (in[2] > 1024)
		return -EINVAL;
	v.n = MIN(in[2], MAX_OUT);
	v.total = 0;
	v.out = single == LINUX_NR_read || single == LINUX_NR_pread64;
	if (copy_from_user(v.iov, in[1], v.n * sizeof(v.iov[0])))
		return -EFAULT;
	for (size_t i = 0; i < v.n; i++) {
		v.iov[i].len = MIN(v.iov[i].len, FWD_BOUNCE_BYTES - PATH_MAX_BYTES - v.total);
		if (v.iov[i].len && !user_range_ok(v.iov[i].base, v.iov[i].len))
			return -EFAULT;
		v.total += v.iov[i].len;
	}
	uint64_t args[6] = { in[0], 0, v.total, positioned ? in[3] : 0, 0, 0 };
	return forward(single, &v, args);
}

/* A write to a pipe or socket with no reader answers -EPIPE, and the
 * writer gets SIGPIPE too, as on Linux. */
static long sigpipe_on_epipe(uint64_t nr, long r)
{
	bool writes = nr == LINUX_NR_write || nr == LINUX_NR_writev || nr == LINUX_NR_pwrite64 ||
		      nr == LINUX_NR_pwritev;
	if (r == -EPIPE && writes)
		signal_send(proc_current(), thread_current(), SIGPIPE_NR, proc_current()->pid);
	return r;
}

bool fwd_syscall(uint64_t nr, const uint64_t args[6], long *ret)
{
	if (fwd_thread_cpu_clock(nr, args, ret))
		return true;
	int64_t single = vector_single(nr);
	if (single >= 0) {
		*ret = sigpipe_on_epipe(nr, forward_vector((uint64_t)single, args));
		return true;
	}
	if (!fwd_spec_of(nr))
		return false;
	if (nr == LINUX_NR_execve && (*ret = fwd_exec_check(args[0])) < 0)
		return true;
	struct thread *t = thread_current();
	t->fwd_nr = (uint32_t)nr + 1;  /* uk_exec finds the thread waiting in execve */
	*ret = sigpipe_on_epipe(nr, forward(nr, NULL, args));
	t->fwd_nr = 0;
	return true;
}

long fwd_post(struct proc *p, int server, uint32_t op, uint64_t a0, uint64_t a1)
{
	long r;
	struct ipc_conn *c = take_conn(p, server, &r);
	if (!c)
		return r;
	struct ipc_ring_hdr *h = c->ring.hdr;
	if (h->sq.tail - h->sq.head < IPC_RING_SLOTS) {
		struct ipc_slot *s = &c->ring.sq[h->sq.tail & IPC_RING_MASK];
		struct fwd_args args = { { a0, a1, 0, 0, 0, 0 } };
		s->seq = h->sq.tail + 1ull;
		s->op = op;
		s->len = sizeof(args);
		s->flags = IPC_F_ONEWAY;
		memcpy(s->data, &args, sizeof(args));
		fwd_conn_post(c);
		r = 0;
	} else {
		r = -EAGAIN;  /* a full ring: the notice is lost rather than waited for */
	}
	put_conn(p, server, c);
	return r;
}

bool fwd_is_self(int server, struct proc *p)
{
	struct ipc_endpoint *ep = servers[server];
	/* Between a server's death and its successor's first receive, nobody
	 * claims the endpoint: the successor is the one holding its serving side. */
	return ep && (ep->server == p || (!ep->server && fwd_is_server(server, p)));
}

struct ipc_endpoint *fwd_server_ep(int server)
{
	return server > 0 && server < FWD_NSERVERS ? servers[server] : NULL;
}

struct kobj *fwd_endpoint(int server)
{
	return fwd_registered(server) ? &servers[server]->obj : NULL;
}

void fwd_proc_gone(struct proc *p)
{
	for (int i = 0; i < FWD_NSERVERS; i++) {
		for (int j = 0; j < PROC_FWD_CONNS; j++) {
			if (p->fwd[i].conn[j])
				fwd_conn_close(p->fwd[i].conn[j]);
			p->fwd[i].conn[j] = NULL;
		}
	}
}

bool fwd_ever_called(const struct proc *p, int server)
{
	for (int j = 0; server > 0 && server < FWD_NSERVERS && j < PROC_FWD_CONNS; j++)
		if (p->fwd[server].conn[j])
			return true;
	return false;
}
