#!/usr/bin/env bash
# sparse-compat.sh - sparse for kernels newer than it, used as make CHECK=
#
# Debian bookworm's sparse 0.6.4 does not know __typeof_unqual__, which
# Linux 7.x headers use, so scripts/checker-valid.sh refuses it ("not
# available or not up to date"). Read it as __typeof__: that only keeps
# qualifiers the kernel meant to drop. make rfc checks the base and the
# series the same way and reports only warnings the series adds.
set -euo pipefail

if [ "${1:-}" = "-h" ] || [ "${1:-}" = "--help" ]; then
	echo "usage: ${0##*/} SPARSE-ARGS...   (sparse with __typeof_unqual__ read as __typeof__)"
	exit 0
fi
exec sparse -D__typeof_unqual__=__typeof__ "$@"
