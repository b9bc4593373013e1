/*
 * shm-hog - shared memory for the shmem scenarios of the VM tests
 *
 * Creates --mib MiB of a memfd or a SysV shared memory segment, maps it
 * shared, fills every page with distinct but compressible data, forks
 * --mappers - 1 children that keep the mapping and read every page of it
 * (fork does not copy the PTEs of a shared mapping: a child that never
 * touched a page has no PTE for it, so reclaim takes nothing from it and
 * it does not own the page), then publishes the pids
 * (parent first, one per line) in the --ready file (renamed into place)
 * and, with --hold, waits for SIGTERM or SIGINT. Children are killed and
 * reaped before it exits.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/shm.h>
#include <sys/wait.h>

#include "guest.h"

#define SHM_HOG_MAX_MAPPERS	64

static volatile sig_atomic_t shm_hog_stop;

static void usage(FILE *f)
{
	fputs("usage: shm-hog --kind memfd|sysv --mib N [--mappers K]\n"
	      "               [--ready FILE] [--hold] [--comm NAME]\n"
	      "\n"
	      "  --kind K      a memfd or a SysV shared memory segment\n"
	      "  --mib N       its size, every page written\n"
	      "  --mappers K   processes mapping it: this one and K-1 children\n"
	      "                (default 2)\n"
	      "  --ready FILE  write the pids (parent first) to FILE when set up\n"
	      "  --hold        wait for SIGTERM/SIGINT before exiting\n"
	      "  --comm NAME   process name\n", f);
}

static void shm_hog_on_signal(int sig)
{
	(void)sig;
	shm_hog_stop = 1;
}

/* shm_hog_map - create and map the shared memory of @kind, @size bytes */
static char *shm_hog_map(const char *kind, size_t size)
{
	char *mem;
	int id;
	int fd;

	if (!strcmp(kind, "memfd")) {
		fd = memfd_create("shm-hog", 0);
		if (fd < 0)
			fatal("memfd_create: %s", strerror(errno));
		if (ftruncate(fd, size))
			fatal("ftruncate: %s", strerror(errno));
		mem = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED,
			   fd, 0);
		if (mem == MAP_FAILED)
			fatal("mmap: %s", strerror(errno));
		close(fd);
		return mem;
	}
	if (!strcmp(kind, "sysv")) {
		id = shmget(IPC_PRIVATE, size, IPC_CREAT | 0600);
		if (id < 0)
			fatal("shmget: %s", strerror(errno));
		mem = shmat(id, NULL, 0);
		if (mem == (void *)-1)
			fatal("shmat: %s", strerror(errno));
		/* gone with the last detach */
		shmctl(id, IPC_RMID, NULL);
		return mem;
	}
	fatal("--kind: '%s' is not memfd or sysv", kind);
	return NULL;
}

/* shm_hog_fill - 256 distinct bytes per page, the rest compresses */
static void shm_hog_fill(char *mem, size_t size, size_t page_size)
{
	uint64_t *word;
	size_t pg;
	size_t i;

	for (pg = 0; pg < size / page_size; pg++) {
		word = (uint64_t *)(mem + pg * page_size);
		for (i = 0; i < page_size / sizeof(*word); i++)
			word[i] = i < 32 ? (pg + 1) * 0x9e3779b97f4a7c15ULL ^ i :
					   pg;
	}
}

/* shm_hog_touch - read every page of @mem, so that this process maps it */
static void shm_hog_touch(const char *mem, size_t size, size_t page_size)
{
	volatile const char *p;
	size_t pg;

	for (pg = 0; pg < size / page_size; pg++) {
		p = mem + pg * page_size;
		(void)*p;
	}
}

static void shm_hog_publish(const char *ready, const pid_t *pids, int n)
{
	char tmp[4096];
	FILE *f;
	int i;

	snprintf(tmp, sizeof(tmp), "%s.tmp", ready);
	f = fopen(tmp, "w");
	if (!f)
		fatal("%s: %s", tmp, strerror(errno));
	for (i = 0; i < n; i++)
		fprintf(f, "%d\n", (int)pids[i]);
	if (fclose(f) || rename(tmp, ready))
		fatal("%s: %s", ready, strerror(errno));
}

int main(int argc, char **argv)
{
	static const struct option options[] = {
		{ "kind",	required_argument, NULL, 'k' },
		{ "mib",	required_argument, NULL, 'm' },
		{ "mappers",	required_argument, NULL, 'n' },
		{ "ready",	required_argument, NULL, 'r' },
		{ "hold",	no_argument,	   NULL, 'H' },
		{ "comm",	required_argument, NULL, 'c' },
		{ "help",	no_argument,	   NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	pid_t pids[SHM_HOG_MAX_MAPPERS];
	size_t page_size = sysconf(_SC_PAGESIZE);
	const char *ready = NULL;
	const char *kind = NULL;
	const char *comm = NULL;
	struct sigaction sa;
	sigset_t old_mask;
	sigset_t mask;
	unsigned long mib = 0;
	int mappers = 2;
	int hold = 0;
	int touched[2];
	char byte;
	char *mem;
	int opt;
	int i;

	while ((opt = getopt_long(argc, argv, "h", options, NULL)) != -1) {
		switch (opt) {
		case 'k': kind = optarg; break;
		case 'm': mib = parse_ulong("--mib", optarg, 1, 4096); break;
		case 'n': mappers = atoi(optarg); break;
		case 'r': ready = optarg; break;
		case 'H': hold = 1; break;
		case 'c': comm = optarg; break;
		case 'h': usage(stdout); return 0;
		default: usage(stderr); return 2;
		}
	}
	if (!kind || !mib || mappers < 1 || mappers > SHM_HOG_MAX_MAPPERS ||
	    optind != argc) {
		usage(stderr);
		return 2;
	}
	if (comm)
		prctl(PR_SET_NAME, comm);

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = shm_hog_on_signal;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	/* signals arrive only inside sigsuspend(): no lost wake-up */
	sigemptyset(&mask);
	sigaddset(&mask, SIGTERM);
	sigaddset(&mask, SIGINT);
	sigprocmask(SIG_BLOCK, &mask, &old_mask);

	mem = shm_hog_map(kind, mib << 20);
	shm_hog_fill(mem, mib << 20, page_size);

	if (pipe(touched))
		fatal("pipe: %s", strerror(errno));
	pids[0] = getpid();
	for (i = 1; i < mappers; i++) {
		pids[i] = fork();
		if (pids[i] < 0)
			fatal("fork: %s", strerror(errno));
		if (!pids[i]) {
			prctl(PR_SET_PDEATHSIG, SIGTERM);
			shm_hog_touch(mem, mib << 20, page_size);
			if (write(touched[1], "t", 1) != 1)
				_exit(1);
			while (!shm_hog_stop)
				sigsuspend(&old_mask);
			_exit(0);
		}
	}
	/* publish only once every child maps every page */
	for (i = 1; i < mappers; i++)
		if (read(touched[0], &byte, 1) != 1)
			fatal("a child died before it mapped the memory");
	close(touched[0]);
	close(touched[1]);
	if (ready)
		shm_hog_publish(ready, pids, mappers);
	while (hold && !shm_hog_stop)
		sigsuspend(&old_mask);
	for (i = 1; i < mappers; i++) {
		kill(pids[i], SIGTERM);
		waitpid(pids[i], NULL, 0);
	}
	return 0;
}
