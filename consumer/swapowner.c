/*
 * swapowner.c - command line: swapowner record | report | snapshot
 *
 * Which processes are being swapped out, from the tracepoint
 * swap:mm_swap_writepage_owner, live or from trace.dat files.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "render.h"
#include "report.h"
#include "swapowner.h"

static void usage(FILE *f)
{
	fprintf(f,
		"usage: swapowner [-D] COMMAND [OPTIONS]\n"
		"\n"
		"  record [-o FILE] [-b KB] [-B INSTANCE] [-d SECS] [-i SECS]\n"
		"         [--json|--csv] [--top N] [--timeline] [--plot FILE]\n"
		"         [-- CMD [ARG...]]\n"
		"          trace swap-outs live in a private tracefs instance;\n"
		"          -i prints a table of every interval of SECS\n"
		"  report [--json|--csv] [--top N] [-i SECS] [--timeline]\n"
		"         [--plot FILE.svg|FILE.png] [--keep-going] [FILE...]\n"
		"          summarise trace.dat files (default: trace.dat)\n"
		"  snapshot [--json|--csv] [--top N] [PID...]\n"
		"          swap residency now, from /proc/PID/pagemap\n"
		"\n"
		"  -D      debug output on stderr\n"
		"  -h      this help\n"
		"\n"
		"Exit codes: 0 ok, 1 error, 2 usage, 3 no tracefs, 4 permission,\n"
		"5 kernel without the event, 6 bad input file, 7 input without\n"
		"the event, 8 event format not understood, 9 gnuplot or its\n"
		"terminal missing, 10 gnuplot failed, 127 CMD not found.\n");
}

int main(int argc, char **argv)
{
	const char *cmd;

	while (argc > 1 && argv[1][0] == '-') {
		if (!strcmp(argv[1], "-D")) {
			so_debug = true;
		} else if (!strcmp(argv[1], "-h") ||
			   !strcmp(argv[1], "--help")) {
			usage(stdout);
			return 0;
		} else {
			err_msg("unknown option '%s'\n", argv[1]);
			usage(stderr);
			return SO_EXIT_USAGE;
		}
		argc--;
		argv++;
	}
	if (argc < 2) {
		usage(stderr);
		return SO_EXIT_USAGE;
	}
	cmd = argv[1];
	argc--;
	argv++;
	if (!strcmp(cmd, "report"))
		return cmd_report(argc, argv);
	if (!strcmp(cmd, "record"))
		return cmd_record(argc, argv);
	if (!strcmp(cmd, "snapshot"))
		return cmd_snapshot(argc, argv);
	err_msg("unknown command '%s'\n", cmd);
	usage(stderr);
	return SO_EXIT_USAGE;
}
