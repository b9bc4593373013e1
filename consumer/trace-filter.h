/*
 * trace-filter.h - give the kernel an event filter for --pid, --comm and
 * --cgroup, so that record records less
 */
#ifndef SWAPOWNER_TRACE_FILTER_H
#define SWAPOWNER_TRACE_FILTER_H

#include "filter.h"
#include "trace.h"

void so_trace_filter_build(struct so_filter *flt, struct tep_handle *tep);
int so_trace_filter_apply(struct so_trace *t, struct so_filter *flt);

#endif /* SWAPOWNER_TRACE_FILTER_H */
