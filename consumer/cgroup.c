/*
 * cgroup.c - find a cgroup v2 directory by its cgroup id
 *
 * The event's memcg_id (v1: cgroup_ino) is the cgroup id of the memcg,
 * its kernfs node id: on a 64-bit kernel, the st_ino of its directory
 * under the cgroup2 mount. A 32-bit kernel keeps a generation in the id's
 * high 32 bits and gives only the low ones as st_ino.
 */
#define _XOPEN_SOURCE 700
#include <ftw.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cgroup.h"

/* nftw() has no argument for its callback */
static uint64_t cgroup_want;
static char *cgroup_found;
static size_t cgroup_root_len;

static int cgroup_visit(const char *path, const struct stat *st, int type,
			struct FTW *ftw)
{
	(void)ftw;
	if (type != FTW_D)
		return 0;
	if (st->st_ino != cgroup_want &&
	    (!(cgroup_want >> 32) || st->st_ino != (uint32_t)cgroup_want))
		return 0;
	cgroup_found = strdup(path[cgroup_root_len] ? path + cgroup_root_len
						    : "/");
	return 1;
}

/*
 * so_cgroup_path - path of the cgroup with id (directory inode) id,
 * relative to the cgroup2 mount root (a const char *, NULL for
 * SO_CGROUP_ROOT)
 *
 * Returns a malloc'ed path ("/" for the root, "/a/b" below it), or NULL if
 * there is no such cgroup (any more). Free with free().
 */
char *so_cgroup_path(uint64_t id, void *root)
{
	const char *dir = root ? root : SO_CGROUP_ROOT;

	cgroup_want = id;
	cgroup_found = NULL;
	cgroup_root_len = strlen(dir);
	nftw(dir, cgroup_visit, 16, FTW_PHYS | FTW_MOUNT);
	return cgroup_found;
}
