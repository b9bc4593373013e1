/*
 * trace.c - tracefs plumbing: checks, a private instance, raw reading
 *
 * Only an instance this process created is ever configured or destroyed;
 * the top-level buffer is never touched.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <kbuffer.h>
#include <tracefs.h>

#include "swapowner.h"
#include "trace.h"

/*
 * so_trace_check - tracefs mounted, accessible, and the event there?
 *
 * Returns 0 or the exit code of the error it printed.
 */
int so_trace_check(void)
{
	const char *dir = NULL;
	int ret;

	ret = tracefs_tracing_dir_is_mounted(false, &dir);
	if (ret <= 0 || !dir) {
		err_msg("tracefs is not mounted (mount -t tracefs nodev "
			"/sys/kernel/tracing)\n");
		return SO_EXIT_NO_TRACEFS;
	}
	if (access(dir, R_OK | W_OK | X_OK)) {
		err_msg("no permission on %s: %s (run as root)\n", dir,
			strerror(errno));
		return errno == ENOENT ? SO_EXIT_NO_TRACEFS : SO_EXIT_PERM;
	}
	if (!tracefs_event_file_exists(NULL, SO_EVENT_SYSTEM, SO_EVENT_NAME,
				       "format")) {
		err_msg("this kernel does not have %s:%s — boot a kernel with "
			"patches/ applied, or use `swapowner snapshot`\n",
			SO_EVENT_SYSTEM, SO_EVENT_NAME);
		return SO_EXIT_NO_EVENT;
	}
	debug_msg("tracefs at %s\n", dir);
	if (so_debug) {
		char *fmt = tracefs_event_file_read(NULL, SO_EVENT_SYSTEM,
						    SO_EVENT_NAME, "format",
						    NULL);

		debug_msg("kernel format file:\n%s", fmt ? fmt : "?\n");
		free(fmt);
	}
	return 0;
}

/*
 * trace_open_cpus - open every CPU's trace_pipe_raw of the instance once,
 * non-blocking, for the whole recording: reopening them at every poll
 * (what tracefs_iterate_raw_events() does) costs more than the reading
 * when the swap rate is low
 */
static int trace_open_cpus(struct so_trace *t)
{
	int size = 0;
	int cpu;
	int n;

	t->nr_cpus = sysconf(_SC_NPROCESSORS_CONF);
	if (t->nr_cpus < 1)
		t->nr_cpus = 1;
	t->cpus = calloc(t->nr_cpus, sizeof(*t->cpus));
	if (!t->cpus)
		return -1;
	for (cpu = 0; cpu < t->nr_cpus; cpu++) {
		t->cpus[cpu] = tracefs_cpu_open(t->inst, cpu, true);
		/* a CPU the ring buffer does not have: nothing to read */
		if (!t->cpus[cpu])
			continue;
		n = tracefs_cpu_read_size(t->cpus[cpu]);
		if (n > size)
			size = n;
	}
	if (size <= 0)
		return -1;
	t->subbuf = malloc(size);
	t->kbuf = tep_kbuffer(t->tep);
	return t->subbuf && t->kbuf ? 0 : -1;
}

/* trace_subbuf - account the records of the sub-buffer in t->subbuf */
static void trace_subbuf(struct so_trace *t, int cpu)
{
	struct tep_record record;
	unsigned long long ts;
	void *data;
	int missed;

	if (kbuffer_load_subbuffer(t->kbuf, t->subbuf) < 0) {
		so_model_add_corrupt(t->reader.model);
		return;
	}
	missed = kbuffer_missed_events(t->kbuf);
	if (missed) {
		debug_msg("cpu %d: %d events missed\n", cpu, missed);
		so_model_add_lost(t->reader.model, missed);
	}
	memset(&record, 0, sizeof(record));
	record.cpu = cpu;
	for (data = kbuffer_read_event(t->kbuf, &ts); data;
	     data = kbuffer_next_event(t->kbuf, &ts)) {
		record.ts = ts;
		record.data = data;
		record.size = kbuffer_event_size(t->kbuf);
		record.offset = kbuffer_curr_offset(t->kbuf);
		if (so_reader_record(&t->reader, &record))
			return;
	}
}

/*
 * so_trace_open - create instance name, configured but with tracing off
 *
 * buffer_kb: per-CPU buffer size, 0 to keep the default. Returns 0 or the
 * exit code of the error it printed; so_trace_close() cleans up either way.
 */
int so_trace_open(struct so_trace *t, const char *name, size_t buffer_kb,
		  struct so_model *m)
{
	const char *systems[] = { SO_EVENT_SYSTEM, NULL };
	int ret;

	memset(t, 0, sizeof(*t));
	if (tracefs_instance_exists(name)) {
		err_msg("tracefs instance '%s' already exists; not touching "
			"it (choose another name with -B)\n", name);
		return SO_EXIT_ERROR;
	}
	t->inst = tracefs_instance_create(name);
	if (!t->inst) {
		err_msg("cannot create tracefs instance '%s': %s\n", name,
			strerror(errno));
		return errno == EACCES || errno == EPERM ? SO_EXIT_PERM
							 : SO_EXIT_ERROR;
	}
	t->created = tracefs_instance_is_new(t->inst);
	if (!t->created) {
		err_msg("tracefs instance '%s' appeared meanwhile; not "
			"touching it\n", name);
		return SO_EXIT_ERROR;
	}
	debug_msg("created instance %s\n", name);

	if (tracefs_trace_off(t->inst)) {
		err_msg("%s: cannot turn tracing off\n", name);
		return SO_EXIT_ERROR;
	}
	if (buffer_kb &&
	    tracefs_instance_set_buffer_size(t->inst, buffer_kb, -1)) {
		err_msg("%s: cannot set the buffer to %zu KiB\n", name,
			buffer_kb);
		return SO_EXIT_ERROR;
	}

	t->tep = tracefs_local_events_system(NULL, systems);
	if (!t->tep) {
		err_msg("cannot read the event formats from tracefs\n");
		return SO_EXIT_ERROR;
	}
	ret = so_reader_init(&t->reader, m, t->tep);
	if (ret == SO_DECODE_NO_EVENT) {
		err_msg("this kernel does not have %s:%s — boot a kernel with "
			"patches/ applied, or use `swapowner snapshot`\n",
			SO_EVENT_SYSTEM, SO_EVENT_NAME);
		return SO_EXIT_NO_EVENT;
	}
	if (ret) {
		err_msg("the format of %s:%s is not one this version "
			"understands (-D prints it)\n", SO_EVENT_SYSTEM,
			SO_EVENT_NAME);
		return SO_EXIT_BAD_FORMAT;
	}

	if (tracefs_event_enable(t->inst, SO_EVENT_SYSTEM, SO_EVENT_NAME)) {
		err_msg("%s: cannot enable %s:%s\n", name, SO_EVENT_SYSTEM,
			SO_EVENT_NAME);
		return SO_EXIT_ERROR;
	}
	if (trace_open_cpus(t)) {
		err_msg("%s: cannot open the per-CPU buffers: %s\n", name,
			strerror(errno));
		return SO_EXIT_ERROR;
	}
	return 0;
}

/* so_trace_start - tracing on in the instance */
int so_trace_start(struct so_trace *t)
{
	if (tracefs_trace_on(t->inst)) {
		err_msg("cannot turn tracing on\n");
		return SO_EXIT_ERROR;
	}
	return 0;
}

/*
 * trace_drain_cpu - read one CPU until it has nothing more; with flush,
 * also the last sub-buffer the kernel is still writing. Returns 0 or -1
 * (errno set) when the kernel refused a read.
 */
static int trace_drain_cpu(struct so_trace *t, int cpu, bool flush)
{
	int n = 0;

	while (!t->stop && !t->reader.err) {
		n = tracefs_cpu_read(t->cpus[cpu], t->subbuf, true);
		if (n <= 0)
			break;
		trace_subbuf(t, cpu);
	}
	if (n < 0 && errno != EAGAIN && errno != EINTR)
		return -1;
	while (flush && !t->reader.err &&
	       tracefs_cpu_flush(t->cpus[cpu], t->subbuf) > 0)
		trace_subbuf(t, cpu);
	return 0;
}

/* trace_drain - trace_drain_cpu() on every CPU; 0 or SO_EXIT_ERROR */
static int trace_drain(struct so_trace *t, bool flush)
{
	int cpu;

	for (cpu = 0; cpu < t->nr_cpus && !t->stop; cpu++) {
		if (!t->cpus[cpu])
			continue;
		if (trace_drain_cpu(t, cpu, flush)) {
			err_msg("cannot read the buffer of cpu %d: %s\n", cpu,
				strerror(errno));
			return SO_EXIT_ERROR;
		}
	}
	if (t->reader.err) {
		err_msg("out of memory\n");
		return SO_EXIT_ERROR;
	}
	return 0;
}

/*
 * so_trace_read - consume what the per-CPU buffers hold now
 *
 * Returns 0, or SO_EXIT_ERROR when out of memory.
 */
int so_trace_read(struct so_trace *t)
{
	return trace_drain(t, false);
}

/* so_trace_interrupt - make a so_trace_read() in progress return */
void so_trace_interrupt(struct so_trace *t)
{
	t->stop = true;
}

/* so_trace_stop - tracing off, then read everything that is left */
void so_trace_stop(struct so_trace *t)
{
	tracefs_trace_off(t->inst);
	t->stop = false;
	trace_drain(t, true);
}

/* so_trace_close - name the blamed tasks, destroy what we created */
void so_trace_close(struct so_trace *t)
{
	if (t->tep && t->reader.model) {
		tracefs_load_cmdlines(NULL, t->tep);
		so_model_name_blamed(t->reader.model, so_reader_comm,
				     t->tep);
	}
	if (t->cpus) {
		int cpu;

		for (cpu = 0; cpu < t->nr_cpus; cpu++)
			if (t->cpus[cpu])
				tracefs_cpu_close(t->cpus[cpu]);
		free(t->cpus);
	}
	free(t->subbuf);
	if (t->inst) {
		if (t->created) {
			tracefs_trace_off(t->inst);
			tracefs_instance_destroy(t->inst);
			debug_msg("destroyed instance %s\n",
				  tracefs_instance_get_name(t->inst));
		}
		tracefs_instance_free(t->inst);
	}
	if (t->tep)
		tep_free(t->tep);
	memset(t, 0, sizeof(*t));
}
