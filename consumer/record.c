/*
 * record.c - swapowner record: trace live, or through trace-cmd with -o
 *
 * Without -o the events are read from a private instance's per-CPU raw
 * buffers; with -o FILE, trace-cmd record writes FILE (libtracecmd cannot
 * write trace.dat) with the same instance, buffer size and event, and FILE
 * is summarised once it is complete.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cgroup.h"
#include "cli.h"
#include "interval.h"
#include "report.h"
#include "swapowner.h"
#include "trace-filter.h"
#include "trace.h"

/* How often the buffers are read, in ms */
#define RECORD_POLL_MS	100

struct record_opts {
	struct so_render_opts	ro;
	struct so_time_opts	to;
	struct so_filter	filter;		/* --pid, --comm, --cgroup */
	const char		*output;	/* -o */
	const char		*instance;	/* -B */
	char			**cmd;		/* after -- */
	long			buffer_kb;	/* -b */
	long			duration;	/* -d, 0 = none */
};

static volatile sig_atomic_t record_stop;
static struct so_trace *record_trace;

/* record_sigint - first SIGINT: stop and summarise (SA_RESETHAND) */
static void record_sigint(int sig)
{
	(void)sig;
	record_stop = 1;
	if (record_trace)
		so_trace_interrupt(record_trace);
}

static void record_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = record_sigint;
	sa.sa_flags = SA_RESETHAND;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
}

/* record_check_cmd - message and SO_EXIT_NO_CMD if cmd cannot be run */
static int record_check_cmd(const char *cmd)
{
	int err = so_path_lookup(cmd);

	if (!err)
		return 0;
	err_msg("%s: %s\n", cmd, err == ENOENT ? "command not found"
					       : strerror(err));
	return SO_EXIT_NO_CMD;
}

/*
 * record_spawn - fork cmd, held until record_release()
 *
 * *go is the write end that releases it. Returns the pid or -1.
 */
static pid_t record_spawn(char **cmd, int *go)
{
	int fds[2];
	pid_t pid;
	char c;

	if (pipe2(fds, O_CLOEXEC))
		return -1;
	pid = fork();
	if (pid < 0) {
		close(fds[0]);
		close(fds[1]);
		return -1;
	}
	if (!pid) {
		close(fds[1]);
		if (read(fds[0], &c, 1) != 1)
			_exit(SO_EXIT_NO_CMD);
		execvp(cmd[0], cmd);
		fprintf(stderr, "swapowner: %s: %s\n", cmd[0], strerror(errno));
		_exit(SO_EXIT_NO_CMD);
	}
	close(fds[0]);
	*go = fds[1];
	return pid;
}

/* record_release - let the spawned command exec */
static void record_release(int *go)
{
	if (*go < 0)
		return;
	if (write(*go, "g", 1) != 1)
		err_msg("cannot start the command: %s\n", strerror(errno));
	close(*go);
	*go = -1;
}

/* record_reap - end and wait for the child; its exit code, or -1 */
static int record_reap(pid_t pid, bool running)
{
	int status;

	if (pid <= 0)
		return -1;
	if (running)
		kill(pid, SIGTERM);
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static uint64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000ULL + ts.tv_nsec / 1000000;
}

static void sleep_ms(unsigned int ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

/* record_cgroup - cgroup path lookup for so_model_name_cgroups */
static char *record_cgroup(uint64_t id, void *arg)
{
	(void)arg;
	return so_cgroup_path(id, NULL);
}

/*
 * record_interval - print what the interval that ends now added
 *
 * The tables go to stdout, or to stderr when stdout is JSON/CSV; on a
 * terminal each one replaces the one before.
 */
static int record_interval(struct record_opts *o, struct so_interval *iv,
			   struct so_model *m, uint64_t start_ms,
			   uint64_t *last_ms)
{
	struct so_interval_delta d;
	uint64_t now = now_ms();
	FILE *f;

	f = o->ro.format == SO_FMT_TABLE ? stdout : stderr;
	if (so_interval_take(iv, m, &d)) {
		so_interval_delta_free(&d);
		err_msg("out of memory\n");
		return SO_EXIT_ERROR;
	}
	so_output_interval(f, m, &d, (*last_ms - start_ms) / 1e3,
			   (now - start_ms) / 1e3, o->to.interval_ns / 1e9,
			   o->to.top);
	so_interval_delta_free(&d);
	*last_ms = now;
	return 0;
}

/*
 * record_live - trace in a private instance until SIGINT, -d or CMD ends
 *
 * Returns the exit code; the summary is printed whenever tracing started.
 */
static int record_live(struct record_opts *o, const char *name)
{
	struct so_interval iv = { 0 };
	uint64_t next_ms = 0;
	uint64_t start_ms;
	uint64_t last_ms;
	uint64_t end = 0;
	struct so_trace t;
	struct so_model m;
	bool running = false;
	pid_t child = -1;
	int status;
	int go = -1;
	int ret;

	so_model_init(&m, sysconf(_SC_PAGESIZE));
	m.keep_samples = o->to.plot || o->to.timeline;
	m.filter = &o->filter;
	ret = so_trace_open(&t, name, o->buffer_kb, &m);
	if (ret)
		goto close;
	so_trace_filter_build(&o->filter, t.tep);
	so_trace_filter_apply(&t, &o->filter);
	if (o->cmd) {
		child = record_spawn(o->cmd, &go);
		if (child < 0) {
			err_msg("fork: %s\n", strerror(errno));
			ret = SO_EXIT_ERROR;
			goto close;
		}
		running = true;
	}

	record_trace = &t;
	record_signals();
	ret = so_trace_start(&t);
	if (ret)
		goto close;
	record_release(&go);
	start_ms = last_ms = now_ms();
	if (o->duration)
		end = start_ms + o->duration * 1000;
	if (o->to.interval_ns)
		next_ms = start_ms + o->to.interval_ns / 1000000;

	while (!record_stop) {
		ret = so_trace_read(&t);
		if (ret)
			break;
		if (next_ms && now_ms() >= next_ms) {
			ret = record_interval(o, &iv, &m, start_ms, &last_ms);
			if (ret)
				break;
			while (next_ms <= last_ms)
				next_ms += o->to.interval_ns / 1000000;
		}
		if (running && waitpid(child, &status, WNOHANG) == child) {
			running = false;
			child = -1;
			break;
		}
		if (end && now_ms() >= end)
			break;
		sleep_ms(RECORD_POLL_MS);
	}
	so_trace_stop(&t);
	record_trace = NULL;
	/* the last, partial interval: the intervals add up to the total */
	if (!ret && next_ms)
		ret = record_interval(o, &iv, &m, start_ms, &last_ms);
	if (!ret) {
		so_model_name_cgroups(&m, record_cgroup, NULL);
		so_trace_close(&t);
		ret = so_output(stdout, &m, &o->ro, &o->to);
		fflush(stdout);
	}
close:
	record_release(&go);
	record_reap(child, running);
	so_trace_close(&t);
	so_interval_free(&iv);
	so_model_free(&m);
	return ret;
}

/*
 * record_trace_cmd - run trace-cmd record into o->output, then report it
 *
 * SIGINT or -d stop trace-cmd with SIGINT, as a user would.
 */
static int record_trace_cmd(struct record_opts *o, const char *name)
{
	char buf_kb[32];
	uint64_t end = 0;
	struct so_model m;
	char **argv;
	pid_t pid;
	int status;
	int argc = 0;
	int ret;
	int i;

	if (record_check_cmd("trace-cmd")) {
		err_msg("-o needs trace-cmd (apt-get install trace-cmd)\n");
		return SO_EXIT_ERROR;
	}
	for (i = 0; o->cmd && o->cmd[i]; i++)
		;
	argv = calloc(16 + i, sizeof(*argv));
	if (!argv)
		return SO_EXIT_ERROR;
	argv[argc++] = "trace-cmd";
	argv[argc++] = "record";
	if (!so_debug)
		argv[argc++] = "-q";
	argv[argc++] = "-o";
	argv[argc++] = (char *)o->output;
	argv[argc++] = "-B";
	argv[argc++] = (char *)name;
	if (o->buffer_kb) {
		snprintf(buf_kb, sizeof(buf_kb), "%ld", o->buffer_kb);
		argv[argc++] = "-b";
		argv[argc++] = buf_kb;
	}
	argv[argc++] = "-e";
	argv[argc++] = SO_EVENT_SYSTEM ":" SO_EVENT_NAME;
	so_trace_filter_build(&o->filter, NULL);
	if (o->filter.kernel) {
		argv[argc++] = "-f";
		argv[argc++] = o->filter.kernel;
	}
	for (i = 0; o->cmd && o->cmd[i]; i++)
		argv[argc++] = o->cmd[i];
	argv[argc] = NULL;
	for (i = 0; so_debug && i < argc; i++)
		debug_msg("trace-cmd argv[%d] = %s\n", i, argv[i]);

	record_signals();
	pid = fork();
	if (pid < 0) {
		err_msg("fork: %s\n", strerror(errno));
		free(argv);
		return SO_EXIT_ERROR;
	}
	if (!pid) {
		signal(SIGINT, SIG_DFL);
		signal(SIGTERM, SIG_DFL);
		execvp(argv[0], argv);
		_exit(SO_EXIT_NO_CMD);
	}
	free(argv);
	if (o->duration)
		end = now_ms() + o->duration * 1000;
	for (;;) {
		ret = waitpid(pid, &status, WNOHANG);
		if (ret == pid || (ret < 0 && errno != EINTR))
			break;
		if (record_stop || (end && now_ms() >= end)) {
			kill(pid, SIGINT);
			end = 0;
			record_stop = 0;
			record_signals();
		}
		sleep_ms(RECORD_POLL_MS);
	}
	if (ret != pid || !WIFEXITED(status) || WEXITSTATUS(status)) {
		err_msg("trace-cmd record failed (%s %d)\n",
			ret == pid && WIFSIGNALED(status) ? "signal" : "exit",
			ret == pid && WIFSIGNALED(status) ? WTERMSIG(status)
							  : WEXITSTATUS(status));
		return SO_EXIT_ERROR;
	}

	o->ro.sources = &o->output;
	o->ro.nr_sources = 1;
	so_model_init(&m, 0);
	m.keep_samples = o->to.plot || o->to.timeline;
	/* before reading: the reader child filters with it */
	m.filter = &o->filter;
	ret = so_report_file(&m, o->output, false);
	if (!ret) {
		so_model_name_cgroups(&m, record_cgroup, NULL);
		ret = so_output(stdout, &m, &o->ro, &o->to);
	}
	so_model_free(&m);
	return ret;
}

/* record_parse - the options of record into o; 0 or the exit code */
static int record_parse(int argc, char **argv, struct record_opts *o)
{
	static const struct option longopts[] = {
		CLI_OUTPUT_LONGOPTS,
		CLI_TIME_LONGOPTS,
		CLI_FILTER_LONGOPTS,
		{ NULL, 0, NULL, 0 },
	};
	int ret;
	int c;

	while ((c = getopt_long(argc, argv, "+Dho:b:B:d:i:", longopts,
				NULL)) != -1) {
		ret = cli_output_opt(c, optarg, &o->ro);
		if (!ret)
			ret = cli_time_opt(c, optarg, &o->to);
		if (!ret)
			ret = cli_filter_opt(c, optarg, &o->filter);
		if (ret > 0)
			continue;
		if (ret < 0)
			return cli_usage_error(CLI_RECORD, 0);
		switch (c) {
		case 'o':
			o->output = optarg;
			break;
		case 'B':
			o->instance = optarg;
			break;
		case 'b':
			o->buffer_kb = cli_parse_int("-b", optarg);
			if (o->buffer_kb <= 0)
				return cli_usage_error(CLI_RECORD, 0);
			break;
		case 'd':
			o->duration = cli_parse_int("-d", optarg);
			if (o->duration <= 0)
				return cli_usage_error(CLI_RECORD, 0);
			break;
		default:
			/* -h prints the usage and exits 0 */
			return cli_usage_error(CLI_RECORD, c) ?: -1;
		}
	}
	if (optind < argc)
		o->cmd = argv + optind;
	o->to.top = o->ro.top;
	if (o->ro.format == SO_FMT_TABLE && !o->ro.top)
		o->ro.top = SO_TOP_DEFAULT;
	if (o->instance && (!*o->instance || strchr(o->instance, '/'))) {
		err_msg("-B: bad instance name '%s'\n", o->instance);
		return SO_EXIT_USAGE;
	}
	return 0;
}

/* cmd_record - swapowner record */
int cmd_record(int argc, char **argv)
{
	struct record_opts o = { 0 };
	char name[64];
	int ret;

	ret = record_parse(argc, argv, &o);
	if (ret)
		goto out;
	snprintf(name, sizeof(name), "swapowner-%d", (int)getpid());
	ret = so_trace_check();
	if (ret)
		goto out;
	if (o.cmd) {
		ret = record_check_cmd(o.cmd[0]);
		if (ret)
			goto out;
	}
	if (o.output)
		ret = record_trace_cmd(&o, o.instance ? o.instance : name);
	else
		ret = record_live(&o, o.instance ? o.instance : name);
out:
	so_filter_free(&o.filter);
	/* -1: -h was printed */
	return ret < 0 ? SO_EXIT_OK : ret;
}
