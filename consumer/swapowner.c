/*
 * swapowner.c - command line: swapowner record | report | snapshot
 *
 * Which processes are being swapped out, from the tracepoint
 * swap:mm_swap_writepage_owner, live or from trace.dat files.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "filter.h"
#include "report.h"
#include "swapowner.h"

/* cmd_report - swapowner report: summarise trace.dat files */
static int cmd_report(int argc, char **argv)
{
	static const struct option longopts[] = {
		CLI_OUTPUT_LONGOPTS,
		CLI_TIME_LONGOPTS,
		CLI_FILTER_LONGOPTS,
		{ NULL, 0, NULL, 0 },
	};
	static const char *const default_file[] = { "trace.dat" };
	struct so_time_opts to = { 0 };
	struct so_filter flt = { 0 };
	struct so_render_opts ro = { 0 };
	struct so_model m;
	int ret = 0;
	int c;
	int i;

	while ((c = getopt_long(argc, argv, "+Dhi:", longopts, NULL)) != -1) {
		ret = cli_output_opt(c, optarg, &ro);
		if (!ret)
			ret = cli_time_opt(c, optarg, &to);
		if (!ret)
			ret = cli_filter_opt(c, optarg, &flt);
		if (ret <= 0) {
			so_filter_free(&flt);
			return cli_usage_error(CLI_REPORT, c);
		}
	}
	to.top = ro.top;
	if (ro.format == SO_FMT_TABLE && !ro.top)
		ro.top = SO_TOP_DEFAULT;
	if (optind < argc) {
		ro.sources = (const char *const *)argv + optind;
		ro.nr_sources = argc - optind;
	} else {
		ro.sources = default_file;
		ro.nr_sources = 1;
	}

	so_model_init(&m, 0);
	m.keep_samples = to.plot || to.timeline;
	m.filter = &flt;
	so_report_guard();
	for (i = 0; i < ro.nr_sources; i++) {
		ret = so_report_file(&m, ro.sources[i]);
		if (ret)
			goto out;
	}
	/* the cgroups --cgroup found here, named */
	so_model_name_cgroups(&m, so_filter_cgroup_path, &flt);
	ret = so_output(stdout, &m, &ro, &to);
out:
	so_model_free(&m);
	so_filter_free(&flt);
	return ret;
}

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
