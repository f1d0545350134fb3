// SPDX-License-Identifier: MIT
/* Fuzz target for mkinitrd (tools/mkinitrd/): what it takes from outside is
 * its command line and the host tree it packs. The input is a script of
 * records that build a small tree in a private temporary directory
 * (directories, files with contents, symlinks with any target, a FIFO) and
 * add command-line words: one starting with '-' is passed as it is (except
 * -o, which the target owns), any other is a source, "SRC[:PATH]", whose SRC
 * is taken inside the tree (".." components made harmless) and whose
 * archive PATH is passed as it is. mki_run then packs the tree.
 *
 * The target runs as whoever runs the fuzzer, so nothing may leave the
 * tree: objects are made with *at() calls that follow no symlink, and a
 * source that a symlink leads out of the tree (once it is complete) is
 * dropped.
 *
 * On success the archive must read cleanly with the kernel's reader and
 * with the VFS's entry parser, with names that are relative, without "..",
 * and no temporary file may be left; on failure (or after --help) there
 * must be no output. */
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <ftw.h>
#include <sys/stat.h>
#include <unistd.h>
#include "fuzz_input.h"
#include "proc/cpio.h"
#include "../../../servers/vfs/vfs_cpio.h"
#include "../../../tools/mkinitrd/mki.h"

#define MAX_WORDS 16
#define NAME_CAP 512

enum rec { REC_DIR, REC_FILE, REC_LINK, REC_FIFO, REC_WORD, REC_COUNT };

static char top[64];      /* the private directory */
static char out_path[96]; /* top/out.img */
static FILE *null_out;

static int remove_one(const char *path, const struct stat *st, int type, struct FTW *f)
{
	(void)st, (void)type, (void)f;
	return remove(path);
}

static void remove_top(void)
{
	nftw(top, remove_one, 16, FTW_DEPTH | FTW_PHYS);
}

static void setup_once(void)
{
	const char *base = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
	snprintf(top, sizeof(top), "%s/mkinitrd-fuzz-XXXXXX", base);
	FUZZ_CHECK(mkdtemp(top) != NULL, "mkdtemp");
	snprintf(out_path, sizeof(out_path), "%s/out.img", top);
	null_out = fopen("/dev/null", "w");
	FUZZ_CHECK(null_out && freopen("/dev/null", "w", stdout), "/dev/null");
	atexit(remove_top);
}

/* Rewrites ".." components of s (in place) to "__". */
static void defuse_dotdot(char *s)
{
	for (char *p = s; (p = strstr(p, "..")) != NULL; p += 2) {
		bool starts = p == s || p[-1] == '/';
		bool ends = p[2] == '\0' || p[2] == '/' || p[2] == ':';
		if (starts && ends)
			p[0] = p[1] = '_';
	}
}

struct script {
	char *words[MAX_WORDS + 4];
	char *srcs[MAX_WORDS + 4]; /* a source word's SRC part, else NULL */
	int nwords;
	bool dashdash; /* "--" was given: later words are all sources */
	bool help;     /* -h or --help was given: success without an archive */
};

/* Opens the directory that holds the last component of name (changed in
 * place), following no symlink, so that nothing is made outside the tree.
 * Returns the directory's descriptor and the last component, or -1. */
static int open_parent(char *name, const char **last)
{
	char in_dir[96];
	snprintf(in_dir, sizeof(in_dir), "%s/in", top);
	int fd = open(in_dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW);
	char *comp = name, *slash;
	while (fd >= 0 && (slash = strchr(comp, '/')) != NULL) {
		*slash = '\0';
		int next = *comp ? openat(fd, comp, O_RDONLY | O_DIRECTORY | O_NOFOLLOW) : dup(fd);
		close(fd);
		fd = next;
		comp = slash + 1;
	}
	*last = comp;
	return fd;
}

/* Makes one tree object from the record; failures (a missing parent, a
 * name taken) are part of the game and ignored. */
static void make_object(enum rec kind, struct fuzz_in *in)
{
	char name[NAME_CAP], arg[NAME_CAP];
	const char *last;
	fuzz_str(in, name, sizeof(name));
	defuse_dotdot(name);
	int dir = open_parent(name, &last), fd;
	size_t n = kind == REC_FILE || kind == REC_LINK ? fuzz_str(in, arg, sizeof(arg)) : 0;
	if (dir < 0)
		return;
	if (kind == REC_DIR) {
		mkdirat(dir, last, fuzz_u8(in) & 1 ? 0755 : 0700);
	} else if (kind == REC_FILE) {
		fd = openat(dir, last, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0644);
		if (fd >= 0) {
			FUZZ_CHECK(write(fd, arg, n) == (ssize_t)n, "write");
			close(fd);
		}
	} else if (kind == REC_LINK) {
		symlinkat(arg, dir, last);
	} else {
		mkfifoat(dir, last, 0644);
	}
	close(dir);
}

/* Whether path names nothing, or something inside the tree once every
 * symlink is followed (mkinitrd follows them in its sources). */
static bool stays_inside(const char *path)
{
	char in_dir[96], *real = realpath(path, NULL);
	snprintf(in_dir, sizeof(in_dir), "%s/in", top);
	size_t n = strlen(in_dir);
	bool ok = !real || (strncmp(real, in_dir, n) == 0 && (real[n] == '/' || !real[n]));
	free(real);
	return ok;
}

/* Adds a command-line word: an option as it is, or a source in the tree. */
static void add_word(struct script *sc, struct fuzz_in *in)
{
	char w[NAME_CAP], *word, *src;
	fuzz_str(in, w, sizeof(w));
	if (sc->nwords >= MAX_WORDS + 3 || strncmp(w, "-o", 2) == 0)
		return;
	if (w[0] == '-' && !sc->dashdash) {
		sc->help |= strcmp(w, "-h") == 0 || strcmp(w, "--help") == 0;
		sc->dashdash |= strcmp(w, "--") == 0;
		sc->srcs[sc->nwords] = NULL;
		sc->words[sc->nwords++] = strdup(w);
		return;
	}
	defuse_dotdot(w);
	char *colon = strrchr(w, ':');
	int srclen = colon ? (int)(colon - w) : (int)strlen(w);
	FUZZ_CHECK(asprintf(&word, "%s/in/%s", top, w) >= 0 &&
			   asprintf(&src, "%s/in/%.*s", top, srclen, w) >= 0, "asprintf");
	sc->srcs[sc->nwords] = src;
	sc->words[sc->nwords++] = word;
}

/* Once the tree is complete: drops each source that a symlink leads out
 * of it (as a whole word, the first source is a directory path). */
static void drop_escaping_sources(struct script *sc)
{
	int kept = 0;
	for (int i = 0; i < sc->nwords; i++) {
		if (!sc->srcs[i] || (stays_inside(sc->words[i]) && stays_inside(sc->srcs[i]))) {
			sc->srcs[kept] = sc->srcs[i];
			sc->words[kept++] = sc->words[i];
		} else {
			free(sc->words[i]);
			free(sc->srcs[i]);
		}
	}
	sc->nwords = kept;
}

/* Reads top/out.img into an exactly sized buffer; NULL if absent. */
static uint8_t *read_output(size_t *len)
{
	FILE *f = fopen(out_path, "rb");
	if (!f)
		return NULL;
	struct stat st;
	FUZZ_CHECK(fstat(fileno(f), &st) == 0, "fstat");
	*len = (size_t)st.st_size;
	uint8_t *buf = malloc(*len ? *len : 1);
	FUZZ_CHECK(fread(buf, 1, *len, f) == *len, "short read of the archive");
	fclose(f);
	return buf;
}

static int check_name(const struct cpio_entry *e, void *arg)
{
	(void)arg;
	const char *n = e->name;
	FUZZ_CHECK(e->namelen > 0 && e->namelen <= MKI_PATH_MAX && n[0] != '/',
		   "archive name \"%s\"", n);
	for (const char *p = n; (p = strstr(p, "..")) != NULL; p += 2)
		FUZZ_CHECK(!((p == n || p[-1] == '/') && (p[2] == '\0' || p[2] == '/')),
			   "archive name with ..: %s", n);
	return 0;
}

static void check_archive(void)
{
	size_t len = 0, off = 0;
	uint8_t *a = read_output(&len);
	FUZZ_CHECK(a != NULL, "mkinitrd succeeded without an archive");
	int r = cpio_iterate(a, len, check_name, NULL);
	FUZZ_CHECK(r == CPIO_OK, "kernel reader: %s", cpio_strerror(r));
	struct vfs_cpio_entry e;
	while ((r = vfs_cpio_next(a, len, &off, &e)) > 0)
		;
	FUZZ_CHECK(r == 0, "VFS reader rejects the archive at %zu", off);
	free(a);
}

/* Only "in", and "out.img" after a success, may be left in top. */
static void check_leftovers(bool success)
{
	bool out = false;
	DIR *d = opendir(top);
	FUZZ_CHECK(d != NULL, "opendir %s", top);
	struct dirent *de;
	while ((de = readdir(d)) != NULL) {
		const char *n = de->d_name;
		if (strcmp(n, "out.img") == 0)
			out = true;
		else
			FUZZ_CHECK(!strcmp(n, ".") || !strcmp(n, "..") || !strcmp(n, "in"),
				   "left behind: %s", n);
	}
	closedir(d);
	FUZZ_CHECK(out == success, "exit status %d but output %s", !success,
		   out ? "present" : "absent");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct script sc;
	char in_dir[96];
	struct fuzz_in in = fuzz_in_make(data, size);
	if (!top[0])
		setup_once();
	remove_top();
	snprintf(in_dir, sizeof(in_dir), "%s/in", top);
	FUZZ_CHECK(mkdir(top, 0700) == 0 && mkdir(in_dir, 0755) == 0, "mkdir %s", top);
	memset(&sc, 0, sizeof(sc));
	sc.words[sc.nwords++] = strdup("mkinitrd");
	sc.words[sc.nwords++] = strdup("-o");
	sc.words[sc.nwords++] = strdup(out_path);
	while (!fuzz_done(&in)) {
		enum rec kind = fuzz_u8(&in) % REC_COUNT;
		if (kind == REC_WORD)
			add_word(&sc, &in);
		else
			make_object(kind, &in);
	}
	drop_escaping_sources(&sc);
	sc.words[sc.nwords] = NULL;
	int status = mki_run(sc.nwords, sc.words, null_out);
	FUZZ_CHECK(status >= 0 && status <= 2, "exit status %d", status);
	bool packed = status == 0 && !sc.help;
	if (packed)
		check_archive();
	check_leftovers(packed);
	for (int i = 0; i < sc.nwords; i++) {
		free(sc.words[i]);
		free(sc.srcs[i]);
	}
	return 0;
}
