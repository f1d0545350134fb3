// SPDX-License-Identifier: MIT
/* mki_write: streams a finished entry list into a newc archive. The
 * archive goes to a temporary file next to the output that is renamed into
 * place only when complete, so a failure never leaves a partial image. */
#include "mki.h"
#include "cpio_write.h"
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define TMP_SUFFIX ".tmp.XXXXXX"

/* Copies host file e->src into the archive as entry e. */
static int write_file(struct mki_tree *t, struct cpio_out *o,
		      const struct mki_entry *e, const char *out)
{
	static char buf[1 << 16];
	struct stat st;
	FILE *in = fopen(e->src, "rb");
	if (!in)
		return mki_fail(t, "%s: cannot read: %s", e->src, strerror(errno));
	int r = 0;
	if (fstat(fileno(in), &st) != 0 || !S_ISREG(st.st_mode))
		r = mki_fail(t, "%s: no longer a regular file", e->src);
	else if ((uint64_t)st.st_size > CPIO_OUT_MAX_SIZE)
		r = mki_fail(t, "%s: larger than 4 GiB", e->src);
	else if (cpio_out_header(o, e->path, e->mode, (uint64_t)st.st_size))
		r = mki_fail(t, "%s: write error: %s", out, strerror(errno));
	for (uint64_t left = (uint64_t)st.st_size; r == 0 && left > 0;) {
		size_t n = fread(buf, 1, left < sizeof(buf) ? left : sizeof(buf), in);
		if (n == 0)
			r = mki_fail(t, "%s: %s", e->src, ferror(in) ? "read error" :
				     "file shrank while being read");
		else if (cpio_out_data(o, buf, n))
			r = mki_fail(t, "%s: write error: %s", out, strerror(errno));
		left -= n;
	}
	if (r == 0 && fgetc(in) != EOF)
		r = mki_fail(t, "%s: file grew while being read", e->src);
	if (r == 0 && cpio_out_pad(o))
		r = mki_fail(t, "%s: write error: %s", out, strerror(errno));
	fclose(in);
	return r;
}

/* Writes every entry of t and the trailer to fp. */
static int write_all(struct mki_tree *t, FILE *fp, const char *out)
{
	struct cpio_out o;
	cpio_out_init(&o, fp);
	for (size_t i = 0; i < t->n; i++) {
		const struct mki_entry *e = &t->v[i];
		int r;
		if (S_ISREG(e->mode))
			r = write_file(t, &o, e, out);
		else if (S_ISLNK(e->mode))
			r = cpio_out_entry(&o, e->path, e->mode, e->target, strlen(e->target))
				    ? mki_fail(t, "%s: write error: %s", out, strerror(errno)) : 0;
		else
			r = cpio_out_entry(&o, e->path, e->mode, NULL, 0)
				    ? mki_fail(t, "%s: write error: %s", out, strerror(errno)) : 0;
		if (r)
			return r;
	}
	if (cpio_out_trailer(&o) || fflush(fp) != 0)
		return mki_fail(t, "%s: write error: %s", out, strerror(errno));
	return 0;
}

/* Creates the temporary file for out; stores its name in *tmp_out. */
static FILE *open_temp(struct mki_tree *t, const char *out, char **tmp_out)
{
	char *tmp = malloc(strlen(out) + sizeof(TMP_SUFFIX));
	if (!tmp) {
		mki_fail(t, "out of memory");
		return NULL;
	}
	strcpy(tmp, out);
	strcat(tmp, TMP_SUFFIX);
	int fd = mkstemp(tmp);
	FILE *fp = fd >= 0 ? fdopen(fd, "wb") : NULL;
	if (!fp) {
		mki_fail(t, "%s: cannot create: %s", out, strerror(errno));
		if (fd >= 0) {
			close(fd);
			unlink(tmp);
		}
		free(tmp);
		return NULL;
	}
	fchmod(fd, 0644);
	*tmp_out = tmp;
	return fp;
}

int mki_write(struct mki_tree *t, const char *out_path)
{
	struct stat st;
	char *tmp;
	if (mki_finish(t))
		return -1;
	if (lstat(out_path, &st) == 0 && !S_ISREG(st.st_mode))
		return mki_fail(t, "%s: exists and is not a regular file", out_path);
	FILE *fp = open_temp(t, out_path, &tmp);
	if (!fp)
		return -1;
	int r = write_all(t, fp, out_path);
	if (fclose(fp) != 0 && r == 0)
		r = mki_fail(t, "%s: write error: %s", out_path, strerror(errno));
	if (r == 0 && rename(tmp, out_path) != 0)
		r = mki_fail(t, "%s: cannot rename %s into place: %s", out_path, tmp,
			     strerror(errno));
	if (r)
		unlink(tmp);
	free(tmp);
	return r;
}
