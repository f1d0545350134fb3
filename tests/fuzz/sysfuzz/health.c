// SPDX-License-Identifier: MIT
/* The parent's health checks between workers: a file round trip in /tmp,
 * a fork and wait, CLOCK_MONOTONIC moving on, an answer from every server
 * (vfs: stat; time: clock_getres and a short nanosleep by system call;
 * security: getuid; console: TCGETS; init: svc list), no server restarted
 * since the last check, and the system's files as they were. Also the
 * cleanup of what workers leave behind, and the console's settings put
 * back after each batch (workers may change them). */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>
#include "sysfuzz.h"
#include "proto/svc.h"
#include "ipc.h"
#include "uk.h"

#define MAX_SVC 16
#define MAX_TMP 64

char sf_rundir[64];

struct svc_state {
	char name[16];
	long pid;
	int restarts;
	int running;
};

static struct svc_state base[MAX_SVC];
static int nbase;
static char tmp_names[MAX_TMP][256];
static int ntmp;
static int console_fd = -1;
static struct termios saved_tio;
static int tio_ok, fg_ok, fg_pgrp;
static uint64_t last_mono;
static struct stat manifest_st;

static int fail(const char *when, const char *fmt, ...)
{
	va_list ap;
	printf("HEALTH FAIL %s: ", when);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
	return 1;
}

/* The parent's connection to init's service control (as libipc's
 * svc_call makes one, but with its ring known: a forked worker shares the
 * ring's pages and unmaps them first thing, so that no call of its can
 * write into the parent's ring). */
static struct ipc_client svc;
static int svc_ok;
uint64_t sf_svc_ring;

static long svc_list(char *buf, size_t len)
{
	if (!svc_ok) {
		for (int slot = 1; slot < CAP_SLOTS && !svc_ok; slot++) {
			struct cap_info ci;
			if (uk_cap_info(slot, &ci) == 0 && ci.type == CAP_ENDPOINT &&
			    ci.badge == SVC_BADGE && ipc_connect(&svc, slot) == 0)
				svc_ok = 1;
		}
		if (!svc_ok) {
			errno = EPERM;
			return -1;
		}
		sf_svc_ring = (uint64_t)svc.ring.hdr;
	}
	static char text[4096];
	struct svc_request rq = { "" };
	int r = ipc_call_grant(&svc, SVC_OP_LIST, &rq, sizeof(rq), text, sizeof(text), true, NULL, NULL);
	if (r < 0) {
		errno = -r;
		return -1;
	}
	size_t n = (size_t)r < len ? (size_t)r : len;
	memcpy(buf, text, n);
	return (long)n;
}

/* Parses `svc list`; returns the number of servers, or -1. */
static int read_svc(struct svc_state *out)
{
	char buf[2048];
	long n = svc_list(buf, sizeof(buf) - 1);
	if (n < 0)
		return -1;
	buf[n] = 0;
	int count = 0;
	for (char *line = strtok(buf, "\n"); line && count < MAX_SVC; line = strtok(NULL, "\n")) {
		struct svc_state *s = &out[count];
		char state[16];
		if (sscanf(line, "%15s pid %ld restarts %d %15s", s->name, &s->pid, &s->restarts,
			   state) == 4) {
			s->running = strcmp(state, "running") == 0;
			count++;
		}
	}
	return count;
}

static void list_tmp(char names[][256], int *n)
{
	*n = 0;
	DIR *d = opendir("/tmp");
	struct dirent *e;
	while (d && (e = readdir(d)) && *n < MAX_TMP)
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			snprintf(names[(*n)++], 256, "%s", e->d_name);
	if (d)
		closedir(d);
}

int sf_health_init(void)
{
	console_fd = open("/dev/console", O_RDWR | O_NOCTTY);
	tio_ok = console_fd >= 0 && tcgetattr(console_fd, &saved_tio) == 0;
	fg_ok = console_fd >= 0 && ioctl(console_fd, TIOCGPGRP, &fg_pgrp) == 0;
	nbase = read_svc(base);
	list_tmp(tmp_names, &ntmp);
	stat("/etc/manifest", &manifest_st);
	last_mono = sf_now_ns();
	return nbase > 0 ? 0 : -1;
}

void sf_console_restore(void)
{
	if (console_fd < 0)
		return;
	ioctl(console_fd, TCXONC, TCOON);
	if (tio_ok)
		tcsetattr(console_fd, TCSANOW, &saved_tio);
	if (fg_ok)
		ioctl(console_fd, TIOCSPGRP, &fg_pgrp);
}

static int file_round_trip(const char *when)
{
	char path[96], out[3000], in[3000];
	snprintf(path, sizeof(path), "/tmp/sfz-health-%llu", (unsigned long long)sf_cfg.seed);
	for (size_t i = 0; i < sizeof(out); i++)
		out[i] = (char)(i * 7 + 3);
	int fd = open(path, O_CREAT | O_TRUNC | O_RDWR, 0600);
	if (fd < 0)
		return fail(when, "open %s: %s", path, strerror(errno));
	int bad = write(fd, out, sizeof(out)) != (ssize_t)sizeof(out) || lseek(fd, 0, SEEK_SET) ||
		  read(fd, in, sizeof(in)) != (ssize_t)sizeof(in) || memcmp(in, out, sizeof(in));
	int err = errno;
	close(fd);
	if (unlink(path) && !bad)
		return fail(when, "unlink %s: %s", path, strerror(errno));
	return bad ? fail(when, "file round trip in /tmp: %s", strerror(err)) : 0;
}

static int fork_wait(const char *when)
{
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0)
		_exit(42);
	int status = 0;
	if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
	    WEXITSTATUS(status) != 42)
		return fail(when, "fork+wait: pid %d status %#x (%s)", pid, status, strerror(errno));
	return 0;
}

static int servers_answer(const char *when)
{
	int n = 0;
	struct stat st;
	struct timespec ts, nap = { 0, 100000 };
	struct termios t;
	if (stat("/", &st))
		n += fail(when, "vfs: stat /: %s", strerror(errno));
	if (syscall(SYS_clock_getres, CLOCK_MONOTONIC, &ts) || syscall(SYS_nanosleep, &nap, NULL))
		n += fail(when, "time: clock_getres/nanosleep: %s", strerror(errno));
	long uid = syscall(SYS_getuid);
	if (uid != 0)
		n += fail(when, "security: getuid returned %ld (%s)", uid, strerror(errno));
	if (console_fd < 0 || ioctl(console_fd, TCGETS, &t))
		n += fail(when, "console: TCGETS: %s", strerror(errno));
	uint64_t mono = sf_now_ns();
	if (mono <= last_mono)
		n += fail(when, "CLOCK_MONOTONIC did not move on (%llu -> %llu)",
			  (unsigned long long)last_mono, (unsigned long long)mono);
	last_mono = mono;
	return n;
}

/* Every server still the process it was: a death restarts it quietly. */
static int servers_alive(const char *when)
{
	struct svc_state now[MAX_SVC];
	int n = read_svc(now), failed = 0;
	if (n < 0)
		return fail(when, "init: svc list: %s", strerror(errno));
	for (int i = 0; i < nbase; i++) {
		const struct svc_state *b = &base[i], *s = NULL;
		for (int j = 0; j < n; j++)
			if (!strcmp(now[j].name, b->name))
				s = &now[j];
		if (!s)
			failed += fail(when, "server %s is gone from svc list", b->name);
		else if (s->pid != b->pid || s->restarts != b->restarts || s->running != b->running)
			failed += fail(when, "server %s died: pid %ld -> %ld, restarts %d -> %d, %s",
				       b->name, b->pid, s->pid, b->restarts, s->restarts,
				       s->running ? "running" : "stopped");
	}
	if (n > 0)
		memcpy(base, now, sizeof(now[0]) * (size_t)n), nbase = n;
	return failed;
}

static int files_intact(const char *when)
{
	struct stat st;
	int n = 0;
	if (stat("/etc/manifest", &st) || st.st_size != manifest_st.st_size ||
	    st.st_mode != manifest_st.st_mode || st.st_uid != manifest_st.st_uid)
		n += fail(when, "/etc/manifest changed or gone (%s)", strerror(errno));
	if (stat("/bin/sysfuzz", &st) || !S_ISREG(st.st_mode))
		n += fail(when, "/bin/sysfuzz gone (%s)", strerror(errno));
	return n;
}

int sf_health_check(const char *when)
{
	int n = file_round_trip(when);
	n += fork_wait(when);
	n += servers_answer(when);
	n += servers_alive(when);
	n += files_intact(when);
	sf_console_restore();
	return n;
}

/* The VFS keeps everything in a memory object whose pages are backed at
 * their first touch and kept: the high-water mark of its use would count
 * as leaked frames. Filling the file system once (until ENOSPC, at most
 * 64 MiB) and emptying it backs them all before the measure. */
void sf_fill_vfs(void)
{
	char path[96];
	static char chunk[1 << 20];
	memset(chunk, 0xa5, sizeof(chunk));
	snprintf(path, sizeof(path), "/tmp/sfz-fill-%llu", (unsigned long long)sf_cfg.seed);
	int fd = open(path, O_CREAT | O_TRUNC | O_WRONLY, 0600);
	for (int i = 0; fd >= 0 && i < 64 && write(fd, chunk, sizeof(chunk)) == (ssize_t)sizeof(chunk); i++)
		;
	if (fd >= 0)
		close(fd);
	unlink(path);
}

/* Processes init adopted (its children, beside the servers and this
 * program): a worker's orphaned children, zombies init never reaps or
 * ones still running. */
int sf_orphans(void)
{
	int n = 0;
	for (long pid = 2; pid < 4096; pid++) {
		struct uk_procinfo pi;
		if (uk_procinfo(pid, &pi) != 0 || pi.ppid != 1)
			continue;
		int server = 0;
		for (int i = 0; i < nbase; i++)
			server |= base[i].pid == pid;
		if (server || pid == getpid())
			continue;
		if (sf_cfg.info)
			printf("sfz orphan pid %ld (%s) %s\n", pid, pi.name,
			       pi.state == UK_PROC_ZOMBIE ? "zombie" : "alive");
		n++;
	}
	return n;
}

void sf_health_poke(void)
{
	char buf[2048];
	struct stat st;
	svc_list(buf, sizeof(buf));
	stat("/", &st);
}

long sf_free_frames(void)
{
	struct uk_meminfo mi;
	return uk_meminfo(&mi) == 0 ? (long)mi.free_frames : -1;
}

static int remove_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st, (void)ftw;
	if (flag == FTW_DP || flag == FTW_D)
		rmdir(path);
	else
		unlink(path);
	return 0;
}

static int open_up(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)ftw;
	if ((flag == FTW_D || flag == FTW_DNR) && !S_ISLNK(st->st_mode))
		chmod(path, 0700);
	return 0;
}

static void remove_tree(const char *path)
{
	nftw(path, open_up, 16, FTW_PHYS);
	nftw(path, remove_one, 16, FTW_DEPTH | FTW_PHYS);
	unlink(path);
}

void sf_cleanup_worker(uint64_t k)
{
	static char path[300], now[MAX_TMP][256];
	snprintf(path, sizeof(path), "%s/w%llu", sf_rundir, (unsigned long long)k);
	remove_tree(path);
	int n;
	list_tmp(now, &n);
	for (int i = 0; i < n; i++) {
		int known = !strcmp(now[i], sf_rundir + 5);
		for (int j = 0; j < ntmp && !known; j++)
			known = !strcmp(now[i], tmp_names[j]);
		if (!known) {
			snprintf(path, sizeof(path), "/tmp/%.255s", now[i]);
			remove_tree(path);
		}
	}
}

void sf_cleanup_run(void)
{
	remove_tree(sf_rundir);
}
