/*
 * cgroup.c - cgroup v2 directories and their cgroup ids
 *
 * The event's memcg_id (v1: cgroup_ino) is the cgroup id of the memcg,
 * its kernfs node id: the file handle name_to_handle_at() gives for its
 * directory, and on a 64-bit kernel also the directory's st_ino. A 32-bit
 * kernel keeps a generation in the id's high 32 bits and gives only the
 * low ones as st_ino.
 */
#define _XOPEN_SOURCE 700
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cgroup.h"

/* nftw() has no argument for its callback */
static uint64_t cgroup_want;
static char *cgroup_found;
static size_t cgroup_root_len;
static int (*cgroup_walk_fn)(const char *path, uint64_t id, bool exact,
			     void *arg);
static void *cgroup_walk_arg;

/*
 * so_cgroup_root - where cgroup2 is mounted: the first cgroup2 mount in
 * /proc/self/mountinfo (/sys/fs/cgroup, or /sys/fs/cgroup/unified on a
 * hybrid system), else SO_CGROUP_ROOT
 */
const char *so_cgroup_root(void)
{
	static char root[4096];
	char line[8192];
	char type[64];
	char dir[4096];
	FILE *f;

	if (root[0])
		return root;
	snprintf(root, sizeof(root), "%s", SO_CGROUP_ROOT);
	f = fopen("/proc/self/mountinfo", "re");
	if (!f)
		return root;
	/* ID PARENT MAJ:MIN ROOT MOUNTPOINT OPTIONS [TAGS...] - TYPE ... */
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%*s %*s %*s %*s %4095s", dir) != 1 ||
		    !strstr(line, " - ") ||
		    sscanf(strstr(line, " - "), " - %63s", type) != 1)
			continue;
		if (!strcmp(type, "cgroup2") && !strchr(dir, '\\')) {
			snprintf(root, sizeof(root), "%s", dir);
			break;
		}
	}
	fclose(f);
	return root;
}

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
 * so_cgroup_root())
 *
 * Returns a malloc'ed path ("/" for the root, "/a/b" below it), or NULL if
 * there is no such cgroup (any more). Free with free().
 */
char *so_cgroup_path(uint64_t id, void *root)
{
	const char *dir = root ? root : so_cgroup_root();

	cgroup_want = id;
	cgroup_found = NULL;
	cgroup_root_len = strlen(dir);
	nftw(dir, cgroup_visit, 16, FTW_PHYS | FTW_MOUNT);
	return cgroup_found;
}

/*
 * cgroup_id - the cgroup id of directory path: its file handle (exact),
 * else its inode number (exact on 64-bit kernels only)
 */
static uint64_t cgroup_id(const char *path, const struct stat *st,
			  bool *exact)
{
	struct {
		struct file_handle	fh;
		uint64_t		id;
	} h;
	uint64_t id;
	int mnt;

	h.fh.handle_bytes = sizeof(h.id);
	if (!name_to_handle_at(AT_FDCWD, path, &h.fh, &mnt, 0) &&
	    h.fh.handle_bytes == sizeof(id)) {
		memcpy(&id, h.fh.f_handle, sizeof(id));
		*exact = true;
		return id;
	}
	*exact = false;
	return st->st_ino;
}

static int cgroup_walk_visit(const char *path, const struct stat *st,
			     int type, struct FTW *ftw)
{
	uint64_t id;
	bool exact;

	(void)ftw;
	if (type != FTW_D)
		return 0;
	id = cgroup_id(path, st, &exact);
	return cgroup_walk_fn(path, id, exact, cgroup_walk_arg);
}

/*
 * so_cgroup_walk - call fn for directory dir and every directory below
 * it with the cgroup id (exact: a file handle, not an inode number)
 *
 * fn returns 0 to go on. Returns 0, what fn returned, or -errno when dir
 * cannot be walked.
 */
int so_cgroup_walk(const char *dir,
		   int (*fn)(const char *path, uint64_t id, bool exact,
			     void *arg),
		   void *arg)
{
	int ret;

	cgroup_walk_fn = fn;
	cgroup_walk_arg = arg;
	errno = 0;
	ret = nftw(dir, cgroup_walk_visit, 16, FTW_PHYS | FTW_MOUNT);
	if (ret < 0)
		return errno ? -errno : -EIO;
	return ret;
}
