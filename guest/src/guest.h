/*
 * guest.h - error reporting and option parsing shared by the guest
 * programs of the VM tests; messages start with the program's name
 */
#ifndef SWAPOWNER_GUEST_H
#define SWAPOWNER_GUEST_H

/* fatal - print one error line and exit 1 */
void __attribute__((noreturn, format(printf, 1, 2)))
fatal(const char *fmt, ...);

/* cli_fatal - print a command-line error and exit 2 */
void __attribute__((noreturn, format(printf, 1, 2)))
cli_fatal(const char *fmt, ...);

/* err_msg - print one error line and go on */
void __attribute__((format(printf, 1, 2)))
err_msg(const char *fmt, ...);

/* parse_ulong - option @opt's decimal value @s in [min, max], or exit 2 */
unsigned long parse_ulong(const char *opt, const char *s, unsigned long min,
			  unsigned long max);

#endif /* SWAPOWNER_GUEST_H */
