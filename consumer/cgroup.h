/*
 * cgroup.h - cgroup v2 directories and their cgroup ids
 */
#ifndef SWAPOWNER_CGROUP_H
#define SWAPOWNER_CGROUP_H

#include <stdbool.h>
#include <stdint.h>

/* Where cgroup2 is looked for when /proc/self/mountinfo does not say */
#define SO_CGROUP_ROOT	"/sys/fs/cgroup"

const char *so_cgroup_root(void);
char *so_cgroup_path(uint64_t id, void *root);
int so_cgroup_walk(const char *dir,
		   int (*fn)(const char *path, uint64_t id, bool exact,
			     void *arg),
		   void *arg);

#endif /* SWAPOWNER_CGROUP_H */
