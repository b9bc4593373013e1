/*
 * bench-isolate.c - what reading a trace.dat in a child process costs
 *
 *   bench-isolate FILE [RUNS [timeline]]
 *
 * Reads FILE RUNS times (default 11) each way, alternating: in one
 * process, as swapowner did before the isolation (so_tracedat_read() in
 * a fresh process: a forked one, which exits once it has read the file),
 * and as report does now (so_isolate_read(): a child reads, its model
 * comes back over a pipe and is merged into this process's). With
 * "timeline" the models keep their samples (report --timeline / --plot).
 * Prints the median wall and CPU time (this process and its children)
 * of each way and their ratio.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "isolate.h"
#include "swapowner.h"
#include "tracedat.h"

struct bench_run {
	double	wall;
	double	cpu;
};

static double bench_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* bench_cpu - user + system seconds of this process and its children */
static double bench_cpu(void)
{
	struct rusage self;
	struct rusage kids;

	getrusage(RUSAGE_SELF, &self);
	getrusage(RUSAGE_CHILDREN, &kids);
	return self.ru_utime.tv_sec + self.ru_utime.tv_usec / 1e6 +
	       self.ru_stime.tv_sec + self.ru_stime.tv_usec / 1e6 +
	       kids.ru_utime.tv_sec + kids.ru_utime.tv_usec / 1e6 +
	       kids.ru_stime.tv_sec + kids.ru_stime.tv_usec / 1e6;
}

/* bench_read - one read of path, isolated or not; exits on an error */
static struct bench_run bench_read(const char *path, bool isolated,
				   bool timeline)
{
	struct so_input_errors errs = { 0 };
	struct bench_run r;
	struct so_model m;
	double wall = bench_now();
	double cpu = bench_cpu();
	int status;
	pid_t pid;
	int ret;

	so_model_init(&m, 0);
	m.keep_samples = timeline;
	if (isolated) {
		ret = so_isolate_read(so_tracedat_read, path, &m, &errs);
	} else {
		pid = fork();
		if (!pid) {
			ret = so_tracedat_read(path, &m, &errs);
			_exit(ret || errs.count || !m.totals.events);
		}
		ret = pid < 0 || waitpid(pid, &status, 0) != pid ||
		      !WIFEXITED(status) || WEXITSTATUS(status);
		m.totals.events = 1;
	}
	if (ret || errs.count || !m.totals.events) {
		fprintf(stderr, "bench-isolate: %s: exit %d, %llu input "
			"errors, %llu events\n", path, ret,
			(unsigned long long)errs.count,
			(unsigned long long)m.totals.events);
		exit(1);
	}
	so_model_free(&m);
	r.wall = bench_now() - wall;
	r.cpu = bench_cpu() - cpu;
	return r;
}

static int bench_cmp(const void *a, const void *b)
{
	double x = *(const double *)a;
	double y = *(const double *)b;

	return (x > y) - (x < y);
}

/* bench_median - of the field at offset off of the n runs */
static double bench_median(struct bench_run *runs, int n, size_t off)
{
	double *v = malloc(n * sizeof(*v));
	double med;
	int i;

	if (!v)
		exit(1);
	for (i = 0; i < n; i++)
		v[i] = *(double *)((char *)&runs[i] + off);
	qsort(v, n, sizeof(*v), bench_cmp);
	med = n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
	free(v);
	return med;
}

int main(int argc, char **argv)
{
	struct bench_run *in;
	struct bench_run *iso;
	double in_wall, iso_wall;
	double in_cpu, iso_cpu;
	bool timeline;
	int runs;
	int i;

	if (argc < 2) {
		fprintf(stderr, "usage: bench-isolate FILE [RUNS [timeline]]\n");
		return 2;
	}
	runs = argc > 2 ? atoi(argv[2]) : 11;
	timeline = argc > 3 && !strcmp(argv[3], "timeline");
	in = calloc(runs, sizeof(*in));
	iso = calloc(runs, sizeof(*iso));
	if (runs < 1 || !in || !iso)
		return 2;
	for (i = 0; i < runs; i++) {
		in[i] = bench_read(argv[1], false, timeline);
		iso[i] = bench_read(argv[1], true, timeline);
	}
	in_wall = bench_median(in, runs, offsetof(struct bench_run, wall));
	iso_wall = bench_median(iso, runs, offsetof(struct bench_run, wall));
	in_cpu = bench_median(in, runs, offsetof(struct bench_run, cpu));
	iso_cpu = bench_median(iso, runs, offsetof(struct bench_run, cpu));
	printf("%s%s, %d runs each, medians:\n", argv[1],
	       timeline ? " (timeline samples)" : "", runs);
	printf("  in one process:     %.1f ms wall, %.1f ms CPU\n",
	       in_wall * 1e3, in_cpu * 1e3);
	printf("  child, model piped: %.1f ms wall, %.1f ms CPU\n",
	       iso_wall * 1e3, iso_cpu * 1e3);
	printf("  isolated / one process: wall %.3f, CPU %.3f\n",
	       iso_wall / in_wall, iso_cpu / in_cpu);
	free(in);
	free(iso);
	return 0;
}
