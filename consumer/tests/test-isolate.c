/*
 * test-isolate.c - unit tests of isolate.c: the model a reader builds in
 * the child reaches the parent's, a crash inside the libraries is an
 * input error of the file, a crash in our own code is not
 *
 * The readers here are stand-ins for so_tracedat_read(): they fill the
 * model as it does and crash where told to, with the default action
 * (cmocka catches SIGSEGV for its own reports, also in the child). The
 * filter test reads tests/data/fx.dat (SO_TEST_DATA) with the real one.
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
#include <sanitizer/lsan_interface.h>

#include "filter.h"
#include "isolate.h"
#include "swapowner.h"
#include "tracedat.h"

/* reader_all - a model with something in every table, and an error */
static int reader_all(const char *path, struct so_model *m,
		      struct so_input_errors *errs)
{
	struct so_event ev;
	unsigned int i;

	(void)path;
	m->page_size = 16384;
	memset(&ev, 0, sizeof(ev));
	ev.ts = 1000;
	ev.nr_pages = 4;
	ev.kind = SO_KIND_ANON;
	ev.disposition = SO_DISP_ZSWAP;
	ev.memcg_id = 77;
	ev.swp_type = 1;
	ev.nr_owners = SO_PIDS_MAX;
	ev.nr_pids = SO_PIDS_MAX;
	ev.nr_comms = SO_PIDS_MAX;
	ev.common_pid = 30;
	for (i = 0; i < SO_PIDS_MAX; i++) {
		ev.pids[i] = 100 + i;
		snprintf(ev.comms[i], sizeof(ev.comms[i]), "p%02u-%.10s", i,
			 "0123456789abcdef");
	}
	assert_int_equal(so_model_add(m, &ev), 0);
	so_model_add_corrupt(m);
	so_model_add_lost(m, 7);
	so_model_add_lost(m, -1);
	so_input_error(m, errs, "bad page read");
	return 0;
}

/* the model arrives whole, with the timeline's samples */
static void test_isolate_model(void **state)
{
	struct so_input_errors errs = { 0 };
	struct so_swaptype *st;
	struct so_cgroup *cg;
	struct so_proc *p;
	struct so_model m;

	(void)state;
	so_model_init(&m, 0);
	m.keep_samples = true;
	assert_int_equal(so_isolate_read(reader_all, "x.dat", &m, &errs), 0);
	assert_int_equal(m.page_size, 16384);
	assert_int_equal(m.totals.events, 1);
	assert_int_equal(m.totals.pages, 4);
	assert_int_equal(m.totals.disp[SO_DISP_ZSWAP], 4);
	assert_int_equal(m.totals.corrupt, 1);
	assert_int_equal(m.totals.lost, 7);
	assert_int_equal(m.totals.lost_unknown, 1);
	assert_int_equal(m.totals.input_errors, 1);
	assert_int_equal(errs.count, 1);
	assert_string_equal(errs.first, "bad page read");
	assert_int_equal(m.procs.nr, SO_PIDS_MAX);
	p = so_table_at(&m.procs, SO_PIDS_MAX - 1);
	assert_int_equal(p->tgid, 100 + SO_PIDS_MAX - 1);
	assert_string_equal(p->comm, "p63-0123456789");
	assert_int_equal(m.blamed.nr, 1);
	assert_int_equal(m.cgroups.nr, 1);
	cg = so_table_at(&m.cgroups, 0);
	assert_int_equal(cg->id, 77);
	assert_null(cg->path);
	st = so_table_at(&m.swaptypes, 0);
	assert_int_equal(st->type, 1);
	/* one for the folio, one per owner */
	assert_int_equal(m.nr_samples, 1 + SO_PIDS_MAX);

	/* a second file adds up, its processes mapped onto the first's */
	assert_int_equal(so_isolate_read(reader_all, "y.dat", &m, &errs), 0);
	assert_int_equal(m.totals.events, 2);
	assert_int_equal(m.totals.input_errors, 2);
	assert_int_equal(errs.count, 2);
	assert_int_equal(m.procs.nr, SO_PIDS_MAX);
	assert_int_equal(p->pages, 8);
	assert_int_equal(m.nr_samples, 2 * (1 + SO_PIDS_MAX));
	assert_int_equal(m.samples[m.nr_samples - 1].proc, SO_PIDS_MAX - 1);
	so_model_free(&m);
}

/* reader_exit7 - an event, then an error */
static int reader_exit7(const char *path, struct so_model *m,
			struct so_input_errors *errs)
{
	struct so_event ev = { .nr_pages = 1 };

	(void)path;
	(void)errs;
	assert_int_equal(so_model_add(m, &ev), 0);
	return SO_EXIT_INPUT_NO_EVENT;
}

/* the reader's exit code is the result, and then its model is not */
static void test_isolate_exit_code(void **state)
{
	struct so_input_errors errs = { 0 };
	struct so_model m;

	(void)state;
	so_model_init(&m, 0);
	assert_int_equal(so_isolate_read(reader_exit7, "x.dat", &m, &errs),
			 SO_EXIT_INPUT_NO_EVENT);
	assert_int_equal(errs.count, 0);
	assert_int_equal(m.totals.events, 0);
	so_model_free(&m);
}

/* a fault inside a library call, after one event was sent */
static int reader_lib_segv(const char *path, struct so_model *m,
			   struct so_input_errors *errs)
{
	struct so_event ev = { .nr_pages = 1, .ts = 5 };

	(void)path;
	(void)errs;
	assert_int_equal(so_model_add(m, &ev), 0);
	so_isolate_enter_lib();
	signal(SIGSEGV, SIG_DFL);
	raise(SIGSEGV);
	so_isolate_leave_lib();
	return 0;
}

/* glibc's heap checks abort inside a library */
static int reader_lib_abort(const char *path, struct so_model *m,
			    struct so_input_errors *errs)
{
	(void)path;
	(void)m;
	(void)errs;
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
	struct so_input_errors errs;
	struct so_model m;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(readers) / sizeof(readers[0]); i++) {
		memset(&errs, 0, sizeof(errs));
		so_model_init(&m, 0);
		assert_int_equal(so_isolate_read(readers[i], "x.dat", &m,
						 &errs), 0);
		assert_int_equal(errs.count, 1);
		assert_int_equal(m.totals.input_errors, 1);
		assert_non_null(strstr(errs.first,
				       "the trace library crashed"));
		/* nothing of a file that crashed is counted */
		assert_int_equal(m.totals.events, 0);
		so_model_free(&m);
	}
}

/* a fault in our own code, between library calls */
static int reader_own_segv(const char *path, struct so_model *m,
			   struct so_input_errors *errs)
{
	(void)path;
	(void)m;
	(void)errs;
	so_isolate_enter_lib();
	so_isolate_leave_lib();
	signal(SIGSEGV, SIG_DFL);
	raise(SIGSEGV);
	return 0;
}

/* ... is not an input error: the whole process goes down with it */
static void test_isolate_own_crash(void **state)
{
	struct so_input_errors errs = { 0 };
	struct so_model m;
	int status;
	pid_t pid;

	(void)state;
	fflush(stdout);
	pid = fork();
	assert_true(pid >= 0);
	if (!pid) {
		so_model_init(&m, 0);
		so_isolate_read(reader_own_segv, "x.dat", &m, &errs);
		_exit(0);	/* not reached if the crash was passed on */
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFSIGNALED(status));
	assert_int_equal(WTERMSIG(status), SIGSEGV);
}

/* models_equal - two models of the same reading, element by element */
static void models_equal(const struct so_model *a, const struct so_model *b)
{
	const struct so_cgroup *ca;
	const struct so_cgroup *cb;
	const struct so_proc *pa;
	const struct so_proc *pb;
	size_t i;

	assert_memory_equal(&a->totals, &b->totals, sizeof(a->totals));
	assert_int_equal(a->procs.nr, b->procs.nr);
	for (i = 0; i < a->procs.nr; i++) {
		pa = so_table_at(&a->procs, i);
		pb = so_table_at(&b->procs, i);
		assert_int_equal(pa->tgid, pb->tgid);
		assert_string_equal(pa->comm, pb->comm);
		assert_int_equal(pa->folios, pb->folios);
		assert_int_equal(pa->pages, pb->pages);
		assert_int_equal(pa->shared_pages, pb->shared_pages);
		assert_memory_equal(pa->disp, pb->disp, sizeof(pa->disp));
	}
	assert_int_equal(a->blamed.nr, b->blamed.nr);
	assert_int_equal(a->cgroups.nr, b->cgroups.nr);
	for (i = 0; i < a->cgroups.nr; i++) {
		ca = so_table_at(&a->cgroups, i);
		cb = so_table_at(&b->cgroups, i);
		assert_int_equal(ca->id, cb->id);
		assert_memory_equal(&ca->count, &cb->count, sizeof(ca->count));
	}
	assert_int_equal(a->nr_samples, b->nr_samples);
	assert_memory_equal(a->samples, b->samples,
			    a->nr_samples * sizeof(*a->samples));
}

/*
 * filter_read - fx.dat read with f, in this process (one) and through the
 * child (two)
 */
static void filter_read(const char *path, const struct so_filter *f,
			struct so_model *one, struct so_model *two)
{
	struct so_input_errors errs = { 0 };

	so_model_init(one, 0);
	one->keep_samples = true;
	one->filter = f;
	/*
	 * libtracecmd 1.x does not free its missed-events callbacks on
	 * close: a leak of the library's that the child's _exit() hides
	 */
	__lsan_disable();
	assert_int_equal(so_tracedat_read(path, one, &errs), 0);
	__lsan_enable();
	assert_int_equal(errs.count, 0);
	so_model_init(two, 0);
	two->keep_samples = true;
	two->filter = f;
	assert_int_equal(so_isolate_read(so_tracedat_read, path, two, &errs),
			 0);
	assert_int_equal(errs.count, 0);
}

/*
 * the filter the parent's model holds when the child forks keeps what it
 * keeps in one process: --pid of the process with the most pages, then
 * --cgroup of the first cgroup, each leaving some events out
 */
static void test_isolate_filter(void **state)
{
	const char *dir = getenv("SO_TEST_DATA");
	const struct so_proc *top = NULL;
	const struct so_proc *p;
	const struct so_cgroup *cg;
	struct so_model all;
	struct so_model one;
	struct so_model two;
	struct so_filter f;
	char path[4096];
	size_t i;

	(void)state;
	snprintf(path, sizeof(path), "%s/fx.dat", dir ? dir : "tests/data");
	filter_read(path, NULL, &all, &two);
	models_equal(&all, &two);
	so_model_free(&two);
	for (i = 0; i < all.procs.nr; i++) {
		p = so_table_at(&all.procs, i);
		if (!top || so_proc_cmp(&p, &top) < 0)
			top = p;
	}
	assert_non_null(top);
	assert_true(all.cgroups.nr > 1);

	memset(&f, 0, sizeof(f));
	assert_int_equal(so_filter_add_pid(&f, top->tgid), 0);
	filter_read(path, &f, &one, &two);
	assert_true(one.totals.events > 0);
	assert_true(one.totals.events < all.totals.events);
	models_equal(&one, &two);
	so_model_free(&one);
	so_model_free(&two);
	so_filter_free(&f);

	memset(&f, 0, sizeof(f));
	cg = so_table_at(&all.cgroups, 0);
	assert_int_equal(so_filter_add_cgroup_id(&f, cg->id, "/x", true), 0);
	filter_read(path, &f, &one, &two);
	assert_int_equal(one.totals.events, cg->count.folios);
	assert_true(one.totals.events < all.totals.events);
	models_equal(&one, &two);
	so_model_free(&one);
	so_model_free(&two);
	so_filter_free(&f);
	so_model_free(&all);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_isolate_model),
		cmocka_unit_test(test_isolate_exit_code),
		cmocka_unit_test(test_isolate_library_crash),
		cmocka_unit_test(test_isolate_own_crash),
		cmocka_unit_test(test_isolate_filter),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
