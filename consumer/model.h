/*
 * model.h - the one data model every renderer prints
 *
 * Events are added one by one (so_model_add); a folio counts once in the
 * totals and once for each of its listed owners, so the per-process pages
 * of shared folios add up to more than the total.
 */
#ifndef SWAPOWNER_MODEL_H
#define SWAPOWNER_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "decode.h"

/* A disposition value this version does not know is counted here */
#define SO_DISP_OTHER	SO_DISP_NR
#define SO_NR_DISP	(SO_DISP_NR + 1)

/* A growing array of elements found by a 64-bit key */
struct so_table {
	void		*elems;
	uint64_t	*keys;		/* open addressing, by slot */
	uint32_t	*slots;		/* index into elems, UINT32_MAX = free */
	size_t		elem_size;
	size_t		nr;
	size_t		alloc;
	size_t		nr_slots;
};

struct so_proc {
	uint64_t	folios;
	uint64_t	pages;
	uint64_t	shared_pages;	/* pages of folios with >1 owner */
	uint64_t	disp[SO_NR_DISP];	/* pages by disposition */
	uint64_t	first_ts;
	uint64_t	last_ts;
	int		tgid;
	char		comm[SO_COMM_LEN + 1];
};

/* A task that was current when folios were written out */
struct so_blamed {
	uint64_t	folios;
	uint64_t	pages;
	uint64_t	own_folios;	/* folios it owned itself */
	int		pid;
	char		comm[SO_COMM_LEN + 1];
};

/* What was swapped out under one key (a cgroup, a swap type) */
struct so_count {
	uint64_t	folios;
	uint64_t	pages;
};

/* A memcg, by the event's memcg_id (v1: cgroup_ino, the same value) */
struct so_cgroup {
	struct so_count	count;		/* first: see model_count() */
	uint64_t	id;
	char		*path;		/* NULL if not resolved */
};

struct so_swaptype {
	struct so_count	count;		/* first: see model_count() */
	unsigned int	type;
};

struct so_totals {
	uint64_t	events;		/* = folios */
	uint64_t	pages;
	uint64_t	shared_folios;	/* nr_owners > 1 */
	uint64_t	disp[SO_NR_DISP];	/* pages */
	uint64_t	kind[SO_KIND_NR + 1];	/* folios, last = other */
	uint64_t	flag[SO_FL_NR];	/* events with each flag */
	uint64_t	unresolved;	/* events flagged unresolved */
	uint64_t	partial;	/* events with a partial-owner flag */
	uint64_t	capped_owners;	/* owners not listed (nr_owners > pids) */
	uint64_t	corrupt;	/* records counted and skipped */
	uint64_t	lost;		/* events the ring buffer dropped */
	uint64_t	lost_unknown;	/* drops of unknown size */
	uint64_t	input_errors;	/* damage the trace libraries noticed */
	uint64_t	first_ts;
	uint64_t	last_ts;
};

/*
 * One sample of the timeline: the pages of one event (proc =
 * SO_SAMPLE_TOTAL, each folio once) or of one of its listed owners (proc =
 * index in so_model.procs). Kept only when so_model.keep_samples is set.
 */
struct so_sample {
	uint64_t	ts;
	uint32_t	proc;
	uint32_t	pages;
};

#define SO_SAMPLE_TOTAL	UINT32_MAX

struct so_filter;

struct so_model {
	struct so_totals	totals;
	struct so_table		procs;
	struct so_table		blamed;
	struct so_table		cgroups;
	struct so_table		swaptypes;
	struct so_sample	*samples;	/* for the timeline */
	size_t			nr_samples;
	size_t			alloc_samples;
	unsigned int		page_size;
	bool			keep_samples;	/* set before adding events */
	/* the owners to keep (--pid, --comm, --cgroup), NULL for all */
	const struct so_filter	*filter;
};

void so_model_init(struct so_model *m, unsigned int page_size);
void so_model_free(struct so_model *m);
int so_model_add(struct so_model *m, const struct so_event *ev);
void so_model_add_corrupt(struct so_model *m);
void so_model_add_lost(struct so_model *m, long long missed);
int so_model_merge(struct so_model *dst, const struct so_model *src);
struct so_sample *so_model_reserve_samples(struct so_model *m, size_t n);

/* name the blamed tasks that have no comm yet; fn returns NULL if unknown */
void so_model_name_blamed(struct so_model *m,
			  const char *(*fn)(int pid, void *arg), void *arg);
/* give cgroups a path; fn returns a malloc'ed path or NULL */
void so_model_name_cgroups(struct so_model *m,
			   char *(*fn)(uint64_t id, void *arg), void *arg);

/*
 * so_rank_cmp - the order of every list of processes or tasks: pages
 * descending, then id (tgid, pid) ascending
 */
static inline int so_rank_cmp(uint64_t pages_a, int id_a, uint64_t pages_b,
			      int id_b)
{
	if (pages_a != pages_b)
		return pages_a < pages_b ? 1 : -1;
	return (id_a > id_b) - (id_a < id_b);
}

/* qsort order of so_proc pointers: so_rank_cmp() by pages and tgid */
int so_proc_cmp(const void *a, const void *b);
/* index of an element of t */
static inline size_t so_table_index(const struct so_table *t, const void *e)
{
	return ((const char *)e - (const char *)t->elems) / t->elem_size;
}

static inline void *so_table_at(const struct so_table *t, size_t i)
{
	return (char *)t->elems + i * t->elem_size;
}

#endif /* SWAPOWNER_MODEL_H */
