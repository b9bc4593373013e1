#!/usr/bin/env bash
# kernel-tree.sh - unpack one kernel base and apply its series on top
#
# Produces two trees under BUILD_DIR/BASE/src:
#   linux/          the pristine base, a git repo whose first commit is tagged
#                   "base" (used for the "unpatched" kernel)
#   linux-patched/  a worktree of the same repo, branch "swapowner", with
#                   patches/BASE applied by git am in series order (an empty
#                   series leaves it at "base")
# Patches are re-applied only when the series changed (stamp file).
set -euo pipefail

script_dir=$(dirname "$(realpath "$0")")
log_tag=kernel-tree
. "$script_dir/lib/common.sh"
. "$script_dir/lib/series.sh"
. "$script_dir/lib/base.sh"

usage()
{
	cat <<USAGE
usage: ${0##*/} [-b BUILD_DIR] [-B BASE] [-p PATCH_DIR]

Unpack the source of kernel base BASE into BUILD_DIR/BASE/src/linux (git,
tag "base") and apply the series in PATCH_DIR to the worktree
BUILD_DIR/BASE/src/linux-patched.

  -b BUILD_DIR  build folder (default: build)
  -B BASE       $bases_known (default: $base_default)
  -p PATCH_DIR  series to apply (default: patches/BASE); order from
                PATCH_DIR/series if present, else the numbered *.patch names
USAGE
}

build_dir=build
base_name=$base_default
patch_dir=

while getopts "b:B:p:h" opt; do
	case "$opt" in
	b) build_dir=$OPTARG ;;
	B) base_name=$OPTARG ;;
	p) patch_dir=$OPTARG ;;
	h) usage; exit 0 ;;
	*) usage >&2; exit 2 ;;
	esac
done
base_load "$base_name" "$build_dir"
[ -n "$patch_dir" ] || patch_dir=$base_series
log_tag="kernel-tree $base"

src=$base_dir/src
pristine=$src/linux
patched=$src/linux-patched

unpack_base()
{
	local tarball
	local tmp

	tarball=$("$script_dir/kernel-source.sh" -b "$build_dir" -B "$base")
	log "unpacking ${tarball##*/} (once)"
	mkdir -p "$src"
	tmp=$(mktemp -d "$src/unpack.XXXXXX")
	mkdir "$tmp/linux"
	# one top-level folder: linux-source-X.Y (Debian) or linux-X.Y.Z
	tar -C "$tmp/linux" --strip-components=1 -xf "$tarball"
	[ -f "$tmp/linux/Makefile" ] || die "${tarball##*/} holds no kernel tree"
	log "committing the pristine base"
	git -C "$tmp/linux" init -q -b base-branch
	git -C "$tmp/linux" add -A -f  # Debian's .gitignore ignores "/*"
	git "${git_id[@]}" -C "$tmp/linux" commit -q -m \
		"Linux $(make -s -C "$tmp/linux" kernelversion) (${tarball##*/})"
	git -C "$tmp/linux" tag base
	mv "$tmp/linux" "$pristine"
	rmdir "$tmp"
}

apply_series()
{
	local stamp=$src/patched.stamp
	local want
	local p

	want=$( { echo "base $(git -C "$pristine" rev-parse base)"; series_list "$patch_dir" |
		while read -r p; do
			# the name and content, not where the checkout is
			echo "${p##*/} $(sha256sum < "$p")"
		done; } | sha256sum | cut -d' ' -f1)
	if [ -d "$patched" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
		log "linux-patched is up to date ($(series_list "$patch_dir" | wc -l) patches)"
		return 0
	fi
	rm -f "$stamp"
	if [ ! -d "$patched" ]; then
		git "${git_id[@]}" -C "$pristine" worktree add -q -B swapowner \
			"$(realpath -m "$patched")" base
	fi
	git -C "$patched" am --abort >/dev/null 2>&1 || true
	git "${git_id[@]}" -C "$patched" checkout -q -B swapowner base
	git -C "$patched" reset -q --hard base
	series_list "$patch_dir" | while read -r p; do
		[ -f "$p" ] || die "series names $p, which does not exist"
		log "applying ${p##*/}"
		if ! git "${git_id[@]}" -C "$patched" am -q "$(realpath "$p")" >&2; then
			git -C "$patched" am --abort >/dev/null 2>&1 || true
			die "patch does not apply: ${p##*/}"
		fi
	done
	echo "$want" > "$stamp"
}

[ -d "$pristine/.git" ] || unpack_base
apply_series
make -s -C "$pristine" kernelversion > "$src/kernelversion"
log "base version $(cat "$src/kernelversion"), $(git -C "$patched" rev-list --count base..HEAD) patches applied"
