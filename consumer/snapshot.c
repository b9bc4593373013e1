/*
 * snapshot.c - swapowner snapshot: per-process swap residency now
 *
 * For kernels without the event. Each process's swapped pages come from
 * /proc/PID/pagemap (pagemap.c); a slot mapped by several processes (COW
 * after fork) is counted once in the totals and attributed to every
 * process that maps it. Needs CAP_SYS_ADMIN, or the kernel hides the slots.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "pagemap.h"
#include "snapshot.h"
#include "swapowner.h"

#define SNAPSHOT_USAGE \
	"swapowner snapshot [-D] [--json|--csv] [--top N] [PID...]"

/* so_snap_add_proc - a new process; returns its index or -ENOMEM */
int so_snap_add_proc(struct so_snap *s, pid_t pid, const char *comm)
{
	struct so_snap_proc *p;
	size_t alloc;

	if (s->nr_procs == s->alloc_procs) {
		alloc = s->alloc_procs ? s->alloc_procs * 2 : 64;
		p = realloc(s->procs, alloc * sizeof(*p));
		if (!p)
			return -ENOMEM;
		s->procs = p;
		s->alloc_procs = alloc;
	}
	p = &s->procs[s->nr_procs];
	memset(p, 0, sizeof(*p));
	p->pid = pid;
	snprintf(p->comm, sizeof(p->comm), "%s", comm);
	return s->nr_procs++;
}

/* so_snap_add_slot - process proc maps swap slot type:offset */
int so_snap_add_slot(struct so_snap *s, unsigned int proc,
		     unsigned int type, uint64_t offset)
{
	struct so_snap_slot *v;
	size_t alloc;

	if (s->nr_slots == s->alloc_slots) {
		alloc = s->alloc_slots ? s->alloc_slots * 2 : 4096;
		v = realloc(s->slots, alloc * sizeof(*v));
		if (!v)
			return -ENOMEM;
		s->slots = v;
		s->alloc_slots = alloc;
	}
	v = &s->slots[s->nr_slots++];
	v->type = type;
	v->offset = offset;
	v->proc = proc;
	return 0;
}

static int slot_cmp(const void *a, const void *b)
{
	const struct so_snap_slot *x = a;
	const struct so_snap_slot *y = b;

	if (x->type != y->type)
		return x->type < y->type ? -1 : 1;
	if (x->offset != y->offset)
		return x->offset < y->offset ? -1 : 1;
	return (x->proc > y->proc) - (x->proc < y->proc);
}

/*
 * so_snap_finish - count each slot once, and once per process mapping it
 *
 * Sorting groups the entries of one slot together, by process.
 */
void so_snap_finish(struct so_snap *s)
{
	size_t i;
	size_t j;
	size_t k;
	size_t n;

	qsort(s->slots, s->nr_slots, sizeof(*s->slots), slot_cmp);
	for (i = 0; i < s->nr_slots; i = j) {
		n = 0;
		for (j = i; j < s->nr_slots &&
			    s->slots[j].type == s->slots[i].type &&
			    s->slots[j].offset == s->slots[i].offset; j++)
			if (j == i || s->slots[j].proc != s->slots[j - 1].proc)
				n++;
		s->unique_slots++;
		if (n > 1)
			s->shared_slots++;
		for (k = i; k < j; k++) {
			if (k > i && s->slots[k].proc == s->slots[k - 1].proc)
				continue;
			s->procs[s->slots[k].proc].pages++;
			if (n > 1)
				s->procs[s->slots[k].proc].shared_pages++;
		}
	}
}

void so_snap_free(struct so_snap *s)
{
	free(s->slots);
	free(s->procs);
	memset(s, 0, sizeof(*s));
}

struct snap_walk {
	struct so_snap	*snap;
	unsigned int	proc;
};

static int snapshot_page(const struct pagemap_vma *vma, uint64_t vaddr,
			 const struct pagemap_entry *pe, void *arg)
{
	struct snap_walk *w = arg;

	(void)vma;
	(void)vaddr;
	if (!pe->swp_offset) {
		w->snap->hidden++;
		return 0;
	}
	return so_snap_add_slot(w->snap, w->proc, pe->swp_type,
				pe->swp_offset);
}

/* snapshot_comm - read /proc/PID/comm; "" if gone */
static void snapshot_comm(pid_t pid, char *comm, size_t size)
{
	char path[64];
	FILE *f;

	comm[0] = '\0';
	snprintf(path, sizeof(path), "/proc/%d/comm", (int)pid);
	f = fopen(path, "re");
	if (!f)
		return;
	if (fgets(comm, size, f))
		comm[strcspn(comm, "\n")] = '\0';
	fclose(f);
}

/*
 * snapshot_pid - add the swapped pages of pid
 *
 * Returns 0 or a negative errno; with quiet, processes that vanished or
 * cannot be read (kernel threads, others' without root) are skipped.
 */
static int snapshot_pid(struct so_snap *s, pid_t pid, bool quiet)
{
	char comm[SO_COMM_LEN + 2];
	struct snap_walk w;
	int ret;

	snapshot_comm(pid, comm, sizeof(comm));
	ret = so_snap_add_proc(s, pid, comm);
	if (ret < 0)
		return ret;
	w.snap = s;
	w.proc = ret;
	ret = pagemap_walk_pid(pid, snapshot_page, &w);
	if (ret && quiet && ret != -ENOMEM) {
		debug_msg("pid %d skipped: %s\n", (int)pid, strerror(-ret));
		return 0;
	}
	return ret;
}

/* snapshot_all - every process in /proc */
static int snapshot_all(struct so_snap *s)
{
	struct dirent *de;
	DIR *dir;
	int ret = 0;

	dir = opendir("/proc");
	if (!dir)
		return -errno;
	while (!ret && (de = readdir(dir))) {
		if (!isdigit((unsigned char)de->d_name[0]))
			continue;
		ret = snapshot_pid(s, atoi(de->d_name), true);
	}
	closedir(dir);
	return ret;
}

static int snap_proc_cmp(const void *a, const void *b)
{
	const struct so_snap_proc *x = a;
	const struct so_snap_proc *y = b;

	if (x->pages != y->pages)
		return x->pages < y->pages ? 1 : -1;
	return (x->pid > y->pid) - (x->pid < y->pid);
}

/* snapshot_render - print the snapshot in ro->format */
static void snapshot_render(FILE *f, struct so_snap *s,
			    const struct so_render_opts *ro)
{
	long page_size = sysconf(_SC_PAGESIZE);
	const struct so_snap_proc *p;
	size_t n = 0;
	size_t i;

	qsort(s->procs, s->nr_procs, sizeof(*s->procs), snap_proc_cmp);
	while (n < s->nr_procs && s->procs[n].pages)
		n++;
	if (ro->top > 0 && (size_t)ro->top < n)
		n = ro->top;

	if (ro->format == SO_FMT_JSON) {
		fprintf(f, "{\n  \"version\": %d,\n  \"page_size\": %ld,\n"
			"  \"totals\": {\"slots\": %" PRIu64 ", \"bytes\": %"
			PRIu64 ", \"shared_slots\": %" PRIu64 "},\n"
			"  \"processes\": [", SO_JSON_VERSION, page_size,
			s->unique_slots, s->unique_slots * page_size,
			s->shared_slots);
		for (i = 0; i < n; i++) {
			p = &s->procs[i];
			fprintf(f, "%s\n    {\"pid\": %d, \"comm\": ",
				i ? "," : "", (int)p->pid);
			so_json_str(f, p->comm);
			fprintf(f, ", \"pages\": %" PRIu64 ", \"bytes\": %"
				PRIu64 ", \"shared_pages\": %" PRIu64 "}",
				p->pages, p->pages * page_size,
				p->shared_pages);
		}
		fputs(n ? "\n  ]\n}\n" : "]\n}\n", f);
		return;
	}
	if (ro->format == SO_FMT_CSV) {
		fputs("pid,comm,pages,bytes,shared_pages\n", f);
		for (i = 0; i < n; i++) {
			p = &s->procs[i];
			fprintf(f, "%d,", (int)p->pid);
			so_csv_str(f, p->comm);
			fprintf(f, ",%" PRIu64 ",%" PRIu64 ",%" PRIu64 "\n",
				p->pages, p->pages * page_size,
				p->shared_pages);
		}
		return;
	}
	fprintf(f, "%" PRIu64 " swap slots (%" PRIu64 " KiB) in use by these "
		"processes, %" PRIu64 " of them shared\n\n", s->unique_slots,
		s->unique_slots * page_size / 1024, s->shared_slots);
	fprintf(f, "%8s %-16s %8s %10s %8s\n", "PID", "COMM", "PAGES", "KIB",
		"SHARED");
	for (i = 0; i < n; i++) {
		p = &s->procs[i];
		fprintf(f, "%8d %-16s %8" PRIu64 " %10" PRIu64 " %8" PRIu64
			"\n", (int)p->pid, p->comm[0] ? p->comm : "<...>",
			p->pages, p->pages * page_size / 1024,
			p->shared_pages);
	}
}

/* cmd_snapshot - swapowner snapshot */
int cmd_snapshot(int argc, char **argv)
{
	static const struct option longopts[] = {
		CLI_OUTPUT_LONGOPTS,
		{ NULL, 0, NULL, 0 },
	};
	struct so_render_opts ro = { 0 };
	struct so_snap s = { 0 };
	long pid;
	int ret = 0;
	int c;
	int i;

	while ((c = getopt_long(argc, argv, "+Dh", longopts, NULL)) != -1) {
		ret = cli_output_opt(c, optarg, &ro);
		if (ret > 0)
			continue;
		if (c == 'h') {
			printf("usage: %s\n", SNAPSHOT_USAGE);
			return 0;
		}
		return cli_usage_error(SNAPSHOT_USAGE);
	}
	if (ro.format == SO_FMT_TABLE && !ro.top)
		ro.top = SO_TOP_DEFAULT;

	ret = 0;
	for (i = optind; !ret && i < argc; i++) {
		pid = cli_parse_int("PID", argv[i]);
		if (pid <= 0 || pid > INT32_MAX) {
			so_snap_free(&s);
			return cli_usage_error(SNAPSHOT_USAGE);
		}
		ret = snapshot_pid(&s, pid, false);
		if (ret)
			err_msg("%ld: %s\n", pid, ret == -ENOENT ?
				"no such process" : strerror(-ret));
	}
	if (optind == argc) {
		ret = snapshot_all(&s);
		if (ret)
			err_msg("/proc: %s\n", strerror(-ret));
	}
	if (ret) {
		ret = ret == -EACCES || ret == -EPERM ? SO_EXIT_PERM
						      : SO_EXIT_ERROR;
		goto out;
	}
	if (s.hidden) {
		err_msg("the kernel hid the swap locations of %" PRIu64
			" pages: run as root (CAP_SYS_ADMIN)\n", s.hidden);
		ret = SO_EXIT_PERM;
		goto out;
	}
	so_snap_finish(&s);
	snapshot_render(stdout, &s, &ro);
out:
	so_snap_free(&s);
	return ret;
}
