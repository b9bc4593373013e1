/*
 * swap-race - races for the owner resolution of the VM tests
 *
 *   swap-race exit --mib N --rounds R [--secs S]
 *	Each round forks a child that fills N MiB of private anonymous
 *	memory, SIGKILLs it and at once pages its memory out with
 *	process_madvise(MADV_PAGEOUT) through a pidfd: the child exits while
 *	its folios are being written. process_madvise() holds a reference on
 *	the child's mm, so the exit leaves the mm without an owner task
 *	(mm->owner NULL) while its page tables, and the swap PTEs the event
 *	resolves, stay until process_madvise() drops it. Stops after R
 *	rounds or S seconds; prints one line per round: the round, the
 *	child's pid, and how many bytes were paged out or the error.
 *
 *   swap-race remap --mib N --secs S [--fork K]
 *	Maps and fills N MiB, forks K children that share it copy-on-write,
 *	then for S seconds moves random chunks of it with mremap() (to a
 *	free address and back), munmap()s random chunks and maps and fills
 *	them again, and pages chunks out with MADV_PAGEOUT, while reclaim
 *	writes the rest. Prints the number of each operation done.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <sys/wait.h>

#include "guest.h"

#ifndef MADV_PAGEOUT
#define MADV_PAGEOUT		21
#endif
#ifndef SYS_pidfd_open
#define SYS_pidfd_open		434
#endif
#ifndef SYS_process_madvise
#define SYS_process_madvise	440
#endif

#define RACE_MAX_MIB		4096
#define RACE_MAX_FORK		64
#define RACE_CHUNK_PAGES	64

struct race {
	unsigned long	mib;
	unsigned long	rounds;
	unsigned long	secs;
	unsigned long	nr_fork;
	size_t		page_size;
	size_t		size;
	time_t		end;
};

static void usage(FILE *f)
{
	fprintf(f,
		"usage: swap-race exit --mib N --rounds R [--secs S]\n"
		"       swap-race remap --mib N --secs S [--fork K]\n"
		"\n"
		"  exit   R rounds: a child fills N MiB, is SIGKILLed and paged\n"
		"         out by process_madvise(MADV_PAGEOUT) as it exits\n"
		"  remap  S seconds of mremap(), munmap() and MADV_PAGEOUT of\n"
		"         random chunks of N MiB shared with K COW children\n");
}

/* race_parse_args - fill race from the options after the command */
static void race_parse_args(struct race *race, int argc, char **argv)
{
	static const struct option options[] = {
		{ "mib",	required_argument, NULL, 'm' },
		{ "rounds",	required_argument, NULL, 'r' },
		{ "secs",	required_argument, NULL, 's' },
		{ "fork",	required_argument, NULL, 'f' },
		{ "help",	no_argument,	   NULL, 'h' },
		{ }
	};
	int opt;

	while ((opt = getopt_long(argc, argv, "h", options, NULL)) != -1) {
		switch (opt) {
		case 'm':
			race->mib = parse_ulong("--mib", optarg, 1,
						     RACE_MAX_MIB);
			break;
		case 'r':
			race->rounds = parse_ulong("--rounds", optarg, 1,
							ULONG_MAX);
			break;
		case 's':
			race->secs = parse_ulong("--secs", optarg, 1,
						      86400);
			break;
		case 'f':
			race->nr_fork = parse_ulong("--fork", optarg, 0,
							 RACE_MAX_FORK);
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
	if (!race->mib)
		cli_fatal("--mib is required");
}

/* race_running - is there time left? */
static int race_running(const struct race *race)
{
	return !race->end || time(NULL) < race->end;
}

/* race_fill - write every page of [mem, mem + size): distinct content */
static void race_fill(const struct race *race, char *mem, size_t size,
		      uint64_t seed)
{
	size_t pg;

	for (pg = 0; pg < size / race->page_size; pg++) {
		uint64_t *word = (uint64_t *)(mem + pg * race->page_size);

		word[0] = seed;
		word[1] = pg;
		word[2] = (uintptr_t)word;
	}
}

/*
 * race_exit_round - one child fills its memory and is killed while the
 * parent pages it out; returns the bytes paged out, or -errno
 */
static long race_exit_round(const struct race *race, char *mem)
{
	struct iovec iov = { .iov_base = mem, .iov_len = race->size };
	int fds[2];
	long ret;
	pid_t pid;
	int pidfd;
	char c;

	if (pipe(fds))
		return -errno;
	pid = fork();
	if (pid < 0) {
		ret = -errno;
		close(fds[0]);
		close(fds[1]);
		return ret;
	}
	if (!pid) {
		close(fds[0]);
		prctl(PR_SET_NAME, "race-exit");
		/* A child of its own: writing makes every page private */
		race_fill(race, mem, race->size, getpid());
		if (write(fds[1], "", 1) != 1)
			_exit(1);
		for (;;)
			pause();
	}
	close(fds[1]);
	ret = -EIO;
	if (read(fds[0], &c, 1) != 1)
		goto reap;
	pidfd = syscall(SYS_pidfd_open, pid, 0);
	if (pidfd < 0) {
		ret = -errno;
		goto reap;
	}
	kill(pid, SIGKILL);
	ret = syscall(SYS_process_madvise, pidfd, &iov, 1, MADV_PAGEOUT, 0);
	if (ret < 0)
		ret = -errno;
	close(pidfd);
reap:
	close(fds[0]);
	kill(pid, SIGKILL);
	while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
		;
	return ret;
}

/* race_exit - the exit command */
static int race_exit(struct race *race)
{
	unsigned long round;
	char *mem;
	long ret;

	mem = mmap(NULL, race->size, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (mem == MAP_FAILED) {
		err_msg("mmap %lu MiB: %s", race->mib, strerror(errno));
		return 1;
	}
	for (round = 1; round <= race->rounds && race_running(race); round++) {
		ret = race_exit_round(race, mem);
		if (ret >= 0)
			printf("round %lu paged_out %ld\n", round, ret);
		else
			printf("round %lu error %s\n", round,
			       strerror((int)-ret));
		fflush(stdout);
	}
	munmap(mem, race->size);
	return 0;
}

/* race_remap_chunk - move chunk to a free address and back */
static int race_remap_chunk(const struct race *race, char *chunk, size_t len)
{
	char *tmp;
	char *moved;

	(void)race;
	/* reserve a free range to move to */
	tmp = mmap(NULL, len, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (tmp == MAP_FAILED)
		return -1;
	moved = mremap(chunk, len, len, MREMAP_MAYMOVE | MREMAP_FIXED, tmp);
	if (moved == MAP_FAILED) {
		munmap(tmp, len);
		return -1;
	}
	if (mremap(moved, len, len, MREMAP_MAYMOVE | MREMAP_FIXED,
		   chunk) == MAP_FAILED)
		return -1;
	return 0;
}

/* race_unmap_chunk - unmap chunk, map it again and fill it */
static int race_unmap_chunk(const struct race *race, char *chunk, size_t len)
{
	if (munmap(chunk, len))
		return -1;
	if (mmap(chunk, len, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1,
		 0) != chunk)
		return -1;
	race_fill(race, chunk, len, (uintptr_t)chunk);
	return 0;
}

/* race_remap - the remap command */
static int race_remap(struct race *race)
{
	const size_t chunk_len = RACE_CHUNK_PAGES * race->page_size;
	const size_t nr_chunks = race->size / chunk_len;
	unsigned long nr_pageout = 0;
	unsigned long nr_remap = 0;
	unsigned long nr_unmap = 0;
	pid_t children[RACE_MAX_FORK];
	unsigned long i;
	char *mem;
	int ret = 0;

	if (!race->secs)
		cli_fatal("remap: --secs is required");
	if (!nr_chunks)
		cli_fatal("remap: --mib too small");
	mem = mmap(NULL, race->size, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (mem == MAP_FAILED) {
		err_msg("mmap %lu MiB: %s", race->mib, strerror(errno));
		return 1;
	}
	race_fill(race, mem, race->size, 0);
	for (i = 0; i < race->nr_fork; i++) {
		children[i] = fork();
		if (children[i] < 0) {
			err_msg("fork: %s", strerror(errno));
			race->nr_fork = i;
			ret = 1;
			goto reap;
		}
		if (!children[i]) {
			prctl(PR_SET_PDEATHSIG, SIGKILL);
			prctl(PR_SET_NAME, "race-remap-child");
			for (;;)
				pause();
		}
	}
	srand(getpid());
	while (race_running(race)) {
		char *chunk = mem + (size_t)(rand() % nr_chunks) * chunk_len;

		switch (rand() % 3) {
		case 0:
			if (race_remap_chunk(race, chunk, chunk_len)) {
				err_msg("mremap: %s", strerror(errno));
				ret = 1;
				goto reap;
			}
			nr_remap++;
			break;
		case 1:
			if (race_unmap_chunk(race, chunk, chunk_len)) {
				err_msg("munmap/mmap: %s", strerror(errno));
				ret = 1;
				goto reap;
			}
			nr_unmap++;
			break;
		default:
			madvise(chunk, chunk_len, MADV_PAGEOUT);
			nr_pageout++;
			break;
		}
	}
	printf("remap %lu unmap %lu pageout %lu\n", nr_remap, nr_unmap,
	       nr_pageout);
reap:
	for (i = 0; i < race->nr_fork; i++)
		kill(children[i], SIGKILL);
	for (i = 0; i < race->nr_fork; i++)
		while (waitpid(children[i], NULL, 0) < 0 && errno == EINTR)
			;
	munmap(mem, race->size);
	return ret;
}

int main(int argc, char **argv)
{
	struct race race = { 0 };
	const char *cmd;
	long page_size;

	if (argc < 2) {
		usage(stderr);
		return 2;
	}
	cmd = argv[1];
	if (!strcmp(cmd, "-h") || !strcmp(cmd, "--help")) {
		usage(stdout);
		return 0;
	}
	race_parse_args(&race, argc - 1, argv + 1);
	page_size = sysconf(_SC_PAGESIZE);
	if (page_size <= 0) {
		err_msg("cannot get the page size");
		return 1;
	}
	race.page_size = page_size;
	race.size = race.mib << 20;
	if (race.secs)
		race.end = time(NULL) + race.secs;

	if (!strcmp(cmd, "exit")) {
		if (!race.rounds)
			cli_fatal("exit: --rounds is required");
		return race_exit(&race);
	}
	if (!strcmp(cmd, "remap"))
		return race_remap(&race);
	cli_fatal("unknown command '%s'", cmd);
}
