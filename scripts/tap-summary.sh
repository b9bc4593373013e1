#!/usr/bin/env bash
# tap-summary.sh - count TAP results over files; print "N passed, N failed"
# (", N skipped" when any) and exit 1 if anything failed or nothing ran.
set -euo pipefail

if [ $# -eq 0 ] || [ "$1" = -h ]; then
	echo "usage: ${0##*/} FILE.tap..." >&2
	exit 2
fi

awk '
/^not ok/ { failed++; print FILENAME ": " $0; next }
/^ok/ && /# SKIP/ { skipped++; next }
/^ok/ { passed++ }
END {
	line = sprintf("%d passed, %d failed", passed, failed)
	if (skipped)
		line = line sprintf(", %d skipped", skipped)
	print line
	exit (failed || !passed) ? 1 : 0
}' "$@"
