/*
 * isolate.h - read a trace.dat in a child process
 *
 * libtracecmd and libtraceevent crash on some corrupt files (a fault, or
 * an abort from glibc's heap checks). The reading runs in a child that
 * sends what it found over a pipe; the parent adds it up. A crash of the
 * child while it was inside the libraries is an input error of that file;
 * a crash in our own code between library calls is re-raised as ours.
 */
#ifndef SWAPOWNER_ISOLATE_H
#define SWAPOWNER_ISOLATE_H

#include "sink.h"

/* A reader of one file: delivers to ops/arg, returns an SO_EXIT_* code */
typedef int (*so_isolate_fn)(const char *path, const struct so_sink_ops *ops,
			     void *arg);

int so_isolate_read(so_isolate_fn reader, const char *path,
		    const struct so_sink_ops *ops, void *arg);

/* Around every library call the reader makes (no-ops outside a child) */
void so_isolate_enter_lib(void);
void so_isolate_leave_lib(void);

#endif /* SWAPOWNER_ISOLATE_H */
