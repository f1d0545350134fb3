// SPDX-License-Identifier: MIT
/* t_stdio: musl's stdio end to end over the VFS: printf to the console and
 * to a redirected stdout, fopen modes, fputs/fprintf/fgets/fscanf/getline,
 * fwrite/fread, fseek/ftell/rewind, buffering and fflush, stream errors,
 * tmpfile(), mkstemp(), fdopen() and remove(). Works in
 * /tmp/t_stdio.<pid>. */
#include <stdlib.h>
#include "tap.h"
#include "fs_util.h"

#define NREC 1000

struct rec {
	int id;
	double value;
	char tag[12];
};

static void test_stdout(void)
{
	char buf[128];
	CHECK("printf_to_console_returns_length", printf("# stdio says %s %d\n", "hi", 42) == 19);
	CHECK("fflush_stdout_succeeds", fflush(stdout) == 0);
	CHECK("fprintf_to_stderr_returns_length", fprintf(stderr, "# t_stdio: stderr works\n") == 24);

	int saved = dup(1);
	int fd = open(fs_path("out"), O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (!CHECK("redirect_setup", saved >= 0 && fd >= 0))
		return;
	dup2(fd, 1);
	close(fd);
	int n = printf("redirected %05d|%-4s|%x\n", 42, "ab", 255);
	int fl = fflush(stdout);
	dup2(saved, 1);
	close(saved);
	CHECK("printf_to_redirected_stdout_returns_length", n == 25 && fl == 0);
	CHECK("printf_output_reaches_file", fs_read_file(fs_path("out"), buf, sizeof(buf)) == 25 &&
						    !strcmp(buf, "redirected 00042|ab  |ff\n"));
}

static void test_text_files(void)
{
	char line[128];
	FILE *f = fopen(fs_path("text"), "w");
	if (!CHECK("fopen_w_creates_file", f != NULL))
		return;
	CHECK("fputs_succeeds", fputs("first line\n", f) >= 0);
	CHECK("fprintf_returns_length", fprintf(f, "%s %d %.2f\n", "second", 2, 3.5) == 14);
	for (int i = 0; i < 100; i++)
		fprintf(f, "line %d\n", i);
	CHECK("fputc_returns_char", fputc('Z', f) == 'Z');
	CHECK("fclose_written_stream_succeeds", fclose(f) == 0);

	f = fopen(fs_path("text"), "r");
	if (!CHECK("fopen_r_existing_succeeds", f != NULL))
		return;
	CHECK("fgets_reads_first_line", fgets(line, sizeof(line), f) && !strcmp(line, "first line\n"));
	char word[16];
	int num = 0;
	double val = 0;
	CHECK("fscanf_parses_fields",
	      fscanf(f, "%15s %d %lf ", word, &num, &val) == 3 && !strcmp(word, "second") && num == 2 &&
		      val == 3.5);
	int ok = 1;
	for (int i = 0; i < 100; i++) {
		char want[32];
		snprintf(want, sizeof(want), "line %d\n", i);
		ok &= fgets(line, sizeof(line), f) != NULL && !strcmp(line, want);
	}
	CHECK("fgets_reads_many_lines_in_order", ok);
	CHECK("fgetc_reads_last_char", fgetc(f) == 'Z');
	CHECK("fgetc_at_end_returns_eof", fgetc(f) == EOF && feof(f));
	CHECK("fgets_at_end_returns_null", fgets(line, sizeof(line), f) == NULL);
	CHECK("fputs_on_read_only_stream_returns_eof", fputs("x", f) == EOF);
	CHECK("failed_write_sets_ferror", ferror(f));
	fclose(f);
}

/* Appends to the file test_text_files wrote and reads it line by line. */
static void test_append_getline(void)
{
	char line[128] = "";
	FILE *f = fopen(fs_path("text"), "a");
	CHECK("fopen_a_appends", f && fputs("tail\n", f) >= 0 && fclose(f) == 0);
	f = fopen(fs_path("text"), "r");
	char *lp = NULL;
	size_t cap = 0;
	int lines = 0;
	while (f && getline(&lp, &cap, f) > 0) {
		lines++;
		snprintf(line, sizeof(line), "%s", lp);
	}
	CHECK("getline_counts_all_lines", lines == 103);
	CHECK("appended_text_follows_old_end", !strcmp(line, "Ztail\n"));
	free(lp);
	if (f)
		fclose(f);
	CHECK_ERRNO("fopen_r_missing_gives_enoent", fopen(fs_path("missing"), "r") ? 0 : -1, ENOENT);
	CHECK_ERRNO("fopen_bad_mode_gives_einval", fopen(fs_path("text"), "q") ? 0 : -1, EINVAL);
}

static void test_binary(void)
{
	static struct rec recs[NREC], back;
	FILE *f = fopen(fs_path("bin"), "w+");
	if (!CHECK("fopen_w_plus_succeeds", f != NULL))
		return;
	for (int i = 0; i < NREC; i++) {
		recs[i].id = i;
		recs[i].value = i * 0.5;
		snprintf(recs[i].tag, sizeof(recs[i].tag), "tag%d", i);
	}
	CHECK("fwrite_returns_item_count", fwrite(recs, sizeof(recs[0]), NREC, f) == NREC);
	CHECK("ftell_after_fwrite_is_size", ftell(f) == (long)sizeof(recs));
	CHECK("fseek_to_record_succeeds", fseek(f, 500 * (long)sizeof(back), SEEK_SET) == 0);
	CHECK("fread_record_after_fseek", fread(&back, sizeof(back), 1, f) == 1 && back.id == 500 &&
						  back.value == 250.0 && !strcmp(back.tag, "tag500"));
	CHECK("ftell_after_fread_advances", ftell(f) == 501 * (long)sizeof(back));
	CHECK("fseek_cur_backwards_succeeds", fseek(f, -2 * (long)sizeof(back), SEEK_CUR) == 0 &&
						      fread(&back, sizeof(back), 1, f) == 1 &&
						      back.id == 499);
	CHECK("fseek_end_gives_size", fseek(f, 0, SEEK_END) == 0 && ftell(f) == (long)sizeof(recs));
	CHECK_ERRNO("fseek_before_start_gives_einval", fseek(f, -1, SEEK_SET), EINVAL);

	back = recs[10];
	back.id = -7;
	fseek(f, 10 * (long)sizeof(back), SEEK_SET);
	CHECK("fwrite_in_middle_overwrites", fwrite(&back, sizeof(back), 1, f) == 1);
	rewind(f);
	CHECK("rewind_resets_position", ftell(f) == 0);
	static struct rec all[NREC + 1];
	CHECK("fread_whole_file_returns_every_record", fread(all, sizeof(all[0]), NREC + 1, f) ==
							       NREC && feof(f));
	int ok = 1;
	for (int i = 0; i < NREC; i++)
		ok &= all[i].id == (i == 10 ? -7 : i) && !strcmp(all[i].tag, recs[i].tag);
	CHECK("fread_contents_match_what_was_written", ok);
	CHECK("fclose_binary_succeeds", fclose(f) == 0);
	CHECK("binary_file_has_expected_size", fs_size(fs_path("bin")) == (long long)sizeof(recs));
}

static void test_buffering(void)
{
	FILE *f = fopen(fs_path("buf"), "w");
	if (!CHECK("buffering_setup_fopen", f != NULL))
		return;
	static char big[8192];
	CHECK("setvbuf_full_succeeds", setvbuf(f, big, _IOFBF, sizeof(big)) == 0);
	fputs("pending", f);
	CHECK("fully_buffered_data_waits_for_fflush", fs_size(fs_path("buf")) == 0);
	CHECK("fflush_succeeds", fflush(f) == 0);
	CHECK("fflush_writes_pending_data", fs_size(fs_path("buf")) == 7);
	char chunk[10000];
	memset(chunk, 'c', sizeof(chunk));
	CHECK("fwrite_larger_than_buffer_succeeds", fwrite(chunk, 1, sizeof(chunk), f) ==
							    sizeof(chunk));
	CHECK("fclose_flushes_the_rest", fclose(f) == 0 && fs_size(fs_path("buf")) == 10007);
}

static void test_tmp_files(void)
{
	char line[32];
	struct stat st;
	FILE *t = tmpfile();
	if (CHECK("tmpfile_succeeds", t != NULL)) {
		CHECK("tmpfile_is_writable", fputs("scratch\n", t) >= 0 && fflush(t) == 0);
		rewind(t);
		CHECK("tmpfile_reads_back", fgets(line, sizeof(line), t) && !strcmp(line, "scratch\n"));
		CHECK("tmpfile_has_no_name", fstat(fileno(t), &st) == 0 && st.st_nlink == 0);
		CHECK("tmpfile_fclose_succeeds", fclose(t) == 0);
	}

	char a[256], b[256];
	snprintf(a, sizeof(a), "%s", fs_path("stXXXXXX"));
	snprintf(b, sizeof(b), "%s", a);
	int fa = mkstemp(a), fb = mkstemp(b);
	CHECK("mkstemp_returns_descriptors", fa >= 0 && fb >= 0);
	CHECK("mkstemp_fills_in_template", strcmp(a, fs_path("stXXXXXX")) && !strstr(a, "XXXXXX"));
	CHECK("mkstemp_names_are_unique", strcmp(a, b) != 0);
	CHECK("mkstemp_file_exists", stat(a, &st) == 0 && S_ISREG(st.st_mode) && st.st_size == 0);
	CHECK("mkstemp_file_is_private", (st.st_mode & 0777) == 0600);
	CHECK("mkstemp_fd_is_writable", write(fa, "m", 1) == 1 && fs_size(a) == 1);
	close(fa);
	close(fb);
	CHECK("remove_file_succeeds", remove(a) == 0 && remove(b) == 0);
	CHECK_ERRNO("removed_mkstemp_file_is_gone", stat(a, &st), ENOENT);
	char bad[64] = "/tmp/no_x_here";
	CHECK_ERRNO("mkstemp_without_xs_gives_einval", mkstemp(bad), EINVAL);
	mkdir(fs_path("rmdir"), 0755);
	CHECK("remove_empty_directory_succeeds", remove(fs_path("rmdir")) == 0);
}

static void test_fdopen(void)
{
	char line[32];
	fs_write_file(fs_path("fd"), "via fdopen\n");
	int fd = open(fs_path("fd"), O_RDONLY);
	FILE *f = fd >= 0 ? fdopen(fd, "r") : NULL;
	if (!CHECK("fdopen_read_succeeds", f != NULL))
		return;
	CHECK("fileno_returns_same_fd", fileno(f) == fd);
	CHECK("fgets_from_fdopen_stream", fgets(line, sizeof(line), f) && !strcmp(line, "via fdopen\n"));
	CHECK("fclose_fdopen_stream_succeeds", fclose(f) == 0);
	CHECK_ERRNO("fclose_closes_underlying_fd", fcntl(fd, F_GETFD), EBADF);

	fd = open(fs_path("fd"), O_WRONLY);
	f = fd >= 0 ? fdopen(fd, "a") : NULL;
	CHECK("fdopen_append_writes_at_end",
	      f && fputs("more\n", f) >= 0 && fclose(f) == 0 && fs_size(fs_path("fd")) == 16);
}

int main(void)
{
	tap_begin();
	if (!CHECK("stdio_create_test_dir", fs_dir_create("t_stdio") == 0))
		return tap_end("t_stdio");
	test_stdout();
	test_text_files();
	test_append_getline();
	test_binary();
	test_buffering();
	test_tmp_files();
	test_fdopen();
	CHECK("stdio_remove_test_dir", fs_dir_remove() == 0);
	return tap_end("t_stdio");
}
