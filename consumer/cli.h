/*
 * cli.h - command-line helpers shared by the swapowner commands
 */
#ifndef SWAPOWNER_CLI_H
#define SWAPOWNER_CLI_H

#include <stdbool.h>
#include <stdint.h>

#include "render.h"

/* Long-only options */
enum {
	CLI_OPT_JSON = 0x100,
	CLI_OPT_CSV,
	CLI_OPT_TOP,
	CLI_OPT_PLOT,
	CLI_OPT_TIMELINE,
};

#define CLI_OUTPUT_LONGOPTS					\
	{ "json", no_argument, NULL, CLI_OPT_JSON },		\
	{ "csv", no_argument, NULL, CLI_OPT_CSV },		\
	{ "top", required_argument, NULL, CLI_OPT_TOP }

/* record and report: -i, --plot, --timeline */
#define CLI_TIME_LONGOPTS					\
	{ "plot", required_argument, NULL, CLI_OPT_PLOT },	\
	{ "timeline", no_argument, NULL, CLI_OPT_TIMELINE }

struct cli_time_opts {
	const char	*plot;		/* --plot FILE */
	uint64_t	interval_ns;	/* -i, 0 = none */
	bool		timeline;	/* --timeline */
	int		top;		/* --top as given, 0 = not given */
};

long cli_parse_int(const char *opt, const char *arg);
int cli_output_opt(int c, const char *arg, struct so_render_opts *ro);
int cli_usage_error(const char *cmd_usage);
int cli_time_opt(int c, const char *arg, struct cli_time_opts *to);
int cli_output(FILE *f, struct so_model *m, struct so_render_opts *ro,
	       const struct cli_time_opts *to);
int cli_lookup(const char *cmd);

int cmd_record(int argc, char **argv);
int cmd_snapshot(int argc, char **argv);

#endif /* SWAPOWNER_CLI_H */
