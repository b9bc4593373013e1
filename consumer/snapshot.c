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
#include "snapmodel.h"
#include "swapowner.h"

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
		if (cli_output_opt(c, optarg, &ro) <= 0)
			return cli_usage_error(CLI_SNAPSHOT, c);
	}
	if (ro.format == SO_FMT_TABLE && !ro.top)
		ro.top = SO_TOP_DEFAULT;
	s.page_size = sysconf(_SC_PAGESIZE);

	ret = 0;
	for (i = optind; !ret && i < argc; i++) {
		pid = cli_parse_int("PID", argv[i]);
		if (pid <= 0 || pid > INT32_MAX) {
			so_snap_free(&s);
			return cli_usage_error(CLI_SNAPSHOT, 0);
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
	so_render_snapshot(stdout, &s, &ro);
out:
	so_snap_free(&s);
	return ret;
}
