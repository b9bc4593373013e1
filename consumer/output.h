/*
 * output.h - print a command's result: the summary, the timeline, the plot
 */
#ifndef SWAPOWNER_OUTPUT_H
#define SWAPOWNER_OUTPUT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "render.h"

/* -i SECS, --timeline, --plot FILE (record and report) */
struct so_time_opts {
	const char	*plot;		/* --plot FILE */
	uint64_t	interval_ns;	/* -i, 0 = none */
	bool		timeline;	/* --timeline */
	int		top;		/* --top as given, 0 = not given */
};

int so_output(FILE *f, struct so_model *m, struct so_render_opts *ro,
	      const struct so_time_opts *to);
void so_output_interval(FILE *f, const struct so_model *m,
			const struct so_interval_delta *d, double t0,
			double t1, double every, int top);

#endif /* SWAPOWNER_OUTPUT_H */
