/*
 * interval.c - what the model gained since the last look (record -i)
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "interval.h"

static int interval_cmp(const void *a, const void *b)
{
	const struct so_interval_proc *pa = a;
	const struct so_interval_proc *pb = b;

	return so_rank_cmp(pa->pages, pa->proc->tgid, pb->pages,
			   pb->proc->tgid);
}

/* interval_grow - room for the per-process copies of n processes */
static int interval_grow(struct so_interval *iv, size_t n)
{
	uint64_t *folios;
	uint64_t *pages;

	if (n <= iv->nr_prev)
		return 0;
	folios = realloc(iv->prev_folios, n * sizeof(*folios));
	if (folios)
		iv->prev_folios = folios;
	pages = realloc(iv->prev_pages, n * sizeof(*pages));
	if (pages)
		iv->prev_pages = pages;
	if (!folios || !pages)
		return -ENOMEM;
	memset(folios + iv->nr_prev, 0, (n - iv->nr_prev) * sizeof(*folios));
	memset(pages + iv->nr_prev, 0, (n - iv->nr_prev) * sizeof(*pages));
	iv->nr_prev = n;
	return 0;
}

#define DELTA(f)	(d->totals.f = t->f - iv->prev.f)

/*
 * so_interval_take - the deltas since the previous call (or the start)
 *
 * iv starts zeroed. Returns 0 or -ENOMEM; free d with
 * so_interval_delta_free() either way.
 */
int so_interval_take(struct so_interval *iv, const struct so_model *m,
		     struct so_interval_delta *d)
{
	const struct so_totals *t = &m->totals;
	const struct so_proc *p;
	size_t i;
	int j;

	memset(d, 0, sizeof(*d));
	if (interval_grow(iv, m->procs.nr))
		return -ENOMEM;
	if (m->procs.nr) {
		d->procs = malloc(m->procs.nr * sizeof(*d->procs));
		if (!d->procs)
			return -ENOMEM;
	}
	DELTA(events);
	DELTA(pages);
	DELTA(shared_folios);
	DELTA(unresolved);
	DELTA(partial);
	DELTA(capped_owners);
	DELTA(corrupt);
	DELTA(lost);
	DELTA(lost_unknown);
	for (j = 0; j < SO_NR_DISP; j++)
		DELTA(disp[j]);
	for (j = 0; j <= SO_KIND_NR; j++)
		DELTA(kind[j]);
	for (j = 0; j < SO_FL_NR; j++)
		DELTA(flag[j]);
	iv->prev = *t;

	for (i = 0; i < m->procs.nr; i++) {
		p = so_table_at(&m->procs, i);
		if (p->pages == iv->prev_pages[i])
			continue;
		d->procs[d->nr_procs].proc = p;
		d->procs[d->nr_procs].folios = p->folios - iv->prev_folios[i];
		d->procs[d->nr_procs].pages = p->pages - iv->prev_pages[i];
		d->nr_procs++;
		iv->prev_folios[i] = p->folios;
		iv->prev_pages[i] = p->pages;
	}
	if (d->nr_procs)
		qsort(d->procs, d->nr_procs, sizeof(*d->procs), interval_cmp);
	iv->seq++;
	return 0;
}

void so_interval_delta_free(struct so_interval_delta *d)
{
	free(d->procs);
	memset(d, 0, sizeof(*d));
}

void so_interval_free(struct so_interval *iv)
{
	free(iv->prev_folios);
	free(iv->prev_pages);
	memset(iv, 0, sizeof(*iv));
}
