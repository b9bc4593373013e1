/*
 * cgroup.h - find a cgroup v2 directory by its cgroup id
 */
#ifndef SWAPOWNER_CGROUP_H
#define SWAPOWNER_CGROUP_H

#include <stdint.h>

#define SO_CGROUP_ROOT	"/sys/fs/cgroup"

char *so_cgroup_path(uint64_t id, void *root);

#endif /* SWAPOWNER_CGROUP_H */
