/* SPDX-License-Identifier: MIT */
/* The server manifest (/etc/manifest in the initrd): which servers init
 * starts, in order, what they serve and which capabilities they receive. */
#pragma once
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define MANIFEST_MAX 8
#define MANIFEST_MAX_CAPS 6

enum svc_cap_kind { SVC_CAP_IOPORT, SVC_CAP_IRQ, SVC_CAP_STATE };

struct svc_cap {
	enum svc_cap_kind kind;
	unsigned base, count;
};

struct svc {
	char name[16];
	char path[64];
	int fwd;               /* enum fwd_server, 0 for none */
	bool initrd;
	struct svc_cap caps[MANIFEST_MAX_CAPS];
	int ncaps;
	/* filled in by init */
	long pid;
	int ep;                /* kept across restarts: clients never notice */
	bool registered;       /* named to the kernel for its forwarded calls */
	unsigned long long started_ns, delay_ns;
	int restarts;
	bool stopped;          /* svc stop: not restarted */
	bool asked;            /* svc restart/swap: the death was wanted, not a crash */
	int state;             /* memory object that outlives restarts (state:BYTES), or 0 */
	char old_path[64];     /* svc swap: the binary to roll back to */
};

/* Parses text[0..len); returns the number of servers, or -1 with a message
 * in err naming the line. */
int manifest_parse(const char *text, size_t len, struct svc *out, int max, char *err, size_t errlen);
