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
 * model_count - count a folio of pages for key in t, a table of elements
 * that start with a struct so_count
 *
 * Returns the element, or NULL on ENOMEM.
 */
static void *model_count(struct so_table *t, uint64_t key,
			 unsigned int pages)
{
	struct so_count *c;
	bool created;

	c = table_get(t, key, &created);
	if (!c)
		return NULL;
	c->folios++;
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

	cg = model_count(&m->cgroups, ev->memcg_id, ev->nr_pages);
	if (!cg)
		return -ENOMEM;
	cg->id = ev->memcg_id;
	st = model_count(&m->swaptypes, ev->swp_type, ev->nr_pages);
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
