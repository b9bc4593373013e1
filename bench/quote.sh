#!/usr/bin/env bash
# quote.sh - copy the sections of bench/results.md into the README and
# the cover letters, between their marker lines, so that no number is
# typed in by hand
set -euo pipefail

usage()
{
	echo "usage: ${0##*/} [-s \"SECTIONS\"] [RESULTS.md [FILE...]]"
	echo "  default: bench/results.md into README.md"
	echo "  -s  only the sections numbered so (\"1 2 4\"; default: all)"
}

sections=
while getopts "s:h" opt; do
	case "$opt" in
	s) sections=$OPTARG ;;
	h) usage; exit 0 ;;
	*) usage >&2; exit 2 ;;
	esac
done
shift $((OPTIND - 1))
top=$(realpath "$(dirname "$0")/..")
results=${1:-$top/bench/results.md}
shift || true
[ $# -gt 0 ] || set -- "$top/README.md"
[ -f "$results" ] || { echo "quote: no $results (run: make bench)" >&2; exit 1; }

# every section (## heading) and what follows it
quote=$(mktemp)
trap 'rm -f "$quote"' EXIT
awk -v want=" $sections " '
/^## / {
	n = $2; sub(/\.$/, "", n)
	on = want == "  " || index(want, " " n " ") > 0
}
on' "$results" > "$quote"

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
			if (md || l == "" || l ~ /^\|/) {
				print (md || l == "" ? "" : "  ") l
				continue
			}
			# plain text: prose wrapped at 72 columns
			while (length(l) > 70) {
				cut = 70
				while (cut > 1 && substr(l, cut, 1) != " ")
					cut--
				if (cut <= 1)
					break
				print "  " substr(l, 1, cut - 1)
				l = substr(l, cut + 1)
			}
			print "  " l
		}
		skip = 1
		next
	}
	/bench\/results.md: end/ { skip = 0 }
	!skip' "$f" > "$f.tmp"
	mv "$f.tmp" "$f"
	echo "[quote] $f" >&2
done
