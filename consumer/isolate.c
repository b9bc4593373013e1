/*
 * isolate.c - read a trace.dat in a child process
 *
 * The child reads the file into a model of its own and, once done, writes
 * its exit code, its input errors and that model's arrays to a pipe; the
 * parent merges the model into its own (so_model_merge). The child's
 * stderr goes to a memfd that the parent copies out when the child is
 * done, so that a library crash gives one line, not the library's (or
 * the sanitizers') last words.
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
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "isolate.h"
#include "swapowner.h"

/* What the child sends first, then the model's arrays */
struct isolate_head {
	int			code;		/* the reader's exit code */
	unsigned int		page_size;
	struct so_input_errors	errs;
	struct so_totals	totals;
	uint64_t		nr[5];		/* procs, blamed, cgroups,
						 * swaptypes, samples */
};

/* child only: where it is, in a page shared with the parent */
volatile sig_atomic_t *so_isolate_where;

/* so_input_error - count damage msg noticed in a file */
void so_input_error(struct so_model *m, struct so_input_errors *errs,
		    const char *msg)
{
	if (!errs->count++)
		snprintf(errs->first, sizeof(errs->first), "%s", msg);
	m->totals.input_errors++;
}

/* pipe_io - all n bytes of buf to (writing) or from fd; 0, or -1 */
static int pipe_io(int fd, void *buf, size_t n, bool writing)
{
	char *c = buf;
	ssize_t done;

	while (n) {
		done = writing ? write(fd, c, n) : read(fd, c, n);
		if (done < 0 && errno == EINTR)
			continue;
		if (done <= 0)
			return -1;
		c += done;
		n -= done;
	}
	return 0;
}

static int write_all(int fd, const void *p, size_t n)
{
	return pipe_io(fd, (void *)p, n, true);
}

/*
 * give_all - write_all() for the model's arrays: vmsplice() hands their
 * pages to the pipe instead of copying them (the child does not touch
 * them again: it exits)
 */
static int give_all(int fd, const void *p, size_t n)
{
	struct iovec iov = { .iov_base = (void *)p, .iov_len = n };
	ssize_t w;

	while (iov.iov_len) {
		w = vmsplice(fd, &iov, 1, 0);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return write_all(fd, iov.iov_base, iov.iov_len);
		iov.iov_base = (char *)iov.iov_base + w;
		iov.iov_len -= w;
	}
	return 0;
}

/* read_all - 0, or -1 if the pipe ends first */
static int read_all(int fd, void *p, size_t n)
{
	return pipe_io(fd, p, n, false);
}

/* the arrays of a model, in the order of isolate_head.nr */
static void isolate_arrays(struct so_model *m, struct so_table *tables[4])
{
	tables[0] = &m->procs;
	tables[1] = &m->blamed;
	tables[2] = &m->cgroups;
	tables[3] = &m->swaptypes;
}

/* isolate_send - the child's result to fd; 0 or -1 */
static int isolate_send(int fd, int code, struct so_model *m,
			const struct so_input_errors *errs)
{
	struct isolate_head head;
	struct so_table *tables[4];
	int i;

	memset(&head, 0, sizeof(head));
	head.code = code;
	head.page_size = m->page_size;
	head.errs = *errs;
	head.totals = m->totals;
	isolate_arrays(m, tables);
	for (i = 0; i < 4; i++)
		head.nr[i] = tables[i]->nr;
	head.nr[4] = m->nr_samples;
	if (write_all(fd, &head, sizeof(head)))
		return -1;
	for (i = 0; i < 4; i++)
		if (give_all(fd, tables[i]->elems,
			     tables[i]->nr * tables[i]->elem_size))
			return -1;
	return give_all(fd, m->samples, m->nr_samples * sizeof(*m->samples));
}

/* isolate_child - run reader on path, the result to fd; never returns */
static void isolate_child(so_isolate_fn reader, const char *path, int fd,
			  int errfd, volatile sig_atomic_t *where,
			  const struct so_model *parent)
{
	struct so_input_errors errs = { 0 };
	struct so_model m;
	int code;

	if (dup2(errfd, STDERR_FILENO) < 0)
		_exit(SO_EXIT_ERROR);
	so_isolate_where = where;
	so_model_init(&m, 0);
	/* what to keep, as the parent would (its filter, copied by fork) */
	m.keep_samples = parent->keep_samples;
	m.filter = parent->filter;
	code = reader(path, &m, &errs);
	if (isolate_send(fd, code, &m, &errs))
		_exit(SO_EXIT_ERROR);
	fflush(stderr);
	/* no exit handlers: the parent's, and leak checks of the libraries */
	_exit(0);
}

/*
 * isolate_huge - ask for huge pages under [p, p + n): the samples are
 * most of what comes through the pipe, and faulting their room in page
 * by page would cost more than the copy
 */
static void isolate_huge(void *p, size_t n)
{
	const uintptr_t huge = 2 << 20;
	uintptr_t start = ((uintptr_t)p + huge - 1) & ~(huge - 1);
	uintptr_t end = ((uintptr_t)p + n) & ~(huge - 1);

	if (end > start)
		madvise((void *)start, end - start, MADV_HUGEPAGE);
}

/* read_array - n elements of size bytes from fd into *p (malloc'ed) */
static int read_array(int fd, void **p, uint64_t n, size_t size)
{
	if (n > SIZE_MAX / 2 / size)
		return -EPROTO;
	*p = malloc(n ? n * size : 1);
	if (!*p)
		return -ENOMEM;
	return read_all(fd, *p, n * size) ? -EPIPE : 0;
}

/*
 * isolate_receive - the child's result from fd, merged into m
 *
 * Returns 0 (the reader's exit code in *code, its errors in errs), -EPIPE
 * if the pipe ends before (the child died), -ENOMEM, -EPROTO.
 */
static int isolate_receive(int fd, struct so_model *m, int *code,
			   struct so_input_errors *errs)
{
	struct isolate_head head;
	struct so_table *tables[4];
	struct so_model src;
	uint64_t i;
	int ret = 0;
	int t;

	if (read_all(fd, &head, sizeof(head)))
		return -EPIPE;
	so_model_init(&src, head.page_size);
	src.totals = head.totals;
	isolate_arrays(&src, tables);
	for (t = 0; t < 4 && !ret; t++) {
		ret = read_array(fd, &tables[t]->elems, head.nr[t],
				 tables[t]->elem_size);
		tables[t]->nr = head.nr[t];
	}
	/* the samples (most of the data) straight into room in m */
	if (!ret && head.nr[4]) {
		if (!m->keep_samples || head.nr[4] > SIZE_MAX / 2 /
		    sizeof(*src.samples))
			ret = -EPROTO;
		else if (!(src.samples = so_model_reserve_samples(m,
							head.nr[4])))
			ret = -ENOMEM;
		src.nr_samples = head.nr[4];
		if (!ret) {
			isolate_huge(src.samples,
				     head.nr[4] * sizeof(*src.samples));
			if (read_all(fd, src.samples,
				     head.nr[4] * sizeof(*src.samples)))
				ret = -EPIPE;
		}
	}
	/* cgroup paths are not resolved in the child: no pointers came */
	for (i = 0; !ret && i < src.cgroups.nr; i++)
		((struct so_cgroup *)so_table_at(&src.cgroups, i))->path = NULL;
	if (!ret && !head.code)
		ret = so_model_merge(m, &src);
	if (ret == -EINVAL)
		ret = -EPROTO;
	if (!ret) {
		*code = head.code;
		head.errs.first[sizeof(head.errs.first) - 1] = '\0';
		if (head.errs.count) {
			if (!errs->count)
				memcpy(errs->first, head.errs.first,
				       sizeof(errs->first));
			errs->count += head.errs.count;
		}
	}
	src.samples = NULL;	/* m's */
	so_model_free(&src);
	return ret;
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
			struct so_model *m, struct so_input_errors *errs)
{
	char msg[128];
	char how[64];

	if (status != -1 && WIFSIGNALED(status))
		snprintf(how, sizeof(how), "signal %d, %s", WTERMSIG(status),
			 strsignal(WTERMSIG(status)));
	else if (status != -1 && WIFEXITED(status))
		snprintf(how, sizeof(how), "exit %d", WEXITSTATUS(status));
	else
		snprintf(how, sizeof(how), "unknown status");

	if (where == SO_ISOLATE_LIB) {
		if (so_debug)
			isolate_copy_stderr(errfd);
		snprintf(msg, sizeof(msg),
			 "the trace library crashed reading it (%s)", how);
		so_input_error(m, errs, msg);
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
 * so_isolate_read - reader(path, ...) in a child process, its model
 * merged into m, its input errors added to errs (and m's totals)
 *
 * Returns the reader's exit code (m is unchanged if it is not 0), or 0
 * after an input error if the child crashed inside the trace libraries,
 * or SO_EXIT_ERROR after a message. Does not return if the child crashed
 * in our own code.
 */
int so_isolate_read(so_isolate_fn reader, const char *path,
		    struct so_model *m, struct so_input_errors *errs)
{
	volatile sig_atomic_t *where;
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
	*where = SO_ISOLATE_OURS;
	errfd = memfd_create("swapowner-reader-stderr", MFD_CLOEXEC);
	if (errfd < 0 || pipe2(fds, O_CLOEXEC)) {
		err_msg("%s: cannot set up the reader: %s\n", path,
			strerror(errno));
		goto out;
	}
	fflush(stdout);
	fflush(stderr);
	pid = fork();
	if (pid < 0) {
		err_msg("%s: fork: %s\n", path, strerror(errno));
		goto out;
	}
	if (!pid) {
		close(fds[0]);
		isolate_child(reader, path, fds[1], errfd, where, m);
	}
	close(fds[1]);
	fds[1] = -1;
	ret = isolate_receive(fds[0], m, &code, errs);
	if (ret && ret != -EPIPE)
		kill(pid, SIGKILL);
	status = isolate_wait(pid);
	if (ret == -ENOMEM) {
		err_msg("%s: out of memory\n", path);
		code = SO_EXIT_ERROR;
	} else if (ret == -EPROTO) {
		isolate_copy_stderr(errfd);
		err_msg("%s: internal error: bad data from the reader\n", path);
		code = SO_EXIT_ERROR;
	} else if (!ret && status != -1 && WIFEXITED(status) &&
		   !WEXITSTATUS(status)) {
		isolate_copy_stderr(errfd);
	} else {
		code = isolate_died(path, status, *where, errfd, m, errs);
	}
out:
	if (fds[0] >= 0)
		close(fds[0]);
	if (fds[1] >= 0)
		close(fds[1]);
	if (errfd >= 0)
		close(errfd);
	munmap((void *)where, sizeof(*where));
	return code;
}
