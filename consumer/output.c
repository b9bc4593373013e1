/*
 * output.c - print a command's result: the summary, the timeline, the plot
 */
#include <stdio.h>

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
