// SPDX-License-Identifier: MIT
/* t_fs_proc: what programs read from /proc, /dev and /etc, as proc(5),
 * random(4) and passwd(5) describe it: /proc/self is the caller's pid,
 * /proc/<pid>/exe the program, /proc/self/fd one link per descriptor
 * (another user's are EACCES), /proc/self/cwd the working directory,
 * /proc/meminfo, /proc/cpuinfo, /proc/uptime and /proc/mounts in Linux's
 * formats,
 * /dev/urandom and /dev/random (skipped while the kernel has no
 * getrandom), and /etc/passwd and /etc/group with root and user 1000
 * (this OS only). Re-runs itself with --print-exe to see a fresh
 * program's exe. */
#define _GNU_SOURCE
#include <dirent.h>
#include <grp.h>
#include <pwd.h>
#include <stdlib.h>
#include <sys/random.h>
#include <sys/sysmacros.h>
#include <time.h>
#include "tap.h"
#include "child.h"
#include "fs_util.h"

static char self_exe[512];

static ssize_t link_of(const char *path, char *buf, size_t size)
{
	ssize_t n = readlink(path, buf, size - 1);
	buf[n > 0 ? n : 0] = '\0';
	return n;
}

static int dir_has(const char *dir, const char *name)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int found = 0;
	while (d && (e = readdir(d)))
		found |= !strcmp(e->d_name, name);
	if (d)
		closedir(d);
	return found;
}

static void test_self(void)
{
	char buf[512], want[32];
	snprintf(want, sizeof(want), "%d", (int)getpid());
	CHECK("proc_self_links_to_the_pid", link_of("/proc/self", buf, sizeof(buf)) > 0 &&
						     !strcmp(buf, want));
	struct stat a, b;
	char path[64];
	snprintf(path, sizeof(path), "/proc/%d", (int)getpid());
	CHECK("proc_self_and_proc_pid_are_the_same_directory",
	      stat("/proc/self", &a) == 0 && stat(path, &b) == 0 && a.st_ino == b.st_ino &&
		      S_ISDIR(a.st_mode));
	CHECK("proc_lists_the_callers_pid", dir_has("/proc", want));
	CHECK("proc_self_exe_names_this_program",
	      link_of("/proc/self/exe", self_exe, sizeof(self_exe)) > 0 &&
		      strstr(self_exe, "t_fs_proc") != NULL);
	tap_note("/proc/self/exe -> %s", self_exe);
	CHECK("proc_self_cwd_is_the_working_directory",
	      chdir("/tmp") == 0 && link_of("/proc/self/cwd", buf, sizeof(buf)) > 0 &&
		      !strcmp(buf, "/tmp"));
	CHECK_ERRNO("proc_of_a_missing_pid_gives_enoent", stat("/proc/999999", &a), ENOENT);
	CHECK_ERRNO("readlink_of_proc_itself_gives_einval", readlink("/proc", buf, sizeof(buf)),
		    EINVAL);
}

/* A fresh program's /proc/self/exe, through a pipe: what execve ran. */
static void test_exec_exe(void)
{
	int p[2];
	char got[512] = "";
	pipe(p);
	pid_t pid = fork();
	if (pid == 0) {
		dup2(p[1], 1);
		execl(self_exe, "t_fs_proc", "--print-exe", (char *)NULL);
		_exit(127);
	}
	close(p[1]);
	ssize_t n = read(p[0], got, sizeof(got) - 1);
	got[n > 0 ? n : 0] = '\0';
	close(p[0]);
	int st;
	waitpid(pid, &st, 0);
	CHECK("an_execd_programs_exe_is_the_path_execve_ran", EXITED_0(st) && !strcmp(got, self_exe));
}

static void test_fds(void)
{
	char buf[512], path[64];
	fs_dir_create("t_fs_proc");
	const char *f = fs_path("held");
	fs_write_file(f, "x");
	int fd = open(f, O_RDONLY);
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	CHECK("proc_self_fd_links_to_the_file", link_of(path, buf, sizeof(buf)) > 0 &&
							!strcmp(buf, f));
	char name[16];
	snprintf(name, sizeof(name), "%d", fd);
	CHECK("proc_self_fd_lists_the_descriptor", dir_has("/proc/self/fd", name) &&
							   dir_has("/proc/self/fd", "0"));
	int p[2];
	pipe(p);
	snprintf(path, sizeof(path), "/proc/self/fd/%d", p[0]);
	CHECK("proc_self_fd_of_a_pipe_says_pipe", link_of(path, buf, sizeof(buf)) > 0 &&
							  !strncmp(buf, "pipe:[", 6));
	int dfd = open(fs_dir, O_RDONLY | O_DIRECTORY);
	snprintf(path, sizeof(path), "/proc/self/fd/%d", dfd);
	CHECK("proc_self_fd_of_a_directory_is_its_path", link_of(path, buf, sizeof(buf)) > 0 &&
								 !strcmp(buf, fs_dir));
	struct stat st;
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	CHECK("stat_through_proc_self_fd_reaches_the_file", stat(path, &st) == 0 && st.st_size == 1);
	int again = open(path, O_RDONLY);
	CHECK("open_through_proc_self_fd_opens_the_file", again >= 0);
	close(again);
	close(fd);
	CHECK_ERRNO("a_closed_descriptor_is_gone_from_proc_self_fd", readlink(path, buf, sizeof(buf)),
		    ENOENT);
	close(p[0]);
	close(p[1]);
	close(dfd);
	fs_dir_remove();
}

static int user_reads_parent_fds(void)
{
	char path[64], buf[256];
	gid_t g = 1000;
	if (setgroups(1, &g) || setresgid(1000, 1000, 1000) || setresuid(1000, 1000, 1000))
		return 10;
	snprintf(path, sizeof(path), "/proc/%d/fd/0", (int)getppid());
	int bad = (readlink(path, buf, sizeof(buf)) >= 0 || errno != EACCES) << 0;
	snprintf(path, sizeof(path), "/proc/%d/exe", (int)getppid());
	bad |= (readlink(path, buf, sizeof(buf)) >= 0 || errno != EACCES) << 1;
	bad |= (readlink("/proc/self/fd/0", buf, sizeof(buf)) < 0) << 2;
	return bad;
}

static void test_fd_permissions(void)
{
	if (getuid() != 0) {
		tap_skip("another_users_proc_fd_gives_eacces", "not root");
		return;
	}
	int st = in_child(user_reads_parent_fds);
	CHECK("another_users_proc_fd_gives_eacces", WIFEXITED(st) && !(WEXITSTATUS(st) & 1));
	CHECK("another_users_proc_exe_gives_eacces", WIFEXITED(st) && !(WEXITSTATUS(st) & 2));
	CHECK("a_user_reads_its_own_proc_fd", WIFEXITED(st) && !(WEXITSTATUS(st) & 4));
}

/* The value of "Key:" in /proc/meminfo, or -1. */
static long long meminfo(const char *key)
{
	static char text[4096];
	fs_read_file("/proc/meminfo", text, sizeof(text));
	char *at = strstr(text, key);
	return at ? strtoll(at + strlen(key), NULL, 10) : -1;
}

static void test_texts(void)
{
	long long total = meminfo("MemTotal:"), free = meminfo("MemFree:");
	tap_note("MemTotal %lld kB, MemFree %lld kB", total, free);
	CHECK("meminfo_has_memtotal", total > 0);
	CHECK("meminfo_memfree_is_within_memtotal", free >= 0 && free <= total);
	CHECK("meminfo_has_memavailable", meminfo("MemAvailable:") >= 0);
	char text[8192];
	CHECK("cpuinfo_names_processor_0_and_its_vendor",
	      fs_read_file("/proc/cpuinfo", text, sizeof(text)) > 0 &&
		      strstr(text, "processor\t: 0") && strstr(text, "vendor_id\t: "));
	CHECK("cpuinfo_has_a_flags_line", strstr(text, "\nflags\t\t: ") != NULL);
	double up1 = -1, up2 = -1, idle;
	FILE *f = fopen("/proc/uptime", "r");
	CHECK("uptime_has_two_numbers", f && fscanf(f, "%lf %lf", &up1, &idle) == 2 && up1 > 0);
	if (f)
		fclose(f);
	struct timespec ts = { 0, 60000000 };
	nanosleep(&ts, NULL);
	f = fopen("/proc/uptime", "r");
	CHECK("uptime_grows", f && fscanf(f, "%lf", &up2) == 1 && up2 > up1);
	if (f)
		fclose(f);
	CHECK("proc_mounts_names_the_root_file_system",
	      fs_read_file("/proc/mounts", text, sizeof(text)) > 0 && strstr(text, " / ") != NULL);
	int fd = open("/proc/meminfo", O_WRONLY);
	CHECK("proc_meminfo_cannot_be_written", fd < 0 || write(fd, "x", 1) < 0);
	if (fd >= 0)
		close(fd);
}

static void test_random(void)
{
	unsigned char a[32], b[32];
	int fd = open("/dev/urandom", O_RDONLY);
	ssize_t n = fd >= 0 ? read(fd, a, sizeof(a)) : -1;
	if (n < 0 && errno == ENOSYS) {
		tap_skip("dev_urandom_gives_bytes", "the kernel has no getrandom yet");
		tap_skip("dev_urandom_differs_between_reads", "the kernel has no getrandom yet");
		tap_skip("dev_random_gives_bytes", "the kernel has no getrandom yet");
		close(fd);
		return;
	}
	CHECK("dev_urandom_gives_bytes", n == (ssize_t)sizeof(a));
	CHECK("dev_urandom_differs_between_reads", read(fd, b, sizeof(b)) == (ssize_t)sizeof(b) &&
							   memcmp(a, b, sizeof(a)) != 0);
	close(fd);
	fd = open("/dev/random", O_RDONLY);
	CHECK("dev_random_gives_bytes", fd >= 0 && read(fd, a, 16) == 16);
	close(fd);
	struct stat st;
	CHECK("dev_urandom_is_char_device_1_9", stat("/dev/urandom", &st) == 0 &&
							S_ISCHR(st.st_mode) && st.st_rdev == makedev(1, 9));
}

static void test_users(void)
{
	if (!fs_on_uk()) {
		tap_skip("etc_passwd_names_root_and_user_1000", "the host's /etc/passwd");
		return;
	}
	struct passwd *pw = getpwuid(0);
	CHECK("etc_passwd_names_root", pw && !strcmp(pw->pw_name, "root") && pw->pw_gid == 0);
	pw = getpwuid(1000);
	CHECK("etc_passwd_names_user_1000", pw && pw->pw_gid == 1000 && pw->pw_dir[0] == '/');
	struct group *gr = getgrgid(1000);
	CHECK("etc_group_names_group_1000", gr != NULL);
	gr = getgrgid(0);
	CHECK("etc_group_names_root", gr && !strcmp(gr->gr_name, "root"));
	CHECK("getpwnam_finds_root", getpwnam("root") && getpwnam("root")->pw_uid == 0);
}

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "--print-exe")) {
		char buf[512];
		ssize_t n = readlink("/proc/self/exe", buf, sizeof(buf));
		return n > 0 && write(1, buf, (size_t)n) == n ? 0 : 1;
	}
	tap_begin();
	test_self();
	test_exec_exe();
	test_fds();
	test_fd_permissions();
	test_texts();
	test_random();
	test_users();
	return tap_end("t_fs_proc");
}
