/*
 * reader.h - turn ring-buffer records of the event into decoded events
 *
 * Shared by the live reader (trace.c, tracefs) and the trace.dat reader
 * (tracedat.c, libtracecmd): both hand it tep_records.
 */
#ifndef SWAPOWNER_READER_H
#define SWAPOWNER_READER_H

#include "model.h"

struct tep_handle;
struct tep_record;

/* State of one pass over a stream of records of the event */
struct so_reader {
	struct so_decoder	dec;
	struct so_event		ev;
	struct so_model		*model;
	int			err;	/* -ENOMEM from the model */
};

int so_reader_init(struct so_reader *r, struct so_model *m,
		   struct tep_handle *tep);
int so_reader_record(struct so_reader *r, const struct tep_record *record);
const char *so_reader_comm(int pid, void *tep);

#endif /* SWAPOWNER_READER_H */
