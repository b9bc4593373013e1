/*
 * snapmodel.c - the model of swapowner snapshot: swap slots per process
 *
 * A slot mapped by several processes (COW after fork) is counted once in
 * the totals and once for every process that maps it.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "snapmodel.h"
#include "swapowner.h"

/* so_snap_add_proc - a new process; returns its index or -ENOMEM */
int so_snap_add_proc(struct so_snap *s, pid_t pid, const char *comm)
{
	struct so_snap_proc *p;

	p = so_array_add(&s->procs, &s->nr_procs, &s->alloc_procs,
			 sizeof(*p), 64);
	if (!p)
		return -ENOMEM;
	p->pid = pid;
	snprintf(p->comm, sizeof(p->comm), "%s", comm);
	return s->nr_procs - 1;
}

/* so_snap_add_slot - process proc maps swap slot type:offset */
int so_snap_add_slot(struct so_snap *s, unsigned int proc,
		     unsigned int type, uint64_t offset)
{
	struct so_snap_slot *v;

	v = so_array_add(&s->slots, &s->nr_slots, &s->alloc_slots,
			 sizeof(*v), 4096);
	if (!v)
		return -ENOMEM;
	*v = (struct so_snap_slot){ .offset = offset, .type = type,
				    .proc = proc };
	return 0;
}

static int slot_cmp(const void *a, const void *b)
{
	const struct so_snap_slot *x = a;
	const struct so_snap_slot *y = b;

	if (x->type != y->type)
		return x->type < y->type ? -1 : 1;
	if (x->offset != y->offset)
		return x->offset < y->offset ? -1 : 1;
	return (x->proc > y->proc) - (x->proc < y->proc);
}

static int snap_proc_cmp(const void *a, const void *b)
{
	const struct so_snap_proc *x = a;
	const struct so_snap_proc *y = b;

	return so_rank_cmp(x->pages, x->pid, y->pages, y->pid);
}

/*
 * so_snap_finish - count each slot once, and once per process mapping it,
 * then sort the processes by pages (descending), then pid
 *
 * Sorting the slots groups the entries of one slot together, by process.
 */
void so_snap_finish(struct so_snap *s)
{
	size_t i;
	size_t j;
	size_t k;
	size_t n;

	qsort(s->slots, s->nr_slots, sizeof(*s->slots), slot_cmp);
	for (i = 0; i < s->nr_slots; i = j) {
		n = 0;
		for (j = i; j < s->nr_slots &&
			    s->slots[j].type == s->slots[i].type &&
			    s->slots[j].offset == s->slots[i].offset; j++)
			if (j == i || s->slots[j].proc != s->slots[j - 1].proc)
				n++;
		s->unique_slots++;
		if (n > 1)
			s->shared_slots++;
		for (k = i; k < j; k++) {
			if (k > i && s->slots[k].proc == s->slots[k - 1].proc)
				continue;
			s->procs[s->slots[k].proc].pages++;
			if (n > 1)
				s->procs[s->slots[k].proc].shared_pages++;
		}
	}
	/* the slots' process indices are no longer valid */
	qsort(s->procs, s->nr_procs, sizeof(*s->procs), snap_proc_cmp);
}

void so_snap_free(struct so_snap *s)
{
	free(s->slots);
	free(s->procs);
	memset(s, 0, sizeof(*s));
}

