// SPDX-License-Identifier: MIT
/* servers/vfs/vfs_lock.c and vfs_ops_lock.c: lock range arithmetic
 * (conversion, splitting, merging), fcntl's POSIX and OFD locks, flock,
 * release on close, waiting and deadlock detection. Expected behaviour
 * from fcntl(2) and flock(2). */
#include "fixture.h"
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include "../../../servers/vfs/vfs_lock.h"

/* The locks of a list as "kind:type:owner:start-end" words, sorted. */
static const char *dump(const struct vfs_lock *l)
{
	static char out[512];
	char words[16][40];
	int n = 0;
	for (; l && n < 16; l = l->next)
		snprintf(words[n++], sizeof(words[0]), "%c%llu:%lld-%lld",
			 l->type == VFS_LK_WRITE ? 'W' : 'R', (unsigned long long)l->owner,
			 (long long)l->start, l->end == VFS_LOCK_EOF ? -1ll : (long long)l->end);
	qsort(words, (size_t)n, sizeof(words[0]), (int (*)(const void *, const void *))strcmp);
	out[0] = '\0';
	for (int i = 0; i < n; i++)
		snprintf(out + strlen(out), sizeof(out) - strlen(out), "%s%s", i ? " " : "", words[i]);
	return out;
}

static struct vfs_lock_req req(int type, uint64_t owner, int64_t start, int64_t end)
{
	return (struct vfs_lock_req){ .kind = VFS_LK_POSIX, .type = (uint8_t)type,
				      .pid = (int32_t)owner, .owner = owner, .start = start,
				      .end = end };
}

static struct vfs_lock *list;

static void set(int type, uint64_t owner, int64_t start, int64_t end)
{
	struct vfs_lock_req r = req(type, owner, start, end);
	ck_assert_int_ge(vfs_lock_apply(&list, &r), 0);
}

START_TEST(unlocking_the_middle_of_a_lock_splits_it_in_two)
{
	set(VFS_LK_WRITE, 1, 0, 99);
	set(VFS_LK_UNLOCK, 1, 40, 59);
	ck_assert_str_eq(dump(list), "W1:0-39 W1:60-99");
	vfs_lock_free_all(&list);
}
END_TEST

START_TEST(converting_the_middle_of_a_write_lock_leaves_three_pieces)
{
	set(VFS_LK_WRITE, 1, 0, 99);
	set(VFS_LK_READ, 1, 40, 59);
	ck_assert_str_eq(dump(list), "R1:40-59 W1:0-39 W1:60-99");
	set(VFS_LK_WRITE, 1, 40, 59);  /* back: the three merge into one */
	ck_assert_str_eq(dump(list), "W1:0-99");
	vfs_lock_free_all(&list);
}
END_TEST

START_TEST(touching_and_overlapping_locks_of_one_type_merge)
{
	set(VFS_LK_READ, 1, 0, 9);
	set(VFS_LK_READ, 1, 20, 29);
	set(VFS_LK_READ, 1, 10, 19);
	ck_assert_str_eq(dump(list), "R1:0-29");
	set(VFS_LK_READ, 1, 25, VFS_LOCK_EOF);
	ck_assert_str_eq(dump(list), "R1:0--1");
	vfs_lock_free_all(&list);
}
END_TEST

START_TEST(another_owners_locks_are_left_alone)
{
	set(VFS_LK_READ, 1, 0, 9);
	set(VFS_LK_READ, 2, 5, 14);
	set(VFS_LK_UNLOCK, 2, 0, VFS_LOCK_EOF);
	ck_assert_str_eq(dump(list), "R1:0-9");
	vfs_lock_free_all(&list);
}
END_TEST

START_TEST(conflicts_need_overlap_another_owner_and_a_writer)
{
	set(VFS_LK_READ, 1, 0, 9);
	set(VFS_LK_WRITE, 1, 20, 29);
	struct vfs_lock_req r = req(VFS_LK_READ, 2, 5, 15);
	ck_assert_ptr_null(vfs_lock_conflict(list, &r));
	r = req(VFS_LK_WRITE, 2, 5, 15);
	ck_assert_ptr_nonnull(vfs_lock_conflict(list, &r));
	r = req(VFS_LK_READ, 2, 29, VFS_LOCK_EOF);
	ck_assert_ptr_nonnull(vfs_lock_conflict(list, &r));
	r = req(VFS_LK_WRITE, 1, 0, VFS_LOCK_EOF);
	ck_assert_ptr_null(vfs_lock_conflict(list, &r));
	r = req(VFS_LK_WRITE, 2, 10, 19);
	ck_assert_ptr_null(vfs_lock_conflict(list, &r));
	r.kind = VFS_LK_FLOCK;  /* flock locks are a space of their own */
	r.start = 0;
	ck_assert_ptr_null(vfs_lock_conflict(list, &r));
	vfs_lock_free_all(&list);
}
END_TEST

START_TEST(dropping_an_owner_removes_all_its_locks)
{
	set(VFS_LK_READ, 1, 0, 9);
	set(VFS_LK_WRITE, 1, 20, 29);
	set(VFS_LK_WRITE, 2, 40, 49);
	ck_assert(vfs_lock_drop_owner(&list, VFS_LK_POSIX, 1));
	ck_assert_str_eq(dump(list), "W2:40-49");
	ck_assert(!vfs_lock_drop_owner(&list, VFS_LK_OFD, 2));
	vfs_lock_free_all(&list);
}
END_TEST

/* Through fcntl. */
static const struct vfs_caller P1 = { .pid = 11, .wait_id = 1 };
static const struct vfs_caller P2 = { .pid = 12, .wait_id = 2 };

static int fcntl_lk(const struct vfs_caller *c, int fd, int cmd, short type, long start, long len)
{
	struct linux_flock fl = { .l_type = type, .l_whence = SEEK_SET, .l_start = start,
				  .l_len = len };
	return vfs_fcntl(fx, c, fd, cmd, (unsigned long)&fl);
}

static int fd1, fd2;

static void two_processes(void)
{
	fx_put(&ROOT, "/tmp/db", "0123456789", 10);
	fd1 = fx_open(&P1, "/tmp/db", O_RDWR, 0);
	fd2 = fx_open(&P2, "/tmp/db", O_RDWR, 0);
}

START_TEST(a_write_lock_blocks_another_process_with_eagain)
{
	two_processes();
	ck_assert_int_eq(fcntl_lk(&P1, fd1, F_SETLK, F_WRLCK, 0, 5), 0);
	ck_assert_int_eq(fcntl_lk(&P2, fd2, F_SETLK, F_RDLCK, 4, 1), -EAGAIN);
	ck_assert_int_eq(fcntl_lk(&P2, fd2, F_SETLK, F_WRLCK, 5, 5), 0);
	ck_assert_int_eq(fcntl_lk(&P2, fd2, F_SETLKW, F_WRLCK, 0, 1), VFS_WOULD_BLOCK);
}
END_TEST

START_TEST(getlk_reports_the_blocking_lock_and_its_pid)
{
	two_processes();
	ck_assert_int_eq(fcntl_lk(&P1, fd1, F_SETLK, F_RDLCK, 2, 3), 0);
	struct linux_flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0 };
	ck_assert_int_eq(vfs_fcntl(fx, &P2, fd2, F_GETLK, (unsigned long)&fl), 0);
	ck_assert_int_eq(fl.l_type, F_RDLCK);
	ck_assert_int_eq(fl.l_start, 2);
	ck_assert_int_eq(fl.l_len, 3);
	ck_assert_int_eq(fl.l_pid, 11);
	fl = (struct linux_flock){ .l_type = F_RDLCK, .l_whence = SEEK_SET };
	ck_assert_int_eq(vfs_fcntl(fx, &P2, fd2, F_GETLK, (unsigned long)&fl), 0);
	ck_assert_int_eq(fl.l_type, F_UNLCK);
	fl.l_type = F_UNLCK;
	ck_assert_int_eq(vfs_fcntl(fx, &P2, fd2, F_GETLK, (unsigned long)&fl), -EINVAL);
}
END_TEST

START_TEST(closing_any_descriptor_of_the_file_drops_the_process_locks)
{
	two_processes();
	int other = fx_open(&P1, "/tmp/db", O_RDONLY, 0);
	ck_assert_int_eq(fcntl_lk(&P1, fd1, F_SETLK, F_WRLCK, 0, 0), 0);
	ck_assert_int_eq(fcntl_lk(&P2, fd2, F_SETLK, F_WRLCK, 0, 0), -EAGAIN);
	ck_assert_int_eq(vfs_close(fx, &P1, other), 0);
	ck_assert_int_eq(fcntl_lk(&P2, fd2, F_SETLK, F_WRLCK, 0, 0), 0);
}
END_TEST

START_TEST(ofd_locks_belong_to_the_open_file_and_conflict_with_posix_ones)
{
	two_processes();
	int fd1b = fx_open(&P1, "/tmp/db", O_RDWR, 0);
	ck_assert_int_eq(fcntl_lk(&P1, fd1, F_OFD_SETLK, F_WRLCK, 0, 4), 0);
	/* The same process through another open file description conflicts. */
	ck_assert_int_eq(fcntl_lk(&P1, fd1b, F_OFD_SETLK, F_WRLCK, 0, 4), -EAGAIN);
	ck_assert_int_eq(fcntl_lk(&P1, fd1b, F_SETLK, F_RDLCK, 0, 4), -EAGAIN);
	/* Closing another descriptor keeps an OFD lock; the description's last close drops it. */
	ck_assert_int_eq(vfs_close(fx, &P1, fd1b), 0);
	ck_assert_int_eq(fcntl_lk(&P2, fd2, F_OFD_SETLK, F_RDLCK, 0, 4), -EAGAIN);
	struct linux_flock fl = { .l_type = F_RDLCK, .l_whence = SEEK_SET };
	ck_assert_int_eq(vfs_fcntl(fx, &P2, fd2, F_OFD_GETLK, (unsigned long)&fl), 0);
	ck_assert_int_eq(fl.l_pid, -1);
	ck_assert_int_eq(vfs_close(fx, &P1, fd1), 0);
	ck_assert_int_eq(fcntl_lk(&P2, fd2, F_OFD_SETLK, F_RDLCK, 0, 4), 0);
	fl = (struct linux_flock){ .l_type = F_RDLCK, .l_pid = 5 };
	ck_assert_int_eq(vfs_fcntl(fx, &P2, fd2, F_OFD_SETLK, (unsigned long)&fl), -EINVAL);
}
END_TEST

START_TEST(lock_arguments_are_checked_as_linux_does)
{
	two_processes();
	int ro = fx_open(&P1, "/tmp/db", O_RDONLY, 0);
	ck_assert_int_eq(fcntl_lk(&P1, ro, F_SETLK, F_WRLCK, 0, 1), -EBADF);
	ck_assert_int_eq(fcntl_lk(&P1, ro, F_SETLK, F_RDLCK, 0, 1), 0);
	ck_assert_int_eq(fcntl_lk(&P1, fd1, F_SETLK, 7, 0, 1), -EINVAL);
	ck_assert_int_eq(fcntl_lk(&P1, fd1, F_SETLK, F_RDLCK, -1, 1), -EINVAL);
	ck_assert_int_eq(fcntl_lk(&P1, 99, F_SETLK, F_RDLCK, 0, 1), -EBADF);
	ck_assert_int_eq(vfs_fcntl(fx, &P1, fd1, F_SETLK, 0), -EFAULT);
	struct linux_flock fl = { .l_type = F_RDLCK, .l_whence = 9 };
	ck_assert_int_eq(vfs_fcntl(fx, &P1, fd1, F_SETLK, (unsigned long)&fl), -EINVAL);
	/* A negative length locks the bytes before the start. */
	ck_assert_int_eq(fcntl_lk(&P1, fd1, F_SETLK, F_WRLCK, 5, -3), 0);
	ck_assert_int_eq(fcntl_lk(&P2, fd2, F_SETLK, F_WRLCK, 2, 1), -EAGAIN);
	ck_assert_int_eq(fcntl_lk(&P2, fd2, F_SETLK, F_WRLCK, 5, 1), 0);
	ck_assert_int_eq(fcntl_lk(&P2, fd2, F_SETLK, F_WRLCK, 1, 1), 0);
}
END_TEST

START_TEST(a_cycle_of_waiting_processes_gives_edeadlk)
{
	two_processes();
	ck_assert_int_eq(fcntl_lk(&P1, fd1, F_SETLK, F_WRLCK, 0, 1), 0);
	ck_assert_int_eq(fcntl_lk(&P2, fd2, F_SETLK, F_WRLCK, 1, 1), 0);
	ck_assert_int_eq(fcntl_lk(&P1, fd1, F_SETLKW, F_WRLCK, 1, 1), VFS_WOULD_BLOCK);
	ck_assert_int_eq(fcntl_lk(&P2, fd2, F_SETLKW, F_WRLCK, 0, 1), -EDEADLK);
	/* P2 lets go: P1's parked request now goes through. */
	ck_assert_int_eq(fcntl_lk(&P2, fd2, F_SETLK, F_UNLCK, 1, 1), 0);
	ck_assert_int_eq(fcntl_lk(&P1, fd1, F_SETLKW, F_WRLCK, 1, 1), 0);
	vfs_wait_done(fx, P1.wait_id);
}
END_TEST

START_TEST(a_longer_cycle_through_three_processes_gives_edeadlk)
{
	static const struct vfs_caller P3 = { .pid = 13, .wait_id = 3 };
	two_processes();
	int fd3 = fx_open(&P3, "/tmp/db", O_RDWR, 0);
	ck_assert_int_eq(fcntl_lk(&P1, fd1, F_SETLK, F_WRLCK, 0, 1), 0);
	ck_assert_int_eq(fcntl_lk(&P2, fd2, F_SETLK, F_WRLCK, 1, 1), 0);
	ck_assert_int_eq(fcntl_lk(&P3, fd3, F_SETLK, F_WRLCK, 2, 1), 0);
	ck_assert_int_eq(fcntl_lk(&P1, fd1, F_SETLKW, F_WRLCK, 1, 1), VFS_WOULD_BLOCK);
	ck_assert_int_eq(fcntl_lk(&P2, fd2, F_SETLKW, F_WRLCK, 2, 1), VFS_WOULD_BLOCK);
	ck_assert_int_eq(fcntl_lk(&P3, fd3, F_SETLKW, F_WRLCK, 0, 1), -EDEADLK);
	/* OFD locks are not followed, as on Linux. */
	ck_assert_int_eq(fcntl_lk(&P3, fd3, F_OFD_SETLKW, F_WRLCK, 5, 1), 0);
	vfs_proc_exit(fx, P1.pid);
	vfs_proc_exit(fx, P2.pid);
}
END_TEST

START_TEST(flock_is_per_open_file_and_converts)
{
	two_processes();
	ck_assert_int_eq(vfs_flock(fx, &P1, fd1, LOCK_SH), 0);
	ck_assert_int_eq(vfs_flock(fx, &P2, fd2, LOCK_SH | LOCK_NB), 0);
	ck_assert_int_eq(vfs_flock(fx, &P2, fd2, LOCK_EX | LOCK_NB), -EAGAIN);
	/* The failed conversion let go of the shared lock, as Linux's does. */
	ck_assert_int_eq(vfs_flock(fx, &P1, fd1, LOCK_EX | LOCK_NB), 0);
	ck_assert_int_eq(vfs_flock(fx, &P2, fd2, LOCK_SH), VFS_WOULD_BLOCK);
	/* flock and fcntl locks do not see each other. */
	ck_assert_int_eq(fcntl_lk(&P2, fd2, F_SETLK, F_WRLCK, 0, 0), 0);
	ck_assert_int_eq(vfs_flock(fx, &P1, fd1, LOCK_UN), 0);
	ck_assert_int_eq(vfs_flock(fx, &P2, fd2, LOCK_SH), 0);
	ck_assert_int_eq(vfs_flock(fx, &P2, fd2, 0), -EINVAL);
	ck_assert_int_eq(vfs_flock(fx, &P2, 77, LOCK_SH), -EBADF);
	vfs_wait_done(fx, P2.wait_id);
}
END_TEST

START_TEST(a_flock_lock_goes_with_the_last_descriptor_of_its_open_file)
{
	two_processes();
	ck_assert_int_eq(vfs_flock(fx, &P1, fd1, LOCK_EX), 0);
	int dup = vfs_dup(fx, &P1, fd1);
	ck_assert_int_ge(dup, 0);
	ck_assert_int_eq(vfs_close(fx, &P1, fd1), 0);
	ck_assert_int_eq(vfs_flock(fx, &P2, fd2, LOCK_EX | LOCK_NB), -EAGAIN);
	ck_assert_int_eq(vfs_close(fx, &P1, dup), 0);
	ck_assert_int_eq(vfs_flock(fx, &P2, fd2, LOCK_EX | LOCK_NB), 0);
}
END_TEST

START_TEST(a_forked_child_shares_flock_locks_but_not_posix_ones)
{
	two_processes();
	ck_assert_int_eq(vfs_flock(fx, &P1, fd1, LOCK_EX), 0);
	ck_assert_int_eq(fcntl_lk(&P1, fd1, F_SETLK, F_WRLCK, 0, 0), 0);
	ck_assert_int_eq(vfs_proc_fork(fx, P1.pid, 21), 0);
	const struct vfs_caller child = { .pid = 21 };
	ck_assert_int_eq(vfs_flock(fx, &child, fd1, LOCK_EX | LOCK_NB), 0);
	ck_assert_int_eq(fcntl_lk(&child, fd1, F_SETLK, F_WRLCK, 0, 0), -EAGAIN);
	vfs_proc_exit(fx, 21);
	ck_assert_int_eq(vfs_flock(fx, &P2, fd2, LOCK_EX | LOCK_NB), -EAGAIN);
	vfs_proc_exit(fx, P1.pid);
	ck_assert_int_eq(vfs_flock(fx, &P2, fd2, LOCK_EX | LOCK_NB), 0);
	ck_assert_int_eq(fcntl_lk(&P2, fd2, F_SETLK, F_WRLCK, 0, 0), 0);
}
END_TEST

START_TEST(waking_moves_when_a_lock_is_released)
{
	two_processes();
	ck_assert_int_eq(fcntl_lk(&P1, fd1, F_SETLK, F_WRLCK, 0, 0), 0);
	uint64_t before = vfs_wake_count(fx);
	ck_assert_int_eq(fcntl_lk(&P1, fd1, F_SETLK, F_UNLCK, 0, 0), 0);
	ck_assert_uint_gt(vfs_wake_count(fx), before);
}
END_TEST

UNIT_SUITE(lock_suite)
static Suite *lock_suite(void)
{
	Suite *s = suite_create("vfs_lock");
	TCase *tc = fx_tcase(s, "lock");
	tcase_add_test(tc, unlocking_the_middle_of_a_lock_splits_it_in_two);
	tcase_add_test(tc, converting_the_middle_of_a_write_lock_leaves_three_pieces);
	tcase_add_test(tc, touching_and_overlapping_locks_of_one_type_merge);
	tcase_add_test(tc, another_owners_locks_are_left_alone);
	tcase_add_test(tc, conflicts_need_overlap_another_owner_and_a_writer);
	tcase_add_test(tc, dropping_an_owner_removes_all_its_locks);
	tcase_add_test(tc, a_write_lock_blocks_another_process_with_eagain);
	tcase_add_test(tc, getlk_reports_the_blocking_lock_and_its_pid);
	tcase_add_test(tc, closing_any_descriptor_of_the_file_drops_the_process_locks);
	tcase_add_test(tc, ofd_locks_belong_to_the_open_file_and_conflict_with_posix_ones);
	tcase_add_test(tc, lock_arguments_are_checked_as_linux_does);
	tcase_add_test(tc, a_cycle_of_waiting_processes_gives_edeadlk);
	tcase_add_test(tc, a_longer_cycle_through_three_processes_gives_edeadlk);
	tcase_add_test(tc, flock_is_per_open_file_and_converts);
	tcase_add_test(tc, a_flock_lock_goes_with_the_last_descriptor_of_its_open_file);
	tcase_add_test(tc, a_forked_child_shares_flock_locks_but_not_posix_ones);
	tcase_add_test(tc, waking_moves_when_a_lock_is_released);
	return s;
}
