/*
 * cli.c - command-line helpers shared by the swapowner commands
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "plot.h"
#include "swapowner.h"

/*
 * cli_parse_int - parse a non-negative decimal argument of option opt
 *
 * Returns the value, or -1 after a message.
 */
long cli_parse_int(const char *opt, const char *arg)
{
	char *end;
	long val;

	val = strtol(arg, &end, 10);
	if (!*arg || *end || val < 0) {
		err_msg("%s: '%s' is not a non-negative number\n", opt, arg);
		return -1;
	}
	return val;
}

/*
 * cli_output_opt - handle the output options shared by every command
 *
 * Returns 1 if c was one of them, 0 if not, -1 on a bad argument.
 */
int cli_output_opt(int c, const char *arg, struct so_render_opts *ro)
{
	long n;

	switch (c) {
	case CLI_OPT_JSON:
		ro->format = SO_FMT_JSON;
		return 1;
	case CLI_OPT_CSV:
		ro->format = SO_FMT_CSV;
		return 1;
	case CLI_OPT_TOP:
		n = cli_parse_int("--top", arg);
		if (n < 0 || n > 1000000)
			return -1;
		ro->top = n;
		return 1;
	case 'D':
		so_debug = true;
		return 1;
	}
	return 0;
}

/*
 * cli_time_opt - handle -i SECS, --plot FILE and --timeline
 *
 * Returns 1 if c was one of them, 0 if not, -1 on a bad argument.
 */
int cli_time_opt(int c, const char *arg, struct cli_time_opts *to)
{
	char *end;
	double secs;

	switch (c) {
	case 'i':
		secs = strtod(arg, &end);
		if (!*arg || *end || !(secs >= 0.001 && secs <= 86400)) {
			err_msg("-i: '%s' is not a number of seconds between "
				"0.001 and 86400\n", arg);
			return -1;
		}
		to->interval_ns = (uint64_t)(secs * 1e9 + 0.5);
		return 1;
	case CLI_OPT_PLOT:
		if (so_plot_check_path(arg))
			return -1;
		to->plot = arg;
		return 1;
	case CLI_OPT_TIMELINE:
		to->timeline = true;
		return 1;
	}
	return 0;
}

/*
 * cli_output - print m as ro says, with the timeline of --timeline, and
 * draw --plot
 *
 * m must have kept its samples if to asks for a timeline. Returns 0 or
 * the exit code of the error it printed.
 */
int cli_output(FILE *f, struct so_model *m, struct so_render_opts *ro,
	       const struct cli_time_opts *to)
{
	struct so_timeline tl;
	int ret = 0;

	if (!to->plot && !to->timeline) {
		so_render(f, m, ro);
		return 0;
	}
	if (so_timeline_build(&tl, m, to->interval_ns,
			      to->top ? to->top : SO_TIMELINE_TOP_DEFAULT)) {
		so_timeline_free(&tl);
		err_msg("out of memory\n");
		return SO_EXIT_ERROR;
	}
	ro->timeline = to->timeline ? &tl : NULL;
	so_render(f, m, ro);
	ro->timeline = NULL;
	fflush(f);
	if (to->plot) {
		ret = so_plot(&tl, to->plot);
		if (!ret && ro->format == SO_FMT_TABLE)
			fprintf(f, "\nPLOT %s\n", to->plot);
	}
	so_timeline_free(&tl);
	return ret;
}

/* cli_usage_error - a command-line error: message, usage, exit 2 */
int cli_usage_error(const char *cmd_usage)
{
	fprintf(stderr, "usage: %s\n", cmd_usage);
	return SO_EXIT_USAGE;
}

/*
 * cli_lookup - is cmd an executable, directly or in $PATH?
 *
 * Returns 0 or the errno that execvp() would meet.
 */
int cli_lookup(const char *cmd)
{
	const char *path = getenv("PATH");
	char buf[4096];
	const char *p;
	size_t len;
	int err = ENOENT;

	if (strchr(cmd, '/'))
		return access(cmd, X_OK) ? errno : 0;
	if (!path)
		path = "/usr/local/bin:/usr/bin:/bin";
	for (p = path; *p; p += len + (p[len] == ':')) {
		len = strcspn(p, ":");
		if (snprintf(buf, sizeof(buf), "%.*s/%s", (int)len, p, cmd) >=
		    (int)sizeof(buf))
			continue;
		if (!access(buf, X_OK))
			return 0;
		if (errno == EACCES)
			err = EACCES;
		if (!p[len])
			break;
	}
	return err;
}
