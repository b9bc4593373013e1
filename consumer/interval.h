/*
 * interval.h - what the model gained since the last look (record -i)
 *
 * so_interval_take() compares the model with the copy it kept at the
 * previous call: the deltas of the totals and of every process. The
 * deltas of successive intervals add up to the model's totals.
 */
#ifndef SWAPOWNER_INTERVAL_H
#define SWAPOWNER_INTERVAL_H

#include <stddef.h>
#include <stdint.h>

#include "model.h"

struct so_interval_proc {
	const struct so_proc	*proc;
	uint64_t		folios;
	uint64_t		pages;
};

/* One interval */
struct so_interval_delta {
	struct so_totals	totals;		/* counters only, no ts */
	struct so_interval_proc	*procs;		/* pages > 0, by pages desc */
	size_t			nr_procs;
};

/* State between intervals */
struct so_interval {
	struct so_totals	prev;
	uint64_t		*prev_folios;	/* by so_model.procs index */
	uint64_t		*prev_pages;
	size_t			nr_prev;
	unsigned int		seq;		/* intervals taken */
};

int so_interval_take(struct so_interval *iv, const struct so_model *m,
		     struct so_interval_delta *d);
void so_interval_delta_free(struct so_interval_delta *d);
void so_interval_free(struct so_interval *iv);

#endif /* SWAPOWNER_INTERVAL_H */
