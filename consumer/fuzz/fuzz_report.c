/*
 * fuzz_report.c - libFuzzer target: the trace.dat path of report
 *
 * The input is written to a temporary file and read by so_tracedat_read()
 * into a model, as `swapowner report FILE` does, but in this process (a
 * crash of the libraries must reach libFuzzer), then rendered.
 *
 * The corpus holds the fixtures uncompressed (trace-cmd convert): a bit
 * the fuzzer flips in a compressed page mostly stops decompression, in
 * an uncompressed one it reaches the page and record parsing.
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

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char path[64];
	static FILE *null;
	struct so_render_opts ro = { 0 };
	struct so_input_errors errs = { 0 };
	struct so_model m;
	ssize_t n;
	int ret;
	int fd;

	if (!null) {
		null = fopen("/dev/null", "w");
		snprintf(path, sizeof(path), "/tmp/swapowner-fuzz-%d.dat",
			 (int)getpid());
	}
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	n = fd < 0 ? -1 : write(fd, data, size);
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
