/*
 * test-bitflip.c - a damaged trace.dat never gives a different total
 * without a flag
 *
 *   test-bitflip FILE [VARIANTS [SEED]]     (TAP on stdout)
 *
 * Each variant is FILE with one bit flipped, at a random place (xorshift,
 * fixed seed), read as `swapowner report` reads it (so_report_file(), in
 * a child process). Each result must be one of:
 *   exit 6        the damage was noticed (an input error)
 *   exit 7 or 8   the event or its format was damaged: no such event,
 *                 or a format this version does not read
 *   identical     the same report as the clean file's
 *   same totals   the same totals and per-process counts; timestamps,
 *                 comms, the blamed tasks, cgroups or swap types differ
 *                 (a flipped time delta, or a record's payload changed
 *                 in a way nothing in the file can tell)
 *   flagged       corrupt_records says records were skipped
 * never "silent": other totals or per-process counts with no flag.
 * Prints how many fell in each class.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "model.h"
#include "render.h"
#include "report.h"
#include "swapowner.h"

enum flip_class {
	FLIP_EXIT6,
	FLIP_EXIT_FORMAT,
	FLIP_IDENTICAL,
	FLIP_SAME_TOTALS,
	FLIP_FLAGGED,
	FLIP_SILENT,
	FLIP_NR,
};

static const char *const flip_names[FLIP_NR] = {
	"exit 6", "exit 7 or 8", "identical", "same totals", "flagged",
	"silent",
};

static uint64_t flip_rand(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

/*
 * flip_json - m as JSON (malloc'ed); with only the totals and the
 * processes' counts (not their comms) if totals_only (m is then changed)
 */
static char *flip_json(struct so_model *m, int totals_only)
{
	struct so_render_opts ro = { 0 };
	struct so_proc *p;
	char *buf = NULL;
	size_t len = 0;
	size_t i;
	FILE *f;

	if (totals_only) {
		m->totals.first_ts = m->totals.last_ts = 0;
		for (i = 0; i < m->procs.nr; i++) {
			p = so_table_at(&m->procs, i);
			p->first_ts = p->last_ts = 0;
			p->comm[0] = '\0';
		}
		/* the report has no cgroup paths: nothing to free */
		m->blamed.nr = m->cgroups.nr = m->swaptypes.nr = 0;
	}
	f = open_memstream(&buf, &len);
	if (!f)
		exit(1);
	so_render_json(f, m, &ro);
	fclose(f);
	return buf;
}

/*
 * flip_read - path read as report reads it: exit code, JSON in *json,
 * the totals in *totals
 */
static int flip_read(const char *path, char **json, char **totals,
		     uint64_t *corrupt)
{
	struct so_model m;
	int ret;

	so_model_init(&m, 0);
	ret = so_report_file(&m, path, false);
	*corrupt = m.totals.corrupt;
	*json = ret ? NULL : flip_json(&m, 0);
	*totals = ret ? NULL : flip_json(&m, 1);
	so_model_free(&m);
	return ret;
}

static unsigned char *flip_load(const char *path, size_t *size)
{
	unsigned char *buf;
	FILE *f;
	long n;

	f = fopen(path, "rb");
	if (!f || fseek(f, 0, SEEK_END) || (n = ftell(f)) <= 0)
		return NULL;
	rewind(f);
	buf = malloc(n);
	if (buf && fread(buf, 1, n, f) != (size_t)n) {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	*size = n;
	return buf;
}

static int flip_write(const char *path, const unsigned char *buf,
		      size_t size)
{
	FILE *f = fopen(path, "wb");
	int ret;

	if (!f)
		return -1;
	ret = fwrite(buf, 1, size, f) == size ? 0 : -1;
	return fclose(f) || ret ? -1 : 0;
}

int main(int argc, char **argv)
{
	unsigned long nr[FLIP_NR] = { 0 };
	char path[] = "/tmp/swapowner-bitflip-XXXXXX";
	char *clean_totals;
	unsigned long variants;
	unsigned char *buf;
	enum flip_class c;
	uint64_t corrupt;
	uint64_t seed;
	char *totals;
	char *clean;
	size_t size;
	size_t pos;
	char *json;
	int bit;
	int ret;
	int fd;
	unsigned long i;

	if (argc < 2) {
		fprintf(stderr, "usage: test-bitflip FILE [VARIANTS [SEED]]\n");
		return 2;
	}
	variants = argc > 2 ? strtoul(argv[2], NULL, 10) : 2000;
	seed = argc > 3 ? strtoull(argv[3], NULL, 10) : 1;
	buf = flip_load(argv[1], &size);
	fd = mkstemp(path);
	if (!buf || fd < 0) {
		printf("1..0 # SKIP cannot read %s\n", argv[1]);
		return 1;
	}
	close(fd);
	printf("1..2\n");
	ret = flip_read(argv[1], &clean, &clean_totals, &corrupt);
	printf("%sok 1 - %s reads cleanly (exit %d, %lu corrupt records)\n",
	       ret || corrupt ? "not " : "", argv[1], ret,
	       (unsigned long)corrupt);
	if (ret || corrupt)
		return 1;

	/* the children's one-line errors are expected: keep them out */
	if (!freopen("/dev/null", "w", stderr))
		return 1;
	for (i = 0; i < variants; i++) {
		pos = flip_rand(&seed) % size;
		bit = flip_rand(&seed) % 8;
		buf[pos] ^= 1u << bit;
		if (flip_write(path, buf, size))
			return 1;
		buf[pos] ^= 1u << bit;
		ret = flip_read(path, &json, &totals, &corrupt);
		if (ret == SO_EXIT_BAD_INPUT)
			c = FLIP_EXIT6;
		else if (ret == SO_EXIT_INPUT_NO_EVENT ||
			 ret == SO_EXIT_BAD_FORMAT)
			c = FLIP_EXIT_FORMAT;
		else if (ret)
			c = FLIP_SILENT;	/* no other exit is expected */
		else if (!strcmp(json, clean))
			c = FLIP_IDENTICAL;
		else if (!strcmp(totals, clean_totals))
			c = FLIP_SAME_TOTALS;
		else if (corrupt)
			c = FLIP_FLAGGED;
		else
			c = FLIP_SILENT;
		if (c == FLIP_SILENT)
			printf("# silent: byte %zu bit %d (exit %d)\n", pos, bit,
			       ret);
		nr[c]++;
		free(json);
		free(totals);
	}
	unlink(path);
	printf("# %lu variants of %s (seed %s):", variants, argv[1],
	       argc > 3 ? argv[3] : "1");
	for (c = 0; c < FLIP_NR; c++)
		printf(" %s %lu%s", flip_names[c], nr[c],
		       c + 1 < FLIP_NR ? "," : "\n");
	printf("%sok 2 - no variant gives other counts without a flag\n",
	       nr[FLIP_SILENT] ? "not " : "");
	free(clean);
	free(clean_totals);
	free(buf);
	return nr[FLIP_SILENT] ? 1 : 0;
}
