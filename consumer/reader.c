/*
 * reader.c - turn ring-buffer records of the event into decoded events
 */
#include <errno.h>
#include <string.h>

#include <traceevent/event-parse.h>

#include "reader.h"
#include "swapowner.h"

/* reader_dump - print the event's fields with -D */
static void reader_dump(const struct so_decoder *dec)
{
	struct tep_format_field *f;

	if (!so_debug)
		return;
	debug_msg("format of %s/%s (id %d):\n", SO_EVENT_SYSTEM,
		  SO_EVENT_NAME, dec->event->id);
	for (f = dec->event->format.common_fields; f; f = f->next)
		debug_msg("  field:%s %s; offset:%d; size:%d; flags:0x%lx\n",
			  f->type, f->name, f->offset, f->size, f->flags);
	for (f = dec->event->format.fields; f; f = f->next)
		debug_msg("  field:%s %s; offset:%d; size:%d; flags:0x%lx\n",
			  f->type, f->name, f->offset, f->size, f->flags);
	debug_msg("  print fmt: %s\n", dec->event->print_fmt.format);
	debug_msg("  cgroup id in '%s', owner_pid %s (%s format)\n",
		  dec->memcg_id->name, dec->owner_pid ? "recorded" :
		  "from pids[0]", dec->owner_pid ? "v2" : "v1");
}

/*
 * so_reader_init - resolve the event in tep for a pass over its records
 *
 * Returns 0, SO_DECODE_NO_EVENT or SO_DECODE_BAD_FORMAT.
 */
int so_reader_init(struct so_reader *r, struct so_model *m,
		   struct tep_handle *tep)
{
	int ret;

	memset(r, 0, sizeof(*r));
	r->model = m;
	ret = so_decoder_init(&r->dec, tep);
	if (!ret)
		reader_dump(&r->dec);
	return ret;
}

/*
 * so_reader_record - account one ring-buffer record
 *
 * Records of other events are ignored; a corrupt one is counted. Returns
 * 0, or -ENOMEM (also kept in r->err).
 */
int so_reader_record(struct so_reader *r, const struct tep_record *record)
{
	if (record->size < 2 ||
	    tep_data_type(r->dec.tep, (struct tep_record *)record) !=
	    r->dec.event->id)
		return 0;
	if (so_decode(&r->dec, record->data, record->size, &r->ev)) {
		debug_msg("corrupt record at offset %llu on cpu %d\n",
			  record->offset, record->cpu);
		so_model_add_corrupt(r->model);
		return 0;
	}
	r->ev.ts = record->ts;
	if (so_model_add(r->model, &r->ev)) {
		r->err = -ENOMEM;
		return -ENOMEM;
	}
	return 0;
}

/*
 * so_reader_comm - comm of pid in the saved cmdlines of tep (a struct
 * tep_handle *), NULL if unknown; for so_model_name_blamed()
 */
const char *so_reader_comm(int pid, void *tep)
{
	const char *comm;

	comm = tep_data_comm_from_pid(tep, pid);
	if (!comm || !strcmp(comm, "<...>"))
		return NULL;
	return comm;
}
