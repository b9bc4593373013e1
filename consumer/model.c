/*
 * model.c - aggregate decoded events into the data model
 */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "filter.h"
#include "model.h"
#include "swapowner.h"

/* table_init - an empty table of elements of elem_size bytes */
static void table_init(struct so_table *t, size_t elem_size)
{
	memset(t, 0, sizeof(*t));
	t->elem_size = elem_size;
}

static void table_free(struct so_table *t)
{
	free(t->elems);
	free(t->keys);
	free(t->slots);
	memset(t, 0, sizeof(*t));
}

static size_t table_hash(uint64_t key, size_t nr_slots)
{
	key ^= key >> 33;
	key *= 0xff51afd7ed558ccdULL;
	key ^= key >> 33;
	return key & (nr_slots - 1);
}

/* table_rehash - grow the slot array to twice the elements, at least 64 */
static int table_rehash(struct so_table *t, size_t nr_slots)
{
	uint64_t *keys;
	uint32_t *slots;
	size_t i;
	size_t h;

	keys = malloc(nr_slots * sizeof(*keys));
	slots = malloc(nr_slots * sizeof(*slots));
	if (!keys || !slots) {
		free(keys);
		free(slots);
		return -ENOMEM;
	}
	memset(slots, 0xff, nr_slots * sizeof(*slots));
	for (i = 0; i < t->nr_slots; i++) {
		if (t->slots[i] == UINT32_MAX)
			continue;
		h = table_hash(t->keys[i], nr_slots);
		while (slots[h] != UINT32_MAX)
			h = (h + 1) & (nr_slots - 1);
		keys[h] = t->keys[i];
		slots[h] = t->slots[i];
	}
	free(t->keys);
	free(t->slots);
	t->keys = keys;
	t->slots = slots;
	t->nr_slots = nr_slots;
	return 0;
}

/*
 * table_get - the element of key, added zeroed if new
 *
 * The pointer is valid until the next table_get. Returns NULL on ENOMEM.
 */
static void *table_get(struct so_table *t, uint64_t key, bool *created)
{
	void *elem;
	size_t h;

	*created = false;
	if (t->nr_slots) {
		h = table_hash(key, t->nr_slots);
		while (t->slots[h] != UINT32_MAX) {
			if (t->keys[h] == key)
				return so_table_at(t, t->slots[h]);
			h = (h + 1) & (t->nr_slots - 1);
		}
	}

	if ((t->nr + 1) * 2 > t->nr_slots &&
	    table_rehash(t, t->nr_slots ? t->nr_slots * 2 : 64))
		return NULL;
	elem = so_array_add(&t->elems, &t->nr, &t->alloc, t->elem_size, 16);
	if (!elem)
		return NULL;
	h = table_hash(key, t->nr_slots);
	while (t->slots[h] != UINT32_MAX)
		h = (h + 1) & (t->nr_slots - 1);
	t->keys[h] = key;
	t->slots[h] = t->nr - 1;
	*created = true;
	return elem;
}

void so_model_init(struct so_model *m, unsigned int page_size)
{
	memset(m, 0, sizeof(*m));
	m->page_size = page_size;
	table_init(&m->procs, sizeof(struct so_proc));
	table_init(&m->blamed, sizeof(struct so_blamed));
	table_init(&m->cgroups, sizeof(struct so_cgroup));
	table_init(&m->swaptypes, sizeof(struct so_swaptype));
}

void so_model_free(struct so_model *m)
{
	struct so_cgroup *cg;
	size_t i;

	for (i = 0; i < m->cgroups.nr; i++) {
		cg = so_table_at(&m->cgroups, i);
		free(cg->path);
	}
	table_free(&m->procs);
	table_free(&m->blamed);
	table_free(&m->cgroups);
	table_free(&m->swaptypes);
	free(m->samples);
	m->samples = NULL;
	m->nr_samples = m->alloc_samples = 0;
}

int so_proc_cmp(const void *a, const void *b)
{
	const struct so_proc *pa = *(const struct so_proc *const *)a;
	const struct so_proc *pb = *(const struct so_proc *const *)b;

	return so_rank_cmp(pa->pages, pa->tgid, pb->pages, pb->tgid);
}

/* model_add_sample - keep sample for the timeline; 0 or -ENOMEM */
static int model_add_sample(struct so_model *m, struct so_sample sample)
{
	struct so_sample *s;

	if (!m->keep_samples)
		return 0;
	s = so_array_add(&m->samples, &m->nr_samples, &m->alloc_samples,
			 sizeof(*s), 1024);
	if (s)
		*s = sample;
	return s ? 0 : -ENOMEM;
}

/* model_add_owner - account a folio to its i-th listed owner */
static int model_add_owner(struct so_model *m, const struct so_event *ev,
			   unsigned int i, unsigned int disp)
{
	struct so_proc *p;
	bool created;

	p = table_get(&m->procs, (uint32_t)ev->pids[i], &created);
	if (!p)
		return -ENOMEM;
	if (created) {
		p->tgid = ev->pids[i];
		p->first_ts = ev->ts;
	}
	if (ev->nr_comms)
		memcpy(p->comm, ev->comms[i], sizeof(p->comm));
	p->folios++;
	p->pages += ev->nr_pages;
	p->disp[disp] += ev->nr_pages;
	if (ev->nr_owners > 1)
		p->shared_pages += ev->nr_pages;
	if (ev->ts < p->first_ts)
		p->first_ts = ev->ts;
	if (ev->ts > p->last_ts)
		p->last_ts = ev->ts;
	return model_add_sample(m, (struct so_sample){
		.ts = ev->ts,
		.proc = so_table_index(&m->procs, p),
		.pages = ev->nr_pages,
	});
}

/* model_add_blamed - account a folio to the task that ran reclaim */
static int model_add_blamed(struct so_model *m, const struct so_event *ev)
{
	struct so_blamed *b;
	unsigned int i;
	bool created;

	b = table_get(&m->blamed, (uint32_t)ev->common_pid, &created);
	if (!b)
		return -ENOMEM;
	b->pid = ev->common_pid;
	b->folios++;
	b->pages += ev->nr_pages;
	for (i = 0; i < ev->nr_pids; i++) {
		if (ev->pids[i] == ev->common_pid) {
			b->own_folios++;
			break;
		}
	}
	return 0;
}

/*
 * model_count - count folios and pages for key in t, a table of elements
 * that start with a struct so_count
 *
 * Returns the element, or NULL on ENOMEM.
 */
static void *model_count(struct so_table *t, uint64_t key, uint64_t folios,
			 uint64_t pages)
{
	struct so_count *c;
	bool created;

	c = table_get(t, key, &created);
	if (!c)
		return NULL;
	c->folios += folios;
	c->pages += pages;
	return c;
}

/*
 * so_model_add - account one decoded event, if m->filter keeps it, for
 * the owners it keeps
 *
 * Returns 0 or -ENOMEM (the model is then partly updated).
 */
int so_model_add(struct so_model *m, const struct so_event *ev)
{
	struct so_totals *t = &m->totals;
	struct so_swaptype *st;
	struct so_cgroup *cg;
	unsigned int disp;
	unsigned int i;

	if (!so_filter_event(m->filter, ev))
		return 0;
	disp = ev->disposition < SO_DISP_NR ? ev->disposition : SO_DISP_OTHER;
	if (!t->events || ev->ts < t->first_ts)
		t->first_ts = ev->ts;
	if (ev->ts > t->last_ts)
		t->last_ts = ev->ts;
	t->events++;
	t->pages += ev->nr_pages;
	t->disp[disp] += ev->nr_pages;
	t->kind[ev->kind < SO_KIND_NR ? ev->kind : SO_KIND_NR]++;
	if (ev->nr_owners > 1)
		t->shared_folios++;
	for (i = 0; i < SO_FL_NR; i++)
		if (ev->flags & (1u << i))
			t->flag[i]++;
	if (ev->flags & SO_FL_UNRESOLVED)
		t->unresolved++;
	if (ev->flags & SO_FL_PARTIAL)
		t->partial++;
	t->capped_owners += ev->nr_owners - ev->nr_pids;
	if (model_add_sample(m, (struct so_sample){ .ts = ev->ts,
			     .proc = SO_SAMPLE_TOTAL, .pages = ev->nr_pages }))
		return -ENOMEM;

	for (i = 0; i < ev->nr_pids; i++)
		if (so_filter_owner(m->filter, ev, i) &&
		    model_add_owner(m, ev, i, disp))
			return -ENOMEM;
	if (model_add_blamed(m, ev))
		return -ENOMEM;

	cg = model_count(&m->cgroups, ev->memcg_id, 1, ev->nr_pages);
	if (!cg)
		return -ENOMEM;
	cg->id = ev->memcg_id;
	st = model_count(&m->swaptypes, ev->swp_type, 1, ev->nr_pages);
	if (!st)
		return -ENOMEM;
	st->type = ev->swp_type;
	return 0;
}

/* so_model_add_corrupt - count a record that could not be decoded */
void so_model_add_corrupt(struct so_model *m)
{
	m->totals.corrupt++;
}

/* so_model_add_lost - count missed events; missed < 0 means unknown */
void so_model_add_lost(struct so_model *m, long long missed)
{
	if (missed > 0)
		m->totals.lost += missed;
	else if (missed < 0)
		m->totals.lost_unknown++;
}

void so_model_name_blamed(struct so_model *m,
			  const char *(*fn)(int pid, void *arg), void *arg)
{
	struct so_blamed *b;
	const char *comm;
	size_t i;

	for (i = 0; i < m->blamed.nr; i++) {
		b = so_table_at(&m->blamed, i);
		if (b->comm[0])
			continue;
		comm = fn(b->pid, arg);
		if (comm)
			strncpy(b->comm, comm, SO_COMM_LEN);
	}
}

void so_model_name_cgroups(struct so_model *m,
			   char *(*fn)(uint64_t id, void *arg), void *arg)
{
	struct so_cgroup *cg;
	size_t i;

	for (i = 0; i < m->cgroups.nr; i++) {
		cg = so_table_at(&m->cgroups, i);
		if (!cg->path)
			cg->path = fn(cg->id, arg);
	}
}

/* model_merge_totals - add the totals of src to dst */
static void model_merge_totals(struct so_totals *dst,
			       const struct so_totals *src)
{
	int i;

	if (src->events) {
		if (!dst->events || src->first_ts < dst->first_ts)
			dst->first_ts = src->first_ts;
		if (src->last_ts > dst->last_ts)
			dst->last_ts = src->last_ts;
	}
	dst->events += src->events;
	dst->pages += src->pages;
	dst->shared_folios += src->shared_folios;
	for (i = 0; i < SO_NR_DISP; i++)
		dst->disp[i] += src->disp[i];
	for (i = 0; i < SO_KIND_NR + 1; i++)
		dst->kind[i] += src->kind[i];
	for (i = 0; i < SO_FL_NR; i++)
		dst->flag[i] += src->flag[i];
	dst->unresolved += src->unresolved;
	dst->partial += src->partial;
	dst->capped_owners += src->capped_owners;
	dst->corrupt += src->corrupt;
	dst->lost += src->lost;
	dst->lost_unknown += src->lost_unknown;
	dst->input_errors += src->input_errors;
}

/*
 * model_merge_procs - add the processes of src to dst; map[i] is then
 * the index in dst of src's i-th
 */
static int model_merge_procs(struct so_model *dst, const struct so_model *src,
			     uint32_t *map)
{
	const struct so_proc *s;
	struct so_proc *d;
	bool created;
	size_t i;
	int j;

	for (i = 0; i < src->procs.nr; i++) {
		s = so_table_at(&src->procs, i);
		d = table_get(&dst->procs, (uint32_t)s->tgid, &created);
		if (!d)
			return -ENOMEM;
		if (created) {
			d->tgid = s->tgid;
			d->first_ts = s->first_ts;
		}
		/* as if src's events came after dst's: its comm is newer */
		if (s->comm[0])
			memcpy(d->comm, s->comm, sizeof(d->comm));
		d->folios += s->folios;
		d->pages += s->pages;
		d->shared_pages += s->shared_pages;
		for (j = 0; j < SO_NR_DISP; j++)
			d->disp[j] += s->disp[j];
		if (s->first_ts < d->first_ts)
			d->first_ts = s->first_ts;
		if (s->last_ts > d->last_ts)
			d->last_ts = s->last_ts;
		map[i] = so_table_index(&dst->procs, d);
	}
	return 0;
}

/*
 * so_model_reserve_samples - room for n samples after the last of m, for
 * a so_model_merge() whose src->samples are read into it (they are then
 * mapped in place); NULL if out of memory
 */
struct so_sample *so_model_reserve_samples(struct so_model *m, size_t n)
{
	struct so_sample *s;
	size_t nr = m->nr_samples + n;

	if (nr > m->alloc_samples) {
		s = realloc(m->samples, (nr ? nr : 1) * sizeof(*s));
		if (!s)
			return NULL;
		m->samples = s;
		m->alloc_samples = nr;
	}
	return m->samples + m->nr_samples;
}

/* model_merge_samples - append the samples of src, procs mapped by map */
static int model_merge_samples(struct so_model *dst,
			       const struct so_model *src, const uint32_t *map)
{
	const struct so_sample *s;
	struct so_sample *d;
	bool identity = true;
	size_t nr;
	size_t i;

	if (!dst->keep_samples || !src->nr_samples)
		return 0;
	/* first, as src's samples may be that room already */
	d = so_model_reserve_samples(dst, src->nr_samples);
	if (!d)
		return -ENOMEM;
	nr = dst->nr_samples + src->nr_samples;
	for (i = 0; i < src->procs.nr; i++)
		identity &= map[i] == i;
	/* in place, and the same processes in the same order: nothing moves */
	if (identity && d == src->samples) {
		for (i = 0; i < src->nr_samples; i++)
			if (d[i].proc != SO_SAMPLE_TOTAL &&
			    d[i].proc >= src->procs.nr)
				return -EINVAL;
		dst->nr_samples = nr;
		return 0;
	}
	for (i = 0; i < src->nr_samples; i++, d++) {
		s = &src->samples[i];
		if (s->proc != SO_SAMPLE_TOTAL && s->proc >= src->procs.nr)
			return -EINVAL;
		*d = *s;
		if (s->proc != SO_SAMPLE_TOTAL)
			d->proc = map[s->proc];
	}
	dst->nr_samples = nr;
	return 0;
}

/* model_merge_rest - blamed tasks, cgroups and swap types of src */
static int model_merge_rest(struct so_model *dst, const struct so_model *src)
{
	const struct so_swaptype *sst;
	const struct so_cgroup *scg;
	const struct so_blamed *sb;
	struct so_swaptype *st;
	struct so_cgroup *cg;
	struct so_blamed *b;
	bool created;
	size_t i;

	for (i = 0; i < src->blamed.nr; i++) {
		sb = so_table_at(&src->blamed, i);
		b = table_get(&dst->blamed, (uint32_t)sb->pid, &created);
		if (!b)
			return -ENOMEM;
		b->pid = sb->pid;
		/* the first name found stays, as so_model_name_blamed() does */
		if (!b->comm[0])
			memcpy(b->comm, sb->comm, sizeof(b->comm));
		b->folios += sb->folios;
		b->pages += sb->pages;
		b->own_folios += sb->own_folios;
	}
	for (i = 0; i < src->cgroups.nr; i++) {
		scg = so_table_at(&src->cgroups, i);
		cg = model_count(&dst->cgroups, scg->id, scg->count.folios,
				 scg->count.pages);
		if (!cg)
			return -ENOMEM;
		cg->id = scg->id;
		if (!cg->path && scg->path) {
			cg->path = strdup(scg->path);
			if (!cg->path)
				return -ENOMEM;
		}
	}
	for (i = 0; i < src->swaptypes.nr; i++) {
		sst = so_table_at(&src->swaptypes, i);
		st = model_count(&dst->swaptypes, sst->type, sst->count.folios,
				 sst->count.pages);
		if (!st)
			return -ENOMEM;
		st->type = sst->type;
	}
	return 0;
}

/*
 * so_model_merge - add src to dst, as if src's events had been added to
 * dst after its own
 *
 * Only the elements of src's tables are read (not their index), so src
 * may be a model rebuilt from its arrays, and its samples may lie in the
 * room so_model_reserve_samples() made in dst. Returns 0, -ENOMEM, or
 * -EINVAL if a sample of src names no process of src.
 */
int so_model_merge(struct so_model *dst, const struct so_model *src)
{
	uint32_t *map;
	int ret;

	if (!dst->page_size)
		dst->page_size = src->page_size;
	model_merge_totals(&dst->totals, &src->totals);
	map = malloc((src->procs.nr ? src->procs.nr : 1) * sizeof(*map));
	if (!map)
		return -ENOMEM;
	ret = model_merge_procs(dst, src, map);
	if (!ret)
		ret = model_merge_samples(dst, src, map);
	free(map);
	if (!ret)
		ret = model_merge_rest(dst, src);
	return ret;
}
