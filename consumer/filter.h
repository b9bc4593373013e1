/*
 * filter.h - keep only some owners: --pid, --comm, --cgroup
 *
 * An owner is kept if it matches a --pid or a --comm (when any is given)
 * and the event's cgroup is a --cgroup or below one (when any is given).
 * An event with no owner kept is left out entirely; an event with some
 * counts once in the totals and for its kept owners only.
 */
#ifndef SWAPOWNER_FILTER_H
#define SWAPOWNER_FILTER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "decode.h"

/* An option as given, for the table */
struct so_filter_arg {
	const char	*opt;		/* "--pid", "--comm", "--cgroup" */
	const char	*value;
};

/* A cgroup at or below a --cgroup */
struct so_filter_cgroup {
	uint64_t	id;
	char		*path;		/* relative to the cgroup2 root */
};

struct so_filter {
	int			*pids;		/* --pid */
	size_t			nr_pids;
	size_t			alloc_pids;
	const char		**comms;	/* --comm */
	size_t			nr_comms;
	size_t			alloc_comms;
	struct so_filter_arg	*args;		/* the options, as given */
	size_t			nr_args;
	size_t			alloc_args;
	struct so_filter_cgroup	*cgroups;	/* those and every one below */
	size_t			nr_cgroups;
	size_t			alloc_cgroups;
	bool			inexact_ids;	/* some ids are only st_ino */
	char			*kernel;	/* what record pushed, or NULL */
};

/* The event filter the kernel takes: at most a page, with its newline */
#define SO_FILTER_KERNEL_MAX	4000

bool so_filter_active(const struct so_filter *f);
int so_filter_add_arg(struct so_filter *f, const char *opt,
		      const char *value);
int so_filter_add_pid(struct so_filter *f, int pid);
int so_filter_add_comm(struct so_filter *f, const char *comm);
int so_filter_add_cgroup(struct so_filter *f, const char *path);
int so_filter_add_cgroup_id(struct so_filter *f, uint64_t id,
			    const char *path, bool exact);
void so_filter_free(struct so_filter *f);

bool so_filter_event(const struct so_filter *f, const struct so_event *ev);
bool so_filter_owner(const struct so_filter *f, const struct so_event *ev,
		     unsigned int i);
char *so_filter_cgroup_path(uint64_t id, void *filter);
char *so_filter_kernel(const struct so_filter *f, const char *memcg_field,
		       bool owner_pid);

#endif /* SWAPOWNER_FILTER_H */
