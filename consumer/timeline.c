/*
 * timeline.c - the model's pages in time buckets, per top-N process
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "timeline.h"

/*
 * timeline_bucket - the bucket width: bucket_ns, or the run length
 * (first to last event, inclusive) divided into SO_TIMELINE_BUCKETS
 */
static uint64_t timeline_bucket(const struct so_model *m, uint64_t bucket_ns)
{
	uint64_t len;

	if (bucket_ns)
		return bucket_ns;
	if (!m->totals.events)
		return 1;
	len = m->totals.last_ts - m->totals.first_ts + 1;
	return (len + SO_TIMELINE_BUCKETS - 1) / SO_TIMELINE_BUCKETS;
}

/*
 * so_timeline_build - bucket the samples of m
 *
 * bucket_ns: width, 0 for the default; top: series before "other", 0 =
 * all. A model without events gives one empty bucket. Returns 0 or
 * -ENOMEM; free with so_timeline_free() either way.
 */
int so_timeline_build(struct so_timeline *tl, const struct so_model *m,
		      uint64_t bucket_ns, int top)
{
	const struct so_proc **sorted = NULL;
	uint32_t *series = NULL;
	const struct so_sample *s;
	size_t nr_series;
	size_t b;
	size_t i;

	memset(tl, 0, sizeof(*tl));
	tl->bucket = timeline_bucket(m, bucket_ns);
	tl->start = m->totals.events ? m->totals.first_ts : 0;
	tl->nr_buckets = m->totals.events ?
		(m->totals.last_ts - tl->start) / tl->bucket + 1 : 1;
	tl->nr_procs = m->procs.nr;
	if (top > 0 && (size_t)top < tl->nr_procs)
		tl->nr_procs = top;
	nr_series = tl->nr_procs + 1;

	if (m->procs.nr) {
		sorted = malloc(m->procs.nr * sizeof(*sorted));
		series = malloc(m->procs.nr * sizeof(*series));
		if (!sorted || !series)
			goto nomem;
		for (i = 0; i < m->procs.nr; i++)
			sorted[i] = so_table_at(&m->procs, i);
		qsort(sorted, m->procs.nr, sizeof(*sorted), so_proc_cmp);
		for (i = 0; i < m->procs.nr; i++)
			series[so_table_index(&m->procs, sorted[i])] =
				i < tl->nr_procs ? i : tl->nr_procs;
	}
	tl->procs = sorted;
	sorted = NULL;
	tl->pages = calloc(tl->nr_buckets * nr_series, sizeof(*tl->pages));
	tl->total = calloc(tl->nr_buckets, sizeof(*tl->total));
	if (!tl->pages || !tl->total)
		goto nomem;

	for (i = 0; i < m->nr_samples; i++) {
		s = &m->samples[i];
		b = (s->ts - tl->start) / tl->bucket;
		if (s->ts < tl->start || b >= tl->nr_buckets)
			continue;	/* cannot happen: first/last_ts */
		if (s->proc == SO_SAMPLE_TOTAL)
			tl->total[b] += s->pages;
		else
			tl->pages[b * nr_series + series[s->proc]] += s->pages;
	}
	free(series);
	return 0;
nomem:
	free(sorted);
	free(series);
	return -ENOMEM;
}

void so_timeline_free(struct so_timeline *tl)
{
	free(tl->procs);
	free(tl->pages);
	free(tl->total);
	memset(tl, 0, sizeof(*tl));
}
