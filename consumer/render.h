/*
 * render.h - print the data model: table, JSON, CSV
 *
 * The JSON and CSV layouts are an interface; README.md documents them.
 */
#ifndef SWAPOWNER_RENDER_H
#define SWAPOWNER_RENDER_H

#include <stdio.h>

#include "model.h"

enum so_format {
	SO_FMT_TABLE,
	SO_FMT_JSON,
	SO_FMT_CSV,
};

/* Version of the JSON document ("version" key) */
#define SO_JSON_VERSION	1

/* Processes in the table when --top is not given */
#define SO_TOP_DEFAULT	20

struct so_render_opts {
	const char *const	*sources;	/* input files, or NULL */
	int			nr_sources;
	int			top;		/* max processes, 0 = all */
	enum so_format		format;
};

void so_render(FILE *f, const struct so_model *m,
	       const struct so_render_opts *opts);
void so_render_table(FILE *f, const struct so_model *m,
		     const struct so_render_opts *opts);
void so_render_json(FILE *f, const struct so_model *m,
		    const struct so_render_opts *opts);
void so_render_csv(FILE *f, const struct so_model *m,
		   const struct so_render_opts *opts);

/* JSON / CSV string output, shared with snapshot */
void so_json_str(FILE *f, const char *s);
void so_csv_str(FILE *f, const char *s);

#endif /* SWAPOWNER_RENDER_H */
