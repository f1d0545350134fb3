// SPDX-License-Identifier: MIT
/* The security server's capability protocol: a process grants one of its
 * capabilities to a child (which then holds it), checks it, revokes it
 * (the child's copy is gone); grants to a process of another uid and the
 * audit log are refused to an unprivileged caller; every decision is in
 * the audit log that root reads. */
#define _GNU_SOURCE
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>
#include "child.h"
#include "tap.h"
#include "uk.h"
#include "proto/security.h"

struct box {
	volatile long slot;      /* the child's slot of the granted capability */
	volatile int seen;       /* the child's verdict: 1 holds it, 2 lost it */
	volatile int step;
};
static struct box *box;

static void wait_step(int want)
{
	struct timespec d = { 0, 2000000 };
	while (box->step < want)
		nanosleep(&d, NULL);
}

/* Holds what it is given, then sees it go. */
static int holder(void)
{
	struct cap_info ci;
	wait_step(1);
	box->seen = uk_cap_info((int)box->slot, &ci) == 0 && ci.type == CAP_NOTIFICATION ? 1 : 0;
	box->step = 2;
	wait_step(3);
	box->seen = uk_cap_info((int)box->slot, &ci) < 0 ? 2 : 0;
	box->step = 4;
	return 0;
}

static int unprivileged(void)
{
	char buf[64];
	int notif = uk_notif_create();
	if (setresuid(1000, 1000, 1000))
		return 1;
	if (uk_seccall(SEC_OP_CAP_GRANT, (uint64_t)notif, (uint64_t)getppid(), CAP_R_READ, NULL, 0) != -1 ||
	    errno != EPERM)
		return 2;  /* the parent runs as root */
	if (uk_seccall(SEC_OP_AUDIT_READ, 0, 0, 0, buf, sizeof(buf)) != -1 || errno != EPERM)
		return 3;
	return uk_seccall(SEC_OP_CAP_CHECK, 0, (uint64_t)notif, CAP_NOTIFICATION, NULL, 0) == 0 ? 0 : 4;
}

int main(void)
{
	tap_begin();
	box = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	int notif = uk_notif_create();
	pid_t child = fork();
	if (child == 0)
		_exit(holder());
	long slot = uk_seccall(SEC_OP_CAP_GRANT, (uint64_t)notif, (uint64_t)child, CAP_R_READ | CAP_R_WRITE,
			       NULL, 0);
	CHECK("seccap_grant_gives_the_child_a_slot", slot > 0);
	box->slot = slot;
	box->step = 1;
	wait_step(2);
	CHECK("seccap_the_child_holds_the_granted_notification", box->seen == 1);
	CHECK("seccap_check_confirms_type_and_rights",
	      uk_seccall(SEC_OP_CAP_CHECK, (uint64_t)child, (uint64_t)slot,
			 CAP_NOTIFICATION | ((CAP_R_READ | CAP_R_WRITE) << 8), NULL, 0) == 0);
	CHECK_ERRNO("seccap_check_of_a_wrong_type_is_enoent",
		    uk_seccall(SEC_OP_CAP_CHECK, (uint64_t)child, (uint64_t)slot, CAP_ENDPOINT, NULL, 0),
		    ENOENT);
	CHECK("seccap_revoke_succeeds", uk_seccall(SEC_OP_CAP_REVOKE, (uint64_t)notif, 0, 0, NULL, 0) == 0);
	box->step = 3;
	wait_step(4);
	CHECK("seccap_revoke_takes_the_child_s_copy", box->seen == 2);
	int st;
	waitpid(child, &st, 0);
	st = in_child(unprivileged);
	CHECK("seccap_unprivileged_grant_to_root_and_audit_read_are_eperm", EXITED_0(st));
	if (!EXITED_0(st))
		tap_note("unprivileged: status 0x%x", st);
	static char log[16384];
	long n = uk_seccall(SEC_OP_AUDIT_READ, 0, 0, 0, log, sizeof(log) - 1);
	log[n > 0 ? n : 0] = '\0';
	CHECK("seccap_audit_log_records_grant_revoke_and_refusal",
	      n > 0 && strstr(log, " grant ") && strstr(log, " revoke ") && strstr(log, "uid 1000 grant") &&
	      strstr(log, "-> -1\n"));
	if (n > 0) {
		char *last = log + n - 1;
		while (last > log && last[-1] != '\n')
			last--;
		tap_note("audit tail: %s", last);
	}
	return tap_end("t_seccap");
}
