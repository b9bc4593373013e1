#!/usr/bin/env bash
# publish.sh - make bench-publish: copy the results of the last make bench
# (BUILD_DIR/BASE/bench) into bench/ and quote their tables in README.md
# and the base's cover letter. make bench itself writes only under
# BUILD_DIR; this is the one step that changes tracked files.
set -euo pipefail

usage()
{
	cat <<USAGE
usage: ${0##*/} [-b BUILD_DIR] [-B BASE]

  -b BUILD_DIR  build folder (default: build)
  -B BASE       kernel base whose results to publish (default: 7.3)
USAGE
}

top=$(realpath "$(dirname "$0")/..")
build_dir=$top/build
base=7.3

while getopts "b:B:h" opt; do
	case "$opt" in
	b) build_dir=$(realpath -m "$OPTARG") ;;
	B) base=$OPTARG ;;
	h) usage; exit 0 ;;
	*) usage >&2; exit 2 ;;
	esac
done

work=$build_dir/$base/bench
for f in results.md results.json consumer.json owners.svg all.txt; do
	[ -s "$work/$f" ] ||
		{ echo "publish: no $work/$f (run: make bench BASE=$base)" >&2; exit 1; }
done
cp "$work/results.md" "$work/results.json" "$work/consumer.json" \
	"$work/owners.svg" "$top/bench/"
cp "$work/all.txt" "$top/bench/measurements.txt"
"$top/bench/quote.sh" "$top/bench/results.md" "$top/README.md" \
	"$top/patches/$base/0000-cover-letter.patch"
echo "[publish] $work -> bench/, README.md, patches/$base/0000-cover-letter.patch" >&2
