/*
 * tracedat.c - read the event from a trace.dat file with libtracecmd
 *
 * A trace.dat holds the top-level buffer and, when recorded with -B, one
 * buffer per instance: every one that has the event is read. What is
 * found goes to a sink (sink.h), in this process or, through isolate.c,
 * from a child. Every call into the libraries is marked for isolate.c.
 *
 * Damage the libraries notice while reading (a page that does not
 * decompress, a bad sub-buffer header: their warnings, which go through
 * tep_vprint(), and a failed tracecmd_iterate_events()) is an input error
 * for the sink: the caller decides whether that is fatal. Warnings while
 * the file is opened about metadata the report does not use (other
 * events' formats, kallsyms, trace_printk formats) are only debug output.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <trace-cmd/trace-cmd.h>
#include <traceevent/event-utils.h>

#include "isolate.h"
#include "reader.h"
#include "swapowner.h"
#include "tracedat.h"

/* blamed tasks whose comm was recently sent, direct-mapped by pid */
#define TRACEDAT_NAMED	256

struct tracedat {
	const struct so_sink_ops	*ops;
	void				*arg;
	struct so_reader		reader;
	struct tep_handle		*tep;
	int				named[TRACEDAT_NAMED];
	int				err;	/* -ENOMEM from the sink */
	bool				opening;
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
	td->ops->input_error(td->arg, msg);
	return 0;
}

/* tracedat_name - tell the sink the comm of a blamed task, once or so */
static int tracedat_name(struct tracedat *td, int pid)
{
	int *slot = &td->named[(unsigned int)pid % TRACEDAT_NAMED];
	const char *comm;

	if (*slot == pid)
		return 0;
	*slot = pid;
	so_isolate_enter_lib();
	comm = so_reader_comm(pid, td->tep);
	so_isolate_leave_lib();
	return comm ? td->ops->name(td->arg, pid, comm) : 0;
}

static int tracedat_record(struct tracecmd_input *handle,
			   struct tep_record *record, int cpu, void *arg)
{
	struct tracedat *td = arg;
	int ret = 0;

	(void)handle;
	(void)cpu;
	so_isolate_leave_lib();
	switch (so_reader_decode(&td->reader, record)) {
	case SO_READ_OTHER:
		break;
	case SO_READ_CORRUPT:
		td->ops->corrupt(td->arg);
		break;
	case SO_READ_EVENT:
		ret = td->ops->event(td->arg, &td->reader.ev);
		if (!ret)
			ret = tracedat_name(td, td->reader.ev.common_pid);
		break;
	}
	so_isolate_enter_lib();
	if (ret)
		td->err = ret;
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
	td->ops->lost(td->arg, record->missed_events);
	so_isolate_enter_lib();
	return 0;
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
	unsigned int page_size;
	int ret;

	td->tep = tracecmd_get_tep(h);
	if (!td->tep)
		return 0;
	ret = so_reader_init(&td->reader, NULL, td->tep);
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
	page_size = tep_get_page_size(td->tep);
	if (!page_size)
		page_size = sysconf(_SC_PAGESIZE);
	td->ops->page_size(td->arg, page_size);
	memset(td->named, 0xff, sizeof(td->named));	/* pid -1 */

	so_isolate_enter_lib();
	tracecmd_follow_missed_events(h, tracedat_missed, td);
	ret = tracecmd_iterate_events(h, NULL, 0, tracedat_record, td);
	so_isolate_leave_lib();
	if (td->err) {
		err_msg("%s: out of memory\n", path);
		return -SO_EXIT_ERROR;
	}
	if (ret < 0)
		td->ops->input_error(td->arg, "reading the events failed");
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
 * so_tracedat_read - deliver the events of one trace.dat to ops/arg
 *
 * Returns SO_EXIT_OK or the exit code of the error it printed; damage
 * noticed on the way goes to ops->input_error().
 */
int so_tracedat_read(const char *path, const struct so_sink_ops *ops,
		     void *arg)
{
	struct tracecmd_input *handle;
	struct tracedat td = {
		.ops = ops,
		.arg = arg,
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
	return ret;
}
