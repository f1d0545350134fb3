// SPDX-License-Identifier: MIT
/* unveil(2): the first call hides everything else (ENOENT); the permissions
 * r, w and c in all 16 combinations of rwxc, and x for execve; the most
 * specific path wins; no escape through "..", a symlink or rename;
 * unveil(NULL, NULL) locks; a forked child keeps the veil and exec drops it. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <pledge.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "child.h"
#include "tap.h"

#define DIR "/tmp/uv"
#define FILE_A DIR "/a"

static void put(const char *path)
{
	int fd = open(path, O_CREAT | O_WRONLY | O_TRUNC, 0644);
	if (fd >= 0) {
		write(fd, "data", 4);
		close(fd);
	}
}

static int combo;  /* the permission set under test, bits r=1 w=2 x=4 c=8 */

/* Opens for reading, opens for writing, and removes the file; each must
 * succeed exactly when its permission was given (else EACCES). */
static int one_combination(void)
{
	char perms[5] = "", *p = perms;
	if (combo & 1) *p++ = 'r';
	if (combo & 2) *p++ = 'w';
	if (combo & 4) *p++ = 'x';
	if (combo & 8) *p++ = 'c';
	if (unveil(FILE_A, perms))
		return 1;
	int r = open(FILE_A, O_RDONLY);
	if ((combo & 1) ? r < 0 : (r != -1 || errno != (combo ? EACCES : ENOENT)))
		return 2;
	int w = open(FILE_A, O_WRONLY);
	if ((combo & 2) ? w < 0 : (w != -1 || errno != (combo ? EACCES : ENOENT)))
		return 3;
	int u = unlink(FILE_A);
	if ((combo & 8) ? u != 0 : (u != -1 || errno != (combo ? EACCES : ENOENT)))
		return 4;
	return 0;
}

static int hides_the_rest(void)
{
	if (unveil(DIR, "r"))
		return 1;
	if (open(FILE_A, O_RDONLY) < 0)
		return 2;
	if (open("/tmp/uv_secret", O_RDONLY) != -1 || errno != ENOENT)
		return 3;
	if (open("/etc/manifest", O_RDONLY) != -1 || errno != ENOENT)
		return 4;
	return 0;
}

static int no_escape(void)
{
	if (unveil(DIR, "rwc"))
		return 1;
	if (open(DIR "/../uv_secret", O_RDONLY) != -1 || errno != ENOENT)
		return 2;    /* through ".." */
	if (open(DIR "/link", O_RDONLY) != -1 || errno != ENOENT)
		return 3;    /* through a symlink made before the veil */
	if (symlink("/tmp/uv_secret", DIR "/link2") || open(DIR "/link2", O_RDONLY) != -1 ||
	    errno != ENOENT)
		return 4;    /* nor one made after */
	if (rename(FILE_A, "/tmp/uv_out") != -1 || errno != ENOENT)
		return 5;    /* nothing moves out of the veil */
	if (rename("/tmp/uv_secret", DIR "/in") != -1 || errno != ENOENT)
		return 6;    /* nor into it */
	if (chdir(DIR) || open("../uv_secret", O_RDONLY) != -1 || errno != ENOENT)
		return 7;    /* nor from a working directory inside */
	return 0;
}

static int most_specific_wins(void)
{
	if (unveil(DIR, "rwc") || unveil(DIR "/sub", "r"))
		return 1;
	if (open(DIR "/sub/f", O_WRONLY) != -1 || errno != EACCES)
		return 2;
	if (open(DIR "/sub/f", O_RDONLY) < 0 || open(FILE_A, O_WRONLY) < 0)
		return 3;
	return 0;
}

static int lock_refuses_more(void)
{
	if (unveil(DIR, "r") || unveil(NULL, NULL))
		return 1;
	if (unveil("/tmp", "r") != -1 || errno != EPERM)
		return 2;
	return open("/tmp/uv_secret", O_RDONLY) == -1 && errno == ENOENT ? 0 : 3;
}

static int exec_needs_x(void)
{
	char *argv[] = { "t_unveil", "open-secret", NULL };
	if (unveil("/bin", "r"))
		return 1;
	execv("/bin/t_unveil", argv);
	return errno == EACCES ? 0 : 2;
}

static int bad_permission_is_einval(void)
{
	if (unveil(DIR, "rz") != -1 || errno != EINVAL)
		return 1;
	return open("/tmp/uv_secret", O_RDONLY) >= 0 ? 0 : 2;  /* nothing unveiled */
}

static int child_keeps_the_veil_and_exec_drops_it(void)
{
	if (unveil(DIR, "r") || unveil("/bin", "rx"))
		return 1;
	pid_t p = fork();
	if (p == 0)
		_exit(open("/tmp/uv_secret", O_RDONLY) == -1 && errno == ENOENT ? 0 : 1);
	int st;
	if (waitpid(p, &st, 0) != p || !EXITED_0(st))
		return 2;
	char *argv[] = { "t_unveil", "open-secret", NULL };
	execv("/bin/t_unveil", argv);
	return 3;
}

int main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "open-secret") == 0)
		return open("/tmp/uv_secret", O_RDONLY) >= 0 ? 0 : 4;
	tap_begin();
	mkdir(DIR, 0755);
	mkdir(DIR "/sub", 0755);
	put(DIR "/sub/f");
	put("/tmp/uv_secret");
	symlink("/tmp/uv_secret", DIR "/link");
	int bad = 0;
	for (combo = 0; combo < 16; combo++) {
		put(FILE_A);
		int st = in_child(one_combination);
		if (!EXITED_0(st)) {
			tap_note("combination %d: child status 0x%x", combo, st);
			bad++;
		}
	}
	CHECK("unveil_all_16_permission_combinations", bad == 0);
	put(FILE_A);
	CHECK("unveil_first_call_hides_everything_else", EXITED_0(in_child(hides_the_rest)));
	int st = in_child(no_escape);
	CHECK("unveil_no_escape_through_dotdot_symlink_or_rename", EXITED_0(st));
	if (!EXITED_0(st))
		tap_note("no_escape: status 0x%x", st);
	CHECK("unveil_most_specific_path_wins", EXITED_0(in_child(most_specific_wins)));
	CHECK("unveil_null_null_locks", EXITED_0(in_child(lock_refuses_more)));
	CHECK("unveil_bad_permission_is_einval", EXITED_0(in_child(bad_permission_is_einval)));
	CHECK("unveil_execve_without_x_is_eacces", EXITED_0(in_child(exec_needs_x)));
	st = in_child(child_keeps_the_veil_and_exec_drops_it);
	CHECK("unveil_fork_keeps_and_exec_drops_the_veil", EXITED_0(st));
	if (!EXITED_0(st))
		tap_note("fork/exec: status 0x%x", st);
	return tap_end("t_unveil");
}
