/*
 * pagemap.h - decode /proc/PID/pagemap and walk a process's swapped pages
 *
 * Shared by the consumer and by the guest ground-truth tool. The library
 * never prints and never exits: every function reports errors as a negative
 * errno value.
 *
 * The swap type and offset of a swapped entry are only filled in by the
 * kernel when the reader holds CAP_SYS_ADMIN (checked when pagemap is
 * opened); without it they read as zero. Offset 0 of a swap area is its
 * header and never holds a page, so a swapped entry with offset 0 means the
 * location was hidden.
 *
 * Swap PTEs that are not swap slots (migration entries, uffd-wp markers)
 * carry the swapped bit too; their type is >= the kernel's MAX_SWAPFILES,
 * which depends on its configuration, so telling them apart is left to the
 * caller (compare the type with the areas listed in /proc/swaps).
 *
 * Pages of shmem, tmpfs and MAP_SHARED anonymous mappings are never reported
 * as swapped: reclaim clears their PTEs and pagemap shows them as not
 * present.
 */
#ifndef SWAPOWNER_PAGEMAP_H
#define SWAPOWNER_PAGEMAP_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

/* Bits of a pagemap entry (Documentation/admin-guide/mm/pagemap.rst) */
#define PAGEMAP_PRESENT		(1ULL << 63)
#define PAGEMAP_SWAPPED		(1ULL << 62)
#define PAGEMAP_FILE_SHARED	(1ULL << 61)
#define PAGEMAP_UFFD_WP		(1ULL << 57)
#define PAGEMAP_EXCLUSIVE	(1ULL << 56)
#define PAGEMAP_SOFT_DIRTY	(1ULL << 55)
#define PAGEMAP_PFN_MASK	((1ULL << 55) - 1)

/* A swapped entry holds swp_type | swp_offset << MAX_SWAPFILES_SHIFT */
#define PAGEMAP_SWP_TYPE_BITS	5
#define PAGEMAP_SWP_TYPE_MASK	((1ULL << PAGEMAP_SWP_TYPE_BITS) - 1)
#define PAGEMAP_SWP_OFFSET_BITS	50
#define PAGEMAP_SWP_OFFSET_MASK	((1ULL << PAGEMAP_SWP_OFFSET_BITS) - 1)

/* Size of one pagemap entry in bytes */
#define PAGEMAP_ENTRY_SIZE	8

/*
 * Room for a path in a struct pagemap_vma, terminating NUL included: PATH_MAX
 * plus " (deleted)" and some "\012" escapes. Longer paths are truncated.
 */
#define PAGEMAP_PATH_MAX	4352

/* One decoded pagemap entry */
struct pagemap_entry {
	uint64_t	pfn;		/* present: frame, 0 if hidden */
	uint64_t	swp_offset;	/* swapped: slot in the swap area */
	unsigned int	swp_type;	/* swapped: swap area index */
	bool		present;
	bool		swapped;
	bool		file_shared;	/* file page or shared anon */
	bool		exclusive;	/* mapped by this process only */
	bool		soft_dirty;
	bool		uffd_wp;
};

/* One line of /proc/PID/maps */
struct pagemap_vma {
	uint64_t	start;
	uint64_t	end;		/* exclusive */
	uint64_t	offset;		/* file offset in bytes */
	uint64_t	inode;
	unsigned int	dev_major;
	unsigned int	dev_minor;
	char		perms[5];	/* "rwxp", NUL-terminated */
	bool		path_truncated;
	char		path[PAGEMAP_PATH_MAX]; /* "" when anonymous */
};

/*
 * Called for each swapped entry; vma and pe are only valid during the call.
 * A non-zero return value stops the walk, which then returns that value.
 */
typedef int (*pagemap_walk_fn)(const struct pagemap_vma *vma, uint64_t vaddr,
			       const struct pagemap_entry *pe, void *arg);

void pagemap_entry_decode(uint64_t raw, struct pagemap_entry *out);

int pagemap_maps_line_parse(const char *line, struct pagemap_vma *vma);

/* true if the mapping is MAP_SHARED ('s' in the permissions) */
static inline bool pagemap_vma_is_shared(const struct pagemap_vma *vma)
{
	return vma->perms[3] == 's';
}

int pagemap_walk(FILE *maps, int pagemap_fd, pagemap_walk_fn fn, void *arg);

int pagemap_walk_pid(pid_t pid, pagemap_walk_fn fn, void *arg);

#endif /* SWAPOWNER_PAGEMAP_H */
