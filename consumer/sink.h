/*
 * sink.h - where a trace.dat reader delivers what it found
 *
 * The reader (tracedat.c) calls these in file order; they are either the
 * model itself (so_model_sink_ops) or, when the file is read in a child
 * process, the pipe back to the parent (isolate.c), which calls the
 * model's in turn.
 */
#ifndef SWAPOWNER_SINK_H
#define SWAPOWNER_SINK_H

#include <stddef.h>
#include <stdint.h>

#include "model.h"

struct so_sink_ops {
	/* a decoded event; 0 or -ENOMEM */
	int	(*event)(void *arg, const struct so_event *ev);
	/* a record of the event that does not decode */
	void	(*corrupt)(void *arg);
	/* events the ring buffer dropped; < 0: an unknown number */
	void	(*lost)(void *arg, long long missed);
	/* the page size the file was recorded with */
	void	(*page_size)(void *arg, unsigned int page_size);
	/* the comm saved for pid (a blamed task); 0 or -ENOMEM */
	int	(*name)(void *arg, int pid, const char *comm);
	/* damage the libraries noticed while reading: msg says what */
	void	(*input_error)(void *arg, const char *msg);
};

/* A saved comm, for naming the blamed tasks once the file is read */
struct so_sink_name {
	int	pid;
	char	comm[SO_COMM_LEN + 1];
};

/* The model as a sink, for the events of one file */
struct so_model_sink {
	struct so_model		*model;
	struct so_sink_name	*names;
	size_t			nr_names;
	size_t			alloc_names;
	uint64_t		input_errors;	/* also in model totals */
	char			first_error[256];
};

extern const struct so_sink_ops so_model_sink_ops;

void so_model_sink_init(struct so_model_sink *s, struct so_model *m);
void so_model_sink_finish(struct so_model_sink *s);

#endif /* SWAPOWNER_SINK_H */
