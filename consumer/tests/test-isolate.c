/*
 * test-isolate.c - unit tests of isolate.c: what a reader in the child
 * sends reaches the model, a crash inside the libraries is an input
 * error of the file, a crash in our own code is not
 *
 * The readers here are stand-ins for so_tracedat_read(): they call the
 * sink as it does and crash where told to, with the default action
 * (cmocka catches SIGSEGV for its own reports, also in the child).
 */
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "isolate.h"
#include "swapowner.h"

/* reader_all - one call of each kind, then exit code 0 */
static int reader_all(const char *path, const struct so_sink_ops *ops,
		      void *arg)
{
	struct so_event ev;
	unsigned int i;

	(void)path;
	ops->page_size(arg, 16384);
	memset(&ev, 0, sizeof(ev));
	ev.ts = 1000;
	ev.nr_pages = 4;
	ev.kind = SO_KIND_ANON;
	ev.disposition = SO_DISP_ZSWAP;
	ev.nr_owners = SO_PIDS_MAX;
	ev.nr_pids = SO_PIDS_MAX;
	ev.nr_comms = SO_PIDS_MAX;
	ev.common_pid = 30;
	for (i = 0; i < SO_PIDS_MAX; i++) {
		ev.pids[i] = 100 + i;
		snprintf(ev.comms[i], sizeof(ev.comms[i]), "p%02u-%.10s", i,
			 "0123456789abcdef");
	}
	assert_int_equal(ops->event(arg, &ev), 0);
	assert_int_equal(ops->name(arg, 30, "kswapd0"), 0);
	ops->corrupt(arg);
	ops->lost(arg, 7);
	ops->lost(arg, -1);
	ops->input_error(arg, "bad page read");
	return 0;
}

/* every call arrives, with the same values */
static void test_isolate_messages(void **state)
{
	struct so_model_sink sink;
	struct so_blamed *b;
	struct so_proc *p;
	struct so_model m;

	(void)state;
	so_model_init(&m, 0);
	so_model_sink_init(&sink, &m);
	assert_int_equal(so_isolate_read(reader_all, "x.dat",
					 &so_model_sink_ops, &sink), 0);
	so_model_sink_finish(&sink);
	assert_int_equal(m.page_size, 16384);
	assert_int_equal(m.totals.events, 1);
	assert_int_equal(m.totals.pages, 4);
	assert_int_equal(m.totals.disp[SO_DISP_ZSWAP], 4);
	assert_int_equal(m.totals.corrupt, 1);
	assert_int_equal(m.totals.lost, 7);
	assert_int_equal(m.totals.lost_unknown, 1);
	assert_int_equal(m.totals.input_errors, 1);
	assert_int_equal(sink.input_errors, 1);
	assert_string_equal(sink.first_error, "bad page read");
	assert_int_equal(m.procs.nr, SO_PIDS_MAX);
	p = so_table_at(&m.procs, SO_PIDS_MAX - 1);
	assert_int_equal(p->tgid, 100 + SO_PIDS_MAX - 1);
	assert_string_equal(p->comm, "p63-0123456789");
	assert_int_equal(m.blamed.nr, 1);
	b = so_table_at(&m.blamed, 0);
	assert_int_equal(b->pid, 30);
	assert_string_equal(b->comm, "kswapd0");
	so_model_free(&m);
}

static int reader_exit7(const char *path, const struct so_sink_ops *ops,
			void *arg)
{
	(void)path;
	(void)ops;
	(void)arg;
	return SO_EXIT_INPUT_NO_EVENT;
}

/* the reader's exit code is the result */
static void test_isolate_exit_code(void **state)
{
	struct so_model_sink sink;
	struct so_model m;

	(void)state;
	so_model_init(&m, 0);
	so_model_sink_init(&sink, &m);
	assert_int_equal(so_isolate_read(reader_exit7, "x.dat",
					 &so_model_sink_ops, &sink),
			 SO_EXIT_INPUT_NO_EVENT);
	so_model_sink_finish(&sink);
	assert_int_equal(sink.input_errors, 0);
	so_model_free(&m);
}

/* a fault inside a library call, after one event was sent */
static int reader_lib_segv(const char *path, const struct so_sink_ops *ops,
			   void *arg)
{
	struct so_event ev = { .nr_pages = 1, .ts = 5 };

	(void)path;
	assert_int_equal(ops->event(arg, &ev), 0);
	so_isolate_enter_lib();
	signal(SIGSEGV, SIG_DFL);
	raise(SIGSEGV);
	so_isolate_leave_lib();
	return 0;
}

/* glibc's heap checks abort inside a library */
static int reader_lib_abort(const char *path, const struct so_sink_ops *ops,
			    void *arg)
{
	(void)path;
	(void)ops;
	(void)arg;
	so_isolate_enter_lib();
	signal(SIGABRT, SIG_DFL);
	abort();
}

/* the library crashing is an input error of the file, not ours */
static void test_isolate_library_crash(void **state)
{
	static const so_isolate_fn readers[] = {
		reader_lib_segv, reader_lib_abort,
	};
	struct so_model_sink sink;
	struct so_model m;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(readers) / sizeof(readers[0]); i++) {
		so_model_init(&m, 0);
		so_model_sink_init(&sink, &m);
		assert_int_equal(so_isolate_read(readers[i], "x.dat",
						 &so_model_sink_ops, &sink),
				 0);
		so_model_sink_finish(&sink);
		assert_int_equal(sink.input_errors, 1);
		assert_int_equal(m.totals.input_errors, 1);
		assert_non_null(strstr(sink.first_error,
				       "the trace library crashed"));
		/* what came before may be in part: never more */
		assert_true(m.totals.events <= 1);
		so_model_free(&m);
	}
}

/* a fault in our own code, between library calls */
static int reader_own_segv(const char *path, const struct so_sink_ops *ops,
			   void *arg)
{
	(void)path;
	(void)ops;
	(void)arg;
	so_isolate_enter_lib();
	so_isolate_leave_lib();
	signal(SIGSEGV, SIG_DFL);
	raise(SIGSEGV);
	return 0;
}

/* ... is not an input error: the whole process goes down with it */
static void test_isolate_own_crash(void **state)
{
	struct so_model_sink sink;
	struct so_model m;
	int status;
	pid_t pid;

	(void)state;
	fflush(stdout);
	pid = fork();
	assert_true(pid >= 0);
	if (!pid) {
		so_model_init(&m, 0);
		so_model_sink_init(&sink, &m);
		so_isolate_read(reader_own_segv, "x.dat", &so_model_sink_ops,
				&sink);
		_exit(0);	/* not reached if the crash was passed on */
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFSIGNALED(status));
	assert_int_equal(WTERMSIG(status), SIGSEGV);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_isolate_messages),
		cmocka_unit_test(test_isolate_exit_code),
		cmocka_unit_test(test_isolate_library_crash),
		cmocka_unit_test(test_isolate_own_crash),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
