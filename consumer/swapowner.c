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
#include "report.h"
#include "swapowner.h"

int main(int argc, char **argv)
{
	static char prog[64];
	const char *cmd;

	while (argc > 1 && argv[1][0] == '-') {
		if (!strcmp(argv[1], "-D")) {
			so_debug = true;
		} else if (!strcmp(argv[1], "-h") ||
			   !strcmp(argv[1], "--help")) {
			cli_usage(stdout);
			return 0;
		} else {
			err_msg("unknown option '%s'\n", argv[1]);
			cli_usage(stderr);
			return SO_EXIT_USAGE;
		}
		argc--;
		argv++;
	}
	if (argc < 2) {
		cli_usage(stderr);
		return SO_EXIT_USAGE;
	}
	cmd = argv[1];
	argc--;
	argv++;
	/* getopt's messages start with argv[0]: "swapowner: COMMAND: ..." */
	snprintf(prog, sizeof(prog), "swapowner: %.32s", cmd);
	argv[0] = prog;
	if (!strcmp(cmd, "report"))
		return cmd_report(argc, argv);
	if (!strcmp(cmd, "record"))
		return cmd_record(argc, argv);
	if (!strcmp(cmd, "snapshot"))
		return cmd_snapshot(argc, argv);
	err_msg("unknown command '%s'\n", cmd);
	cli_usage(stderr);
	return SO_EXIT_USAGE;
}
