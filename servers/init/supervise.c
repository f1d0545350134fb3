// SPDX-License-Identifier: MIT
/* Supervision: init watches every server it started; when one dies it
 * starts a fresh copy with the same endpoint (init holds it), so requests
 * still in the rings are served by the successor. A server that dies again
 * within a second of starting is restarted after a delay that doubles each
 * time (up to 8 s), and reported as a crash loop. Runs on its own thread. */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <x86intrin.h>
#include <sys/auxv.h>
#include "manifest.h"
#include "svc.h"
#include "uk.h"

#define QUICK_DEATH_NS 1000000000ull
#define MAX_DELAY_NS 8000000000ull

static struct svc *svcs;
static int nsvcs;
static int deaths;       /* notification: bit i = server i died */
static int delay_notif;  /* for back-off sleeps (a kernel timer, not the time server) */

static uint64_t now_ns(void)
{
	uint64_t hz = getauxval(AT_UK_TSC_HZ), boot = getauxval(AT_UK_TSC_BOOT);
	return (uint64_t)((unsigned __int128)(__rdtsc() - boot) * 1000000000ull / hz);
}

static void sleep_ns(uint64_t ns)
{
	uint64_t bits;
	uk_notif_at(delay_notif, 1, now_ns() + ns);
	uk_notif_wait(delay_notif, &bits, 0);
}

/* A swap's new binary did not come up: the old one serves again. */
static void roll_back(struct svc *s, int i)
{
	say("init: %s: %s did not start; rolling back to %s\n", s->name, s->path, s->old_path);
	strcpy(s->path, s->old_path);
	s->old_path[0] = '\0';
	if (svc_start(s, deaths, 1ull << i) < 0)
		say("init: cannot restart %s: %s\n", s->name, strerror(errno));
}

static void restart(int i)
{
	struct svc *s = &svcs[i];
	if (s->stopped) {
		/* Its endpoint goes with init's last capability to serve it, so
		 * every call waiting for it, and every later one, fails with
		 * ENOSYS rather than waiting for a server that will not come. */
		uk_cap_delete(s->ep);
		s->ep = 0;
		say("init: %s stopped; its calls now fail with ENOSYS\n", s->name);
		return;
	}
	uint64_t lived = now_ns() - s->started_ns;
	if (s->asked) {
		s->asked = false;  /* asked for through svc: no crash-loop delay */
	} else if (lived < QUICK_DEATH_NS && s->restarts > 0) {
		s->delay_ns = s->delay_ns ? s->delay_ns * 2 : 125000000ull;
		if (s->delay_ns > MAX_DELAY_NS)
			s->delay_ns = MAX_DELAY_NS;
		say("init: %s keeps crashing (%d restarts); next start in %llu ms\n", s->name,
		    s->restarts, (unsigned long long)(s->delay_ns / 1000000));
		sleep_ns(s->delay_ns);
	} else if (lived >= QUICK_DEATH_NS) {
		s->delay_ns = 0;
	}
	s->restarts++;
	if (svc_start(s, deaths, 1ull << i) == 0) {
		say("init: %s restarted (pid %ld, %s)\n", s->name, s->pid, s->path);
		s->old_path[0] = '\0';
	} else if (s->old_path[0]) {
		roll_back(s, i);
	} else {
		say("init: cannot restart %s: %s\n", s->name, strerror(errno));
	}
}

static void *watch(void *arg)
{
	(void)arg;
	for (;;) {
		uint64_t bits;
		if (uk_notif_wait(deaths, &bits, 0) < 0)
			continue;
		for (int i = 0; i < nsvcs; i++) {
			if (!(bits & (1ull << i)))
				continue;
			say("init: server %s (pid %ld) died; restarting it\n", svcs[i].name, svcs[i].pid);
			uk_wait(svcs[i].pid, NULL, 0);
			restart(i);
		}
	}
	return NULL;
}

int supervise_start(struct svc *list, int n, int deaths_notif)
{
	pthread_t t;
	svcs = list;
	nsvcs = n;
	deaths = deaths_notif;
	delay_notif = uk_notif_create();
	if (delay_notif < 0 || pthread_create(&t, NULL, watch, NULL) != 0)
		return -1;
	return 0;
}

struct svc *svc_find(const char *name)
{
	for (int i = 0; i < nsvcs; i++)
		if (!strcmp(svcs[i].name, name))
			return &svcs[i];
	return NULL;
}

int svc_count(void)
{
	return nsvcs;
}

struct svc *svc_at(int i)
{
	return i >= 0 && i < nsvcs ? &svcs[i] : NULL;
}
