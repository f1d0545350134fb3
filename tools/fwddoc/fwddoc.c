// SPDX-License-Identifier: MIT
/* fwddoc: prints the forwarded-call tables of docs/syscalls.md from the one
 * description of the forwarded calls (include/proto/fwd_calls.h), so the
 * documentation cannot drift from what the kernel and the servers do.
 * `make docs` puts its output between the markers in docs/syscalls.md;
 * `make test` checks that it is there. Built and run on the host. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "proto/fwd_calls.h"

enum kind { NO, V, S, S0, SV, IN, OUT, INF, OUTF, INOUTF, INU, OUTU, IOC, FCNTL };

struct arg {
	enum kind kind;
	const char *what;
	int n, bytes;
};

struct row {
	int nr;
	const char *name, *server, *note;
	struct arg a[6];
};

#define FWDA_V(w) { V, #w, 0, 0 }
#define FWDA_S(w) { S, #w, 0, 0 }
#define FWDA_S0(w) { S0, #w, 0, 0 }
#define FWDA_SV(w) { SV, #w, 0, 0 }
#define FWDA_IN(w, n) { IN, #w, n, 0 }
#define FWDA_OUT(w, n) { OUT, #w, n, 0 }
#define FWDA_INF(w, b) { INF, #w, 0, b }
#define FWDA_OUTF(w, b) { OUTF, #w, 0, b }
#define FWDA_INU(w, n, u) { INU, #w, n, u }
#define FWDA_OUTU(w, n, u) { OUTU, #w, n, u }
#define FWDA_INOUTF(w, b) { INOUTF, #w, 0, b }
#define FWDA_IOCTL(w) { IOC, #w, 0, 0 }
#define FWDA_FCNTL(w) { FCNTL, #w, 0, 0 }
#define FWDA_NO { NO, "", 0, 0 }
#define ROW(srv, name, note, a0, a1, a2, a3, a4, a5) \
	{ LINUX_NR_##name, #name, #srv, note, { a0, a1, a2, a3, a4, a5 } },

static struct row rows[] = {
	FWD_VFS_CALLS(ROW) FWD_PROC_CALLS(ROW) FWD_TIME_CALLS(ROW) FWD_SECURITY_CALLS(ROW)
};

/* One argument in words. */
static void describe(const struct arg *a, char *out, size_t len)
{
	switch (a->kind) {
	case V: snprintf(out, len, "%s", a->what); break;
	case S: snprintf(out, len, "%s (string)", a->what); break;
	case S0: snprintf(out, len, "%s (string or NULL)", a->what); break;
	case SV: snprintf(out, len, "%s (string vector)", a->what); break;
	case IN: snprintf(out, len, "in %s[arg %d]", a->what, a->n); break;
	case OUT: snprintf(out, len, "out %s[arg %d]", a->what, a->n); break;
	case INF: snprintf(out, len, "in %s (%d bytes)", a->what, a->bytes); break;
	case OUTF: snprintf(out, len, "out %s (%d bytes)", a->what, a->bytes); break;
	case INU: snprintf(out, len, "in %s[arg %d x %d bytes]", a->what, a->n, a->bytes); break;
	case OUTU: snprintf(out, len, "out %s[arg %d x %d bytes]", a->what, a->n, a->bytes); break;
	case INOUTF: snprintf(out, len, "in/out %s (%d bytes)", a->what, a->bytes); break;
	case IOC: snprintf(out, len, "%s (by request, below)", a->what); break;
	case FCNTL: snprintf(out, len, "%s (by command, below)", a->what); break;
	case NO: out[0] = '\0'; break;
	}
}

static void lower(const char *in, char *out, size_t len)
{
	size_t i = 0;
	for (; in[i] && i + 1 < len; i++)
		out[i] = (char)(in[i] >= 'A' && in[i] <= 'Z' ? in[i] + 32 : in[i]);
	out[i] = '\0';
}

static void print_row(const struct row *r)
{
	char args[512] = "", one[96], srv[16];
	for (int i = 0; i < 6; i++) {
		describe(&r->a[i], one, sizeof(one));
		if (one[0])
			snprintf(args + strlen(args), sizeof(args) - strlen(args), "%s%s",
				 args[0] ? ", " : "", one);
	}
	lower(r->server, srv, sizeof(srv));
	printf("| %d | %s | %s | %s | %s |\n", r->nr, r->name, srv, args, r->note);
}

static int by_nr(const void *a, const void *b)
{
	return ((const struct row *)a)->nr - ((const struct row *)b)->nr;
}

int main(void)
{
	size_t n = sizeof(rows) / sizeof(rows[0]);
	qsort(rows, n, sizeof(rows[0]), by_nr);
	printf("| nr | name | server | arguments | note |\n| --- | --- | --- | --- | --- |\n");
	for (size_t i = 0; i < n; i++)
		print_row(&rows[i]);
#define VEC(vector, single) \
	printf("| %d | %s | vfs | fd, iov, iovcnt | sent as %s of one gathered buffer |\n", \
	       LINUX_NR_##vector, #vector, #single);
	printf("\nThe vector calls (special decoder, below):\n\n"
	       "| nr | name | server | arguments | note |\n| --- | --- | --- | --- | --- |\n");
	FWD_VECTOR_CALLS(VEC)
#define IOCTL(name, req, kind, bytes) \
	printf("| `%s` | 0x%04X | %s %d bytes |\n", #name, req,               \
	       strcmp(#kind, "FWDA_IOCTL_IN") ? "out" : "in", bytes);
	printf("\nThe ioctl requests whose argument is a buffer (any other request's "
	       "argument is a value):\n\n| request | number | argument |\n| --- | --- | --- |\n");
	FWD_IOCTLS(IOCTL)
#define FCNTL(name, cmd, kind, bytes) \
	printf("| `%s` | %d | %s %d bytes |\n", #name, cmd,                   \
	       strcmp(#kind, "FWDA_FCNTL_IN") ? "in/out" : "in", bytes);
	printf("\nThe fcntl commands whose argument is a buffer (any other command's "
	       "argument is a value):\n\n| command | number | argument |\n| --- | --- | --- |\n");
	FWD_FCNTLS(FCNTL)
	return 0;
}
