/*
 * output.c - print a command's result: the summary, the timeline, the plot
 */
#include <stdio.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "output.h"
#include "plot.h"
#include "swapowner.h"

/*
 * so_output - print m as ro says, with the timeline of --timeline, and
 * draw --plot
 *
 * m must have kept its samples if to asks for a timeline. Returns 0 or
 * the exit code of the error it printed.
 */
int so_output(FILE *f, struct so_model *m, struct so_render_opts *ro,
	      const struct so_time_opts *to)
{
	struct so_timeline tl;
	int ret = 0;

	if (!to->plot && !to->timeline) {
		so_render(f, m, ro);
		return 0;
	}
	if (so_timeline_build(&tl, m, to->interval_ns,
			      to->top ? to->top : SO_TIMELINE_TOP_DEFAULT)) {
		so_timeline_free(&tl);
		err_msg("out of memory\n");
		return SO_EXIT_ERROR;
	}
	ro->timeline = to->timeline ? &tl : NULL;
	so_render(f, m, ro);
	ro->timeline = NULL;
	fflush(f);
	if (to->plot) {
		ret = so_plot(&tl, to->plot);
		if (!ret && ro->format == SO_FMT_TABLE)
			fprintf(f, "\nPLOT %s\n", to->plot);
	}
	so_timeline_free(&tl);
	return ret;
}

/* Home the cursor and clear the screen (ECMA-48: CUP, ED 2) */
#define OUTPUT_REDRAW		"\033[H\033[2J"
/* Lines of a live frame besides the processes: see so_output_interval() */
#define OUTPUT_FRAME_LINES	7

/*
 * output_rows - the terminal's rows if f is a terminal, else 0
 */
static int output_rows(FILE *f)
{
	struct winsize ws;

	if (!isatty(fileno(f)))
		return 0;
	if (ioctl(fileno(f), TIOCGWINSZ, &ws) || !ws.ws_row)
		return 24;
	return ws.ws_row;
}

/*
 * so_output_interval - the table of one interval of record -i, [t0, t1]
 * s since the start
 *
 * On a terminal the screen is redrawn in place, as `rtla ... top` does:
 * the frame is a title line, a blank line and the interval's table, with
 * as many processes as fit (top, or what the rows leave when top is 0);
 * elsewhere (a file, a pipe) the tables follow each other, top processes
 * each (SO_INTERVAL_TOP_DEFAULT when 0).
 */
void so_output_interval(FILE *f, const struct so_model *m,
			const struct so_interval_delta *d, double t0,
			double t1, double every, int top)
{
	int rows = output_rows(f);

	if (rows) {
		fputs(OUTPUT_REDRAW, f);
		fprintf(f, "swapowner record: every %g s, %.3f s so far "
			"(Ctrl-C stops)\n\n", every, t1);
		if (!top)
			top = rows > OUTPUT_FRAME_LINES ?
			      rows - OUTPUT_FRAME_LINES : 1;
	} else if (!top) {
		top = SO_INTERVAL_TOP_DEFAULT;
	}
	so_render_interval(f, m, d, t0, t1, top);
	fflush(f);
}
