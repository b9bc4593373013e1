/*
 * fuzz_decode.c - libFuzzer target: one raw record of the event
 *
 * The input is the data of one ring-buffer record (tep_record.data/size),
 * fed through so_reader_record() -> so_decode() -> so_model_add(), as
 * record and report do, with the event format of tests/data/format
 * (SO_FUZZ_FORMAT at build time, or $SO_FUZZ_FORMAT) parsed once. The
 * first two bytes are set to the event's id so that every input reaches
 * the decoder. The model is rendered now and then and reset.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <traceevent/event-parse.h>

#include "fuzz.h"
#include "render.h"
#include "report.h"

static struct tep_handle *fuzz_tep;
static struct so_reader fuzz_reader;
static struct so_model fuzz_model;
static FILE *fuzz_null;

/* fuzz_decode_init - parse the format once; exits if it cannot */
static void fuzz_decode_init(void)
{
	struct tep_event *ev = NULL;
	size_t len;
	char *text;

	text = fuzz_read_format(&len);
	fuzz_tep = tep_alloc();
	if (!fuzz_tep)
		abort();
	tep_set_long_size(fuzz_tep, 8);
	tep_set_file_bigendian(fuzz_tep, TEP_LITTLE_ENDIAN);
	tep_set_local_bigendian(fuzz_tep, TEP_LITTLE_ENDIAN);
	tep_set_loglevel(TEP_LOG_NONE);
	if (tep_parse_format(fuzz_tep, &ev, text, len, "swap")) {
		fprintf(stderr, "fuzz_decode: cannot parse the format\n");
		exit(1);
	}
	free(text);
	so_model_init(&fuzz_model, 4096);
	if (so_reader_init(&fuzz_reader, &fuzz_model, fuzz_tep)) {
		fprintf(stderr, "fuzz_decode: format not understood\n");
		exit(1);
	}
	fuzz_model.keep_samples = true;
	fuzz_null = fopen("/dev/null", "w");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tep_record rec = { 0 };
	static unsigned int runs;
	struct so_timeline tl;
	uint8_t *copy;
	int id;

	if (!fuzz_tep)
		fuzz_decode_init();
	if (size > 65536)
		return 0;
	/* exactly size bytes, so that ASan sees any read past the end */
	copy = malloc(size ? size : 1);
	if (!copy)
		return 0;
	memcpy(copy, data, size);
	id = fuzz_reader.dec.event->id;
	if (size >= 2) {
		copy[0] = id & 0xff;
		copy[1] = id >> 8;
	}
	rec.data = copy;
	rec.size = size;
	rec.ts = runs;
	so_reader_record(&fuzz_reader, &rec);
	free(copy);

	if (++runs % 256 == 0) {
		so_render_json(fuzz_null, &fuzz_model, &(struct so_render_opts){ 0 });
		if (!so_timeline_build(&tl, &fuzz_model, 0, 4))
			so_render_timeline_csv(fuzz_null, &tl);
		so_timeline_free(&tl);
		so_model_free(&fuzz_model);
		so_model_init(&fuzz_model, 4096);
		fuzz_model.keep_samples = true;
	}
	return 0;
}
