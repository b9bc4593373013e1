/*
 * utils.c - messages and helpers shared by the swapowner commands
 */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "swapowner.h"

bool so_debug;

/* err_msg - print "swapowner: " and a formatted error line on stderr */
void err_msg(const char *fmt, ...)
{
	va_list ap;

	fputs("swapowner: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
}

/* debug_msg - like err_msg(), only with -D */
void debug_msg(const char *fmt, ...)
{
	va_list ap;

	if (!so_debug)
		return;
	fputs("swapowner: debug: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
}

/*
 * so_path_lookup - is cmd an executable, directly or in $PATH?
 *
 * Returns 0 or the errno that execvp() would meet.
 */
int so_path_lookup(const char *cmd)
{
	const char *path = getenv("PATH");
	char buf[4096];
	const char *p;
	size_t len;
	int err = ENOENT;

	if (strchr(cmd, '/'))
		return access(cmd, X_OK) ? errno : 0;
	if (!path)
		path = "/usr/local/bin:/usr/bin:/bin";
	for (p = path; *p; p += len + (p[len] == ':')) {
		len = strcspn(p, ":");
		if (snprintf(buf, sizeof(buf), "%.*s/%s", (int)len, p, cmd) >=
		    (int)sizeof(buf))
			continue;
		if (!access(buf, X_OK))
			return 0;
		if (errno == EACCES)
			err = EACCES;
		if (!p[len])
			break;
	}
	return err;
}

/*
 * so_array_add - append one zeroed element to a growing array
 *
 * arrayp is the address of the array pointer (of any element type), *nr
 * the elements in it, *alloc its room, which doubles when full (to first
 * when empty). Returns the new element, or NULL on ENOMEM (then nothing
 * changed).
 */
void *so_array_add(void *arrayp, size_t *nr, size_t *alloc,
		   size_t elem_size, size_t first)
{
	size_t n = *alloc;
	char *array;

	/* the pointer is copied, not dereferenced as a void * */
	memcpy(&array, arrayp, sizeof(array));
	if (*nr == n) {
		n = n ? n * 2 : first;
		if (n < *alloc || n > SIZE_MAX / elem_size)
			return NULL;
		array = realloc(array, n * elem_size);
		if (!array)
			return NULL;
		memcpy(arrayp, &array, sizeof(array));
		*alloc = n;
	}
	array += (*nr)++ * elem_size;
	memset(array, 0, elem_size);
	return array;
}
