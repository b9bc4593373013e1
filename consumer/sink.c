/*
 * sink.c - the model as the sink of a trace.dat reader
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sink.h"

static int sink_event(void *arg, const struct so_event *ev)
{
	struct so_model_sink *s = arg;

	return so_model_add(s->model, ev) ? -ENOMEM : 0;
}

static void sink_corrupt(void *arg)
{
	struct so_model_sink *s = arg;

	so_model_add_corrupt(s->model);
}

static void sink_lost(void *arg, long long missed)
{
	struct so_model_sink *s = arg;

	so_model_add_lost(s->model, missed);
}

/* sink_page_size - the first file that says sets it */
static void sink_page_size(void *arg, unsigned int page_size)
{
	struct so_model_sink *s = arg;

	if (!s->model->page_size)
		s->model->page_size = page_size;
}

static int sink_name(void *arg, int pid, const char *comm)
{
	struct so_model_sink *s = arg;
	struct so_sink_name *n;
	size_t alloc;

	if (s->nr_names == s->alloc_names) {
		alloc = s->alloc_names ? 2 * s->alloc_names : 64;
		n = realloc(s->names, alloc * sizeof(*n));
		if (!n)
			return -ENOMEM;
		s->names = n;
		s->alloc_names = alloc;
	}
	n = &s->names[s->nr_names++];
	n->pid = pid;
	snprintf(n->comm, sizeof(n->comm), "%s", comm);
	return 0;
}

static void sink_input_error(void *arg, const char *msg)
{
	struct so_model_sink *s = arg;

	if (!s->input_errors++)
		snprintf(s->first_error, sizeof(s->first_error), "%s", msg);
	s->model->totals.input_errors++;
}

const struct so_sink_ops so_model_sink_ops = {
	.event		= sink_event,
	.corrupt	= sink_corrupt,
	.lost		= sink_lost,
	.page_size	= sink_page_size,
	.name		= sink_name,
	.input_error	= sink_input_error,
};

/* so_model_sink_init - a sink adding the events of one file to m */
void so_model_sink_init(struct so_model_sink *s, struct so_model *m)
{
	memset(s, 0, sizeof(*s));
	s->model = m;
}

static int sink_name_cmp(const void *a, const void *b)
{
	const struct so_sink_name *x = a;
	const struct so_sink_name *y = b;

	return (x->pid > y->pid) - (x->pid < y->pid);
}

/* sink_comm - the comm saved for pid, for so_model_name_blamed() */
static const char *sink_comm(int pid, void *arg)
{
	struct so_model_sink *s = arg;
	struct so_sink_name key = { .pid = pid };
	struct so_sink_name *n;

	n = bsearch(&key, s->names, s->nr_names, sizeof(*n), sink_name_cmp);
	return n ? n->comm : NULL;
}

/* so_model_sink_finish - name the blamed tasks of the file; free s */
void so_model_sink_finish(struct so_model_sink *s)
{
	if (s->nr_names) {
		qsort(s->names, s->nr_names, sizeof(*s->names),
		      sink_name_cmp);
		so_model_name_blamed(s->model, sink_comm, s);
	}
	free(s->names);
	s->names = NULL;
	s->nr_names = 0;
	s->alloc_names = 0;
}
