/*
 * tracedat.h - read the event from a trace.dat file with libtracecmd
 */
#ifndef SWAPOWNER_TRACEDAT_H
#define SWAPOWNER_TRACEDAT_H

#include "isolate.h"

int so_tracedat_read(const char *path, struct so_model *m,
		     struct so_input_errors *errs);

#endif /* SWAPOWNER_TRACEDAT_H */
