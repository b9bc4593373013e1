/*
 * fuzz_decode.c - libFuzzer target: one raw record of the event
 *
 * The input is the data of one ring-buffer record (tep_record.data/size),
 * fed through so_reader_record() -> so_decode() -> so_model_add(), as
 * record and report do, once with each event format: tests/data/format-v1
 * and tests/data/format-v2 (SO_FUZZ_DATA at build time, or
 * $SO_FUZZ_DATA), parsed once. The first two bytes are set to the
 * event's id so that every input reaches the decoder. The model is
 * rendered now and then and reset.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <traceevent/event-parse.h>

#include "fuzz.h"
#include "render.h"
#include "reader.h"

/* One event format and the reader resolved in it */
struct fuzz_format {
	const char		*name;		/* file in tests/data */
	struct tep_handle	*tep;
	struct so_reader	reader;
};

static struct fuzz_format fuzz_formats[] = {
	{ .name = "format-v1" },
	{ .name = "format-v2" },
};

#define FUZZ_NR_FORMATS	(sizeof(fuzz_formats) / sizeof(fuzz_formats[0]))

static struct so_model fuzz_model;
static FILE *fuzz_null;
static bool fuzz_ready;

/* fuzz_format_init - parse one format; exits if it cannot */
static void fuzz_format_init(struct fuzz_format *ff)
{
	struct tep_event *ev = NULL;
	size_t len;
	char *text;

	text = fuzz_read_format(ff->name, &len);
	ff->tep = tep_alloc();
	if (!ff->tep)
		abort();
	tep_set_long_size(ff->tep, 8);
	tep_set_file_bigendian(ff->tep, TEP_LITTLE_ENDIAN);
	tep_set_local_bigendian(ff->tep, TEP_LITTLE_ENDIAN);
	tep_set_loglevel(TEP_LOG_NONE);
	if (tep_parse_format(ff->tep, &ev, text, len, "swap")) {
		fprintf(stderr, "fuzz_decode: cannot parse %s\n", ff->name);
		exit(1);
	}
	free(text);
	if (so_reader_init(&ff->reader, &fuzz_model, ff->tep)) {
		fprintf(stderr, "fuzz_decode: %s not understood\n", ff->name);
		exit(1);
	}
}

/* fuzz_decode_init - the model and every format, once */
static void fuzz_decode_init(void)
{
	size_t i;

	so_model_init(&fuzz_model, 4096);
	fuzz_model.keep_samples = true;
	for (i = 0; i < FUZZ_NR_FORMATS; i++)
		fuzz_format_init(&fuzz_formats[i]);
	fuzz_null = fopen("/dev/null", "w");
	fuzz_ready = true;
}

/* fuzz_decode_one - the input as a record of ff's event */
static void fuzz_decode_one(struct fuzz_format *ff, const uint8_t *data,
			    size_t size, unsigned int ts)
{
	struct tep_record rec = { 0 };
	uint8_t *copy;
	int id;

	/* exactly size bytes, so that ASan sees any read past the end */
	copy = malloc(size ? size : 1);
	if (!copy)
		return;
	memcpy(copy, data, size);
	id = ff->reader.dec.event->id;
	if (size >= 2) {
		copy[0] = id & 0xff;
		copy[1] = id >> 8;
	}
	rec.data = copy;
	rec.size = size;
	rec.ts = ts;
	so_reader_record(&ff->reader, &rec);
	free(copy);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static unsigned int runs;
	struct so_timeline tl;
	size_t i;

	if (!fuzz_ready)
		fuzz_decode_init();
	if (size > 65536)
		return 0;
	for (i = 0; i < FUZZ_NR_FORMATS; i++)
		fuzz_decode_one(&fuzz_formats[i], data, size, runs);

	if (++runs % 256 == 0) {
		so_render_json(fuzz_null, &fuzz_model, &(struct so_render_opts){ 0 });
		if (!so_timeline_build(&tl, &fuzz_model, 0, 4))
			so_render_timeline_csv(fuzz_null, &tl, 0);
		so_timeline_free(&tl);
		so_model_free(&fuzz_model);
		so_model_init(&fuzz_model, 4096);
		fuzz_model.keep_samples = true;
	}
	return 0;
}
