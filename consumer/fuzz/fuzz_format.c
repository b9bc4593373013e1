/*
 * fuzz_format.c - the event formats the fuzz targets parse
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

#ifndef SO_FUZZ_DATA
#define SO_FUZZ_DATA	"tests/data"
#endif

/*
 * fuzz_read_format - the format file name (in tests/data, or
 * $SO_FUZZ_DATA), NUL-terminated; free with free()
 *
 * Exits if the file cannot be read.
 */
char *fuzz_read_format(const char *name, size_t *len)
{
	const char *dir = getenv("SO_FUZZ_DATA");
	char path[4096];
	char *text;
	FILE *f;
	long n;

	snprintf(path, sizeof(path), "%s/%s", dir ? dir : SO_FUZZ_DATA, name);
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
	*len = n;
	return text;
}
