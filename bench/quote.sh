#!/usr/bin/env bash
# quote.sh - copy the sections of bench/results.md into the README and
# the cover letters, between their marker lines, so that no number is
# typed in by hand
set -euo pipefail

usage()
{
	echo "usage: ${0##*/} [RESULTS.md [FILE...]]"
	echo "  default: bench/results.md into README.md"
}

case "${1:-}" in -h|--help) usage; exit 0 ;; esac
top=$(realpath "$(dirname "$0")/..")
results=${1:-$top/bench/results.md}
shift || true
[ $# -gt 0 ] || set -- "$top/README.md"
[ -f "$results" ] || { echo "quote: no $results (run: make bench)" >&2; exit 1; }

# every section (## heading) and what follows it
quote=$(mktemp)
trap 'rm -f "$quote"' EXIT
awk '/^## / { on = 1 } on' "$results" > "$quote"

for f in "$@"; do
	grep -q 'bench/results.md: begin' "$f" ||
		{ echo "quote: $f has no 'bench/results.md: begin' marker" >&2; exit 1; }
	awk -v q="$quote" '
	/bench\/results.md: begin/ {
		print
		# Markdown: its sections go one level down; plain text
		# (the cover letter): indented, without the # marks
		md = ($0 ~ /^<!--/)
		while ((getline l < q) > 0) {
			if (l ~ /^#/)
				l = md ? "#" l : substr(l, index(l, " ") + 1)
			print (md || l == "" ? "" : "  ") l
		}
		skip = 1
		next
	}
	/bench\/results.md: end/ { skip = 0 }
	!skip' "$f" > "$f.tmp"
	mv "$f.tmp" "$f"
	echo "[quote] $f" >&2
done
