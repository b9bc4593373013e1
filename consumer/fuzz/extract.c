/*
 * extract.c - seed corpus of fuzz_decode: raw records from a trace.dat
 *
 *   fuzz-extract FILE.dat DIR [MAX]
 *
 * Writes the data of up to MAX (default 64) records of
 * swap:mm_swap_writepage_owner, from every buffer of FILE.dat, to
 * DIR/FILE-N.
 */
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <trace-cmd/trace-cmd.h>

#include "decode.h"
#include "swapowner.h"

struct extract {
	struct so_decoder	dec;
	const char		*dir;
	const char		*base;
	int			nr;
	int			max;
};

static int extract_record(struct tracecmd_input *h, struct tep_record *rec,
			  int cpu, void *arg)
{
	struct extract *x = arg;
	char path[4096];
	int fd;

	(void)h;
	(void)cpu;
	if (x->nr >= x->max)
		return 1;
	if (rec->size < 2 ||
	    tep_data_type(x->dec.tep, rec) != x->dec.event->id)
		return 0;
	snprintf(path, sizeof(path), "%s/%s-%d", x->dir, x->base, x->nr++);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0 || write(fd, rec->data, rec->size) != rec->size) {
		perror(path);
		exit(1);
	}
	close(fd);
	return 0;
}

static void extract_buffer(struct extract *x, struct tracecmd_input *h)
{
	if (so_decoder_init(&x->dec, tracecmd_get_tep(h)))
		return;
	tracecmd_iterate_events(h, NULL, 0, extract_record, x);
}

int main(int argc, char **argv)
{
	struct tracecmd_input *inst;
	struct tracecmd_input *h;
	struct extract x = { 0 };
	int i;

	if (argc < 3) {
		fprintf(stderr, "usage: fuzz-extract FILE.dat DIR [MAX]\n");
		return 2;
	}
	x.dir = argv[2];
	x.base = basename(argv[1]);
	x.max = argc > 3 ? atoi(argv[3]) : 64;
	tracecmd_set_loglevel(TEP_LOG_NONE);
	h = tracecmd_open(argv[1], TRACECMD_FL_LOAD_NO_PLUGINS);
	if (!h) {
		fprintf(stderr, "fuzz-extract: %s: not a trace.dat\n", argv[1]);
		return 1;
	}
	extract_buffer(&x, h);
	for (i = 0; i < tracecmd_buffer_instances(h); i++) {
		inst = tracecmd_buffer_instance_handle(h, i);
		if (!inst)
			continue;
		extract_buffer(&x, inst);
		tracecmd_close(inst);
	}
	tracecmd_close(h);
	printf("%s: %d records\n", argv[1], x.nr);
	return 0;
}
