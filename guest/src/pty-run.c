/*
 * pty-run - run a command on a pseudo-terminal, keep what it wrote there
 *
 *   pty-run [--rows N] [--cols N] OUT CMD [ARG...]
 *
 * CMD's stdin, stdout and stderr are the slave side of a new
 * pseudo-terminal of N rows and columns (default 24 x 80), so that
 * isatty() is true for them; everything CMD writes is copied to OUT as the
 * terminal delivered it (escape sequences as they are, \r\n line ends).
 * The VM tests use it for what a program does on a terminal only (the
 * live view of swapowner record -i). Exits with CMD's exit code, or 128 +
 * the signal that killed it.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <pty.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>

#include "guest.h"

#define PTY_RUN_USAGE "usage: pty-run [--rows N] [--cols N] OUT CMD [ARG...]"

/* pty_copy - master's output into fd out until the slave side is closed */
static void pty_copy(int master, int out)
{
	char buf[4096];
	ssize_t n;

	for (;;) {
		n = read(master, buf, sizeof(buf));
		if (n < 0 && errno == EINTR)
			continue;
		/* EIO: every slave fd is closed */
		if (n <= 0)
			return;
		if (write(out, buf, n) != n)
			fatal("write: %s", strerror(errno));
	}
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "rows", required_argument, NULL, 'r' },
		{ "cols", required_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct winsize ws = { .ws_row = 24, .ws_col = 80 };
	int status;
	int master;
	pid_t pid;
	int out;
	int c;

	while ((c = getopt_long(argc, argv, "+h", longopts, NULL)) != -1) {
		switch (c) {
		case 'r':
			ws.ws_row = parse_ulong("--rows", optarg, 2, 1000);
			break;
		case 'c':
			ws.ws_col = parse_ulong("--cols", optarg, 20, 1000);
			break;
		case 'h':
			puts(PTY_RUN_USAGE);
			return 0;
		default:
			cli_fatal("%s", PTY_RUN_USAGE);
		}
	}
	if (argc - optind < 2)
		cli_fatal("%s", PTY_RUN_USAGE);
	out = open(argv[optind], O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
		   0644);
	if (out < 0)
		fatal("%s: %s", argv[optind], strerror(errno));
	pid = forkpty(&master, NULL, NULL, &ws);
	if (pid < 0)
		fatal("forkpty: %s", strerror(errno));
	if (!pid) {
		execvp(argv[optind + 1], argv + optind + 1);
		fprintf(stderr, "pty-run: %s: %s\n", argv[optind + 1],
			strerror(errno));
		_exit(127);
	}
	pty_copy(master, out);
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			fatal("waitpid: %s", strerror(errno));
	close(master);
	if (close(out))
		fatal("%s: %s", argv[optind], strerror(errno));
	return WIFEXITED(status) ? WEXITSTATUS(status)
				 : 128 + WTERMSIG(status);
}
