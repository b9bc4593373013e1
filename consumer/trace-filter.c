/*
 * trace-filter.c - give the kernel an event filter for --pid, --comm and
 * --cgroup, so that record records less
 *
 * The kernel's filter only thins the stream out: it lets through every
 * event the filter keeps (so_filter_kernel()), and the events read are
 * filtered again exactly, so a filter the kernel refuses only costs more.
 */
#include <stdlib.h>

#include <tracefs.h>

#include "swapowner.h"
#include "trace-filter.h"

/*
 * so_trace_filter_build - set flt->kernel to the event filter for the
 * running kernel's event, or NULL if none can be given
 *
 * tep: the event formats (NULL: read them from tracefs). The fields are
 * the kernel's: memcg_id or (v1) cgroup_ino, owner_pid if it has it. The
 * filter is checked against the event by libtracefs.
 */
void so_trace_filter_build(struct so_filter *flt, struct tep_handle *tep)
{
	const char *systems[] = { SO_EVENT_SYSTEM, NULL };
	struct tep_handle *own = NULL;
	struct tep_format_field *pfn;
	struct tep_event *event;
	const char *memcg;
	char *err = NULL;

	free(flt->kernel);
	flt->kernel = NULL;
	if (!so_filter_active(flt))
		return;
	if (!tep)
		tep = own = tracefs_local_events_system(NULL, systems);
	event = tep ? tep_find_event_by_name(tep, SO_EVENT_SYSTEM,
					     SO_EVENT_NAME) : NULL;
	if (!event)
		goto out;
	memcg = tep_find_field(event, "memcg_id") ? "memcg_id" : "cgroup_ino";
	/*
	 * a cgroup id known only as an inode number (no file handles: a
	 * kernel without CONFIG_FHANDLE) is the id on a 64-bit kernel, one
	 * whose unsigned long pfn has 8 bytes
	 */
	pfn = tep_find_field(event, "pfn");
	if (flt->inexact_ids && pfn && pfn->size == 8) {
		debug_msg("cgroup ids from inode numbers (64-bit kernel)\n");
		flt->inexact_ids = false;
	}
	flt->kernel = so_filter_kernel(flt, memcg,
				       tep_find_field(event, "owner_pid"));
	if (flt->kernel &&
	    tracefs_filter_string_verify(event, flt->kernel, &err)) {
		debug_msg("kernel filter not usable: %s\n%s", flt->kernel,
			  err ? err : "");
		free(flt->kernel);
		flt->kernel = NULL;
	}
	free(err);
out:
	debug_msg("kernel filter: %s\n", flt->kernel ? flt->kernel : "none");
	if (own)
		tep_free(own);
}

/*
 * so_trace_filter_apply - give flt->kernel (if any) to the event in t's
 * instance
 *
 * Returns 0, or -1 if the kernel refused it (with -D, a message; then
 * flt->kernel is freed and NULL, and only the events read are filtered).
 */
int so_trace_filter_apply(struct so_trace *t, struct so_filter *flt)
{
	if (!flt->kernel)
		return 0;
	if (tracefs_event_filter_apply(t->inst, t->reader.dec.event,
				       flt->kernel)) {
		debug_msg("the kernel refused the filter %s\n", flt->kernel);
		free(flt->kernel);
		flt->kernel = NULL;
		return -1;
	}
	return 0;
}
