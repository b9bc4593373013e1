/*
 * replay.c - run a fuzz target on files, without libFuzzer (make check)
 *
 *   replay-TARGET FILE...     TAP on stdout, one test per file
 *
 * Linked with the same target and the sanitizers, so that an input that
 * once crashed the fuzzer crashes this runner if the bug comes back.
 */
#include <stdio.h>
#include <stdlib.h>

#include "fuzz.h"

static unsigned char *replay_read(const char *path, size_t *size)
{
	unsigned char *buf;
	FILE *f;
	long n;

	f = fopen(path, "rb");
	if (!f || fseek(f, 0, SEEK_END) || (n = ftell(f)) < 0) {
		if (f)
			fclose(f);
		return NULL;
	}
	rewind(f);
	buf = malloc(n ? n : 1);
	if (buf && fread(buf, 1, n, f) != (size_t)n) {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	*size = n;
	return buf;
}

int main(int argc, char **argv)
{
	unsigned char *buf;
	int failed = 0;
	size_t size;
	int i;

	printf("1..%d\n", argc - 1);
	for (i = 1; i < argc; i++) {
		buf = replay_read(argv[i], &size);
		if (!buf) {
			printf("not ok %d - %s: cannot read\n", i, argv[i]);
			failed++;
			continue;
		}
		fflush(stdout);
		LLVMFuzzerTestOneInput(buf, size);
		free(buf);
		printf("ok %d - %s (%zu bytes)\n", i, argv[i], size);
	}
	return failed ? 1 : 0;
}
