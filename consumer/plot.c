/*
 * plot.c - draw the timeline with gnuplot (--plot FILE.svg|FILE.png)
 *
 * The data go to a temporary file, a generated script draws them as
 * stacked boxes (one per bucket, top processes at the bottom, "other" on
 * top, each series in its own colour) with the total (each page once) as
 * a line over them, and gnuplot runs it. The plot counts only if gnuplot
 * exits 0 and the output file is there and not empty.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "plot.h"
#include "swapowner.h"

#define PLOT_GNUPLOT	"gnuplot"

/* plot_ext - the file type of path: "svg", "png" or NULL */
static const char *plot_ext(const char *path)
{
	const char *dot = strrchr(path, '.');

	if (!dot || strchr(dot, '/'))
		return NULL;
	if (!strcasecmp(dot, ".svg"))
		return "svg";
	if (!strcasecmp(dot, ".png"))
		return "png";
	return NULL;
}

/* so_plot_check_path - --plot FILE: SO_EXIT_USAGE unless .svg or .png */
int so_plot_check_path(const char *path)
{
	if (plot_ext(path))
		return 0;
	err_msg("--plot: '%s' must end in .svg or .png\n", path);
	return SO_EXIT_USAGE;
}

/*
 * plot_terminal - the gnuplot terminal for type ("svg" or "png")
 *
 * Asks gnuplot which terminals it has: pngcairo is preferred over png.
 * Returns NULL after a message if none fits.
 */
static const char *plot_terminal(const char *type)
{
	bool has_pngcairo = false;
	bool has_png = false;
	bool has_svg = false;
	char line[256];
	char name[64];
	FILE *p;

	p = popen(PLOT_GNUPLOT " -e 'set terminal' 2>&1", "r");
	if (!p)
		return NULL;
	while (fgets(line, sizeof(line), p)) {
		if (sscanf(line, " %63s", name) != 1)
			continue;
		has_svg |= !strcmp(name, "svg");
		has_png |= !strcmp(name, "png");
		has_pngcairo |= !strcmp(name, "pngcairo");
	}
	pclose(p);
	if (!strcmp(type, "svg")) {
		if (has_svg)
			return "svg";
		err_msg("--plot: gnuplot has no svg terminal (apt-get install "
			"gnuplot-nox)\n");
		return NULL;
	}
	if (has_pngcairo)
		return "pngcairo";
	if (has_png)
		return "png";
	err_msg("--plot: gnuplot has neither the pngcairo nor the png "
		"terminal (apt-get install gnuplot-nox, or plot to FILE.svg)\n");
	return NULL;
}

/* plot_str - s as a single-quoted gnuplot string, printable bytes only */
static void plot_str(FILE *f, const char *s)
{
	fputc('\'', f);
	for (; *s; s++) {
		if (*s == '\'')
			fputs("''", f);
		else if ((unsigned char)*s < 0x20 || *s == 0x7f)
			fputc('?', f);
		else
			fputc(*s, f);
	}
	fputc('\'', f);
}

/*
 * plot_write_data - one line per bucket: the bucket's middle in seconds
 * since the first event, 0, the cumulative pages of series 0, 0..1, ...,
 * 0..other (so that series s is a box from column s + 2 to s + 3), then
 * the bucket's total (each page once)
 */
static int plot_write_data(FILE *f, const struct so_timeline *tl)
{
	unsigned long long sum;
	size_t b;
	size_t s;

	for (b = 0; b < tl->nr_buckets; b++) {
		fprintf(f, "%.9f 0", (b + 0.5) * tl->bucket / 1e9);
		sum = 0;
		for (s = 0; s <= tl->nr_procs; s++) {
			sum += so_timeline_pages(tl, b, s);
			fprintf(f, " %llu", sum);
		}
		fprintf(f, " %llu\n", (unsigned long long)tl->total[b]);
	}
	return fflush(f) || ferror(f) ? -EIO : 0;
}

/*
 * The series' colours: a palette told apart easily (Tableau's, without
 * its greys), then generated ones; "other" is grey, the total black.
 * Every palette entry, grey and black has an even blue byte, every
 * generated colour an odd one, and the generated ones are a bijection of
 * the series number (times an odd number modulo 2^23), so no two series
 * ever share a colour.
 */
static const unsigned int plot_palette[] = {
	0x1f77b4, 0xff7f0e, 0x2ca02c, 0xd62728, 0x9467bc, 0x8c564a,
	0xe377c2, 0xbcbd22, 0x17bece, 0xaec7e8, 0xffbb78, 0x98df8a,
	0xff9896, 0xc5b0d4, 0xc49c94, 0xf7b6d2, 0xdbdb8c, 0x9edae4,
};
#define PLOT_NR_PALETTE	(sizeof(plot_palette) / sizeof(plot_palette[0]))
#define PLOT_OTHER	0xa0a0a0
#define PLOT_TOTAL	0x000000

/* so_plot_colour - the RGB colour of series s (0 = the top process) */
unsigned int so_plot_colour(size_t s)
{
	if (s < PLOT_NR_PALETTE)
		return plot_palette[s];
	return ((s * 0x5bd1e9) & 0x7fffff) << 1 | 1;
}

/* plot_box - series s as boxes from its column to the next one */
static void plot_box(FILE *f, const char *data, size_t s, unsigned int rgb,
		     const char *title)
{
	plot_str(f, data);
	fprintf(f, " using 1:%zu:($1-hw):($1+hw):%zu:%zu with boxxyerror "
		"lc rgb '#%06x' title ", s + 3, s + 2, s + 3, rgb);
	plot_str(f, title);
	fputs(", \\\n     ", f);
}

/*
 * so_plot_script - the gnuplot script drawing the data file data (written
 * by plot_write_data()) into path with terminal term
 *
 * Each series is a stack of boxes from the series below it to its own
 * top, the top process at the bottom; the key lists them in that order,
 * then "other", then the total's line. Returns 0 or -EIO.
 */
int so_plot_script(FILE *f, const struct so_timeline *tl, const char *term,
		   const char *data, const char *path)
{
	char label[SO_COMM_LEN + 32];
	size_t s;

	fprintf(f, "set terminal %s size 1000,500 noenhanced\n", term);
	fputs("set output ", f);
	plot_str(f, path);
	fprintf(f, "\nset title 'pages swapped out per process (stacked; "
		"buckets of %.6f s)'\n", tl->bucket / 1e9);
	fprintf(f, "set xlabel 'seconds since the first event (at %.6f s)'\n",
		tl->start / 1e9);
	fputs("set ylabel 'pages (a page shared by several processes counts "
	      "for each)'\nset yrange [0:*]\nset xrange [0:*]\n"
	      "set style fill solid 0.85 border -1\n"
	      "set key outside right top Left reverse\n", f);
	fprintf(f, "hw = %.9f\n", tl->bucket / 2e9);
	fputs("plot ", f);
	for (s = 0; s < tl->nr_procs; s++) {
		snprintf(label, sizeof(label), "%s [%d]",
			 tl->procs[s]->comm[0] ? tl->procs[s]->comm : "<...>",
			 tl->procs[s]->tgid);
		plot_box(f, data, s, so_plot_colour(s), label);
	}
	plot_box(f, data, tl->nr_procs, PLOT_OTHER, "other");
	plot_str(f, data);
	fprintf(f, " using 1:%zu with lines lw 2 lc rgb '#%06x' title "
		"'total (each page once)'\n", tl->nr_procs + 4, PLOT_TOTAL);
	return fflush(f) || ferror(f) ? -EIO : 0;
}

/* plot_tmp - a temporary file named prefix-XXXXXX.suffix in $TMPDIR */
static FILE *plot_tmp(char *path, size_t size, const char *suffix)
{
	const char *dir = getenv("TMPDIR");
	FILE *f;
	int fd;

	snprintf(path, size, "%s/swapowner-plot-XXXXXX%s",
		 dir && *dir ? dir : "/tmp", suffix);
	fd = mkstemps(path, strlen(suffix));
	if (fd < 0) {
		path[0] = '\0';
		return NULL;
	}
	f = fdopen(fd, "w");
	if (!f)
		close(fd);
	return f;
}

/* plot_last_line - the last non-empty line of file, for the message */
static void plot_last_line(const char *file, char *buf, size_t size)
{
	char line[512];
	FILE *f;

	buf[0] = '\0';
	f = fopen(file, "r");
	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\n")] = '\0';
		if (line[strspn(line, " \t^")])
			snprintf(buf, size, "%s", line + strspn(line, " \t"));
	}
	fclose(f);
}

/*
 * plot_run - run gnuplot on script, its output into errfile
 *
 * Returns 0, SO_EXIT_PLOT_NO_GNUPLOT or SO_EXIT_PLOT_FAILED (after a
 * message).
 */
static int plot_run(const char *script, const char *errfile)
{
	char msg[512];
	int status;
	pid_t pid;
	int fd;

	pid = fork();
	if (pid < 0) {
		err_msg("--plot: fork: %s\n", strerror(errno));
		return SO_EXIT_PLOT_FAILED;
	}
	if (!pid) {
		fd = open(errfile, O_WRONLY | O_TRUNC | O_CLOEXEC);
		if (fd < 0 || dup2(fd, 1) < 0 || dup2(fd, 2) < 0)
			_exit(126);
		execlp(PLOT_GNUPLOT, PLOT_GNUPLOT, script, (char *)NULL);
		_exit(127);
	}
	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR) {
			err_msg("--plot: waitpid: %s\n", strerror(errno));
			return SO_EXIT_PLOT_FAILED;
		}
	}
	if (WIFEXITED(status) && !WEXITSTATUS(status))
		return 0;
	plot_last_line(errfile, msg, sizeof(msg));
	if (WIFSIGNALED(status))
		err_msg("--plot: gnuplot killed by signal %d%s%s\n",
			WTERMSIG(status), *msg ? ": " : "", msg);
	else
		err_msg("--plot: gnuplot failed (exit %d)%s%s\n",
			WEXITSTATUS(status), *msg ? ": " : "", msg);
	return SO_EXIT_PLOT_FAILED;
}

/*
 * so_plot - draw tl into path (.svg or .png) with gnuplot
 *
 * Returns 0, or after a message SO_EXIT_USAGE (bad file name),
 * SO_EXIT_PLOT_NO_GNUPLOT (gnuplot or its terminal missing) or
 * SO_EXIT_PLOT_FAILED (gnuplot failed, or no output).
 */
int so_plot(const struct so_timeline *tl, const char *path)
{
	char script[4096] = "";
	char errfile[4096] = "";
	char data[4096] = "";
	const char *term;
	struct stat st;
	FILE *f = NULL;
	int ret;

	ret = so_plot_check_path(path);
	if (ret)
		return ret;
	if (so_path_lookup(PLOT_GNUPLOT)) {
		err_msg("--plot: gnuplot not found (apt-get install "
			"gnuplot-nox)\n");
		return SO_EXIT_PLOT_NO_GNUPLOT;
	}
	term = plot_terminal(plot_ext(path));
	if (!term)
		return SO_EXIT_PLOT_NO_GNUPLOT;

	ret = SO_EXIT_PLOT_FAILED;
	f = plot_tmp(data, sizeof(data), ".dat");
	if (!f || plot_write_data(f, tl))
		goto tmp_error;
	fclose(f);
	f = plot_tmp(script, sizeof(script), ".gp");
	if (!f || so_plot_script(f, tl, term, data, path))
		goto tmp_error;
	fclose(f);
	f = plot_tmp(errfile, sizeof(errfile), ".log");
	if (!f)
		goto tmp_error;
	fclose(f);
	f = NULL;

	/* an old file must not pass for the new plot */
	if (!stat(path, &st) && S_ISREG(st.st_mode))
		unlink(path);
	debug_msg("plot: gnuplot %s (data %s, terminal %s)\n", script, data,
		  term);
	ret = plot_run(script, errfile);
	if (!ret && (stat(path, &st) || !st.st_size)) {
		err_msg("--plot: gnuplot did not write %s\n", path);
		ret = SO_EXIT_PLOT_FAILED;
	}
	goto out;

tmp_error:
	err_msg("--plot: cannot write a temporary file: %s\n",
		strerror(errno ? errno : EIO));
out:
	if (f)
		fclose(f);
	if (!so_debug) {
		if (*data)
			unlink(data);
		if (*script)
			unlink(script);
	}
	if (*errfile)
		unlink(errfile);
	return ret;
}
