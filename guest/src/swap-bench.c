/*
 * swap-bench - time swap-out of a region shared by K processes
 *
 * Runs in a memory cgroup of its own (--cgroup, a cgroup v2 directory it
 * moves itself into). Each round:
 *   1. the parent (re)writes every page of --mib MiB of private anonymous
 *      memory, so its pages are dirty and private again;
 *   2. it forks --owners - 1 children that share them copy-on-write;
 *   3. every process clears its accessed bits (/proc/self/clear_refs),
 *      then the parent times memory.reclaim of the whole cgroup until the
 *      region is out (MADV_PAGEOUT instead when --owners is 1 and
 *      --pageout is given; no clearing then);
 *   4. the children exit.
 * One line per round on stdout:
 *   round=R owners=K region_pages=N pages=P ns=T ns_per_page=X
 *   kswapd=S direct=D
 * pages is the rise of pswpout (pages written to swap) during the timed
 * part; zero-filled pages would not count, so every page is non-zero.
 *
 * --thp maps the region 2 MiB aligned with MADV_HUGEPAGE, so that it is
 * swapped out as THP folios (ns_per_page is still per 4 KiB page).
 *
 * --shmem makes the region a memfd mapped MAP_SHARED; each child touches
 * every page, since fork copies no PTE of a shared mapping, so that all
 * --owners processes map every shmem folio.
 *
 * --ksm fills every page with the same content and lets KSM merge them
 * (MADV_MERGEABLE; ksmd must be running): the region becomes KSM folios
 * with up to /sys/kernel/mm/ksm/max_page_sharing mappings each. The round
 * waits for pages_sharing to stop rising, then stops ksmd (run 0 keeps
 * what it merged) until the reclaim is over.
 *
 * --pressure MIB leaves the cgroup alone and swaps the region out the way
 * global memory pressure does: it maps and writes MIB MiB more, so that
 * kswapd (and, when it falls behind, direct reclaim) evicts the region.
 * The timed part is that allocation. Besides pages, the line gives
 * kswapd= and direct=, the pages each stole (pgsteal_kswapd,
 * pgsteal_direct).
 *
 * --evict PCT is --pressure sized so that reclaim has one thing to take:
 * the pressure is MemFree plus PCT% of the region, and it is mlocked
 * (MAP_LOCKED), so that it cannot be swapped itself. How much goes out,
 * and whose it is, then depends on the region alone and not on how the
 * allocation races kswapd. Most of the free memory is taken before the
 * clock starts (a mlocked ballast that leaves EVICT_HEADROOM free), so
 * that the timed part is mostly reclaim, not the zeroing of pages that
 * were free anyway. What is left of the allocation is timed once more
 * after the round, when memory is free (EVICT_PROBE mlocked, no reclaim):
 * alloc_ns= is that cost per page times the pressure's pages, and
 * reclaim_ns= is ns= minus alloc_ns=, the instructions of the reclaim
 * alone whatever the number of pages it took. The line adds pressure_kb=,
 * ballast_kb=, alloc_ns= and reclaim_ns=.
 *
 * --churn SECS is a different workload: fill the region once, then write
 * one word of a random page at a time for SECS seconds. With a
 * memory.max below the region, pages keep going out and coming back in,
 * the way a working set larger than its memory behaves. One line:
 *   churn=SECS pages=P ns=T touches=N
 * --rate N paces the churn to N writes a second (in batches every 10 ms)
 * instead of as fast as it can.
 * pages is the rise of pswpout during the SECS seconds.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/wait.h>

#include "guest.h"

#ifndef MADV_PAGEOUT
#define MADV_PAGEOUT	21
#endif

#define BENCH_MAX_OWNERS	1024
#define BENCH_THP_SIZE		(2UL << 20)

struct bench {
	const char	*cgroup;
	unsigned long	mib;
	unsigned int	owners;
	unsigned int	rounds;
	unsigned int	churn_secs;
	unsigned long	rate;
	unsigned long	pressure_mib;
	unsigned long	evict_pct;
	unsigned long	pressure_kb;
	int		pageout;
	int		thp;
	int		shmem;
	int		ksm;
	size_t		size;
	size_t		page_size;
	char		*mem;
};

static void usage(FILE *f)
{
	fputs("usage: swap-bench --cgroup DIR --mib N [--owners K] [--rounds R]\n"
	      "                  [--pageout | --pressure MIB | --evict PCT]\n"
	      "                  [--thp | --shmem | --ksm]\n"
	      "       swap-bench --cgroup DIR --mib N --churn SECS [--rate N]\n", f);
}

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

/*
 * proc_read - the value of @name in @path, a file of "NAME VALUE" lines
 * (/proc/vmstat) or "NAME: VALUE kB" lines (/proc/meminfo)
 */
static unsigned long proc_read(const char *path, const char *name)
{
	unsigned long val;
	char key[64];
	size_t len;
	FILE *f;

	f = fopen(path, "r");
	if (!f)
		fatal("%s: %s", path, strerror(errno));
	while (fscanf(f, "%63s %lu%*[^\n]", key, &val) == 2) {
		len = strlen(key);
		if (len && key[len - 1] == ':')
			key[len - 1] = '\0';
		if (!strcmp(key, name)) {
			fclose(f);
			return val;
		}
	}
	fatal("%s has no %s", path, name);
}

static unsigned long vmstat_read(const char *name)
{
	return proc_read("/proc/vmstat", name);
}

/* free memory the --evict ballast leaves: above the high watermarks */
#define EVICT_HEADROOM	(16UL << 20)
/* what the --evict allocation costs without reclaim is timed on this */
#define EVICT_PROBE	(16UL << 20)

/* free_bytes - MemFree of /proc/meminfo */
static size_t free_bytes(void)
{
	return (size_t)proc_read("/proc/meminfo", "MemFree") << 10;
}

/*
 * map_anon - @size bytes of private anonymous memory, mmap @flags added
 * (MAP_LOCKED: mlocked, so populated)
 */
static void *map_anon(size_t size, int flags)
{
	void *mem;

	mem = mmap(NULL, size, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS | flags, -1, 0);
	if (mem == MAP_FAILED)
		fatal("mmap: %s", strerror(errno));
	return mem;
}

/* bench_global - the region goes by global pressure (--pressure, --evict) */
static bool bench_global(const struct bench *b)
{
	return b->pressure_mib || b->evict_pct;
}

/* ksm_read - the /sys/kernel/mm/ksm counter @name */
static unsigned long ksm_read(const char *name)
{
	unsigned long val = 0;
	char path[128];
	FILE *f;

	snprintf(path, sizeof(path), "/sys/kernel/mm/ksm/%s", name);
	f = fopen(path, "r");
	if (!f || fscanf(f, "%lu", &val) != 1)
		fatal("%s: cannot read", path);
	fclose(f);
	return val;
}

static int file_write(const char *dir, const char *name, const char *val)
{
	char path[512];
	ssize_t len = strlen(val);
	int fd;
	int ret = 0;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	fd = open(path, O_WRONLY);
	if (fd < 0)
		fatal("%s: %s", path, strerror(errno));
	if (write(fd, val, len) != len)
		ret = -errno;
	close(fd);
	return ret;
}

/*
 * bench_map - map the region: 4 KiB folios (THP would make the per-page
 * cost a per-THP one), or with --thp 2 MiB aligned THP folios
 */
static void bench_map(struct bench *b)
{
	const size_t align = b->thp ? BENCH_THP_SIZE : 0;
	char *mem;

	if (b->shmem) {
		int fd = memfd_create("swap-bench", 0);

		if (fd < 0 || ftruncate(fd, b->size))
			fatal("memfd: %s", strerror(errno));
		mem = mmap(NULL, b->size, PROT_READ | PROT_WRITE, MAP_SHARED,
			   fd, 0);
		if (mem == MAP_FAILED)
			fatal("mmap: %s", strerror(errno));
		close(fd);
		b->mem = mem;
		return;
	}
	mem = map_anon(b->size + align, 0);
	if (b->thp)
		mem = (char *)(((uintptr_t)mem + align - 1) & ~(align - 1));
	if (madvise(mem, b->size, b->thp ? MADV_HUGEPAGE : MADV_NOHUGEPAGE))
		fatal("madvise(%s): %s", b->thp ? "MADV_HUGEPAGE" :
		      "MADV_NOHUGEPAGE", strerror(errno));
	if (b->ksm && madvise(mem, b->size, MADV_MERGEABLE))
		fatal("madvise(MADV_MERGEABLE): %s", strerror(errno));
	b->mem = mem;
}

/* bench_fill - make every page dirty, distinct, non-zero, compressible */
static void bench_fill(struct bench *b, unsigned int round)
{
	size_t pg;

	for (pg = 0; pg < b->size / b->page_size; pg++) {
		uint64_t *w = (uint64_t *)(b->mem + pg * b->page_size);
		size_t i;

		/* --ksm: one content for all, so that KSM merges them */
		for (i = 0; i < b->page_size / sizeof(*w); i++)
			w[i] = b->ksm ? i + round :
			       i < 32 ? (pg + 1) * 0x9e3779b97f4a7c15ULL ^
					(i + round) : pg + 1;
	}
}

/*
 * bench_pressure - map and write b->pressure_mib MiB more, then unmap it:
 * global pressure, so that kswapd evicts the (older) region
 */
static void bench_pressure(struct bench *b)
{
	size_t size = b->pressure_mib << 20;
	size_t off;
	char *mem;

	if (b->evict_pct) {
		size = free_bytes() + b->size / 100 * b->evict_pct;
		b->pressure_kb = size >> 10;
	}
	mem = map_anon(size, b->evict_pct ? MAP_LOCKED : 0);
	if (madvise(mem, size, MADV_NOHUGEPAGE))
		fatal("madvise(MADV_NOHUGEPAGE): %s", strerror(errno));
	for (off = 0; off < size; off += b->page_size)
		mem[off] = 1;
	munmap(mem, size);
}

/*
 * bench_ballast - mlock all free memory but EVICT_HEADROOM (--evict),
 * untimed; the size goes to @size, 0 if there is no more free than that
 */
static void *bench_ballast(size_t *size)
{
	size_t free = free_bytes();

	*size = 0;
	if (free <= EVICT_HEADROOM)
		return NULL;
	*size = free - EVICT_HEADROOM;
	return map_anon(*size, MAP_LOCKED);
}

/*
 * bench_alloc_ns - instructions (ns) of a mlocked allocation of @size
 * bytes, @size/EVICT_PROBE times those of one of EVICT_PROBE, timed when
 * nothing needs reclaiming
 */
static uint64_t bench_alloc_ns(size_t size)
{
	uint64_t t0;
	uint64_t t1;

	t0 = now_ns();
	munmap(map_anon(EVICT_PROBE, MAP_LOCKED), EVICT_PROBE);
	t1 = now_ns();
	return (t1 - t0) * (size >> 12) / (EVICT_PROBE >> 12);
}

/*
 * bench_ksm_wait - wait until ksmd stops merging: pages_sharing unchanged
 * over two full scans (full_scans rising by two)
 */
static void bench_ksm_wait(void)
{
	unsigned long sharing = 0;
	unsigned long scans;
	int stable = 0;
	int tries;

	for (tries = 0; tries < 600 && stable < 2; tries++) {
		unsigned long now;

		scans = ksm_read("full_scans");
		while (ksm_read("full_scans") == scans)
			usleep(10000);
		now = ksm_read("pages_sharing");
		stable = now && now == sharing ? stable + 1 : 0;
		sharing = now;
	}
	if (stable < 2)
		fatal("ksmd did not settle (pages_sharing %lu)", sharing);
}

/*
 * bench_clear_refs - clear the accessed bits of every PTE of this process
 * and the referenced flags of its folios (/proc/self/clear_refs), so that
 * memory.reclaim finds the region cold and evicts it in one pass: folios
 * that several PTEs have just referenced are activated instead (and, on
 * MGLRU, back-to-back passes were seen to give up on them)
 */
static void bench_clear_refs(void)
{
	if (file_write("/proc/self", "clear_refs", "1"))
		fatal("/proc/self/clear_refs: %s", strerror(errno));
}

/* bench_swap_out - push the region out; memory.reclaim may need passes */
static void bench_swap_out(struct bench *b)
{
	char amount[32];
	int i;

	if (b->pageout) {
		if (madvise(b->mem, b->size, MADV_PAGEOUT))
			fatal("madvise(MADV_PAGEOUT): %s", strerror(errno));
		return;
	}
	if (bench_global(b)) {
		bench_pressure(b);
		return;
	}
	snprintf(amount, sizeof(amount), "%zu", b->size * 2);
	for (i = 0; i < 8; i++)
		if (!file_write(b->cgroup, "memory.reclaim", amount))
			break;
}

static void bench_round(struct bench *b, unsigned int round)
{
	pid_t children[BENCH_MAX_OWNERS];
	unsigned long out_before;
	unsigned long pages;
	uint64_t t0;
	uint64_t t1;
	unsigned long kswapd_before;
	unsigned long direct_before;
	size_t ballast_size = 0;
	void *ballast = NULL;
	unsigned int i;
	int readyfd[2];
	int pipefd[2];
	char c;

	bench_fill(b, round);
	if (b->ksm) {
		bench_ksm_wait();
		/* ksmd must not scan while reclaim is timed */
		if (file_write("/sys/kernel/mm/ksm", "run", "0"))
			fatal("cannot stop ksmd");
	}
	if (pipe(pipefd) || pipe(readyfd))
		fatal("pipe: %s", strerror(errno));
	for (i = 0; i + 1 < b->owners; i++) {
		children[i] = fork();
		if (children[i] < 0)
			fatal("fork: %s", strerror(errno));
		if (!children[i]) {
			volatile char *p = b->mem;
			size_t off;

			close(pipefd[1]);
			/* fork copied no PTE of the shared mapping */
			for (off = 0; b->shmem && off < b->size;
			     off += b->page_size)
				(void)p[off];
			if (!b->pageout && !bench_global(b))
				bench_clear_refs();
			close(readyfd[1]);
			/* hold the COW mapping until the parent closes */
			_exit(read(pipefd[0], &c, 1) < 0);
		}
	}
	close(pipefd[0]);
	/* every child has mapped what it maps once all have closed readyfd */
	close(readyfd[1]);
	if (read(readyfd[0], &c, 1) < 0)
		fatal("read: %s", strerror(errno));
	close(readyfd[0]);
	if (!b->pageout && !bench_global(b))
		bench_clear_refs();

	if (b->evict_pct)
		ballast = bench_ballast(&ballast_size);
	kswapd_before = vmstat_read("pgsteal_kswapd");
	direct_before = vmstat_read("pgsteal_direct");
	out_before = vmstat_read("pswpout");
	t0 = now_ns();
	bench_swap_out(b);
	t1 = now_ns();
	pages = vmstat_read("pswpout") - out_before;
	if (ballast)
		munmap(ballast, ballast_size);

	close(pipefd[1]);
	for (i = 0; i + 1 < b->owners; i++)
		waitpid(children[i], NULL, 0);
	if (b->ksm && file_write("/sys/kernel/mm/ksm", "run", "1"))
		fatal("cannot restart ksmd");

	printf("round=%u owners=%u region_pages=%zu pages=%lu ns=%llu ns_per_page=%llu kswapd=%lu direct=%lu",
	       round, b->owners, b->size / b->page_size, pages,
	       (unsigned long long)(t1 - t0),
	       pages ? (unsigned long long)((t1 - t0) / pages) : 0ULL,
	       vmstat_read("pgsteal_kswapd") - kswapd_before,
	       vmstat_read("pgsteal_direct") - direct_before);
	if (b->evict_pct) {
		uint64_t alloc = bench_alloc_ns((size_t)b->pressure_kb << 10);

		printf(" pressure_kb=%lu ballast_kb=%zu alloc_ns=%llu reclaim_ns=%llu",
		       b->pressure_kb, ballast_size >> 10,
		       (unsigned long long)alloc,
		       (unsigned long long)(t1 - t0 - alloc));
	}
	putchar('\n');
	fflush(stdout);
}

/*
 * bench_churn - write random pages for b->churn_secs seconds; the clock is
 * read every 1024 writes, a xorshift picks the pages
 */
static void bench_churn(struct bench *b)
{
	const size_t pages = b->size / b->page_size;
	const uint64_t t_end = now_ns() + b->churn_secs * 1000000000ULL;
	/* paced: a batch every 10 ms; else 1024 writes between clock reads */
	const unsigned long batch = b->rate ? (b->rate + 99) / 100 : 1024;
	unsigned long out_before;
	unsigned long touches = 0;
	uint64_t x = 0x9e3779b97f4a7c15ULL;
	uint64_t next;
	uint64_t t0;
	uint64_t t1;

	bench_fill(b, 0);
	out_before = vmstat_read("pswpout");
	t0 = now_ns();
	next = t0;
	do {
		unsigned long i;

		for (i = 0; i < batch; i++) {
			x ^= x << 13;
			x ^= x >> 7;
			x ^= x << 17;
			((uint64_t *)(b->mem + x % pages * b->page_size))[1] = x;
		}
		touches += i;
		t1 = now_ns();
		if (b->rate) {
			next += 10000000ULL;
			if (next > t1)
				usleep((next - t1) / 1000);
			t1 = now_ns();
		}
	} while (t1 < t_end);

	printf("churn=%u pages=%lu ns=%llu touches=%lu\n", b->churn_secs,
	       vmstat_read("pswpout") - out_before,
	       (unsigned long long)(t1 - t0), touches);
	fflush(stdout);
}

int main(int argc, char **argv)
{
	static const struct option options[] = {
		{ "cgroup",	required_argument, NULL, 'c' },
		{ "mib",	required_argument, NULL, 'm' },
		{ "owners",	required_argument, NULL, 'o' },
		{ "rounds",	required_argument, NULL, 'r' },
		{ "pageout",	no_argument,	   NULL, 'p' },
		{ "thp",	no_argument,	   NULL, 't' },
		{ "churn",	required_argument, NULL, 'C' },
		{ "shmem",	no_argument,	   NULL, 's' },
		{ "ksm",	no_argument,	   NULL, 'k' },
		{ "pressure",	required_argument, NULL, 'P' },
		{ "evict",	required_argument, NULL, 'E' },
		{ "rate",	required_argument, NULL, 'R' },
		{ "help",	no_argument,	   NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct bench b = { .owners = 1, .rounds = 5 };
	char pid[32];
	unsigned int r;
	int opt;

	while ((opt = getopt_long(argc, argv, "h", options, NULL)) != -1) {
		switch (opt) {
		case 'c':
			b.cgroup = optarg;
			break;
		case 'm':
			b.mib = parse_ulong("--mib", optarg, 1, 4096);
			break;
		case 'o':
			b.owners = parse_ulong("--owners", optarg, 1,
					       BENCH_MAX_OWNERS);
			break;
		case 'r':
			b.rounds = parse_ulong("--rounds", optarg, 1, 100000);
			break;
		case 'p':
			b.pageout = 1;
			break;
		case 't':
			b.thp = 1;
			break;
		case 's':
			b.shmem = 1;
			break;
		case 'k':
			b.ksm = 1;
			break;
		case 'P':
			b.pressure_mib = parse_ulong("--pressure", optarg, 1,
						     16384);
			break;
		case 'E':
			b.evict_pct = parse_ulong("--evict", optarg, 1, 100);
			break;
		case 'R':
			b.rate = parse_ulong("--rate", optarg, 1, 10000000);
			break;
		case 'C':
			b.churn_secs = parse_ulong("--churn", optarg, 1, 86400);
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (!b.cgroup || !b.mib || !b.owners || b.owners > BENCH_MAX_OWNERS ||
	    !b.rounds || (b.pageout && b.owners != 1) ||
	    !!b.pageout + !!b.pressure_mib + !!b.evict_pct > 1 ||
	    b.thp + b.shmem + b.ksm > 1 ||
	    (b.churn_secs && (b.shmem || b.ksm || bench_global(&b))) ||
	    (b.churn_secs && (b.owners != 1 || b.pageout)) ||
	    (b.rate && !b.churn_secs) || optind != argc) {
		usage(stderr);
		return 2;
	}

	snprintf(pid, sizeof(pid), "%d", getpid());
	if (file_write(b.cgroup, "cgroup.procs", pid))
		fatal("cannot move into %s", b.cgroup);
	b.page_size = sysconf(_SC_PAGESIZE);
	b.size = b.mib << 20;
	bench_map(&b);
	if (b.churn_secs) {
		bench_churn(&b);
		return 0;
	}
	for (r = 1; r <= b.rounds; r++)
		bench_round(&b, r);
	return 0;
}
