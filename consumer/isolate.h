/*
 * isolate.h - read a trace.dat in a child process
 *
 * libtracecmd and libtraceevent crash on some corrupt files (a fault, or
 * an abort from glibc's heap checks). The reading runs in a child that
 * builds the file's model and sends it over a pipe; the parent adds it
 * to its own. A crash of the child while it was inside the libraries is
 * an input error of that file (which then adds nothing); a crash in our
 * own code between library calls is re-raised as ours.
 */
#ifndef SWAPOWNER_ISOLATE_H
#define SWAPOWNER_ISOLATE_H

#include <signal.h>
#include <stdint.h>

#include "model.h"

/* Damage noticed while reading a file */
struct so_input_errors {
	uint64_t	count;		/* also added to the model's totals */
	char		first[256];	/* what the first one was */
};

/*
 * A reader of one file: adds it to m (which starts empty), its damage to
 * errs; returns an SO_EXIT_* code after printing its error
 */
typedef int (*so_isolate_fn)(const char *path, struct so_model *m,
			     struct so_input_errors *errs);

int so_isolate_read(so_isolate_fn reader, const char *path,
		    struct so_model *m, struct so_input_errors *errs);
void so_input_error(struct so_model *m, struct so_input_errors *errs,
		    const char *msg);

/*
 * Around every library call the reader makes (no-ops outside a child);
 * inline, as the reader marks every record it is called back for
 */
extern volatile sig_atomic_t *so_isolate_where;

enum so_isolate_where {
	SO_ISOLATE_OURS,
	SO_ISOLATE_LIB,
};

/* so_isolate_enter_lib - the child is about to call into a library */
static inline void so_isolate_enter_lib(void)
{
	if (so_isolate_where)
		*so_isolate_where = SO_ISOLATE_LIB;
}

/* so_isolate_leave_lib - the child is back in swapowner's code */
static inline void so_isolate_leave_lib(void)
{
	if (so_isolate_where)
		*so_isolate_where = SO_ISOLATE_OURS;
}

#endif /* SWAPOWNER_ISOLATE_H */
