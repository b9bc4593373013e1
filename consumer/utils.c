/*
 * utils.c - messages shared by the swapowner commands
 */
#include <stdarg.h>
#include <stdio.h>

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
