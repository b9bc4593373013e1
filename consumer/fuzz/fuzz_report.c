/*
 * fuzz_report.c - libFuzzer target: the trace.dat path of report
 *
 * The input is written to a temporary file and read by so_tracedat_read()
 * into a model, as `swapowner report FILE` does, but in this process (a
 * crash of the libraries must reach libFuzzer), then rendered.
 *
 * "sizeof(int)" in the input is blanked out to "4" and spaces first:
 * libtraceevent 1.7.1 frees memory twice parsing sizeof() in the event's
 * print fmt (fixed in 1.7.2), which ASan stops at on every valid file.
 * So the corpus holds uncompressed trace.dat files: in a compressed one
 * the format cannot be patched, and the run stops on its first input.
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fuzz.h"
#include "render.h"
#include "tracedat.h"

/* report_blank_sizeof - "sizeof(int)" -> "4          " in buf */
static void report_blank_sizeof(uint8_t *buf, size_t size)
{
	static const char from[] = "sizeof(int)";
	const size_t len = sizeof(from) - 1;
	uint8_t *p = buf;

	while ((p = memmem(p, size - (p - buf), from, len))) {
		memcpy(p, "4          ", len);
		p += len;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char path[64];
	static FILE *null;
	struct so_render_opts ro = { 0 };
	struct so_input_errors errs = { 0 };
	struct so_model m;
	uint8_t *copy;
	ssize_t n;
	int ret;
	int fd;

	if (!null) {
		null = fopen("/dev/null", "w");
		snprintf(path, sizeof(path), "/tmp/swapowner-fuzz-%d.dat",
			 (int)getpid());
	}
	copy = malloc(size ? size : 1);
	if (!copy)
		return 0;
	memcpy(copy, data, size);
	report_blank_sizeof(copy, size);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	n = fd < 0 ? -1 : write(fd, copy, size);
	free(copy);
	if (fd >= 0)
		close(fd);
	if (n != (ssize_t)size) {
		unlink(path);
		return 0;
	}
	so_model_init(&m, 0);
	m.keep_samples = true;
	ret = so_tracedat_read(path, &m, &errs);
	if (!ret)
		so_render_json(null, &m, &ro);
	so_model_free(&m);
	unlink(path);
	return 0;
}
