/*
 * render.h - print the data model: table, JSON, CSV
 *
 * The JSON and CSV layouts are an interface; README.md documents them.
 */
#ifndef SWAPOWNER_RENDER_H
#define SWAPOWNER_RENDER_H

#include <stdio.h>

#include "interval.h"
#include "model.h"
#include "timeline.h"

struct so_snap;

enum so_format {
	SO_FMT_TABLE,
	SO_FMT_JSON,
	SO_FMT_CSV,
};

/* Version of the JSON document ("version" key) */
#define SO_JSON_VERSION	1

/* Processes in the table when --top is not given */
#define SO_TOP_DEFAULT	20
/* Processes in each table of record -i when --top is not given */
#define SO_INTERVAL_TOP_DEFAULT	10

struct so_render_opts {
	const char *const	*sources;	/* input files, or NULL */
	int			nr_sources;
	int			top;		/* max processes, 0 = all */
	enum so_format		format;
	/* --timeline: printed too (CSV: instead of the processes) */
	const struct so_timeline *timeline;
};

void so_render(FILE *f, const struct so_model *m,
	       const struct so_render_opts *opts);
void so_render_table(FILE *f, const struct so_model *m,
		     const struct so_render_opts *opts);
void so_render_json(FILE *f, const struct so_model *m,
		    const struct so_render_opts *opts);
void so_render_csv(FILE *f, const struct so_model *m,
		   const struct so_render_opts *opts);

void so_render_timeline_table(FILE *f, const struct so_timeline *tl);
void so_render_timeline_json(FILE *f, const struct so_timeline *tl);
void so_render_timeline_csv(FILE *f, const struct so_timeline *tl,
			    uint64_t input_errors);
void so_render_interval(FILE *f, const struct so_model *m,
			const struct so_interval_delta *d, double t0,
			double t1, int top);

void so_render_snapshot(FILE *f, const struct so_snap *s,
			const struct so_render_opts *opts);

/* JSON / CSV strings */
void so_json_str(FILE *f, const char *s);
void so_csv_str(FILE *f, const char *s);

#endif /* SWAPOWNER_RENDER_H */
