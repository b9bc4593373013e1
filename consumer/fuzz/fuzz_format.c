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
 * "sizeof(int)" in the print fmt becomes "4": libtraceevent 1.7.1 frees
 * memory twice parsing sizeof() (fixed in 1.7.2), which ASan stops at and
 * which is not ours to fuzz. The decoder does not use the print fmt.
 * Exits if the file cannot be read.
 */
char *fuzz_read_format(const char *name, size_t *len)
{
	const char *dir = getenv("SO_FUZZ_DATA");
	const char *from = "sizeof(int)";
	char path[4096];
	char *text;
	FILE *f;
	long n;
	char *p;

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
	while ((p = strstr(text, from))) {
		*p = '4';
		memmove(p + 1, p + strlen(from), strlen(p + strlen(from)) + 1);
	}
	*len = strlen(text);
	return text;
}
