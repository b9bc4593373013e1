/*
 * cli.c - command-line helpers shared by the swapowner commands
 */
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
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

/* cli_usage_error - a command-line error: message, usage, exit 2 */
int cli_usage_error(const char *cmd_usage)
{
	fprintf(stderr, "usage: %s\n", cmd_usage);
	return SO_EXIT_USAGE;
}
