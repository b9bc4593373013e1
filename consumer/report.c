/*
 * report.c - swapowner report: summarise trace.dat files
 *
 * Each file is read in a child process (isolate.c), so that a crash of
 * the trace libraries on a corrupt file is an error about that file;
 * nothing is printed before every file was read.
 */
#include <getopt.h>
#include <stdio.h>

#include "cli.h"
#include "filter.h"
#include "isolate.h"
#include "report.h"
#include "swapowner.h"
#include "tracedat.h"

/*
 * so_report_file - add the events of one trace.dat to the model
 *
 * Damage the libraries noticed (or a crash of theirs) is fatal unless
 * keep_going: then it is counted in the model's input_errors and reading
 * goes on. Returns SO_EXIT_OK or the exit code of the error it printed.
 */
int so_report_file(struct so_model *m, const char *path, bool keep_going)
{
	struct so_input_errors errs = { 0 };
	int ret;

	ret = so_isolate_read(so_tracedat_read, path, m, &errs);
	if (ret || !errs.count)
		return ret;
	if (!keep_going) {
		err_msg("%s: corrupt trace.dat: %s (--keep-going counts it "
			"and goes on)\n", path, errs.first);
		return SO_EXIT_BAD_INPUT;
	}
	err_msg("%s: %llu input error%s, counted in input_errors (first: "
		"%s)\n", path, (unsigned long long)errs.count,
		errs.count > 1 ? "s" : "", errs.first);
	return 0;
}

/* cmd_report - swapowner report: summarise trace.dat files */
int cmd_report(int argc, char **argv)
{
	enum { OPT_KEEP_GOING = 0x200 };
	static const struct option longopts[] = {
		CLI_OUTPUT_LONGOPTS,
		CLI_TIME_LONGOPTS,
		CLI_FILTER_LONGOPTS,
		{ "keep-going", no_argument, NULL, OPT_KEEP_GOING },
		{ NULL, 0, NULL, 0 },
	};
	static const char *const default_file[] = { "trace.dat" };
	struct so_time_opts to = { 0 };
	struct so_filter flt = { 0 };
	struct so_render_opts ro = { 0 };
	bool keep_going = false;
	struct so_model m;
	int ret = 0;
	int c;
	int i;

	while ((c = getopt_long(argc, argv, "+Dhi:", longopts, NULL)) != -1) {
		if (c == OPT_KEEP_GOING) {
			keep_going = true;
			continue;
		}
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
	/* before reading: the reader child filters with it */
	m.filter = &flt;
	for (i = 0; i < ro.nr_sources; i++) {
		ret = so_report_file(&m, ro.sources[i], keep_going);
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
