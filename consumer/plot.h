/*
 * plot.h - draw the timeline with gnuplot (--plot FILE.svg|FILE.png)
 */
#ifndef SWAPOWNER_PLOT_H
#define SWAPOWNER_PLOT_H

#include "timeline.h"

int so_plot_check_path(const char *path);
int so_plot(const struct so_timeline *tl, const char *path);

#endif /* SWAPOWNER_PLOT_H */
