// SPDX-License-Identifier: MIT
/* t_fs_attr: owners and times, from the Linux man pages: chown(2)
 * (chown, fchown, lchown, fchownat: only root gives a file away, the
 * owner may change the group to one of its groups, set-user-ID and
 * set-group-ID bits cleared as Linux does), utimensat(2) (UTIME_NOW,
 * UTIME_OMIT, AT_SYMLINK_NOFOLLOW, futimens, the permission rules),
 * utimes(2), futimesat(2), utime(2), and statx(2). Runs as root and
 * forks children that drop to uid 1000. Works in /tmp/t_fs_attr.<pid>. */
#define _GNU_SOURCE
#include <grp.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/time.h>
#include <utime.h>
#include "tap.h"
#include "child.h"
#include "fs_util.h"
#include "pledge.h"

#define USER 1000
#define GROUP 1000
#define OTHER_GROUP 1001

static struct stat st_of(const char *path)
{
	struct stat st;
	memset(&st, 0, sizeof(st));
	lstat(path, &st);
	return st;
}

/* Drops the calling (child) process to uid 1000, gid 1000 and groups
 * 1000 and 1002. Returns 0 or -1. */
static int become_user(void)
{
	gid_t groups[2] = { GROUP, 1002 };
	return setgroups(2, groups) || setresgid(GROUP, GROUP, GROUP) ||
	       setresuid(USER, USER, USER) ? -1 : 0;
}

static void test_chown_as_root(void)
{
	fs_write_file(fs_path("f"), "x");
	CHECK("chown_as_root_gives_the_file_away", chown(fs_path("f"), USER, GROUP) == 0);
	struct stat st = st_of(fs_path("f"));
	CHECK("chown_sets_owner_and_group", st.st_uid == USER && st.st_gid == GROUP);
	CHECK("chown_minus_one_keeps_the_owner", chown(fs_path("f"), (uid_t)-1, 7) == 0 &&
							 st_of(fs_path("f")).st_uid == USER &&
							 st_of(fs_path("f")).st_gid == 7);
	CHECK("chown_minus_one_keeps_the_group", chown(fs_path("f"), 5, (gid_t)-1) == 0 &&
							 st_of(fs_path("f")).st_uid == 5 &&
							 st_of(fs_path("f")).st_gid == 7);
	int fd = open(fs_path("f"), O_RDONLY);
	CHECK("fchown_on_a_read_only_descriptor_works", fd >= 0 && fchown(fd, 6, 8) == 0 &&
								 st_of(fs_path("f")).st_uid == 6);
	close(fd);
	CHECK_ERRNO("fchown_bad_descriptor_gives_ebadf", fchown(99, 0, 0), EBADF);
	CHECK_ERRNO("chown_missing_file_gives_enoent", chown(fs_path("missing"), 0, 0), ENOENT);
	CHECK_ERRNO("chown_bad_path_pointer_gives_efault",
		    syscall(SYS_chown, (char *)1, 0, 0), EFAULT);

	symlink("f", fs_path("ln"));
	CHECK("lchown_changes_the_link_itself", lchown(fs_path("ln"), 3, 4) == 0 &&
							st_of(fs_path("ln")).st_uid == 3 &&
							st_of(fs_path("f")).st_uid == 6);
	CHECK("chown_follows_the_link", chown(fs_path("ln"), 9, 9) == 0 &&
						st_of(fs_path("f")).st_uid == 9 &&
						st_of(fs_path("ln")).st_uid == 3);
	CHECK("fchownat_nofollow_changes_the_link",
	      fchownat(AT_FDCWD, fs_path("ln"), 2, 2, AT_SYMLINK_NOFOLLOW) == 0 &&
		      st_of(fs_path("ln")).st_uid == 2);
	int dfd = open(fs_dir, O_RDONLY | O_DIRECTORY);
	CHECK("fchownat_relative_to_a_directory", fchownat(dfd, "f", 0, 0, 0) == 0 &&
							  st_of(fs_path("f")).st_uid == 0);
	fd = open(fs_path("f"), O_RDONLY);
	CHECK("fchownat_empty_path_changes_the_descriptor",
	      fchownat(fd, "", 11, 11, AT_EMPTY_PATH) == 0 && st_of(fs_path("f")).st_uid == 11);
	close(fd);
	CHECK_ERRNO("fchownat_unknown_flag_gives_einval", fchownat(dfd, "f", 0, 0, 0x8000), EINVAL);
	CHECK_ERRNO("fchownat_empty_path_without_flag_gives_enoent", fchownat(dfd, "", 0, 0, 0),
		    ENOENT);
	close(dfd);
}

static void test_setid_bits(void)
{
	fs_write_file(fs_path("s"), "x");
	chmod(fs_path("s"), 06755);
	CHECK("chown_by_root_clears_setuid_and_group_executable_setgid",
	      chown(fs_path("s"), 0, 0) == 0 && (st_of(fs_path("s")).st_mode & 07777) == 0755);
	chmod(fs_path("s"), 06745);
	CHECK("chown_by_root_keeps_setgid_without_group_execute",
	      chown(fs_path("s"), (uid_t)-1, (gid_t)-1) == 0 &&
		      (st_of(fs_path("s")).st_mode & 07777) == 02745);
	mkdir(fs_path("sd"), 0755);
	chmod(fs_path("sd"), 02755);
	CHECK("chown_of_a_directory_keeps_setgid", chown(fs_path("sd"), 1, 1) == 0 &&
							   (st_of(fs_path("sd")).st_mode & 07777) ==
								   02755);
}

static int user_chowns(void)
{
	if (become_user())
		return 10;
	const char *f = fs_path("mine");
	int bad = 0;
	bad |= (chown(f, (uid_t)-1, 1002) != 0) << 0;            /* to a group of mine */
	bad |= (chown(f, (uid_t)-1, OTHER_GROUP) == 0 || errno != EPERM) << 1;
	bad |= (chown(f, 0, (gid_t)-1) == 0 || errno != EPERM) << 2;   /* giving it away */
	bad |= (chown(f, USER, (gid_t)-1) != 0) << 3;            /* to myself: allowed */
	bad |= (chown(fs_path("rootfile"), (uid_t)-1, GROUP) == 0 || errno != EPERM) << 4;
	bad |= (chown(fs_path("rootfile"), 0, (gid_t)-1) == 0 || errno != EPERM) << 5;
	chmod(f, 06770);
	bad |= (chown(f, (uid_t)-1, GROUP) != 0) << 6;
	struct stat st;
	stat(f, &st);
	bad |= ((st.st_mode & 07777) != 0770) << 7;              /* both bits gone */
	return bad;
}

static void test_chown_as_user(void)
{
	fs_write_file(fs_path("mine"), "x");
	chown(fs_path("mine"), USER, GROUP);
	fs_write_file(fs_path("rootfile"), "x");
	chmod(fs_dir, 0777);
	int st = in_child(user_chowns);
	CHECK("owner_may_chown_the_group_to_one_of_its_groups", EXITED_0(st) || !(WEXITSTATUS(st) & 1));
	CHECK("owner_chown_to_another_group_gives_eperm", WIFEXITED(st) && !(WEXITSTATUS(st) & 2));
	CHECK("owner_giving_the_file_away_gives_eperm", WIFEXITED(st) && !(WEXITSTATUS(st) & 4));
	CHECK("owner_chown_to_itself_succeeds", WIFEXITED(st) && !(WEXITSTATUS(st) & 8));
	CHECK("non_owner_chgrp_gives_eperm", WIFEXITED(st) && !(WEXITSTATUS(st) & 16));
	CHECK("non_owner_chown_gives_eperm", WIFEXITED(st) && !(WEXITSTATUS(st) & 32));
	CHECK("chown_by_the_owner_clears_setuid_and_setgid", WIFEXITED(st) &&
								      !(WEXITSTATUS(st) & 128));
	CHECK("the_user_child_ran", WIFEXITED(st) && WEXITSTATUS(st) != 10);
	chmod(fs_dir, 0755);
}

/* Nanoseconds of a stat time. */
static long long ns(struct timespec t)
{
	return (long long)t.tv_sec * 1000000000ll + t.tv_nsec;
}

static void test_utimensat(void)
{
	const char *f = fs_path("t");
	fs_write_file(f, "x");
	struct timespec set[2] = { { 1000, 1 }, { 2000, 2 } };
	CHECK("utimensat_sets_both_times", utimensat(AT_FDCWD, f, set, 0) == 0 &&
						   ns(st_of(f).st_atim) == 1000000000001ll &&
						   ns(st_of(f).st_mtim) == 2000000000002ll);
	struct timespec omit_a[2] = { { 0, UTIME_OMIT }, { 3000, 0 } };
	CHECK("utime_omit_keeps_that_time", utimensat(AT_FDCWD, f, omit_a, 0) == 0 &&
						    ns(st_of(f).st_atim) == 1000000000001ll &&
						    st_of(f).st_mtime == 3000);
	struct timespec now_m[2] = { { 0, UTIME_OMIT }, { 0, UTIME_NOW } };
	CHECK("utime_now_sets_the_current_time", utimensat(AT_FDCWD, f, now_m, 0) == 0 &&
							 st_of(f).st_mtime > 1000000000 &&
							 st_of(f).st_atime == 1000);
	struct timespec both_omit[2] = { { 0, UTIME_OMIT }, { 0, UTIME_OMIT } };
	CHECK("both_omit_succeeds_even_for_a_missing_path",
	      utimensat(AT_FDCWD, fs_path("missing"), both_omit, 0) == 0);
	CHECK("null_times_set_both_to_now", utimensat(AT_FDCWD, f, NULL, 0) == 0 &&
						    st_of(f).st_atime > 1000000000);
	struct timespec bad[2] = { { 0, 1000000000 }, { 0, 0 } };
	CHECK_ERRNO("utimensat_bad_nanoseconds_gives_einval", utimensat(AT_FDCWD, f, bad, 0), EINVAL);
	CHECK_ERRNO("utimensat_unknown_flag_gives_einval", utimensat(AT_FDCWD, f, set, 0x8000),
		    EINVAL);
	CHECK_ERRNO("utimensat_missing_file_gives_enoent",
		    utimensat(AT_FDCWD, fs_path("missing"), set, 0), ENOENT);
	CHECK_ERRNO("utimensat_bad_times_pointer_gives_efault",
		    syscall(SYS_utimensat, AT_FDCWD, f, (void *)1, 0), EFAULT);
	symlink("t", fs_path("tl"));
	CHECK("utimensat_nofollow_sets_the_link_times",
	      utimensat(AT_FDCWD, fs_path("tl"), set, AT_SYMLINK_NOFOLLOW) == 0 &&
		      st_of(fs_path("tl")).st_mtime == 2000 && st_of(f).st_mtime != 2000);
	int fd = open(f, O_RDONLY);
	CHECK("futimens_sets_the_times_of_the_descriptor", fd >= 0 && futimens(fd, set) == 0 &&
								   st_of(f).st_mtime == 2000);
	CHECK_ERRNO("futimens_with_flags_gives_einval",
		    syscall(SYS_utimensat, fd, NULL, set, AT_SYMLINK_NOFOLLOW), EINVAL);
	close(fd);
	CHECK_ERRNO("futimens_bad_descriptor_gives_ebadf", futimens(99, set), EBADF);
	CHECK_ERRNO("utimensat_null_path_at_cwd_gives_efault",
		    syscall(SYS_utimensat, AT_FDCWD, NULL, set, 0), EFAULT);
}

static void test_old_time_calls(void)
{
	const char *f = fs_path("o");
	fs_write_file(f, "x");
	struct timeval tv[2] = { { 100, 5 }, { 200, 7 } };
	CHECK("utimes_sets_microseconds", utimes(f, tv) == 0 &&
						  ns(st_of(f).st_mtim) == 200000007000ll);
	struct timeval badtv[2] = { { 1, 1000000 }, { 2, 0 } };
	CHECK_ERRNO("utimes_bad_microseconds_gives_einval", utimes(f, badtv), EINVAL);
	CHECK("utimes_null_sets_now", utimes(f, NULL) == 0 && st_of(f).st_mtime > 1000000000);
	int dfd = open(fs_dir, O_RDONLY | O_DIRECTORY);
	CHECK("futimesat_relative_to_a_directory", syscall(SYS_futimesat, dfd, "o", tv) == 0 &&
							   st_of(f).st_mtime == 200);
	close(dfd);
	struct utimbuf ub = { 300, 400 };
	CHECK("utime_sets_seconds", utime(f, &ub) == 0 && st_of(f).st_atime == 300 &&
					    st_of(f).st_mtime == 400);
	CHECK_ERRNO("utime_missing_file_gives_enoent", utime(fs_path("missing"), &ub), ENOENT);
}

static int user_touches(void)
{
	if (become_user())
		return 10;
	struct timespec set[2] = { { 5, 0 }, { 6, 0 } };
	struct timespec now_omit[2] = { { 0, UTIME_NOW }, { 0, UTIME_OMIT } };
	int bad = 0;
	/* A file of root's that the user may write: "now" is allowed, a time is not. */
	bad |= (utimensat(AT_FDCWD, fs_path("shared"), NULL, 0) != 0) << 0;
	bad |= (utimensat(AT_FDCWD, fs_path("shared"), set, 0) == 0 || errno != EPERM) << 1;
	bad |= (utimensat(AT_FDCWD, fs_path("shared"), now_omit, 0) == 0 || errno != EPERM) << 2;
	/* A file of root's the user may not write: even "now" is refused. */
	bad |= (utimensat(AT_FDCWD, fs_path("private"), NULL, 0) == 0 || errno != EACCES) << 3;
	bad |= (utimes(fs_path("private"), NULL) == 0 || errno != EACCES) << 4;
	return bad;
}

static void test_time_permissions(void)
{
	fs_write_file(fs_path("shared"), "x");
	chmod(fs_path("shared"), 0666);
	fs_write_file(fs_path("private"), "x");
	chmod(fs_path("private"), 0644);
	int st = in_child(user_touches);
	CHECK("a_writer_may_set_times_to_now", WIFEXITED(st) && !(WEXITSTATUS(st) & 1));
	CHECK("a_writer_setting_a_time_gets_eperm", WIFEXITED(st) && !(WEXITSTATUS(st) & 2));
	CHECK("a_writer_setting_now_and_omit_gets_eperm", WIFEXITED(st) && !(WEXITSTATUS(st) & 4));
	CHECK("a_non_writer_touching_gets_eacces", WIFEXITED(st) && !(WEXITSTATUS(st) & 8));
	CHECK("utimes_null_by_a_non_writer_gets_eacces", WIFEXITED(st) && !(WEXITSTATUS(st) & 16));
	CHECK("the_time_child_ran", WIFEXITED(st) && WEXITSTATUS(st) != 10);
}

/* musl 1.2.3 has no statx: the kernel's structure and the raw call. */
struct lx_statx_ts {
	int64_t tv_sec;
	uint32_t tv_nsec;
	int32_t reserved;
};
struct lx_statx {
	uint32_t stx_mask, stx_blksize;
	uint64_t stx_attributes;
	uint32_t stx_nlink, stx_uid, stx_gid;
	uint16_t stx_mode, spare0;
	uint64_t stx_ino, stx_size, stx_blocks, stx_attributes_mask;
	struct lx_statx_ts stx_atime, stx_btime, stx_ctime, stx_mtime;
	uint32_t stx_rdev_major, stx_rdev_minor, stx_dev_major, stx_dev_minor;
	uint64_t spare[14];
};
#define LX_STATX_TYPE 0x1u
#define LX_STATX_SIZE 0x200u
#define LX_STATX_BASIC_STATS 0x7ffu
#define LX_AT_STATX_FORCE_SYNC 0x2000
#define LX_AT_STATX_DONT_SYNC 0x4000

static int lx_statx(int dirfd, const char *path, int flags, unsigned mask, struct lx_statx *sx)
{
	return (int)syscall(SYS_statx, dirfd, path, flags, mask, sx);
}

static void test_statx(void)
{
	const char *f = fs_path("x");
	fs_write_file(f, "seventeen bytes!!");
	struct lx_statx sx;
	struct stat st = st_of(f);
	memset(&sx, 0xff, sizeof(sx));
	CHECK("statx_succeeds", lx_statx(AT_FDCWD, f, 0, LX_STATX_BASIC_STATS, &sx) == 0);
	CHECK("statx_mask_has_the_basic_stats",
	      (sx.stx_mask & LX_STATX_BASIC_STATS) == LX_STATX_BASIC_STATS);
	CHECK("statx_matches_stat", sx.stx_size == 17 && sx.stx_ino == st.st_ino &&
					    sx.stx_mode == st.st_mode && sx.stx_nlink == 1 &&
					    sx.stx_uid == st.st_uid &&
					    (long long)sx.stx_mtime.tv_sec == (long long)st.st_mtime);
	CHECK("statx_dev_matches_stat",
	      makedev(sx.stx_dev_major, sx.stx_dev_minor) == st.st_dev);
	symlink("x", fs_path("xl"));
	CHECK("statx_nofollow_sees_the_link",
	      lx_statx(AT_FDCWD, fs_path("xl"), AT_SYMLINK_NOFOLLOW, LX_STATX_TYPE, &sx) == 0 &&
		      S_ISLNK(sx.stx_mode));
	int fd = open(f, O_RDONLY);
	CHECK("statx_empty_path_stats_the_descriptor",
	      lx_statx(fd, "", AT_EMPTY_PATH, LX_STATX_SIZE, &sx) == 0 && sx.stx_size == 17);
	close(fd);
	CHECK_ERRNO("statx_reserved_mask_bit_gives_einval",
		    lx_statx(AT_FDCWD, f, 0, 0x80000000u, &sx), EINVAL);
	CHECK_ERRNO("statx_both_sync_flags_give_einval",
		    lx_statx(AT_FDCWD, f, LX_AT_STATX_FORCE_SYNC | LX_AT_STATX_DONT_SYNC, 0, &sx), EINVAL);
	CHECK_ERRNO("statx_unknown_flag_gives_einval", lx_statx(AT_FDCWD, f, 0x1, 0, &sx), EINVAL);
	CHECK_ERRNO("statx_missing_gives_enoent", lx_statx(AT_FDCWD, fs_path("nope"), 0, 0, &sx),
		    ENOENT);
	CHECK_ERRNO("statx_bad_buffer_gives_efault",
		    syscall(SYS_statx, AT_FDCWD, f, 0, LX_STATX_BASIC_STATS, (void *)1), EFAULT);
	CHECK_ERRNO("stat_null_buffer_gives_efault", syscall(SYS_stat, f, NULL), EFAULT);
}

/* Pledged "fattr" without "chown": OpenBSD's rule, own uid and groups only. */
static int chown_pledged_fattr(void)
{
	if (pledge("stdio rpath wpath fattr error", NULL) != 0)
		return 10;
	int bad = (chown(fs_path("pl"), (uid_t)-1, 0) != 0) << 0;   /* a group of root's */
	bad |= (chown(fs_path("pl"), 5, (gid_t)-1) != -1 || errno != EPERM) << 1;
	bad |= (chown(fs_path("pl"), (uid_t)-1, 77) != -1 || errno != EPERM) << 2;
	return bad;
}

static void test_pledge(void)
{
	if (!fs_on_uk()) {
		tap_skip("pledged_chown_without_chown_keeps_to_own_ids", "pledge is this OS's");
		return;
	}
	fs_write_file(fs_path("pl"), "x");
	int st = in_child(chown_pledged_fattr);
	CHECK("pledged_fattr_chown_to_own_group_works", WIFEXITED(st) && !(WEXITSTATUS(st) & 1));
	CHECK("pledged_fattr_chown_to_another_uid_gives_eperm", WIFEXITED(st) && !(WEXITSTATUS(st) & 2));
	CHECK("pledged_fattr_chown_to_another_group_gives_eperm",
	      WIFEXITED(st) && !(WEXITSTATUS(st) & 4));
	CHECK("the_pledged_chown_child_ran", WIFEXITED(st) && WEXITSTATUS(st) != 10);
}

int main(void)
{
	tap_begin();
	if (!CHECK("fs_attr_make_test_dir", fs_dir_create("t_fs_attr") == 0))
		return tap_end("t_fs_attr");
	if (getuid() != 0) {
		tap_skip("fs_attr_needs_root", "not running as root");
		fs_dir_remove();
		return tap_end("t_fs_attr");
	}
	test_chown_as_root();
	test_setid_bits();
	test_chown_as_user();
	test_utimensat();
	test_old_time_calls();
	test_time_permissions();
	test_statx();
	test_pledge();
	CHECK("fs_attr_remove_test_dir", fs_dir_remove() == 0);
	return tap_end("t_fs_attr");
}
