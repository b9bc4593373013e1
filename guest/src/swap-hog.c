/*
 * swap-hog - the workload of the VM tests: anonymous memory to be swapped
 *
 * Maps --mib MiB of private anonymous memory and fills every page, forks
 * --fork children that share it copy-on-write, optionally asks for it to be
 * paged out, then publishes the pids (parent first, one per line) in the
 * --ready file, renamed into place so that a reader never sees it partial.
 * With --hold it then waits for SIGTERM or SIGINT; either way it kills and
 * reaps its children before exiting. While holding, SIGUSR1 makes the
 * parent read every page of its region (swapping it back in without
 * dirtying it) and then create the file READY.read.
 *
 * MADV_PAGEOUT skips folios mapped by more than one process: pages still
 * shared with children are not paged out by --pageout (use --write-child,
 * or reclaim through a memory cgroup).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/types.h>
#include <sys/wait.h>

#include "guest.h"

#ifndef PR_SET_MEMORY_MERGE
#define PR_SET_MEMORY_MERGE	67
#endif

#ifndef MADV_PAGEOUT
#define MADV_PAGEOUT	21
#endif

#define HOG_MAX_MIB	(1UL << 20)
#define HOG_MAX_FORK	1024
#define HOG_CONST_BYTE	0xa5
#define HOG_THP_SIZE	(2UL << 20)

enum hog_pattern {
	HOG_MIXED,
	HOG_RANDOM,
	HOG_ZERO,
	HOG_CONST,
};

struct hog {
	sigset_t		old_mask;
	const char		*ready;
	const char		*comm;
	pid_t			*children;
	char			*mem;
	size_t			size;
	size_t			page_size;
	unsigned long		mib;
	enum hog_pattern	pattern;
	unsigned int		nr_fork;
	unsigned int		nr_children;	/* forked so far */
	pid_t			parent;
	bool			pageout;
	bool			write_child;
	bool			copy_child;
	bool			thp;
	bool			ksm;
	bool			hold;
	bool			clone_vm;
};

static void usage(FILE *f)
{
	fprintf(f,
		"usage: swap-hog --mib N [--fork K]\n"
		"                [--pattern mixed|random|zero|const]\n"
		"                [--pageout] [--write-child] [--copy-child]\n"
		"                [--ready FILE]\n"
		"                [--thp] [--ksm] [--hold] [--clone-vm] [--comm NAME]\n"
		"\n"
		"  --mib N          map and fill N MiB of private anonymous memory\n"
		"  --fork K         fork K children sharing it copy-on-write\n"
		"  --pattern P      page content: mixed (default; distinct pages\n"
		"                   that compress well, as zram needs), random\n"
		"                   (incompressible), zero (touched, all zero),\n"
		"                   const (one byte)\n"
		"  --pageout        madvise(MADV_PAGEOUT) it once the children exist\n"
		"  --write-child    each child rewrites its copy of every page\n"
		"  --copy-child     each child rewrites its copy of every page with\n"
		"                   the parent's content: pages of its own that\n"
		"                   --ksm merges with the parent's\n"
		"  --thp            2 MiB aligned, MADV_HUGEPAGE: THP folios\n"
		"  --ksm            let KSM merge it (PR_SET_MEMORY_MERGE)\n"
		"  --ready FILE     write the pids (parent first) to FILE when set up\n"
		"  --hold           wait for SIGTERM/SIGINT before exiting; SIGUSR1\n"
		"                   rereads the region, then creates READY.read\n"
		"  --clone-vm       children share the mm: clone(CLONE_VM), not fork\n"
		"  --comm NAME      process name (children: NAME-child)\n");
}

/* hog_parse_args - fill hog from the command line */
static void hog_parse_args(struct hog *hog, int argc, char **argv)
{
	static const struct option options[] = {
		{ "mib",	 required_argument, NULL, 'm' },
		{ "fork",	 required_argument, NULL, 'f' },
		{ "pattern",	 required_argument, NULL, 'p' },
		{ "pageout",	 no_argument,	    NULL, 'P' },
		{ "write-child", no_argument,	    NULL, 'w' },
		{ "copy-child",	 no_argument,	    NULL, 'C' },
		{ "thp",	 no_argument,	    NULL, 'T' },
		{ "ksm",	 no_argument,	    NULL, 'K' },
		{ "ready",	 required_argument, NULL, 'r' },
		{ "hold",	 no_argument,	    NULL, 'H' },
		{ "clone-vm",	 no_argument,	    NULL, 'V' },
		{ "comm",	 required_argument, NULL, 'c' },
		{ "help",	 no_argument,	    NULL, 'h' },
		{ }
	};
	int opt;

	while ((opt = getopt_long(argc, argv, "h", options, NULL)) != -1) {
		switch (opt) {
		case 'm':
			hog->mib = parse_ulong("--mib", optarg, 1,
						   HOG_MAX_MIB);
			break;
		case 'f':
			hog->nr_fork = parse_ulong("--fork", optarg, 0,
						       HOG_MAX_FORK);
			break;
		case 'p':
			if (!strcmp(optarg, "mixed"))
				hog->pattern = HOG_MIXED;
			else if (!strcmp(optarg, "random"))
				hog->pattern = HOG_RANDOM;
			else if (!strcmp(optarg, "zero"))
				hog->pattern = HOG_ZERO;
			else if (!strcmp(optarg, "const"))
				hog->pattern = HOG_CONST;
			else
				cli_fatal("--pattern: '%s' is not %s", optarg,
				      "mixed, random, zero or const");
			break;
		case 'P':
			hog->pageout = true;
			break;
		case 'w':
			hog->write_child = true;
			break;
		case 'C':
			hog->copy_child = true;
			break;
		case 'T':
			hog->thp = true;
			break;
		case 'K':
			hog->ksm = true;
			break;
		case 'r':
			hog->ready = optarg;
			break;
		case 'H':
			hog->hold = true;
			break;
		case 'V':
			hog->clone_vm = true;
			break;
		case 'c':
			hog->comm = optarg;
			break;
		case 'h':
			usage(stdout);
			exit(0);
		default:
			usage(stderr);
			exit(2);
		}
	}
	if (optind < argc)
		cli_fatal("unexpected argument '%s'", argv[optind]);
	if (!hog->mib)
		cli_fatal("--mib is required");
	if (hog->write_child && hog->copy_child)
		cli_fatal("--write-child and --copy-child exclude each other");
	if (hog->clone_vm && (hog->write_child || hog->copy_child))
		cli_fatal("--clone-vm children share the memory: no --write-child or --copy-child");
}

/*
 * hog_map - map the region; with --thp 2 MiB aligned and MADV_HUGEPAGE so
 * that it is backed by PMD-sized folios (the over-mapped head and tail
 * stay unused)
 */
static int hog_map(struct hog *hog)
{
	const size_t align = hog->thp ? HOG_THP_SIZE : 0;
	char *mem;

	mem = mmap(NULL, hog->size + align, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (mem == MAP_FAILED) {
		err_msg("mmap %lu MiB: %s", hog->mib, strerror(errno));
		return -1;
	}
	if (hog->thp) {
		mem = (char *)(((uintptr_t)mem + align - 1) & ~(align - 1));
		if (madvise(mem, hog->size, MADV_HUGEPAGE)) {
			err_msg("madvise(MADV_HUGEPAGE): %s", strerror(errno));
			return -1;
		}
	}
	hog->mem = mem;
	return 0;
}

/*
 * hog_fill - write every page of the region
 *
 * seed makes the random and const contents of a child differ from its
 * parent's: 0 in the parent, child index + 1 in a child.
 */
static void hog_fill(struct hog *hog, unsigned int seed)
{
	const size_t words = hog->page_size / sizeof(uint64_t);
	uint64_t *word;
	char *page;
	uint64_t x;
	size_t pg;
	size_t i;
	int c;

	for (pg = 0; pg < hog->size / hog->page_size; pg++) {
		page = hog->mem + pg * hog->page_size;
		switch (hog->pattern) {
		case HOG_ZERO:
			/* A write allocates the page, a read would not */
			page[0] = 0;
			break;
		case HOG_CONST:
			c = (HOG_CONST_BYTE + seed) & 0xff;
			memset(page, c ? c : 1, hog->page_size);
			break;
		case HOG_MIXED:
		case HOG_RANDOM:
			/* xorshift64, never 0 from a non-zero state */
			x = (pg + 1) * 0x9e3779b97f4a7c15ULL ^
			    ((uint64_t)seed << 32 | seed);
			if (!x)
				x = 1;
			word = (uint64_t *)page;
			for (i = 0; i < words; i++) {
				x ^= x << 13;
				x ^= x >> 7;
				x ^= x << 17;
				/*
				 * mixed: 256 random bytes make the page
				 * distinct, a constant rest lets zram
				 * compress it
				 */
				word[i] = hog->pattern == HOG_MIXED && i >= 32 ?
					  pg : x;
			}
			break;
		}
	}
}

/* hog_child - body of child idx: rewrite if asked, report ready, hold */
static void __attribute__((noreturn))
hog_child(struct hog *hog, unsigned int idx, int ready_fd)
{
	char name[64];

	/* Do not outlive the parent, even if it is SIGKILLed */
	if (prctl(PR_SET_PDEATHSIG, SIGTERM) || getppid() != hog->parent)
		_exit(1);
	if (sigprocmask(SIG_SETMASK, &hog->old_mask, NULL))
		_exit(1);
	if (hog->comm) {
		snprintf(name, sizeof(name), "%s-child", hog->comm);
		prctl(PR_SET_NAME, name);
	}
	if (hog->write_child)
		hog_fill(hog, idx + 1);
	else if (hog->copy_child)
		hog_fill(hog, 0);
	if (write(ready_fd, "", 1) != 1) {
		err_msg("child %u: reporting ready: %s", idx, strerror(errno));
		_exit(1);
	}
	close(ready_fd);
	for (;;)
		pause();
}

/*
 * hog_reap - kill and reap the children
 *
 * Returns 0, or -1 if a child ended other than by SIGTERM or SIGINT (a
 * terminal's ^C reaches the children too).
 */
static int hog_reap(struct hog *hog)
{
	unsigned int i;
	int ret = 0;
	int status;
	pid_t pid;

	for (i = 0; i < hog->nr_children; i++)
		kill(hog->children[i], SIGTERM);
	for (i = 0; i < hog->nr_children; i++) {
		do {
			pid = waitpid(hog->children[i], &status, 0);
		} while (pid < 0 && errno == EINTR);
		if (pid < 0) {
			err_msg("reaping child %d: %s", (int)hog->children[i],
				strerror(errno));
			ret = -1;
		} else if (!WIFSIGNALED(status) ||
			   (WTERMSIG(status) != SIGTERM &&
			    WTERMSIG(status) != SIGINT)) {
			err_msg("child %d ended unexpectedly (status 0x%x)",
				(int)pid, status);
			ret = -1;
		}
	}
	hog->nr_children = 0;
	return ret;
}

/* What a --clone-vm child starts with */
struct hog_clone_arg {
	struct hog	*hog;
	unsigned int	idx;
	int		ready_fd;
};

static int hog_clone_child(void *data)
{
	struct hog_clone_arg *arg = data;

	hog_child(arg->hog, arg->idx, arg->ready_fd);
}

/*
 * hog_clone_vm - a child that shares this process's mm but is a process
 * of its own (clone(CLONE_VM) without CLONE_THREAD: another tgid), as
 * some runtimes and vfork do. Its stack and argument are never freed:
 * the child uses them until it is killed.
 */
static pid_t hog_clone_vm(struct hog *hog, const int *fds)
{
	const size_t stack_size = 256 * 1024;
	struct hog_clone_arg *arg;
	char *stack;

	arg = malloc(sizeof(*arg));
	stack = malloc(stack_size);
	if (!arg || !stack) {
		free(arg);
		free(stack);
		errno = ENOMEM;
		return -1;
	}
	arg->hog = hog;
	arg->idx = hog->nr_children;
	arg->ready_fd = fds[1];
	/* the stack grows down on every architecture we run on */
	return clone(hog_clone_child, stack + stack_size, CLONE_VM | SIGCHLD,
		     arg);
}

/* hog_fork - start the children and wait until each one is set up */
static int hog_fork(struct hog *hog)
{
	unsigned int ready = 0;
	int fds[2];
	ssize_t n;
	char c;

	if (!hog->nr_fork)
		return 0;
	hog->children = calloc(hog->nr_fork, sizeof(*hog->children));
	if (!hog->children) {
		err_msg("out of memory");
		return -1;
	}
	if (pipe(fds)) {
		err_msg("pipe: %s", strerror(errno));
		return -1;
	}

	while (hog->nr_children < hog->nr_fork) {
		pid_t pid;

		if (hog->clone_vm) {
			pid = hog_clone_vm(hog, fds);
		} else {
			pid = fork();
			if (!pid) {
				close(fds[0]);
				hog_child(hog, hog->nr_children, fds[1]);
			}
		}
		if (pid < 0) {
			err_msg("%s: %s", hog->clone_vm ? "clone" : "fork",
				strerror(errno));
			goto close_pipe;
		}
		hog->children[hog->nr_children++] = pid;
	}

	/* One byte per child; EOF early means a child died */
	close(fds[1]);
	fds[1] = -1;
	while (ready < hog->nr_fork) {
		n = read(fds[0], &c, 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			err_msg("%u of %u children failed to start",
				hog->nr_fork - ready, hog->nr_fork);
			goto close_pipe;
		}
		ready++;
	}
	close(fds[0]);
	return 0;

close_pipe:
	close(fds[0]);
	if (fds[1] >= 0)
		close(fds[1]);
	return -1;
}

/* hog_write_ready - publish the pids in hog->ready, atomically */
static int hog_write_ready(struct hog *hog)
{
	unsigned int i;
	char *tmp;
	FILE *f;

	if (asprintf(&tmp, "%s.tmp", hog->ready) < 0) {
		err_msg("out of memory");
		return -1;
	}
	f = fopen(tmp, "we");
	if (!f) {
		err_msg("%s: %s", tmp, strerror(errno));
		goto free_tmp;
	}
	fprintf(f, "%d\n", (int)hog->parent);
	for (i = 0; i < hog->nr_children; i++)
		fprintf(f, "%d\n", (int)hog->children[i]);
	if (ferror(f) | fclose(f)) {
		err_msg("writing %s: %s", tmp, strerror(errno));
		goto unlink_tmp;
	}
	if (rename(tmp, hog->ready)) {
		err_msg("rename %s to %s: %s", tmp, hog->ready,
			strerror(errno));
		goto unlink_tmp;
	}
	free(tmp);
	return 0;

unlink_tmp:
	unlink(tmp);
free_tmp:
	free(tmp);
	return -1;
}

/* hog_reread - read every page of the region, then create READY.read */
static int hog_reread(struct hog *hog)
{
	volatile const char *p;
	char *done;
	size_t off;
	int fd;

	for (off = 0; off < hog->size; off += hog->page_size) {
		p = hog->mem + off;
		(void)*p;
	}
	if (!hog->ready)
		return 0;
	if (asprintf(&done, "%s.read", hog->ready) < 0) {
		err_msg("out of memory");
		return -1;
	}
	fd = open(done, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0) {
		err_msg("%s: %s", done, strerror(errno));
		free(done);
		return -1;
	}
	/* non-empty: wait_file waits for a file with data */
	if (write(fd, "1\n", 2) != 2) {
		err_msg("%s: %s", done, strerror(errno));
		close(fd);
		free(done);
		return -1;
	}
	close(fd);
	free(done);
	return 0;
}

/*
 * hog_hold - wait for SIGTERM or SIGINT; report children that die before;
 * SIGUSR1 rereads the region
 */
static int hog_hold(struct hog *hog, const sigset_t *set)
{
	unsigned int i;
	int ret = 0;
	int status;
	pid_t pid;
	int sig;

	for (;;) {
		if (sigwait(set, &sig))
			return -1;
		if (sig == SIGUSR1) {
			if (hog_reread(hog))
				ret = -1;
			continue;
		}
		if (sig != SIGCHLD)
			return ret;
		while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
			err_msg("child %d ended while holding (status 0x%x)",
				(int)pid, status);
			ret = -1;
			/* Reaped: drop it so that hog_reap() skips it */
			for (i = 0; i < hog->nr_children; i++) {
				if (hog->children[i] != pid)
					continue;
				hog->children[i] =
					hog->children[--hog->nr_children];
				break;
			}
		}
	}
}

int main(int argc, char **argv)
{
	struct hog hog = { .pattern = HOG_MIXED };
	sigset_t set;
	long page_size;
	int ret = 1;

	hog_parse_args(&hog, argc, argv);

	page_size = sysconf(_SC_PAGESIZE);
	if (page_size <= 0) {
		err_msg("cannot get the page size");
		return 1;
	}
	hog.page_size = page_size;
	hog.size = hog.mib << 20;
	hog.parent = getpid();

	/* Signals wait for --hold; children restore the old mask */
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGCHLD);
	sigaddset(&set, SIGUSR1);
	if (sigprocmask(SIG_BLOCK, &set, &hog.old_mask)) {
		err_msg("sigprocmask: %s", strerror(errno));
		return 1;
	}

	if (hog.comm && prctl(PR_SET_NAME, hog.comm)) {
		err_msg("prctl(PR_SET_NAME): %s", strerror(errno));
		return 1;
	}

	if (hog.ksm && prctl(PR_SET_MEMORY_MERGE, 1, 0, 0, 0)) {
		err_msg("prctl(PR_SET_MEMORY_MERGE): %s", strerror(errno));
		return 1;
	}
	if (hog_map(&hog))
		return 1;
	hog_fill(&hog, 0);

	if (hog_fork(&hog))
		goto reap;

	if (hog.pageout && madvise(hog.mem, hog.size, MADV_PAGEOUT)) {
		err_msg("madvise(MADV_PAGEOUT): %s", strerror(errno));
		goto reap;
	}

	if (hog.ready && hog_write_ready(&hog))
		goto reap;

	ret = 0;
	if (hog.hold && hog_hold(&hog, &set))
		ret = 1;

reap:
	if (hog_reap(&hog))
		ret = 1;
	free(hog.children);
	munmap(hog.mem, hog.size);
	return ret;
}
