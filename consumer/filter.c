/*
 * filter.c - keep only some owners: --pid, --comm, --cgroup
 *
 * The filter is applied to every decoded event (so_model_add()); record
 * also gives the kernel an event filter that lets through at least every
 * event the filter keeps (so_filter_kernel()), so that it records less.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cgroup.h"
#include "filter.h"
#include "swapowner.h"

/* The kernel's comm: TASK_COMM_LEN - 1 bytes */
#define FILTER_COMM_KEPT	15

/* so_filter_active - was any --pid, --comm or --cgroup given? */
bool so_filter_active(const struct so_filter *f)
{
	return f && (f->nr_pids || f->nr_comms || f->nr_cgroups);
}

/* so_filter_add_arg - note option opt value (not copied) for the output */
int so_filter_add_arg(struct so_filter *f, const char *opt,
		      const char *value)
{
	struct so_filter_arg *a;

	a = so_array_add(&f->args, &f->nr_args, &f->alloc_args, sizeof(*a),
			 8);
	if (!a)
		return -ENOMEM;
	a->opt = opt;
	a->value = value;
	return 0;
}

/* so_filter_add_pid - keep the owner pid (a tgid); 0 or -ENOMEM */
int so_filter_add_pid(struct so_filter *f, int pid)
{
	int *p;

	p = so_array_add(&f->pids, &f->nr_pids, &f->alloc_pids, sizeof(*p),
			 8);
	if (!p)
		return -ENOMEM;
	*p = pid;
	return 0;
}

/* so_filter_add_comm - keep the owners named comm (not copied) */
int so_filter_add_comm(struct so_filter *f, const char *comm)
{
	const char **c;

	c = so_array_add(&f->comms, &f->nr_comms, &f->alloc_comms,
			 sizeof(*c), 8);
	if (!c)
		return -ENOMEM;
	*c = comm;
	return 0;
}

static int filter_cgroup_cmp(const void *a, const void *b)
{
	const struct so_filter_cgroup *x = a;
	const struct so_filter_cgroup *y = b;

	return (x->id > y->id) - (x->id < y->id);
}

/*
 * so_filter_add_cgroup_id - keep the events of cgroup id (path: its path,
 * copied; exact: id is the cgroup id, not only its inode number)
 */
int so_filter_add_cgroup_id(struct so_filter *f, uint64_t id,
			    const char *path, bool exact)
{
	struct so_filter_cgroup *cg;
	char *copy;

	copy = strdup(path);
	if (!copy)
		return -ENOMEM;
	cg = so_array_add(&f->cgroups, &f->nr_cgroups, &f->alloc_cgroups,
			  sizeof(*cg), 16);
	if (!cg) {
		free(copy);
		return -ENOMEM;
	}
	cg->id = id;
	cg->path = copy;
	f->inexact_ids |= !exact;
	/* by id, for filter_cgroup(); a walk adds a few hundred at most */
	qsort(f->cgroups, f->nr_cgroups, sizeof(*cg), filter_cgroup_cmp);
	return 0;
}

/* filter_add_walked - so_cgroup_walk() callback: one cgroup found */
static int filter_add_walked(const char *path, uint64_t id, bool exact,
			     void *arg)
{
	size_t root = strlen(so_cgroup_root());

	return so_filter_add_cgroup_id(arg, id, path[root] ? path + root : "/",
				       exact);
}

/*
 * so_filter_add_cgroup - keep the events of cgroup path (relative to the
 * cgroup2 root, or absolute under it) and of every cgroup below it now
 *
 * Returns 0, -ENOENT (no such cgroup, after a message) or -ENOMEM.
 */
int so_filter_add_cgroup(struct so_filter *f, const char *path)
{
	const char *root = so_cgroup_root();
	size_t len = strlen(root);
	char dir[4096];
	int ret;

	if (!strncmp(path, root, len) && (!path[len] || path[len] == '/'))
		path += len;
	snprintf(dir, sizeof(dir), "%s/%s", root, path + (*path == '/'));
	ret = so_cgroup_walk(dir, filter_add_walked, f);
	if (ret == -ENOENT || ret == -ENOTDIR)
		err_msg("--cgroup: no cgroup '%s' (in %s)\n", path, root);
	else if (ret)
		err_msg("--cgroup: %s: %s\n", dir, strerror(-ret));
	return ret == -ENOTDIR ? -ENOENT : ret;
}

void so_filter_free(struct so_filter *f)
{
	size_t i;

	for (i = 0; i < f->nr_cgroups; i++)
		free(f->cgroups[i].path);
	free(f->pids);
	free(f->comms);
	free(f->args);
	free(f->cgroups);
	free(f->kernel);
	memset(f, 0, sizeof(*f));
}

/* filter_cgroup - the --cgroup entry of the event's memcg_id, or NULL */
static const struct so_filter_cgroup *filter_cgroup(const struct so_filter *f,
						    uint64_t id)
{
	struct so_filter_cgroup key = { .id = id };
	struct so_filter_cgroup *cg;

	/* bsearch() must not be given a NULL array, even an empty one */
	if (!f->nr_cgroups)
		return NULL;
	cg = bsearch(&key, f->cgroups, f->nr_cgroups, sizeof(key),
		     filter_cgroup_cmp);
	/* an inode number of a 32-bit kernel: the id's low bits */
	if (!cg && f->inexact_ids && (id >> 32)) {
		key.id = (uint32_t)id;
		cg = bsearch(&key, f->cgroups, f->nr_cgroups, sizeof(key),
			     filter_cgroup_cmp);
	}
	return cg;
}

/* filter_comm - is comm (as the kernel keeps it) the name given? */
static bool filter_comm(const char *comm, const char *name)
{
	size_t len = strlen(comm);

	if (!strcmp(comm, name))
		return true;
	/* a longer name: the kernel kept its first bytes */
	return len >= FILTER_COMM_KEPT && strlen(name) > len &&
	       !strncmp(comm, name, len);
}

/*
 * so_filter_owner - is the i-th listed owner of ev, an event that
 * so_filter_event() keeps, kept?
 */
bool so_filter_owner(const struct so_filter *f, const struct so_event *ev,
		     unsigned int i)
{
	size_t j;

	if (!f || (!f->nr_pids && !f->nr_comms))
		return true;
	for (j = 0; j < f->nr_pids; j++)
		if (ev->pids[i] == f->pids[j])
			return true;
	for (j = 0; i < ev->nr_comms && j < f->nr_comms; j++)
		if (filter_comm(ev->comms[i], f->comms[j]))
			return true;
	return false;
}

/*
 * so_filter_event - is ev kept: does it have a kept owner (or, with only
 * --cgroup, is it in one of the cgroups)?
 */
bool so_filter_event(const struct so_filter *f, const struct so_event *ev)
{
	unsigned int i;

	if (!so_filter_active(f))
		return true;
	if (f->nr_cgroups && !filter_cgroup(f, ev->memcg_id))
		return false;
	if (!f->nr_pids && !f->nr_comms)
		return true;
	for (i = 0; i < ev->nr_pids; i++)
		if (so_filter_owner(f, ev, i))
			return true;
	return false;
}

/*
 * so_filter_cgroup_path - so_model_name_cgroups() callback: the path of
 * a cgroup the filter (a struct so_filter *) found, malloc'ed, or NULL
 */
char *so_filter_cgroup_path(uint64_t id, void *filter)
{
	const struct so_filter_cgroup *cg = filter_cgroup(filter, id);

	return cg ? strdup(cg->path) : NULL;
}

/* filter_glob_safe - can name go into a kernel glob as it is? */
static bool filter_glob_safe(const char *name)
{
	return *name && !strpbrk(name, "*?[]\\\"'") &&
	       strlen(name) <= FILTER_COMM_KEPT;
}

/* filter_or - append "a || b || ..." (the terms of one option) */
static void filter_or(FILE *s, bool *first, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void filter_or(FILE *s, bool *first, const char *fmt, ...)
{
	va_list ap;

	fputs(*first ? "(" : " || ", s);
	*first = false;
	va_start(ap, fmt);
	vfprintf(s, fmt, ap);
	va_end(ap);
}

/*
 * filter_owner_clause - the owners part for the kernel: owner_pid (the
 * first owner) is a --pid, or the folio has several owners (the pid may be
 * another one; pids[] cannot be filtered on), or comms holds a --comm.
 * Empty if some term cannot be written.
 */
static void filter_owner_clause(const struct so_filter *f, bool owner_pid,
				FILE *s)
{
	bool first = true;
	size_t i;

	if (f->nr_pids && !owner_pid)
		return;
	for (i = 0; i < f->nr_comms; i++)
		if (!filter_glob_safe(f->comms[i]))
			return;
	for (i = 0; i < f->nr_pids; i++)
		filter_or(s, &first, "owner_pid == %d", f->pids[i]);
	if (f->nr_pids)
		filter_or(s, &first, "nr_owners > 1");
	for (i = 0; i < f->nr_comms; i++)
		filter_or(s, &first, "comms ~ \"*%s*\"", f->comms[i]);
	if (!first)
		fputc(')', s);
}

/* filter_cgroup_clause - the cgroups part: memcg_id is one of them */
static void filter_cgroup_clause(const struct so_filter *f,
				 const char *memcg_field, FILE *s)
{
	bool first = true;
	size_t i;

	/* an inode number may be only the low bits of the id */
	if (f->inexact_ids)
		return;
	for (i = 0; i < f->nr_cgroups; i++)
		filter_or(s, &first, "%s == %llu", memcg_field,
			  (unsigned long long)f->cgroups[i].id);
	if (!first)
		fputc(')', s);
}

/*
 * filter_clause - the owners' (owners) or the cgroups' part, malloc'ed
 * ("" if there is none), or NULL if too long or on ENOMEM
 */
static char *filter_clause(const struct so_filter *f, bool owners,
			   const char *memcg_field, bool owner_pid)
{
	char *clause = NULL;
	size_t len = 0;
	FILE *s;

	s = open_memstream(&clause, &len);
	if (!s)
		return NULL;
	if (owners)
		filter_owner_clause(f, owner_pid, s);
	else
		filter_cgroup_clause(f, memcg_field, s);
	if (fclose(s) || len >= SO_FILTER_KERNEL_MAX / 2) {
		free(clause);
		return NULL;
	}
	return clause;
}

/*
 * so_filter_kernel - an event filter for the kernel that lets through at
 * least every event f keeps: what can be written of the owners' part and
 * of the cgroups' part, joined by &&
 *
 * memcg_field: the event's cgroup id field (memcg_id; v1: cgroup_ino);
 * owner_pid: whether the event has that field (v2). Returns a malloc'ed
 * filter, or NULL if nothing can be pushed (or on ENOMEM).
 */
char *so_filter_kernel(const struct so_filter *f, const char *memcg_field,
		       bool owner_pid)
{
	char *owners;
	char *cgroups;
	char *filter = NULL;

	if (!so_filter_active(f))
		return NULL;
	owners = filter_clause(f, true, memcg_field, owner_pid);
	cgroups = filter_clause(f, false, memcg_field, owner_pid);
	if (owners && *owners && cgroups && *cgroups) {
		if (asprintf(&filter, "%s && %s", owners, cgroups) < 0)
			filter = NULL;
	} else if (owners && *owners) {
		filter = strdup(owners);
	} else if (cgroups && *cgroups) {
		filter = strdup(cgroups);
	}
	free(owners);
	free(cgroups);
	return filter;
}
