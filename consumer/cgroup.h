/*
 * cgroup.h - find a cgroup v2 directory by its inode number
 */
#ifndef SWAPOWNER_CGROUP_H
#define SWAPOWNER_CGROUP_H

#include <stdint.h>

#define SO_CGROUP_ROOT	"/sys/fs/cgroup"

char *so_cgroup_path(uint64_t ino, void *root);

#endif /* SWAPOWNER_CGROUP_H */
