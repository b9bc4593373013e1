/*
 * guest.c - error reporting and option parsing shared by the guest
 * programs of the VM tests
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "guest.h"

static void guest_vmsg(const char *fmt, va_list ap)
{
	fprintf(stderr, "%s: ", program_invocation_short_name);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void fatal(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	guest_vmsg(fmt, ap);
	va_end(ap);
	exit(1);
}

void cli_fatal(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	guest_vmsg(fmt, ap);
	va_end(ap);
	exit(2);
}

void err_msg(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	guest_vmsg(fmt, ap);
	va_end(ap);
}

unsigned long parse_ulong(const char *opt, const char *s, unsigned long min,
			  unsigned long max)
{
	unsigned long val;
	char *end;

	errno = 0;
	val = strtoul(s, &end, 10);
	if (*s < '0' || *s > '9' || errno || *end || val < min || val > max)
		cli_fatal("%s: '%s' is not a number in [%lu, %lu]", opt, s,
			  min, max);
	return val;
}
