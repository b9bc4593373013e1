#!/usr/bin/env bash
# kernel-tree.sh - unpack the pristine 6.12 source and apply patches/ on top
#
# Produces two trees under BUILD_DIR/src:
#   linux/          the pristine base, a git repo whose first commit is tagged
#                   "base" (used for the "unpatched" kernel)
#   linux-patched/  a worktree of the same repo, branch "swapowner", with
#                   patches/ applied by git am in series order
# Patches are re-applied only when patches/ changed (stamp file).
set -euo pipefail

. "$(dirname "$(realpath "$0")")/lib/series.sh"

usage()
{
	cat <<USAGE
usage: ${0##*/} [-b BUILD_DIR] [-t TARBALL] [-p PATCH_DIR]

Unpack the Linux 6.12 source into BUILD_DIR/src/linux (git, tag "base") and
apply the series in PATCH_DIR to the worktree BUILD_DIR/src/linux-patched.

  -b BUILD_DIR  build folder (default: build)
  -t TARBALL    kernel source (default: /usr/src/linux-source-6.12.tar.xz)
  -p PATCH_DIR  series to apply (default: patches); order from PATCH_DIR/series
                if present, else the numbered *.patch names
USAGE
}

build_dir=build
tarball=/usr/src/linux-source-6.12.tar.xz
patch_dir=patches

while getopts "b:t:p:h" opt; do
	case "$opt" in
	b) build_dir=$OPTARG ;;
	t) tarball=$OPTARG ;;
	p) patch_dir=$OPTARG ;;
	h) usage; exit 0 ;;
	*) usage >&2; exit 2 ;;
	esac
done

git_id=(-c user.name=swapowner-build -c user.email=swapowner@localhost
	-c advice.detachedHead=false -c gc.auto=0)
src=$build_dir/src
base=$src/linux
patched=$src/linux-patched

log() { printf '[kernel-tree] %s\n' "$*" >&2; }
die() { printf 'kernel-tree: %s\n' "$*" >&2; exit 1; }

unpack_base()
{
	local tmp

	[ -f "$tarball" ] || die "$tarball not found (run: make deps)"
	log "unpacking $tarball (once)"
	mkdir -p "$src"
	tmp=$(mktemp -d "$src/unpack.XXXXXX")
	tar -C "$tmp" -xf "$tarball"
	mv "$tmp"/linux-source-6.12 "$tmp/linux"
	log "committing the pristine base"
	git -C "$tmp/linux" init -q -b base-branch
	git -C "$tmp/linux" add -A -f  # Debian's .gitignore ignores "/*"
	git "${git_id[@]}" -C "$tmp/linux" commit -q -m "Linux $(make -s -C "$tmp/linux" kernelversion) (Debian linux-source-6.12)"
	git -C "$tmp/linux" tag base
	mv "$tmp/linux" "$base"
	rmdir "$tmp"
}

apply_series()
{
	local stamp=$src/patched.stamp
	local want
	local p

	want=$( { echo "base $(git -C "$base" rev-parse base)"; series_list "$patch_dir" |
		while read -r p; do sha256sum "$p"; done; } | sha256sum | cut -d' ' -f1)
	if [ -d "$patched" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
		log "linux-patched is up to date ($(series_list "$patch_dir" | wc -l) patches)"
		return 0
	fi
	rm -f "$stamp"
	if [ ! -d "$patched" ]; then
		git "${git_id[@]}" -C "$base" worktree add -q -B swapowner \
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

[ -d "$base/.git" ] || unpack_base
apply_series
make -s -C "$base" kernelversion > "$src/kernelversion"
log "base version $(cat "$src/kernelversion"), $(git -C "$patched" rev-list --count base..HEAD) patches applied"
