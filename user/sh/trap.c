// SPDX-License-Identifier: MIT
/* Signals and traps (see sh.h): the names of signals, the handler that
 * marks a trapped signal pending, running the pending actions between
 * commands, and the trap built-in. An interactive shell ignores SIGINT,
 * SIGQUIT and SIGTERM, and with job control SIGTSTP, SIGTTIN and SIGTTOU;
 * its children get them back (sh_signals_child). Signals ignored when a
 * non-interactive shell started cannot be trapped (POSIX).
 *
 * SIGINT, SIGQUIT and SIGTERM are "ignored" with a handler that does
 * nothing rather than SIG_IGN: this kernel drops a signal that is ignored
 * when sent even if it is blocked (Linux keeps it pending), so a kill %1
 * right after a fork would be lost in the child before it resets its
 * actions. A caught signal stays pending across that window. */
#include <ctype.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "bi.h"
#include "sh.h"

static volatile sig_atomic_t pending[SH_NSIG];
static volatile sig_atomic_t any_pending;
static unsigned char shell_ignores[SH_NSIG];    /* the shell's own choice */
static unsigned char ignored_at_entry[SH_NSIG];

static const struct {
	int sig;
	const char *name;
} names[] = {
	{ SIGHUP, "HUP" }, { SIGINT, "INT" }, { SIGQUIT, "QUIT" }, { SIGILL, "ILL" },
	{ SIGTRAP, "TRAP" }, { SIGABRT, "ABRT" }, { SIGBUS, "BUS" }, { SIGFPE, "FPE" },
	{ SIGKILL, "KILL" }, { SIGUSR1, "USR1" }, { SIGSEGV, "SEGV" }, { SIGUSR2, "USR2" },
	{ SIGPIPE, "PIPE" }, { SIGALRM, "ALRM" }, { SIGTERM, "TERM" }, { SIGSTKFLT, "STKFLT" },
	{ SIGCHLD, "CHLD" }, { SIGCONT, "CONT" }, { SIGSTOP, "STOP" }, { SIGTSTP, "TSTP" },
	{ SIGTTIN, "TTIN" }, { SIGTTOU, "TTOU" }, { SIGURG, "URG" }, { SIGXCPU, "XCPU" },
	{ SIGXFSZ, "XFSZ" }, { SIGVTALRM, "VTALRM" }, { SIGPROF, "PROF" }, { SIGWINCH, "WINCH" },
	{ SIGIO, "IO" }, { SIGPWR, "PWR" }, { SIGSYS, "SYS" },
};

const char *sh_signal_name(int sig)
{
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (names[i].sig == sig)
			return names[i].name;
	return NULL;
}

int sh_signal_number(const char *name)
{
	if (isdigit((unsigned char)name[0])) {
		char *end;
		long n = strtol(name, &end, 10);
		return *end || n < 0 || n >= SH_NSIG ? -1 : (int)n;
	}
	if (!strncasecmp(name, "SIG", 3))
		name += 3;
	if (!strcasecmp(name, "EXIT"))
		return 0;
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (!strcasecmp(names[i].name, name))
			return names[i].sig;
	return -1;
}

static volatile sig_atomic_t interrupted;

static void on_signal(int sig)
{
	pending[sig] = 1;
	any_pending = 1;
}

/* The interactive shell's own SIGINT, SIGQUIT and SIGTERM. */
static void on_shell_signal(int sig)
{
	if (sig == SIGINT)
		interrupted = 1;
}

int sh_interrupted(void)
{
	int was = interrupted;
	interrupted = 0;
	return was;
}

/* The action the shell itself takes for sig (no trap set). */
static void (*own_action(int sig))(int)
{
	if (!shell_ignores[sig])
		return SIG_DFL;
	return sig == SIGINT || sig == SIGQUIT || sig == SIGTERM ? on_shell_signal : SIG_IGN;
}

static void set_action(int sig, void (*fn)(int))
{
	struct sigaction sa = { 0 };
	sa.sa_handler = fn;
	sigemptyset(&sa.sa_mask);
	sigaction(sig, &sa, NULL);
}

void sh_signals_init(struct sh_state *sh)
{
	static const int own[] = { SIGINT, SIGQUIT, SIGTERM, SIGTSTP, SIGTTIN, SIGTTOU };
	for (int sig = 1; sig < SH_NSIG; sig++) {
		struct sigaction old;
		if (sigaction(sig, NULL, &old) == 0 && old.sa_handler == SIG_IGN)
			ignored_at_entry[sig] = !sh->interactive;
	}
	if (!sh->interactive)
		return;
	for (size_t i = 0; i < sizeof(own) / sizeof(own[0]); i++) {
		if (i >= 3 && !sh->opt.monitor)
			break;
		shell_ignores[own[i]] = 1;
		set_action(own[i], own_action(own[i]));
	}
}

void sh_signals_child(struct sh_state *sh)
{
	for (int sig = 1; sig < SH_NSIG; sig++) {
		int trapped = sh->traps[sig] && *sh->traps[sig];
		if (trapped || (shell_ignores[sig] && !sh->traps[sig] && !ignored_at_entry[sig]))
			set_action(sig, SIG_DFL);
		if (trapped) {
			free(sh->traps[sig]);
			sh->traps[sig] = NULL;
		}
		shell_ignores[sig] = 0;
		pending[sig] = 0;
	}
	free(sh->traps[0]);
	sh->traps[0] = NULL;
	any_pending = 0;
}

int sh_trap_pending(void)
{
	return any_pending;
}

int sh_traps_run(struct sh_state *sh)
{
	int last = 0;
	any_pending = 0;
	for (int sig = 1; sig < SH_NSIG; sig++) {
		if (!pending[sig])
			continue;
		pending[sig] = 0;
		last = sig;
		if (!sh->traps[sig] || !*sh->traps[sig])
			continue;
		int status = sh->status;
		char *action = sh_xstrdup(sh->traps[sig]);
		sh->in_trap++;
		sh_run_text(sh, action);
		sh->in_trap--;
		free(action);
		sh->status = status;
	}
	return last;
}

/* Sets the trap of sig to action (NULL: default, "": ignore). */
static int set_trap(struct sh_state *sh, int sig, const char *action)
{
	if (sig == SIGKILL || sig == SIGSTOP) {
		sh_error(sh, "trap: %s: cannot be trapped", sh_signal_name(sig));
		return 1;
	}
	if (ignored_at_entry[sig])
		return 0;
	free(sh->traps[sig]);
	sh->traps[sig] = action ? sh_xstrdup(action) : NULL;
	if (sig == 0)
		return 0;
	if (!action)
		set_action(sig, own_action(sig));
	else
		set_action(sig, *action ? on_signal : SIG_IGN);
	return 0;
}

/* trap with no operands: the traps set, as commands that set them again. */
static void print_traps(struct sh_state *sh)
{
	for (int sig = 0; sig < SH_NSIG; sig++) {
		if (!sh->traps[sig])
			continue;
		dprintf(1, "trap -- '");
		for (const char *p = sh->traps[sig]; *p; p++)
			dprintf(1, *p == '\'' ? "'\\''" : "%c", *p);
		dprintf(1, "' %s\n", sig ? sh_signal_name(sig) : "EXIT");
	}
}

int sh_bi_trap(struct sh_state *sh, char **argv)
{
	int i = 1, st = 0;
	if (argv[i] && !strcmp(argv[i], "--"))
		i++;
	if (!argv[i]) {
		print_traps(sh);
		return 0;
	}
	const char *action = argv[i];
	int reset = !strcmp(action, "-") || (isdigit((unsigned char)action[0]) &&
					      sh_signal_number(action) >= 0);
	if (!reset || !strcmp(action, "-"))
		i++;
	for (; argv[i]; i++) {
		int sig = sh_signal_number(argv[i]);
		if (sig < 0) {
			sh_error(sh, "trap: %s: bad trap", argv[i]);
			st = 1;
			continue;
		}
		st |= set_trap(sh, sig, reset ? NULL : action);
	}
	return st;
}
