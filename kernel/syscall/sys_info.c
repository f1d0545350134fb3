// SPDX-License-Identifier: MIT
/* Linux calls that report what the kernel knows (uname, sysinfo,
 * getrusage, times), getrandom, and the resource limits (prlimit64,
 * getrlimit, setrlimit). None needs a server: the kernel holds the data. */
#include "abi/errno.h"
#include "cpu.h"
#include "tsc.h"
#include "lib/random.h"
#include "lib/string.h"
#include "mm/frame.h"
#include "mm/uaccess.h"
#include "proc/proc.h"
#include "proc/rlimit.h"
#include "syscall/syscall.h"

#define GRND_NONBLOCK 1
#define GRND_RANDOM 2
#define GRND_INSECURE 4
#define GETRANDOM_MAX MiB(1)     /* a longer request gets a short count, as Linux allows */
#define RUSAGE_SELF 0
#define RUSAGE_CHILDREN (-1)
#define RUSAGE_THREAD 1
#define CLK_TCK 100              /* times() counts in clock ticks of 10 ms (sysconf's 100) */

struct utsname_ {
	char sysname[65], nodename[65], release[65], version[65], machine[65], domainname[65];
};

struct sysinfo_ {
	int64_t uptime;
	uint64_t loads[3];
	uint64_t totalram, freeram, sharedram, bufferram, totalswap, freeswap;
	uint16_t procs, pad;
	uint32_t pad2;
	uint64_t totalhigh, freehigh;
	uint32_t mem_unit;
	char reserved[4];
};
_Static_assert(sizeof(struct sysinfo_) == 112, "struct sysinfo layout");

struct timeval_ {
	int64_t sec, usec;
};

struct rusage_ {
	struct timeval_ utime, stime;
	int64_t maxrss, ixrss, idrss, isrss, minflt, majflt, nswap, inblock, oublock;
	int64_t msgsnd, msgrcv, nsignals, nvcsw, nivcsw;
};
_Static_assert(sizeof(struct rusage_) == 144, "struct rusage layout");

static void copy_str(char *dst, const char *src, size_t cap)
{
	size_t n = MIN(strlen(src), cap - 1);
	memcpy(dst, src, n);
	dst[n] = '\0';
}

/* The Linux personality: programs that look at the release see the ABI
 * they are served (Linux 6.1's); the version names this kernel. */
SYSCALL(uname)
{
	static struct utsname_ u;
	memset(&u, 0, sizeof(u));
	copy_str(u.sysname, "Linux", sizeof(u.sysname));
	copy_str(u.nodename, "uk", sizeof(u.nodename));
	copy_str(u.release, "6.1.0-uk", sizeof(u.release));
	copy_str(u.version, "#1 microkernel " KERNEL_VERSION, sizeof(u.version));
	copy_str(u.machine, "x86_64", sizeof(u.machine));
	copy_str(u.domainname, "(none)", sizeof(u.domainname));
	return copy_to_user(a0, &u, sizeof(u));
}

static long count_proc(struct proc *p, void *arg)
{
	(void)p;
	++*(int *)arg;
	return 0;
}

SYSCALL(sysinfo)
{
	struct frame_stats fs = frame_stats();
	struct sysinfo_ si = { 0 };
	int procs = 0;
	proc_for_each(count_proc, &procs);
	si.uptime = (int64_t)(tsc_ticks_to_ns(rdtsc() - tsc_boot()) / 1000000000ull);
	si.totalram = (uint64_t)fs.total * PAGE_SIZE;
	si.freeram = (uint64_t)fs.free * PAGE_SIZE;
	si.procs = (uint16_t)procs;
	si.mem_unit = 1;
	return copy_to_user(a0, &si, sizeof(si));
}

SYSCALL(getrandom)
{
	uint8_t chunk[256];
	uint64_t len = MIN(a1, GETRANDOM_MAX), done = 0;
	if (a2 & ~(uint64_t)(GRND_NONBLOCK | GRND_RANDOM | GRND_INSECURE) ||
	    ((a2 & GRND_RANDOM) && (a2 & GRND_INSECURE)))
		return -EINVAL;
	while (done < len) {  /* seeded at boot: never blocks */
		size_t n = MIN(len - done, sizeof(chunk));
		random_bytes(chunk, n);
		if (copy_to_user(a0 + done, chunk, n))
			return done ? (long)done : -EFAULT;
		done += n;
	}
	memset(chunk, 0, sizeof(chunk));
	return (long)done;
}

static struct timeval_ tv_of(uint64_t ns)
{
	return (struct timeval_){ (int64_t)(ns / 1000000000ull), (int64_t)(ns % 1000000000ull / 1000) };
}

/* All CPU time counts as user time: the kernel does not split it. */
SYSCALL(getrusage)
{
	struct proc *p = proc_current();
	struct rusage_ ru = { 0 };
	int64_t who = (int64_t)a0;
	if (who == RUSAGE_SELF)
		ru.utime = tv_of(proc_cpu_ns(p));
	else if (who == RUSAGE_THREAD)
		ru.utime = tv_of(thread_cpu_ns(thread_current()));
	else if (who == RUSAGE_CHILDREN)
		ru.utime = tv_of(p->children_cpu_ns);
	else
		return -EINVAL;
	ru.maxrss = (int64_t)(MAX(p->max_rss_pages, p->rss_pages) * (PAGE_SIZE / 1024));
	return copy_to_user(a1, &ru, sizeof(ru));
}

SYSCALL(times)
{
	struct proc *p = proc_current();
	int64_t t[4] = { (int64_t)(proc_cpu_ns(p) / (1000000000ull / CLK_TCK)), 0,
			 (int64_t)(p->children_cpu_ns / (1000000000ull / CLK_TCK)), 0 };
	if (a0 && copy_to_user(a0, t, sizeof(t)))
		return -EFAULT;
	return (long)(tsc_ticks_to_ns(rdtsc() - tsc_boot()) / (1000000000ull / CLK_TCK));
}

SYSCALL(prlimit64)
{
	return rlimit_prlimit(proc_current(), (int)a0, (unsigned)a1, a2, a3);
}

SYSCALL(getrlimit)
{
	return rlimit_prlimit(proc_current(), 0, (unsigned)a0, 0, a1);
}

SYSCALL(setrlimit)
{
	return rlimit_prlimit(proc_current(), 0, (unsigned)a0, a1, 0);
}
