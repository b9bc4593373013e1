/*
 * report.h - summarise trace.dat files (libtracecmd)
 */
#ifndef SWAPOWNER_REPORT_H
#define SWAPOWNER_REPORT_H

#include "model.h"

struct tep_handle;
struct tep_event;
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
int so_reader_record(struct so_reader *r, struct tep_record *record);
void so_decoder_dump(const struct so_decoder *dec);

int so_report_file(struct so_model *m, const char *path);
void so_report_guard(void);

#endif /* SWAPOWNER_REPORT_H */
