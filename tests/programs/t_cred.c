// SPDX-License-Identifier: MIT
/* Credentials, changed through the security server, read from the kernel: the ids of a root process,
 * setuid/setreuid/setresuid/setgid/setgroups with saved ids and EPERM for
 * an unprivileged process, inheritance across fork and exec, and the VFS
 * checking file modes (EACCES) and giving new files the caller's ids. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <grp.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "child.h"
#include "tap.h"

static int drop_to_1000(void)
{
	gid_t groups[2] = { 10, 20 };
	return setgroups(2, groups) || setresgid(100, 100, 100) || setresuid(1000, 1000, 1000);
}

static int unprivileged_calls_fail_with_eperm(void)
{
	gid_t g = 5;
	if (drop_to_1000())
		return 10;
	if (getuid() != 1000 || geteuid() != 1000 || getgid() != 100 || getegid() != 100)
		return 11;
	if (setuid(0) != -1 || errno != EPERM || setgid(0) != -1 || errno != EPERM)
		return 12;
	if (setgroups(1, &g) != -1 || errno != EPERM || setreuid(-1, 0) != -1 || errno != EPERM)
		return 13;
	if (setresuid(-1, 2000, -1) != -1 || errno != EPERM)
		return 14;
	gid_t got[8];
	if (getgroups(8, got) != 2 || got[0] != 10 || got[1] != 20)
		return 15;
	if (getgroups(1, got) != -1 || errno != EINVAL)
		return 16;
	return 0;
}

static int saved_uid_lets_seteuid_come_back(void)
{
	if (seteuid(1000) || geteuid() != 1000 || getuid() != 0)
		return 20;
	uid_t r, e, s;
	if (getresuid(&r, &e, &s) || r != 0 || e != 1000 || s != 0)
		return 21;
	if (seteuid(0) || geteuid() != 0)
		return 22;
	if (setuid(1000) || getuid() != 1000 || getresuid(&r, &e, &s) || s != 1000)
		return 23;  /* root's setuid sets all three */
	return seteuid(0) == -1 && errno == EPERM ? 0 : 24;
}

static int forked_child_inherits(void)
{
	if (drop_to_1000())
		return 30;
	pid_t pid = fork();
	if (pid == 0)
		_exit(getuid() == 1000 && getegid() == 100 ? 0 : 1);
	int st;
	waitpid(pid, &st, 0);
	return EXITED_0(st) ? 0 : 31;
}

static int exec_keeps_the_ids(void)
{
	if (drop_to_1000())
		return 40;
	char *argv[] = { "t_cred", "report-uid", NULL };
	execv("/bin/t_cred", argv);
	return 41;
}

static int modes_are_checked_for_an_unprivileged_caller(void)
{
	if (drop_to_1000())
		return 50;
	if (open("/tmp/cred_root_only", O_RDONLY) != -1 || errno != EACCES)
		return 51;
	int fd = open("/tmp/cred_mine", O_CREAT | O_WRONLY | O_TRUNC, 0600);
	struct stat st;
	if (fd < 0 || fstat(fd, &st) || st.st_uid != 1000 || st.st_gid != 100)
		return 52;
	close(fd);
	return unlink("/tmp/cred_mine") ? 53 : 0;
}

/* The reads answer from what the last change stored, with the man pages'
 * errors: getgroups(-1) EINVAL, a bad list or id pointer EFAULT. */
static void reads_follow_changes_and_check_pointers(void)
{
	CHECK_ERRNO("cred_getgroups_negative_size_is_einval", getgroups(-1, NULL), EINVAL);
	CHECK_ERRNO("cred_getresuid_bad_pointer_is_efault",
		    syscall(SYS_getresuid, (uid_t *)8, (uid_t *)8, (uid_t *)8), EFAULT);
	CHECK_ERRNO("cred_getresgid_bad_pointer_is_efault",
		    syscall(SYS_getresgid, (gid_t *)8, (gid_t *)8, (gid_t *)8), EFAULT);
	gid_t g[2] = { 41, 42 };
	CHECK("cred_getgroups_sees_setgroups", setgroups(2, g) == 0 && getgroups(0, NULL) == 2);
	CHECK_ERRNO("cred_getgroups_bad_list_is_efault",
		    syscall(SYS_getgroups, 2, (gid_t *)8), EFAULT);
	uid_t r, e, sv;
	CHECK("cred_getresuid_sees_seteuid", seteuid(77) == 0 && geteuid() == 77 && getuid() == 0 &&
	      getresuid(&r, &e, &sv) == 0 && r == 0 && e == 77 && sv == 0 && seteuid(0) == 0 &&
	      geteuid() == 0);
	CHECK("cred_getgroups_empty_again", setgroups(0, NULL) == 0 && getgroups(0, NULL) == 0);
}

int main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "report-uid") == 0)
		return getuid() == 1000 && geteuid() == 1000 && getgid() == 100 ? 0 : 1;
	tap_begin();
	CHECK("cred_root_starts_with_uid_and_gid_0",
	      getuid() == 0 && geteuid() == 0 && getgid() == 0 && getegid() == 0);
	int fd = open("/tmp/cred_root_only", O_CREAT | O_WRONLY | O_TRUNC, 0600);
	CHECK("cred_root_creates_a_0600_file", fd >= 0 && close(fd) == 0);
	int st = in_child(unprivileged_calls_fail_with_eperm);
	CHECK("cred_unprivileged_calls_fail_with_eperm", EXITED_0(st));
	if (!EXITED_0(st))
		tap_note("exit status %d", WEXITSTATUS(st));
	st = in_child(saved_uid_lets_seteuid_come_back);
	CHECK("cred_saved_uid_lets_seteuid_come_back", EXITED_0(st));
	if (!EXITED_0(st))
		tap_note("exit status %d", WEXITSTATUS(st));
	CHECK("cred_forked_child_inherits_the_ids", EXITED_0(in_child(forked_child_inherits)));
	CHECK("cred_exec_keeps_the_ids", EXITED_0(in_child(exec_keeps_the_ids)));
	st = in_child(modes_are_checked_for_an_unprivileged_caller);
	CHECK("cred_vfs_checks_modes_and_sets_owners", EXITED_0(st));
	if (!EXITED_0(st))
		tap_note("exit status %d", WEXITSTATUS(st));
	CHECK_ERRNO("cred_setuid_minus_one_is_einval", setuid((uid_t)-1), EINVAL);
	reads_follow_changes_and_check_pointers();
	unlink("/tmp/cred_root_only");
	return tap_end("t_cred");
}
