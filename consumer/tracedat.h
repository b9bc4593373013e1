/*
 * tracedat.h - read the event from a trace.dat file with libtracecmd
 */
#ifndef SWAPOWNER_TRACEDAT_H
#define SWAPOWNER_TRACEDAT_H

#include "sink.h"

int so_tracedat_read(const char *path, const struct so_sink_ops *ops,
		     void *arg);

#endif /* SWAPOWNER_TRACEDAT_H */
