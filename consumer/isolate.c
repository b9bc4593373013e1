/*
 * isolate.c - read a trace.dat in a child process
 *
 * The child runs the reader with a sink that writes each call as a
 * message on a pipe; the parent replays the messages into the real sink
 * as they come (the caller prints nothing before every file is read).
 * The child's stderr goes to a memfd that the parent copies out once the
 * child is done, so that a library crash gives one line, not the
 * library's (or the sanitizers') last words.
 *
 * Which code a crash happened in is kept in a page shared with the
 * parent: the reader marks every library call (so_isolate_enter_lib /
 * so_isolate_leave_lib, also around its callbacks), so this holds
 * whatever the address layout, and whether the child died of a signal or
 * of a sanitizer's exit.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "isolate.h"
#include "swapowner.h"

/* Where the child is; in the shared page */
enum isolate_where {
	ISOLATE_OURS,
	ISOLATE_LIB,
};

/* Messages from the child: a type byte, then the payload */
enum isolate_msg {
	MSG_EVENT	= 'E',	/* so_event up to pids, pids, comms */
	MSG_CORRUPT	= 'C',
	MSG_LOST	= 'L',	/* long long */
	MSG_PAGE_SIZE	= 'P',	/* unsigned int */
	MSG_NAME	= 'N',	/* int pid, char comm[SO_COMM_LEN + 1] */
	MSG_INPUT_ERROR	= 'W',	/* unsigned short length, text */
	MSG_END		= 'X',	/* int: the reader's exit code */
};

/* the fixed part of an event, sent as it is (same binary both ends) */
#define EVENT_HEAD	offsetof(struct so_event, pids)
/* longest input error message sent */
#define MSG_TEXT_MAX	255

/* child only: the shared page, and the pipe to the parent */
static volatile sig_atomic_t *isolate_where;
static FILE *isolate_out;

/* so_isolate_enter_lib - the child is about to call into a library */
void so_isolate_enter_lib(void)
{
	if (isolate_where)
		*isolate_where = ISOLATE_LIB;
}

/* so_isolate_leave_lib - the child is back in swapowner's code */
void so_isolate_leave_lib(void)
{
	if (isolate_where)
		*isolate_where = ISOLATE_OURS;
}

/* wire_put - write to the parent; if it is gone, so are we */
static void wire_put(const void *p, size_t n)
{
	if (n && fwrite_unlocked(p, 1, n, isolate_out) != n)
		_exit(SO_EXIT_ERROR);
}

static void wire_type(enum isolate_msg type)
{
	char c = type;

	wire_put(&c, 1);
}

static int wire_event(void *arg, const struct so_event *ev)
{
	(void)arg;
	wire_type(MSG_EVENT);
	wire_put(ev, EVENT_HEAD);
	wire_put(ev->pids, ev->nr_pids * sizeof(ev->pids[0]));
	wire_put(ev->comms, ev->nr_comms * sizeof(ev->comms[0]));
	return 0;
}

static void wire_corrupt(void *arg)
{
	(void)arg;
	wire_type(MSG_CORRUPT);
}

static void wire_lost(void *arg, long long missed)
{
	(void)arg;
	wire_type(MSG_LOST);
	wire_put(&missed, sizeof(missed));
}

static void wire_page_size(void *arg, unsigned int page_size)
{
	(void)arg;
	wire_type(MSG_PAGE_SIZE);
	wire_put(&page_size, sizeof(page_size));
}

static int wire_name(void *arg, int pid, const char *comm)
{
	char buf[SO_COMM_LEN + 1] = "";

	(void)arg;
	strncpy(buf, comm, SO_COMM_LEN);
	wire_type(MSG_NAME);
	wire_put(&pid, sizeof(pid));
	wire_put(buf, sizeof(buf));
	return 0;
}

static void wire_input_error(void *arg, const char *msg)
{
	unsigned short len = strnlen(msg, MSG_TEXT_MAX);

	(void)arg;
	wire_type(MSG_INPUT_ERROR);
	wire_put(&len, sizeof(len));
	wire_put(msg, len);
}

static const struct so_sink_ops wire_ops = {
	.event		= wire_event,
	.corrupt	= wire_corrupt,
	.lost		= wire_lost,
	.page_size	= wire_page_size,
	.name		= wire_name,
	.input_error	= wire_input_error,
};

/* isolate_child - run read on path, its results to fd; never returns */
static void isolate_child(so_isolate_fn reader, const char *path, int fd,
			  int errfd, volatile sig_atomic_t *where)
{
	static char buf[1 << 16];
	int code;

	if (dup2(errfd, STDERR_FILENO) < 0)
		_exit(SO_EXIT_ERROR);
	isolate_where = where;
	isolate_out = fdopen(fd, "w");
	if (!isolate_out)
		_exit(SO_EXIT_ERROR);
	setvbuf(isolate_out, buf, _IOFBF, sizeof(buf));
	code = reader(path, &wire_ops, NULL);
	wire_type(MSG_END);
	wire_put(&code, sizeof(code));
	if (fflush(isolate_out))
		_exit(SO_EXIT_ERROR);
	fflush(stderr);
	_exit(0);
}

static int wire_get(FILE *in, void *p, size_t n)
{
	return fread_unlocked(p, 1, n, in) == n ? 0 : -1;
}

/*
 * isolate_receive - replay the child's messages into ops/arg
 *
 * Returns 1 at MSG_END (the reader's exit code in *code), 0 if the
 * stream ends before, -ENOMEM if the sink is out of memory, -EPROTO on a
 * message we did not send.
 */
static int isolate_receive(FILE *in, const struct so_sink_ops *ops,
			   void *arg, int *code)
{
	char text[MSG_TEXT_MAX + 1];
	char comm[SO_COMM_LEN + 1];
	struct so_event ev;
	unsigned short len;
	unsigned int size;
	long long missed;
	char type;
	int pid;

	for (;;) {
		if (wire_get(in, &type, 1))
			return 0;
		switch (type) {
		case MSG_EVENT:
			if (wire_get(in, &ev, EVENT_HEAD))
				return 0;
			if (ev.nr_pids > SO_PIDS_MAX ||
			    ev.nr_comms > SO_PIDS_MAX)
				return -EPROTO;
			if (wire_get(in, ev.pids,
				     ev.nr_pids * sizeof(ev.pids[0])) ||
			    wire_get(in, ev.comms,
				     ev.nr_comms * sizeof(ev.comms[0])))
				return 0;
			if (ops->event(arg, &ev))
				return -ENOMEM;
			break;
		case MSG_CORRUPT:
			ops->corrupt(arg);
			break;
		case MSG_LOST:
			if (wire_get(in, &missed, sizeof(missed)))
				return 0;
			ops->lost(arg, missed);
			break;
		case MSG_PAGE_SIZE:
			if (wire_get(in, &size, sizeof(size)))
				return 0;
			ops->page_size(arg, size);
			break;
		case MSG_NAME:
			if (wire_get(in, &pid, sizeof(pid)) ||
			    wire_get(in, comm, sizeof(comm)))
				return 0;
			comm[SO_COMM_LEN] = '\0';
			if (ops->name(arg, pid, comm))
				return -ENOMEM;
			break;
		case MSG_INPUT_ERROR:
			if (wire_get(in, &len, sizeof(len)) ||
			    len > MSG_TEXT_MAX || wire_get(in, text, len))
				return 0;
			text[len] = '\0';
			ops->input_error(arg, text);
			break;
		case MSG_END:
			return wire_get(in, code, sizeof(*code)) ? 0 : 1;
		default:
			return -EPROTO;
		}
	}
}

/* isolate_copy_stderr - what the child wrote on stderr, to ours */
static void isolate_copy_stderr(int errfd)
{
	char buf[4096];
	ssize_t n;

	fflush(stderr);
	if (lseek(errfd, 0, SEEK_SET) < 0)
		return;
	while ((n = read(errfd, buf, sizeof(buf))) > 0)
		if (write(STDERR_FILENO, buf, n) != n)
			return;
}

/* isolate_wait - wait for pid; its status, or -1 */
static int isolate_wait(pid_t pid)
{
	int status;

	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	return status;
}

/*
 * isolate_died - the child ended without finishing: say how, and whose
 * fault it was. A library crash is an input error of path (returns 0);
 * a crash in our own code is re-raised here, after its message.
 */
static int isolate_died(const char *path, int status, int where, int errfd,
			const struct so_sink_ops *ops, void *arg)
{
	char how[64];

	if (status != -1 && WIFSIGNALED(status))
		snprintf(how, sizeof(how), "signal %d, %s", WTERMSIG(status),
			 strsignal(WTERMSIG(status)));
	else if (status != -1 && WIFEXITED(status))
		snprintf(how, sizeof(how), "exit %d", WEXITSTATUS(status));
	else
		snprintf(how, sizeof(how), "unknown status");

	if (where == ISOLATE_LIB) {
		char msg[128];

		if (so_debug)
			isolate_copy_stderr(errfd);
		snprintf(msg, sizeof(msg),
			 "the trace library crashed reading it (%s)", how);
		ops->input_error(arg, msg);
		return 0;
	}
	isolate_copy_stderr(errfd);
	err_msg("%s: internal error: swapowner's reader crashed outside the "
		"trace libraries (%s); please report this bug\n", path, how);
	fflush(stderr);
	if (status != -1 && WIFSIGNALED(status)) {
		signal(WTERMSIG(status), SIG_DFL);
		raise(WTERMSIG(status));
	}
	abort();
}

/*
 * so_isolate_read - reader(path, ops, arg) in a child process
 *
 * Returns the reader's exit code, or 0 after an input error if the child
 * crashed inside the trace libraries, or SO_EXIT_ERROR after a message.
 * Does not return if the child crashed in our own code.
 */
int so_isolate_read(so_isolate_fn reader, const char *path,
		    const struct so_sink_ops *ops, void *arg)
{
	volatile sig_atomic_t *where;
	FILE *in = NULL;
	int code = SO_EXIT_ERROR;
	int fds[2] = { -1, -1 };
	int errfd;
	int status;
	int ret;
	pid_t pid;

	where = mmap(NULL, sizeof(*where), PROT_READ | PROT_WRITE,
		     MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (where == MAP_FAILED) {
		err_msg("%s: mmap: %s\n", path, strerror(errno));
		return SO_EXIT_ERROR;
	}
	*where = ISOLATE_OURS;
	errfd = memfd_create("swapowner-reader-stderr", MFD_CLOEXEC);
	if (errfd < 0 || pipe2(fds, O_CLOEXEC)) {
		err_msg("%s: cannot set up the reader: %s\n", path,
			strerror(errno));
		goto unmap;
	}
	/* fewer switches between the two processes */
	fcntl(fds[1], F_SETPIPE_SZ, 1 << 20);
	fflush(stdout);
	fflush(stderr);
	pid = fork();
	if (pid < 0) {
		err_msg("%s: fork: %s\n", path, strerror(errno));
		goto unmap;
	}
	if (!pid) {
		close(fds[0]);
		isolate_child(reader, path, fds[1], errfd, where);
	}
	close(fds[1]);
	fds[1] = -1;
	in = fdopen(fds[0], "r");
	if (!in) {
		err_msg("%s: %s\n", path, strerror(errno));
		kill(pid, SIGKILL);
		isolate_wait(pid);
		goto unmap;
	}
	fds[0] = -1;
	setvbuf(in, NULL, _IOFBF, 1 << 16);
	ret = isolate_receive(in, ops, arg, &code);
	if (ret < 0)
		kill(pid, SIGKILL);
	status = isolate_wait(pid);
	if (ret == -ENOMEM) {
		err_msg("%s: out of memory\n", path);
		code = SO_EXIT_ERROR;
	} else if (ret == -EPROTO) {
		isolate_copy_stderr(errfd);
		err_msg("%s: internal error: bad message from the reader\n",
			path);
		code = SO_EXIT_ERROR;
	} else if (ret == 1 && status != -1 && WIFEXITED(status) &&
		   !WEXITSTATUS(status)) {
		isolate_copy_stderr(errfd);
	} else {
		code = isolate_died(path, status, *where, errfd, ops, arg);
	}
unmap:
	if (in)
		fclose(in);
	if (fds[0] >= 0)
		close(fds[0]);
	if (fds[1] >= 0)
		close(fds[1]);
	if (errfd >= 0)
		close(errfd);
	munmap((void *)where, sizeof(*where));
	return code;
}
