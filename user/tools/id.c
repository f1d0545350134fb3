// SPDX-License-Identifier: MIT
/* id: prints the real (and effective, when different) user and group ids
 * with names from /etc/passwd and /etc/group where known. musl's getuid
 * cannot fail: on a system without credentials it returns the raw -ENOSYS,
 * so a value in the errno range means there are none yet (status 1). */
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <unistd.h>

/* Whether id is a raw -errno from a failed syscall rather than an id. */
static int is_raw_error(unsigned id)
{
	return id >= (unsigned)-4095;
}

static void print_user(const char *label, uid_t uid)
{
	struct passwd *pw = getpwuid(uid);
	printf("%s=%u", label, (unsigned)uid);
	if (pw)
		printf("(%s)", pw->pw_name);
}

static void print_group(const char *label, gid_t gid)
{
	struct group *gr = getgrgid(gid);
	printf("%s=%u", label, (unsigned)gid);
	if (gr)
		printf("(%s)", gr->gr_name);
}

int main(int argc, char **argv)
{
	(void)argv;
	if (argc > 1) {
		fprintf(stderr, "usage: id\n");
		return 2;
	}
	uid_t uid = getuid(), euid = geteuid();
	gid_t gid = getgid(), egid = getegid();
	if (is_raw_error(uid) || is_raw_error(gid) || is_raw_error(euid) || is_raw_error(egid)) {
		fprintf(stderr, "id: credentials are not available yet\n");
		return 1;
	}
	print_user("uid", uid);
	print_group(" gid", gid);
	if (euid != uid)
		print_user(" euid", euid);
	if (egid != gid)
		print_group(" egid", egid);
	putchar('\n');
	return 0;
}
