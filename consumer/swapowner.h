/*
 * swapowner.h - common definitions of the swapowner consumer
 *
 * Exit codes, messages and the helpers shared by every command.
 */
#ifndef SWAPOWNER_H
#define SWAPOWNER_H

#include <stdbool.h>
#include <stddef.h>

/* Exit codes: each error class has its own (documented in README.md) */
enum so_exit {
	SO_EXIT_OK		= 0,
	SO_EXIT_ERROR		= 1,	/* any other runtime error */
	SO_EXIT_USAGE		= 2,	/* unknown option, bad argument */
	SO_EXIT_NO_TRACEFS	= 3,	/* tracefs is not mounted */
	SO_EXIT_PERM		= 4,	/* not root / permission denied */
	SO_EXIT_NO_EVENT	= 5,	/* the kernel lacks the event */
	SO_EXIT_BAD_INPUT	= 6,	/* unreadable or not a trace.dat */
	SO_EXIT_INPUT_NO_EVENT	= 7,	/* trace.dat without the event */
	SO_EXIT_BAD_FORMAT	= 8,	/* event format not understood */
	SO_EXIT_PLOT_NO_GNUPLOT	= 9,	/* gnuplot or its terminal missing */
	SO_EXIT_PLOT_FAILED	= 10,	/* gnuplot failed / wrote nothing */
	SO_EXIT_NO_CMD		= 127,	/* CMD not found / not executable */
};

#define SO_EVENT_SYSTEM	"swap"
#define SO_EVENT_NAME	"mm_swap_writepage_owner"

extern bool so_debug;

void err_msg(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void debug_msg(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int so_path_lookup(const char *cmd);
void *so_array_add(void *arrayp, size_t *nr, size_t *alloc,
		   size_t elem_size, size_t first);

#endif /* SWAPOWNER_H */
