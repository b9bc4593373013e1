#!/usr/bin/env bash
# publish.sh - make bench-publish: copy the results of the last make bench
# (BUILD_DIR/bench) into bench/ and quote their sections in README.md and
# every cover letter that has the marker lines. make bench itself writes
# only under BUILD_DIR; this is the one step that changes tracked files.
set -euo pipefail

usage()
{
	cat <<USAGE
usage: ${0##*/} [-b BUILD_DIR]

  -b BUILD_DIR  build folder (default: build)
USAGE
}

top=$(realpath "$(dirname "$0")/..")
build_dir=$top/build

while getopts "b:h" opt; do
	case "$opt" in
	b) build_dir=$(realpath -m "$OPTARG") ;;
	h) usage; exit 0 ;;
	*) usage >&2; exit 2 ;;
	esac
done

work=$build_dir/bench
for f in results.md results.json consumer.json owners.svg scale.svg all.txt; do
	[ -s "$work/$f" ] ||
		{ echo "publish: no $work/$f (run: make bench)" >&2; exit 1; }
done
cp "$work/results.md" "$work/results.json" "$work/consumer.json" \
	"$work/owners.svg" "$work/scale.svg" "$top/bench/"
cp "$work/all.txt" "$top/bench/measurements.txt"
"$top/bench/quote.sh" "$top/bench/results.md" "$top/README.md"
# the cover letters: the cost and attribution sections only
for c in "$top"/patches/*/0000-cover-letter.patch; do
	grep -q 'bench/results.md: begin' "$c" &&
		"$top/bench/quote.sh" -s "1 2 3b 4" "$top/bench/results.md" "$c"
done
echo "[publish] $work -> bench/, README.md and the cover letters" >&2
