/*
 * plot.h - draw the timeline with gnuplot (--plot FILE.svg|FILE.png)
 */
#ifndef SWAPOWNER_PLOT_H
#define SWAPOWNER_PLOT_H

#include <stddef.h>
#include <stdio.h>

#include "timeline.h"

int so_plot_check_path(const char *path);
int so_plot(const struct so_timeline *tl, const char *path);
int so_plot_script(FILE *f, const struct so_timeline *tl, const char *term,
		   const char *data, const char *path);
unsigned int so_plot_colour(size_t s);

#endif /* SWAPOWNER_PLOT_H */
