/*
 * fuzz_format.c - the event format the fuzz targets parse
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

#ifndef SO_FUZZ_FORMAT
#define SO_FUZZ_FORMAT	"tests/data/format"
#endif

/*
 * fuzz_read_format - the format file, NUL-terminated; free with free()
 *
 * "sizeof(int)" in the print fmt becomes "4": libtraceevent 1.7.1 frees
 * memory twice parsing sizeof() (fixed in 1.7.2), which ASan stops at and
 * which is not ours to fuzz. The decoder does not use the print fmt.
 * Exits if the file cannot be read.
 */
char *fuzz_read_format(size_t *len)
{
	const char *path = getenv("SO_FUZZ_FORMAT");
	const char *from = "sizeof(int)";
	char *text;
	FILE *f;
	long n;
	char *p;

	if (!path)
		path = SO_FUZZ_FORMAT;
	f = fopen(path, "r");
	if (!f || fseek(f, 0, SEEK_END) || (n = ftell(f)) < 0) {
		fprintf(stderr, "fuzz: cannot read %s\n", path);
		exit(1);
	}
	rewind(f);
	text = malloc(n + 1);
	if (!text || fread(text, 1, n, f) != (size_t)n) {
		fprintf(stderr, "fuzz: cannot read %s\n", path);
		exit(1);
	}
	fclose(f);
	text[n] = '\0';
	while ((p = strstr(text, from))) {
		*p = '4';
		memmove(p + 1, p + strlen(from), strlen(p + strlen(from)) + 1);
	}
	*len = strlen(text);
	return text;
}
