/*
 * timeline.h - the model's pages in time buckets, per top-N process
 *
 * Built from the samples the model keeps (so_model.keep_samples): one
 * series per top process (by pages over the whole run), one "other" for
 * the owners outside the top, and the total of each bucket, where a folio
 * counts once. The series of a shared folio count it for every owner, so
 * they can add up to more than the total.
 */
#ifndef SWAPOWNER_TIMELINE_H
#define SWAPOWNER_TIMELINE_H

#include <stddef.h>
#include <stdint.h>

#include "model.h"

/* Buckets of the timeline when no -i is given */
#define SO_TIMELINE_BUCKETS	50
/* Series of the timeline/plot when no --top is given */
#define SO_TIMELINE_TOP_DEFAULT	8

struct so_timeline {
	uint64_t		start;		/* ns: first event */
	uint64_t		bucket;		/* ns */
	size_t			nr_buckets;
	size_t			nr_procs;	/* series before "other" */
	const struct so_proc	**procs;	/* the top nr_procs */
	uint64_t		*pages;		/* [nr_buckets][nr_procs + 1] */
	uint64_t		*total;		/* [nr_buckets] */
};

int so_timeline_build(struct so_timeline *tl, const struct so_model *m,
		      uint64_t bucket_ns, int top);
void so_timeline_free(struct so_timeline *tl);

/* pages of series s (nr_procs = other) in bucket b */
static inline uint64_t so_timeline_pages(const struct so_timeline *tl,
					 size_t b, size_t s)
{
	return tl->pages[b * (tl->nr_procs + 1) + s];
}

#endif /* SWAPOWNER_TIMELINE_H */
