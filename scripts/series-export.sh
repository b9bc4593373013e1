#!/usr/bin/env bash
# series-export.sh - write a kernel branch out as patches/BASE (git
# format-patch)
#
# The cover letter's subject and text are carried over from the current
# patches/BASE/0000-cover-letter.patch, so editing that file is how the cover
# letter is written; the shortlog and diffstat are regenerated.
set -euo pipefail

script_dir=$(dirname "$(realpath "$0")")
log_tag=series-export
. "$script_dir/lib/common.sh"
. "$script_dir/lib/series.sh"
. "$script_dir/lib/base.sh"

usage()
{
	cat <<USAGE
usage: ${0##*/} [-B BASE] [-k KERNEL_TREE] [-p PATCH_DIR] [REVISION_RANGE]

  -B BASE         $bases_known (default: $base_default)
  -k KERNEL_TREE  git tree holding the series (default:
                  build/BASE/src/linux-dev)
  -p PATCH_DIR    where to write it (default: patches/BASE)
  REVISION_RANGE  the commits (default: base..HEAD)
USAGE
}

base_name=$base_default
tree=
patch_dir=

while getopts "B:k:p:h" opt; do
	case "$opt" in
	B) base_name=$OPTARG ;;
	k) tree=$OPTARG ;;
	p) patch_dir=$OPTARG ;;
	h) usage; exit 0 ;;
	*) usage >&2; exit 2 ;;
	esac
done
shift $((OPTIND - 1))
range=${1:-base..HEAD}
base_load "$base_name" build
[ -n "$tree" ] || tree=$base_dir/src/linux-dev
[ -n "$patch_dir" ] || patch_dir=$base_series

[ -d "$tree/.git" ] || [ -f "$tree/.git" ] || die "$tree is not a git tree"
cover=$patch_dir/0000-cover-letter.patch
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

git -C "$tree" format-patch -q --rfc --cover-letter --base=base -o "$work" "$range"
new_cover=$work/0000-cover-letter.patch

if [ -f "$cover" ]; then
	# subject: the Subject: line after "[PATCH 0/N] "; text: from the
	# first blank line after the headers to the shortlog ("Name (N):")
	awk '/^Subject: / { sub(/^Subject: \[[^]]*\] /, ""); print; exit }' \
		"$cover" > "$work/subject"
	awk 'body && /^[^ ].* \([0-9]+\):$/ { exit }
	     body { print }
	     !body && /^$/ { body = 1 }' "$cover" > "$work/blurb"
	# drop the blank line the template puts before the shortlog
	sed -i '${/^$/d}' "$work/blurb"
	awk -v subject="$(cat "$work/subject")" -v blurb_file="$work/blurb" '
	/\*\*\* SUBJECT HERE \*\*\*/ { sub(/\*\*\* SUBJECT HERE \*\*\*/, subject) }
	/^\*\*\* BLURB HERE \*\*\*$/ {
		while ((getline l < blurb_file) > 0)
			print l
		next
	}
	{ print }' "$new_cover" > "$work/cover"
	mv "$work/cover" "$new_cover"
fi

rm -f "$patch_dir"/[0-9][0-9][0-9][0-9]-*.patch
cp "$work"/*.patch "$patch_dir/"
{
	echo "# the series, in git am order (the cover letter is not applied)"
	(cd "$patch_dir" && ls [0-9][0-9][0-9][0-9]-*.patch | grep -v '^0000-')
} > "$patch_dir/series"
log "$(grep -vc '^#' "$patch_dir/series") patches and a cover letter in $patch_dir"
