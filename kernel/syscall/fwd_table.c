// SPDX-License-Identifier: MIT
/* The forwarding table: Linux number -> (server, argument kinds). One list,
 * designated initializers; readv/writev/ioctl/execve have decoders of their
 * own in fwd.c. */
#include "syscall/fwd_table.h"
#include "proto/fwd.h"
#include "abi/pledge.h"

#define V { FA_VAL, -1, 0, 0 }
#define S { FA_STR, -1, 0, 0 }
#define IN(n) { FA_IN, n, 0, 0 }
#define OUT(n) { FA_OUT, n, 0, 0 }
#define INF(b) { FA_IN, -1, b, 0 }
#define OUTF(b) { FA_OUT, -1, b, 0 }
#define NO { FA_NONE, -1, 0, 0 }
#define SV { FA_STRV, -1, 0, 0 }    /* a NULL-terminated vector of strings */
#define STAT_BYTES 144
#define STATFS_BYTES 120
#define S0 { FA_STR0, -1, 0, 0 }   /* a string or NULL */
#define GIDS(n) { FA_OUT, n, 0, 4 } /* gid_t[args[n]] */
#define GIDS_IN(n) { FA_IN, n, 0, 4 }
#define VFS(nr, a, b, c, d, e, f) [nr] = { FWD_SRV_VFS, { a, b, c, d, e, f } },
#define SEC(nr, a, b, c) [nr] = { FWD_SRV_SECURITY, { a, b, c, NO, NO, NO } },

static const struct fwd_spec table[LINUX_NR_MAX] = {
	VFS(0, V, OUT(2), V, NO, NO, NO)              /* read */
	VFS(1, V, IN(2), V, NO, NO, NO)               /* write */
	VFS(2, S, V, V, NO, NO, NO)                   /* open */
	VFS(3, V, NO, NO, NO, NO, NO)                 /* close */
	VFS(4, S, OUTF(STAT_BYTES), NO, NO, NO, NO)   /* stat */
	VFS(5, V, OUTF(STAT_BYTES), NO, NO, NO, NO)   /* fstat */
	VFS(6, S, OUTF(STAT_BYTES), NO, NO, NO, NO)   /* lstat */
	VFS(8, V, V, V, NO, NO, NO)                   /* lseek */
	VFS(17, V, OUT(2), V, V, NO, NO)              /* pread64 */
	VFS(18, V, IN(2), V, V, NO, NO)               /* pwrite64 */
	VFS(21, S, V, NO, NO, NO, NO)                 /* access */
	VFS(22, OUTF(8), NO, NO, NO, NO, NO)          /* pipe */
	VFS(32, V, NO, NO, NO, NO, NO)                /* dup */
	VFS(33, V, V, NO, NO, NO, NO)                 /* dup2 */
	VFS(72, V, V, V, NO, NO, NO)                  /* fcntl */
	VFS(76, S, V, NO, NO, NO, NO)                 /* truncate */
	VFS(77, V, V, NO, NO, NO, NO)                 /* ftruncate */
	VFS(79, OUT(1), V, NO, NO, NO, NO)            /* getcwd */
	VFS(80, S, NO, NO, NO, NO, NO)                /* chdir */
	VFS(81, V, NO, NO, NO, NO, NO)                /* fchdir */
	VFS(82, S, S, NO, NO, NO, NO)                 /* rename */
	VFS(83, S, V, NO, NO, NO, NO)                 /* mkdir */
	VFS(84, S, NO, NO, NO, NO, NO)                /* rmdir */
	VFS(85, S, V, NO, NO, NO, NO)                 /* creat */
	VFS(87, S, NO, NO, NO, NO, NO)                /* unlink */
	VFS(88, S, S, NO, NO, NO, NO)                 /* symlink */
	VFS(89, S, OUT(2), V, NO, NO, NO)             /* readlink */
	VFS(90, S, V, NO, NO, NO, NO)                 /* chmod */
	VFS(91, V, V, NO, NO, NO, NO)                 /* fchmod */
	VFS(95, V, NO, NO, NO, NO, NO)                /* umask */
	VFS(137, S, OUTF(STATFS_BYTES), NO, NO, NO, NO) /* statfs */
	VFS(138, V, OUTF(STATFS_BYTES), NO, NO, NO, NO) /* fstatfs */
	VFS(217, V, OUT(2), V, NO, NO, NO)            /* getdents64 */
	VFS(257, V, S, V, V, NO, NO)                  /* openat */
	VFS(258, V, S, V, NO, NO, NO)                 /* mkdirat */
	VFS(262, V, S, OUTF(STAT_BYTES), V, NO, NO)   /* newfstatat */
	VFS(263, V, S, V, NO, NO, NO)                 /* unlinkat */
	VFS(264, V, S, V, S, NO, NO)                  /* renameat */
	VFS(266, S, V, S, NO, NO, NO)                 /* symlinkat */
	VFS(267, V, S, OUT(3), V, NO, NO)             /* readlinkat */
	VFS(268, V, S, V, NO, NO, NO)                 /* fchmodat */
	VFS(269, V, S, V, NO, NO, NO)                 /* faccessat */
	VFS(292, V, V, V, NO, NO, NO)                 /* dup3 */
	VFS(293, OUTF(8), V, NO, NO, NO, NO)          /* pipe2 */
	VFS(316, V, S, V, S, V, NO)                   /* renameat2 */
	VFS(439, V, S, V, V, NO, NO)                  /* faccessat2 */
	VFS(UK_NR_UNVEIL, S0, S0, NO, NO, NO, NO)
	SEC(102, NO, NO, NO)                          /* getuid */
	SEC(104, NO, NO, NO)                          /* getgid */
	SEC(105, V, NO, NO)                           /* setuid */
	SEC(106, V, NO, NO)                           /* setgid */
	SEC(107, NO, NO, NO)                          /* geteuid */
	SEC(108, NO, NO, NO)                          /* getegid */
	SEC(113, V, V, NO)                            /* setreuid */
	SEC(114, V, V, NO)                            /* setregid */
	SEC(115, V, GIDS(0), NO)                      /* getgroups */
	SEC(116, V, GIDS_IN(0), NO)                   /* setgroups */
	SEC(117, V, V, V)                             /* setresuid */
	SEC(118, OUTF(4), OUTF(4), OUTF(4))           /* getresuid */
	SEC(119, V, V, V)                             /* setresgid */
	SEC(120, OUTF(4), OUTF(4), OUTF(4))           /* getresgid */
	SEC(UK_NR_PLEDGE, S0, S0, NO)
	[59] = { FWD_SRV_PROC, { S, SV, SV, NO, NO, NO } },  /* execve */
	/* Time. A sleep interrupted by a signal answers -EINTR with the time
	 * left in its last argument. */
	[35] = { FWD_SRV_TIME, { INF(16), OUTF(16), NO, NO, NO, NO } }, /* nanosleep */
	[96] = { FWD_SRV_TIME, { OUTF(16), OUTF(8), NO, NO, NO, NO } }, /* gettimeofday */
	[201] = { FWD_SRV_TIME, { OUTF(8), NO, NO, NO, NO, NO } },    /* time */
	[227] = { FWD_SRV_TIME, { V, INF(16), NO, NO, NO, NO } },     /* clock_settime */
	[228] = { FWD_SRV_TIME, { V, OUTF(16), NO, NO, NO, NO } },    /* clock_gettime */
	[229] = { FWD_SRV_TIME, { V, OUTF(16), NO, NO, NO, NO } },    /* clock_getres */
	[230] = { FWD_SRV_TIME, { V, V, INF(16), OUTF(16), NO, NO } }, /* clock_nanosleep */
	[36] = { FWD_SRV_TIME, { V, OUTF(32), NO, NO, NO, NO } },     /* getitimer */
	[37] = { FWD_SRV_TIME, { V, NO, NO, NO, NO, NO } },           /* alarm */
	[38] = { FWD_SRV_TIME, { V, INF(32), OUTF(32), NO, NO, NO } }, /* setitimer */
	[222] = { FWD_SRV_TIME, { V, INF(24), OUTF(4), NO, NO, NO } }, /* timer_create */
	[223] = { FWD_SRV_TIME, { V, V, INF(32), OUTF(32), NO, NO } }, /* timer_settime */
	[224] = { FWD_SRV_TIME, { V, OUTF(32), NO, NO, NO, NO } },    /* timer_gettime */
	[225] = { FWD_SRV_TIME, { V, NO, NO, NO, NO, NO } },          /* timer_getoverrun */
	[226] = { FWD_SRV_TIME, { V, NO, NO, NO, NO, NO } },          /* timer_delete */
};

const struct fwd_spec *fwd_spec_of(uint64_t nr)
{
	return nr < LINUX_NR_MAX && table[nr].server ? &table[nr] : NULL;
}

void fwd_ioctl_spec(uint64_t request, struct fwd_spec *out)
{
	struct fwd_arg arg = V;
	switch (request) {
	case 0x5401:                      /* TCGETS */
		arg = (struct fwd_arg)OUTF(36);
		break;
	case 0x5402: case 0x5403: case 0x5404:  /* TCSETS, TCSETSW, TCSETSF */
		arg = (struct fwd_arg)INF(36);
		break;
	case 0x5413:                      /* TIOCGWINSZ */
		arg = (struct fwd_arg)OUTF(8);
		break;
	case 0x5414:                      /* TIOCSWINSZ */
		arg = (struct fwd_arg)INF(8);
		break;
	case 0x540F: case 0x541B:         /* TIOCGPGRP, FIONREAD */
		arg = (struct fwd_arg)OUTF(4);
		break;
	case 0x5410:                      /* TIOCSPGRP */
		arg = (struct fwd_arg)INF(4);
		break;
	}
	*out = (struct fwd_spec){ FWD_SRV_VFS, { V, V, arg, NO, NO, NO } };
}
