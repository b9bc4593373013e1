/*
 * cli.c - command-line helpers shared by the swapowner commands
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "filter.h"
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
int cli_time_opt(int c, const char *arg, struct so_time_opts *to)
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
 * cli_filter_opt - handle --pid PID, --comm NAME and --cgroup PATH
 *
 * Returns 1 if c was one of them, 0 if not, -1 on a bad argument (after
 * a message).
 */
int cli_filter_opt(int c, const char *arg, struct so_filter *f)
{
	long pid;
	int ret;

	switch (c) {
	case CLI_OPT_PID:
		pid = cli_parse_int("--pid", arg);
		if (pid <= 0 || pid > INT32_MAX) {
			if (!pid)
				err_msg("--pid: '%s' is not a process id\n",
					arg);
			return -1;
		}
		ret = so_filter_add_pid(f, pid);
		break;
	case CLI_OPT_COMM:
		if (!*arg) {
			err_msg("--comm: empty name\n");
			return -1;
		}
		ret = so_filter_add_comm(f, arg);
		break;
	case CLI_OPT_CGROUP:
		ret = so_filter_add_cgroup(f, arg);
		if (ret == -ENOENT)
			return -1;
		break;
	default:
		return 0;
	}
	if (!ret)
		ret = so_filter_add_arg(f, c == CLI_OPT_PID ? "--pid" :
					c == CLI_OPT_COMM ? "--comm" :
					"--cgroup", arg);
	if (ret) {
		err_msg("out of memory\n");
		return -1;
	}
	return 1;
}

/*
 * The commands: the one place their synopses are written (the top-level
 * usage, each command's -h and usage errors print them; README.md has a
 * copy that run-cli.sh compares with `swapowner -h`).
 */
static const struct {
	const char	*name;
	const char	*options;
	const char	*what;
} cli_cmds[CLI_NR_CMDS] = {
	[CLI_RECORD] = {
		"record",
		"[-o FILE] [-b KB] [-B INSTANCE] [-d SECS] [-i SECS] "
		"[--json|--csv] [--top N] [--timeline] "
		"[--pid PID] [--comm NAME] [--cgroup PATH] "
		"[--plot FILE.svg|FILE.png] [-- CMD [ARG...]]",
		"trace swap-outs live in a private tracefs instance",
	},
	[CLI_REPORT] = {
		"report",
		"[--json|--csv] [--top N] [-i SECS] [--timeline] "
		"[--pid PID] [--comm NAME] [--cgroup PATH] "
		"[--plot FILE.svg|FILE.png] [--keep-going] [FILE...]",
		"summarise trace.dat files (default: trace.dat)",
	},
	[CLI_SNAPSHOT] = {
		"snapshot",
		"[--json|--csv] [--top N] [PID...]",
		"swap residency now, from /proc/PID/pagemap",
	},
};

/* Where the synopsis wraps */
#define CLI_WIDTH	78

/*
 * cli_synopsis - "LEAD swapowner [-D] COMMAND OPTIONS", wrapped between
 * the bracketed options, continuation lines aligned under the first one
 */
void cli_synopsis(FILE *f, const char *lead, enum cli_cmd cmd)
{
	const char *p = cli_cmds[cmd].options;
	int indent;
	int col;
	int depth;
	int len;

	indent = fprintf(f, "%sswapowner [-D] %s", lead, cli_cmds[cmd].name);
	col = indent;
	while (*p) {
		/* the next word: up to a space outside brackets */
		depth = 0;
		for (len = 0; p[len] && (depth || p[len] != ' '); len++)
			depth += (p[len] == '[') - (p[len] == ']');
		if (col > indent && col + 1 + len > CLI_WIDTH)
			col = fprintf(f, "\n%*s", indent, "") - 1;
		col += fprintf(f, " %.*s", len, p);
		p += len + (p[len] == ' ');
	}
	fputc('\n', f);
}

/* cli_usage - the synopses of every command, what they do, exit codes */
void cli_usage(FILE *f)
{
	int cmd;

	fputs("usage:\n", f);
	for (cmd = 0; cmd < CLI_NR_CMDS; cmd++)
		cli_synopsis(f, "", cmd);
	fputc('\n', f);
	for (cmd = 0; cmd < CLI_NR_CMDS; cmd++)
		fprintf(f, "  %-10s%s\n", cli_cmds[cmd].name,
			cli_cmds[cmd].what);
	fputs("  -D        debug output on stderr\n"
	      "  -h        this help; COMMAND -h: that command's\n"
	      "\n"
	      "Exit codes: 0 ok, 1 error, 2 usage, 3 no tracefs, 4 permission,\n"
	      "5 kernel without the event, 6 bad input file, 7 input without\n"
	      "the event, 8 event format not understood, 9 gnuplot or its\n"
	      "terminal missing, 10 gnuplot failed, 127 CMD not found.\n", f);
}

/*
 * cli_usage_error - a command-line error: usage on stderr, exit 2
 *
 * With c == 'h', -h was given: usage on stdout, exit 0.
 */
int cli_usage_error(enum cli_cmd cmd, int c)
{
	if (c == 'h') {
		cli_synopsis(stdout, "usage: ", cmd);
		return SO_EXIT_OK;
	}
	cli_synopsis(stderr, "usage: ", cmd);
	return SO_EXIT_USAGE;
}
