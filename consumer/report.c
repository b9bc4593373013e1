/*
 * report.c - summarise trace.dat files with libtracecmd
 *
 * A trace.dat holds the top-level buffer and, when recorded with -B, one
 * buffer per instance: every one that has the event is read.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <trace-cmd/trace-cmd.h>

#include "report.h"
#include "swapowner.h"

/* the file libtracecmd is reading, for report_guard_handler() */
static const char *volatile report_reading;

/*
 * report_guard_handler - a corrupt trace.dat can crash libtracecmd or
 * libtraceevent (e.g. kbuffer on a bad sub-buffer header in 1.7.1): say
 * which file, exit as for any bad input. A fault outside the libraries'
 * reading is ours: die of it as usual.
 */
static void report_guard_handler(int sig)
{
	static const char msg1[] = "swapowner: ";
	static const char msg2[] =
		": corrupt trace.dat (the trace library crashed reading it)\n";
	const char *path = report_reading;

	if (!path) {
		signal(sig, SIG_DFL);
		raise(sig);
		return;
	}
	if (write(STDERR_FILENO, msg1, sizeof(msg1) - 1) < 0 ||
	    write(STDERR_FILENO, path, strlen(path)) < 0 ||
	    write(STDERR_FILENO, msg2, sizeof(msg2) - 1) < 0)
		_exit(SO_EXIT_BAD_INPUT);
	_exit(SO_EXIT_BAD_INPUT);
}

/**
 * so_report_guard - turn a crash inside the trace libraries while they read
 * a file into a one-line error and SO_EXIT_BAD_INPUT (for the command line;
 * the fuzz targets leave it off so that they still see those crashes)
 */
void so_report_guard(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = report_guard_handler;
	sa.sa_flags = SA_NODEFER;
	sigaction(SIGSEGV, &sa, NULL);
	sigaction(SIGBUS, &sa, NULL);
	sigaction(SIGFPE, &sa, NULL);
}

/* so_decoder_dump - print the event's fields with -D */
void so_decoder_dump(const struct so_decoder *dec)
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
		so_decoder_dump(&r->dec);
	return ret;
}

/*
 * so_reader_record - account one ring-buffer record
 *
 * Records of other events are ignored; a corrupt one is counted. Returns
 * 0, or -ENOMEM (also kept in r->err).
 */
int so_reader_record(struct so_reader *r, struct tep_record *record)
{
	if (record->size < 2 ||
	    tep_data_type(r->dec.tep, record) != r->dec.event->id)
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

static int report_record(struct tracecmd_input *handle,
			 struct tep_record *record, int cpu, void *arg)
{
	(void)handle;
	(void)cpu;
	return so_reader_record(arg, record) ? 1 : 0;
}

static int report_missed(struct tracecmd_input *handle,
			 struct tep_event *event, struct tep_record *record,
			 int cpu, void *arg)
{
	struct so_reader *r = arg;

	(void)handle;
	(void)event;
	(void)cpu;
	so_model_add_lost(r->model, record->missed_events);
	return 0;
}

/*
 * report_buffer - read one buffer (top level or instance) of a trace.dat
 *
 * Returns 1 if it has the event and was read, 0 if it has not, or a
 * negative SO_EXIT_* code.
 */
static int report_buffer(struct so_model *m, struct tracecmd_input *h,
			 const char *path, const char *name)
{
	struct tep_handle *tep;
	struct so_reader r;
	int ret;

	tep = tracecmd_get_tep(h);
	if (!tep)
		return 0;
	ret = so_reader_init(&r, m, tep);
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

	tracecmd_follow_missed_events(h, report_missed, &r);
	tracecmd_iterate_events(h, NULL, 0, report_record, &r);
	if (r.err) {
		err_msg("%s: out of memory\n", path);
		return -SO_EXIT_ERROR;
	}
	so_model_name_blamed(m, so_tep_comm, tep);
	return 1;
}

/* report_check_file - can path be opened, and is it a non-empty file? */
static int report_check_file(const char *path)
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

/*
 * so_report_file - add the events of one trace.dat to the model
 *
 * Returns SO_EXIT_OK or the exit code of the error it printed.
 */
int so_report_file(struct so_model *m, const char *path)
{
	struct tracecmd_input *handle;
	struct tracecmd_input *inst;
	int found = 0;
	int ret;
	int i;

	ret = report_check_file(path);
	if (ret)
		return ret;

	tracecmd_set_loglevel(so_debug ? TEP_LOG_ALL : TEP_LOG_NONE);
	tep_set_loglevel(so_debug ? TEP_LOG_ALL : TEP_LOG_NONE);
	report_reading = path;
	handle = tracecmd_open(path, TRACECMD_FL_LOAD_NO_PLUGINS);
	if (!handle) {
		report_reading = NULL;
		err_msg("%s: not a trace.dat file, or truncated\n", path);
		return SO_EXIT_BAD_INPUT;
	}

	ret = report_buffer(m, handle, path, "top");
	if (ret < 0)
		goto out;
	found += ret;
	for (i = 0; i < tracecmd_buffer_instances(handle); i++) {
		inst = tracecmd_buffer_instance_handle(handle, i);
		if (!inst)
			continue;
		ret = report_buffer(m, inst, path,
				    tracecmd_buffer_instance_name(handle, i));
		tracecmd_close(inst);
		if (ret < 0)
			goto out;
		found += ret;
	}
	ret = 0;
	if (!found) {
		err_msg("%s: no %s:%s event in this trace (record it with "
			"-e %s:%s)\n", path, SO_EVENT_SYSTEM, SO_EVENT_NAME,
			SO_EVENT_SYSTEM, SO_EVENT_NAME);
		ret = SO_EXIT_INPUT_NO_EVENT;
	}
out:
	tracecmd_close(handle);
	report_reading = NULL;
	return ret < 0 ? -ret : ret;
}
