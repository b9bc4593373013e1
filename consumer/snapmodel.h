/*
 * snapmodel.h - the model of swapowner snapshot: swap slots per process
 */
#ifndef SWAPOWNER_SNAPMODEL_H
#define SWAPOWNER_SNAPMODEL_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "model.h"

/* One swapped page of one process */
struct so_snap_slot {
	uint64_t	offset;
	unsigned int	type;
	unsigned int	proc;		/* index in so_snap.procs */
};

struct so_snap_proc {
	uint64_t	pages;		/* distinct slots it maps */
	uint64_t	shared_pages;	/* of which mapped by others too */
	pid_t		pid;
	char		comm[SO_COMM_LEN + 1];
};

struct so_snap {
	struct so_snap_slot	*slots;
	struct so_snap_proc	*procs;
	size_t			nr_slots;
	size_t			alloc_slots;
	size_t			nr_procs;
	size_t			alloc_procs;
	uint64_t		unique_slots;	/* each counted once */
	uint64_t		shared_slots;	/* mapped by >1 process */
	uint64_t		hidden;		/* entries without location */
	unsigned int		page_size;	/* bytes */
};

int so_snap_add_proc(struct so_snap *s, pid_t pid, const char *comm);
int so_snap_add_slot(struct so_snap *s, unsigned int proc,
		     unsigned int type, uint64_t offset);
void so_snap_finish(struct so_snap *s);
void so_snap_free(struct so_snap *s);

#endif /* SWAPOWNER_SNAPMODEL_H */
