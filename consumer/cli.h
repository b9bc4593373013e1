/*
 * cli.h - command-line helpers shared by the swapowner commands
 */
#ifndef SWAPOWNER_CLI_H
#define SWAPOWNER_CLI_H

#include <stdbool.h>
#include <stdint.h>

#include "output.h"

/* Long-only options */
enum {
	CLI_OPT_JSON = 0x100,
	CLI_OPT_CSV,
	CLI_OPT_TOP,
	CLI_OPT_PLOT,
	CLI_OPT_TIMELINE,
	CLI_OPT_PID,
	CLI_OPT_COMM,
	CLI_OPT_CGROUP,
};

#define CLI_OUTPUT_LONGOPTS					\
	{ "json", no_argument, NULL, CLI_OPT_JSON },		\
	{ "csv", no_argument, NULL, CLI_OPT_CSV },		\
	{ "top", required_argument, NULL, CLI_OPT_TOP }

/* record and report: -i, --plot, --timeline */
#define CLI_TIME_LONGOPTS					\
	{ "plot", required_argument, NULL, CLI_OPT_PLOT },	\
	{ "timeline", no_argument, NULL, CLI_OPT_TIMELINE }

/* record and report: --pid, --comm, --cgroup */
#define CLI_FILTER_LONGOPTS					\
	{ "pid", required_argument, NULL, CLI_OPT_PID },	\
	{ "comm", required_argument, NULL, CLI_OPT_COMM },	\
	{ "cgroup", required_argument, NULL, CLI_OPT_CGROUP }

struct so_filter;

long cli_parse_int(const char *opt, const char *arg);
int cli_output_opt(int c, const char *arg, struct so_render_opts *ro);
enum cli_cmd {
	CLI_RECORD,
	CLI_REPORT,
	CLI_SNAPSHOT,
	CLI_NR_CMDS,
};

void cli_synopsis(FILE *f, const char *lead, enum cli_cmd cmd);
void cli_usage(FILE *f);
int cli_usage_error(enum cli_cmd cmd, int c);
int cli_time_opt(int c, const char *arg, struct so_time_opts *to);
int cli_filter_opt(int c, const char *arg, struct so_filter *f);

int cmd_record(int argc, char **argv);
int cmd_snapshot(int argc, char **argv);

#endif /* SWAPOWNER_CLI_H */
