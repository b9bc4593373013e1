/*
 * cli.h - command-line helpers shared by the swapowner commands
 */
#ifndef SWAPOWNER_CLI_H
#define SWAPOWNER_CLI_H

#include "render.h"

/* Long-only options */
enum {
	CLI_OPT_JSON = 0x100,
	CLI_OPT_CSV,
	CLI_OPT_TOP,
};

#define CLI_OUTPUT_LONGOPTS					\
	{ "json", no_argument, NULL, CLI_OPT_JSON },		\
	{ "csv", no_argument, NULL, CLI_OPT_CSV },		\
	{ "top", required_argument, NULL, CLI_OPT_TOP }

long cli_parse_int(const char *opt, const char *arg);
int cli_output_opt(int c, const char *arg, struct so_render_opts *ro);
int cli_usage_error(const char *cmd_usage);

int cmd_record(int argc, char **argv);
int cmd_snapshot(int argc, char **argv);

#endif /* SWAPOWNER_CLI_H */
