/*
 * tracedat.c - read the event from a trace.dat file with libtracecmd
 *
 * A trace.dat holds the top-level buffer and, when recorded with -B, one
 * buffer per instance: every one that has the event is read into a
 * model, in a child process (isolate.c; every call into the libraries is
 * marked for it) or, for the fuzzer, in this one.
 *
 * Damage noticed while reading is an input error (the caller decides
 * whether it is fatal): the libraries' warnings (they go through
 * tep_vprint()), a failed tracecmd_iterate_events(), and what we check
 * ourselves, as libtracecmd 1.x says nothing of it: pages it skipped, a
 * CPU's records out of time order. A record of no event the file has
 * the format of is a corrupt record. Warnings while the file is opened
 * about metadata the report does not use (other events' formats,
 * kallsyms, trace_printk formats) are only debug output.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <trace-cmd/trace-cmd.h>
#include <traceevent/event-utils.h>

#include "isolate.h"
#include "reader.h"
#include "swapowner.h"
#include "tracedat.h"

/*
 * Exported by libtracecmd 1.x but declared only in its private header
 * (trace-cmd-private.h, not installed): the page size and number of CPUs
 * of a buffer, and its last record on one of them (free with
 * tracecmd_free_record())
 */
int tracecmd_page_size(struct tracecmd_input *handle);
int tracecmd_cpus(struct tracecmd_input *handle);
struct tep_record *tracecmd_read_cpu_last(struct tracecmd_input *handle,
					  int cpu);

/* What was read of one CPU's records; offsets + 1, 0 for none */
struct tracedat_cpu {
	unsigned long long	first;
	unsigned long long	last;
	unsigned long long	last_ts;
	unsigned long long	gaps;	/* pages skipped between two records */
	unsigned long long	backwards;	/* records older than the last */
};

struct tracedat {
	struct so_model		*model;
	struct so_input_errors	*errs;
	struct so_reader	reader;
	struct tracedat_cpu	*cpus;
	unsigned long long	page_mask;
	int			nr_cpus;
	bool			opening;
	bool			probing;	/* tracedat_check_pages() */
};

/* the file being read, for tep_vprint() */
static struct tracedat *tracedat_reading;

/*
 * tep_vprint - every message of libtracecmd and libtraceevent (they
 * declare it weak for this); while a file is read, their warnings are
 * input errors, otherwise they print as usual
 */
int tep_vprint(const char *name, enum tep_loglevel level, bool print_err,
	       const char *fmt, va_list ap)
{
	struct tracedat *td = tracedat_reading;
	char msg[256];
	size_t len;

	if (!td || level > TEP_LOG_WARNING)
		return __tep_vprint(name, level, print_err, fmt, ap);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	len = strlen(msg);
	while (len && (msg[len - 1] == '\n' || msg[len - 1] == ' '))
		msg[--len] = '\0';
	debug_msg("%s: %s\n", name, msg);
	if (td->opening && strcmp(name, "libtracecmd") &&
	    !strstr(msg, SO_EVENT_SYSTEM ":" SO_EVENT_NAME))
		return 0;
	/* the last record of a CPU without data: "bad page offset" */
	if (td->probing)
		return 0;
	so_input_error(td->model, td->errs, msg);
	return 0;
}

/* tracedat_comm - so_reader_comm(), a library call */
static const char *tracedat_comm(int pid, void *tep)
{
	const char *comm;

	so_isolate_enter_lib();
	comm = so_reader_comm(pid, tep);
	so_isolate_leave_lib();
	return comm;
}

/*
 * tracedat_known - is record one of an event the file has the format of?
 * trace-cmd saves the format of every event it recorded: a record of
 * another type is a damaged one (a flipped header splits or merges
 * records), so it is counted as corrupt, not skipped unseen.
 */
static bool tracedat_known(struct tracedat *td, struct tep_record *record)
{
	struct tep_handle *tep = td->reader.dec.tep;
	int type;

	if (record->size < 2)
		return false;
	type = tep_data_type(tep, record);
	return type == td->reader.dec.event->id || tep_find_event(tep, type);
}

/*
 * tracedat_track - note where and when a CPU's record is. libtracecmd 1.x
 * skips a page that does not load (a compressed chunk that does not
 * decompress) without a word, so a page without records between two with
 * records is taken as one that did not load (trace-cmd writes no empty
 * pages). A CPU's ring buffer is in time order: a record older than the
 * one before it on the same CPU is a damaged one.
 */
static void tracedat_track(struct tracedat *td, struct tracedat_cpu *c,
			   const struct tep_record *record)
{
	unsigned long long page = record->offset & td->page_mask;
	unsigned long long prev = (c->last - 1) & td->page_mask;

	if (!c->first)
		c->first = record->offset + 1;
	else if (page > prev + ~td->page_mask + 1)
		c->gaps++;
	if (record->ts < c->last_ts)
		c->backwards++;
	c->last = record->offset + 1;
	c->last_ts = record->ts;
}

static int tracedat_record(struct tracecmd_input *handle,
			   struct tep_record *record, int cpu, void *arg)
{
	struct tracedat *td = arg;
	int ret = 0;

	(void)handle;
	if (cpu >= 0 && cpu < td->nr_cpus)
		tracedat_track(td, &td->cpus[cpu], record);
	if (!tracedat_known(td, record)) {
		so_isolate_leave_lib();
		debug_msg("record of no known event at offset %llu on cpu "
			  "%d\n", record->offset, record->cpu);
		so_model_add_corrupt(td->model);
	} else {
		so_isolate_leave_lib();
		ret = so_reader_record(&td->reader, record);
	}
	so_isolate_enter_lib();
	return ret ? 1 : 0;
}

static int tracedat_missed(struct tracecmd_input *handle,
			   struct tep_event *event, struct tep_record *record,
			   int cpu, void *arg)
{
	struct tracedat *td = arg;

	(void)handle;
	(void)event;
	(void)cpu;
	so_isolate_leave_lib();
	so_model_add_lost(td->model, record->missed_events);
	so_isolate_enter_lib();
	return 0;
}

/*
 * tracedat_check_pages - were all of every CPU's pages read, in time
 * order? Besides the gaps between records, its first and last record,
 * read directly, tell whether pages at either end were skipped (what
 * libtracecmd says reading them is not damage: it warns about a CPU
 * without data).
 */
static void tracedat_check_pages(struct tracedat *td,
				 struct tracecmd_input *h)
{
	struct tracedat_cpu *c;
	struct tep_record *first;
	struct tep_record *last;
	char msg[96];
	bool short_read;
	int cpu;

	for (cpu = 0; cpu < td->nr_cpus; cpu++) {
		c = &td->cpus[cpu];
		so_isolate_enter_lib();
		td->probing = true;
		first = tracecmd_read_cpu_first(h, cpu);
		last = tracecmd_read_cpu_last(h, cpu);
		td->probing = false;
		so_isolate_leave_lib();
		short_read = c->gaps ||
			     (first ? first->offset + 1 : 0) != c->first ||
			     (last ? last->offset + 1 : 0) != c->last;
		if (short_read) {
			snprintf(msg, sizeof(msg), "pages of cpu %d did not "
				 "load", cpu);
			so_input_error(td->model, td->errs, msg);
		}
		if (c->backwards) {
			snprintf(msg, sizeof(msg), "timestamps of cpu %d go "
				 "backwards", cpu);
			so_input_error(td->model, td->errs, msg);
		}
		so_isolate_enter_lib();
		tracecmd_free_record(first);
		tracecmd_free_record(last);
		so_isolate_leave_lib();
	}
}

/*
 * tracedat_buffer - read one buffer (top level or instance) of a trace.dat
 *
 * Returns 1 if it has the event and was read, 0 if it has not, or a
 * negative SO_EXIT_* code.
 */
static int tracedat_buffer(struct tracedat *td, struct tracecmd_input *h,
			   const char *path, const char *name)
{
	struct so_model *m = td->model;
	struct tep_handle *tep;
	int ret;

	tep = tracecmd_get_tep(h);
	if (!tep)
		return 0;
	ret = so_reader_init(&td->reader, m, tep);
	if (ret == SO_DECODE_NO_EVENT) {
		debug_msg("%s: buffer '%s' has no %s/%s\n", path, name,
			  SO_EVENT_SYSTEM, SO_EVENT_NAME);
		return 0;
	}
	if (ret) {
		err_msg("%s: the format of %s/%s is not one this version "
			"understands (-D prints it)\n", path, SO_EVENT_SYSTEM,
			SO_EVENT_NAME);
		return -SO_EXIT_BAD_FORMAT;
	}
	/* trace.dat files do not always say; assume this machine's */
	if (!m->page_size)
		m->page_size = tep_get_page_size(tep);
	if (!m->page_size)
		m->page_size = sysconf(_SC_PAGESIZE);

	td->page_mask = ~((unsigned long long)tracecmd_page_size(h) - 1);
	td->nr_cpus = tracecmd_cpus(h);
	if (td->nr_cpus < 0)
		td->nr_cpus = 0;
	free(td->cpus);
	td->cpus = calloc(td->nr_cpus ? td->nr_cpus : 1, sizeof(*td->cpus));
	if (!td->cpus) {
		err_msg("%s: out of memory\n", path);
		return -SO_EXIT_ERROR;
	}
	so_isolate_enter_lib();
	tracecmd_follow_missed_events(h, tracedat_missed, td);
	ret = tracecmd_iterate_events(h, NULL, 0, tracedat_record, td);
	so_isolate_leave_lib();
	if (td->reader.err) {
		err_msg("%s: out of memory\n", path);
		return -SO_EXIT_ERROR;
	}
	if (ret < 0)
		so_input_error(m, td->errs, "reading the events failed");
	else
		tracedat_check_pages(td, h);
	so_model_name_blamed(m, tracedat_comm, tep);
	return 1;
}

/* tracedat_check_file - can path be opened, and is it a non-empty file? */
static int tracedat_check_file(const char *path)
{
	struct stat st;
	int fd;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		err_msg("%s: %s\n", path, strerror(errno));
		return errno == EACCES ? SO_EXIT_PERM : SO_EXIT_BAD_INPUT;
	}
	if (fstat(fd, &st) || !S_ISREG(st.st_mode) || !st.st_size) {
		err_msg("%s: not a trace.dat file (%s)\n", path,
			S_ISREG(st.st_mode) ? "empty" : "not a regular file");
		close(fd);
		return SO_EXIT_BAD_INPUT;
	}
	close(fd);
	return 0;
}

/* tracedat_buffers - read every buffer of the open file that has the event */
static int tracedat_buffers(struct tracedat *td, struct tracecmd_input *h,
			    const char *path)
{
	struct tracecmd_input *inst;
	const char *name;
	int found = 0;
	int ret;
	int i;

	ret = tracedat_buffer(td, h, path, "top");
	if (ret < 0)
		return -ret;
	found += ret;
	for (i = 0; i < tracecmd_buffer_instances(h); i++) {
		so_isolate_enter_lib();
		inst = tracecmd_buffer_instance_handle(h, i);
		so_isolate_leave_lib();
		if (!inst)
			continue;
		name = tracecmd_buffer_instance_name(h, i);
		ret = tracedat_buffer(td, inst, path, name);
		so_isolate_enter_lib();
		tracecmd_close(inst);
		so_isolate_leave_lib();
		if (ret < 0)
			return -ret;
		found += ret;
	}
	if (!found) {
		err_msg("%s: no %s:%s event in this trace (record it with "
			"-e %s:%s)\n", path, SO_EVENT_SYSTEM, SO_EVENT_NAME,
			SO_EVENT_SYSTEM, SO_EVENT_NAME);
		return SO_EXIT_INPUT_NO_EVENT;
	}
	return 0;
}

/*
 * so_tracedat_read - add the events of one trace.dat to m
 *
 * Returns SO_EXIT_OK or the exit code of the error it printed; damage
 * noticed on the way is counted in errs and m's input_errors.
 */
int so_tracedat_read(const char *path, struct so_model *m,
		     struct so_input_errors *errs)
{
	struct tracecmd_input *handle;
	struct tracedat td = {
		.model = m,
		.errs = errs,
		.opening = true,
	};
	int ret;

	ret = tracedat_check_file(path);
	if (ret)
		return ret;

	tracecmd_set_loglevel(so_debug ? TEP_LOG_ALL : TEP_LOG_WARNING);
	tep_set_loglevel(so_debug ? TEP_LOG_ALL : TEP_LOG_WARNING);
	tracedat_reading = &td;
	so_isolate_enter_lib();
	handle = tracecmd_open(path, TRACECMD_FL_LOAD_NO_PLUGINS);
	so_isolate_leave_lib();
	td.opening = false;
	if (!handle) {
		tracedat_reading = NULL;
		err_msg("%s: not a trace.dat file, or truncated\n", path);
		return SO_EXIT_BAD_INPUT;
	}
	ret = tracedat_buffers(&td, handle, path);
	so_isolate_enter_lib();
	tracecmd_close(handle);
	so_isolate_leave_lib();
	tracedat_reading = NULL;
	free(td.cpus);
	return ret;
}
