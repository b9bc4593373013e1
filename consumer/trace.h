/*
 * trace.h - tracefs plumbing: checks, a private instance, raw reading
 */
#ifndef SWAPOWNER_TRACE_H
#define SWAPOWNER_TRACE_H

#include <stdbool.h>
#include <stddef.h>

#include "reader.h"

struct tracefs_instance;
struct tracefs_cpu;
struct kbuffer;

struct so_trace {
	struct tracefs_instance	*inst;
	struct tep_handle	*tep;
	struct so_reader	reader;
	struct tracefs_cpu	**cpus;		/* per-CPU trace_pipe_raw */
	int			nr_cpus;
	void			*subbuf;	/* one ring-buffer sub-buffer */
	struct kbuffer		*kbuf;		/* belongs to tep */
	volatile bool		stop;		/* so_trace_interrupt() */
	bool			created;	/* we made inst: destroy it */
};

int so_trace_check(void);
int so_trace_open(struct so_trace *t, const char *name, size_t buffer_kb,
		  struct so_model *m);
int so_trace_start(struct so_trace *t);
int so_trace_read(struct so_trace *t);
void so_trace_stop(struct so_trace *t);
void so_trace_interrupt(struct so_trace *t);
void so_trace_close(struct so_trace *t);

#endif /* SWAPOWNER_TRACE_H */
