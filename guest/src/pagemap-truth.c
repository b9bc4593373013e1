/*
 * pagemap-truth - list the swapped-out pages of processes, from pagemap
 *
 * Ground truth for the VM tests: what each process's page tables say was
 * swapped out, to compare with what the swap tracepoint reported. Must run
 * with CAP_SYS_ADMIN, or the kernel hides the swap locations.
 *
 * Output, one line per swapped page, tab-separated, in address order:
 *
 *	PID	0xVADDR	SWP_TYPE	SWP_OFFSET	MAPPING
 *
 * MAPPING is "anon" (anonymous private memory), "anon:NAME" (a private
 * mapping named NAME in maps: [heap], [stack], a file whose page was
 * copied on write) or "shmem:NAME" (a shared mapping). It is the last field
 * and may contain blanks; tabs in it are written as "\011".
 *
 * Then one summary line per pid, on stderr, or with -s on stdout instead of
 * the page lines:
 *
 *	pid=PID swapped_pages=N
 */
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pagemap.h"

/* Returned by the callback when the kernel hid the swap locations */
#define TRUTH_HIDDEN	1

struct truth_pid {
	uint64_t	swapped;
	uint64_t	hidden_vaddr;
	pid_t		pid;
	bool		summary_only;
};

static void usage(FILE *f)
{
	fprintf(f,
		"usage: pagemap-truth [-s] PID...\n"
		"\n"
		"List the swapped-out pages of each PID from /proc/PID/pagemap:\n"
		"  PID<TAB>0xVADDR<TAB>SWP_TYPE<TAB>SWP_OFFSET<TAB>MAPPING\n"
		"then 'pid=PID swapped_pages=N' per PID on stderr.\n"
		"\n"
		"  -s  print only the summary lines, on stdout\n"
		"  -h  show this help\n");
}

/* truth_put_mapping - print the mapping field of a page line */
static void truth_put_mapping(const struct pagemap_vma *vma)
{
	const char *p;

	if (!vma->path[0]) {
		fputs(pagemap_vma_is_shared(vma) ? "shmem" : "anon", stdout);
		return;
	}
	fputs(pagemap_vma_is_shared(vma) ? "shmem:" : "anon:", stdout);
	for (p = vma->path; *p; p++) {
		if (*p == '\t')
			fputs("\\011", stdout);
		else
			putchar(*p);
	}
}

/* truth_page - pagemap_walk() callback: count and print one swapped page */
static int truth_page(const struct pagemap_vma *vma, uint64_t vaddr,
		      const struct pagemap_entry *pe, void *arg)
{
	struct truth_pid *tp = arg;

	tp->swapped++;
	if (tp->summary_only)
		return 0;

	/* Offset 0 is the swap header: the kernel zeroed the location */
	if (!pe->swp_offset) {
		tp->hidden_vaddr = vaddr;
		return TRUTH_HIDDEN;
	}

	printf("%d\t0x%" PRIx64 "\t%u\t%" PRIu64 "\t", (int)tp->pid, vaddr,
	       pe->swp_type, pe->swp_offset);
	truth_put_mapping(vma);
	putchar('\n');
	return 0;
}

/* truth_parse_pid - parse a pid argument, 0 if it is not a valid pid */
static pid_t truth_parse_pid(const char *s)
{
	char *end;
	long val;

	if (*s < '0' || *s > '9')
		return 0;
	errno = 0;
	val = strtol(s, &end, 10);
	if (errno || *end || val <= 0 || val > INT_MAX)
		return 0;
	return val;
}

/* truth_walk - list one process; 0 or 1 (error printed) */
static int truth_walk(pid_t pid, bool summary_only)
{
	struct truth_pid tp = {
		.pid = pid,
		.summary_only = summary_only,
	};
	int ret;

	ret = pagemap_walk_pid(pid, truth_page, &tp);
	if (ret == TRUTH_HIDDEN) {
		fprintf(stderr,
			"pagemap-truth: pid %d: swap location of 0x%" PRIx64
			" hidden by the kernel (needs CAP_SYS_ADMIN)\n",
			(int)pid, tp.hidden_vaddr);
		return 1;
	}
	if (ret == -ENOENT || ret == -ESRCH) {
		fprintf(stderr, "pagemap-truth: pid %d: no such process\n",
			(int)pid);
		return 1;
	}
	if (ret == -EINVAL) {
		fprintf(stderr, "pagemap-truth: pid %d: unexpected maps format\n",
			(int)pid);
		return 1;
	}
	if (ret) {
		fprintf(stderr, "pagemap-truth: pid %d: reading pagemap: %s\n",
			(int)pid, strerror(-ret));
		return 1;
	}

	if (summary_only) {
		printf("pid=%d swapped_pages=%" PRIu64 "\n", (int)pid,
		       tp.swapped);
	} else {
		fflush(stdout);
		fprintf(stderr, "pid=%d swapped_pages=%" PRIu64 "\n", (int)pid,
			tp.swapped);
	}
	return 0;
}

int main(int argc, char **argv)
{
	bool summary_only = false;
	pid_t *pids;
	int status = 0;
	int opt;
	int i;

	while ((opt = getopt(argc, argv, "sh")) != -1) {
		switch (opt) {
		case 's':
			summary_only = true;
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (optind == argc) {
		usage(stderr);
		return 2;
	}

	/* Check every argument before printing anything */
	pids = calloc(argc - optind, sizeof(*pids));
	if (!pids) {
		fprintf(stderr, "pagemap-truth: out of memory\n");
		return 1;
	}
	for (i = optind; i < argc; i++) {
		pids[i - optind] = truth_parse_pid(argv[i]);
		if (!pids[i - optind]) {
			fprintf(stderr, "pagemap-truth: bad pid '%s'\n",
				argv[i]);
			free(pids);
			return 1;
		}
	}

	for (i = 0; i < argc - optind; i++)
		status |= truth_walk(pids[i], summary_only);
	free(pids);

	if (fflush(stdout) || ferror(stdout)) {
		fprintf(stderr, "pagemap-truth: writing output: %s\n",
			strerror(errno));
		return 1;
	}
	return status;
}
