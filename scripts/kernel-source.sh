#!/usr/bin/env bash
# kernel-source.sh - find or fetch the source tarball of one kernel base and
# print its path
#
# 6.12 is Debian bookworm's installed linux-source-6.12. 7.3 is Debian's
# linux-source-7.3 from trixie-backports: downloaded once with apt-get
# through a private sources list and state folder that name only that
# suite (the machine's apt sources are not touched, nothing is installed),
# checked against the sha256 in scripts/bases/7.3.conf and unpacked with
# dpkg -x. KERNEL_TARBALL_7_3 (or KERNEL_TARBALL_6_12) overrides both with
# a tarball of your own.
set -euo pipefail

script_dir=$(dirname "$(realpath "$0")")
log_tag=kernel-source
. "$script_dir/lib/common.sh"
. "$script_dir/lib/series.sh"
. "$script_dir/lib/base.sh"

usage()
{
	cat <<USAGE
usage: ${0##*/} [-b BUILD_DIR] [-B BASE]

Print the path of BASE's kernel source tarball, downloading and verifying
it first if needed (into BUILD_DIR/download).

  -b BUILD_DIR  build folder (default: build)
  -B BASE       $bases_known (default: $base_default)

Environment: KERNEL_TARBALL_7_3, KERNEL_TARBALL_6_12 = a tarball to use
instead (its single top-level folder is the tree).
USAGE
}

build_dir=build
base_name=$base_default

while getopts "b:B:h" opt; do
	case "$opt" in
	b) build_dir=$OPTARG ;;
	B) base_name=$OPTARG ;;
	h) usage; exit 0 ;;
	*) usage >&2; exit 2 ;;
	esac
done
base_load "$base_name" "$build_dir"

# apt_opts DIR - options for apt-get/apt-cache with a sources list and
# state of our own: only source_suite is known to them, the machine's lists
# and dpkg status are unused
apt_opts()
{
	local dir=$1

	apt_options=(
		-o Dir::Etc::SourceList="$dir/sources.list"
		-o Dir::Etc::SourceParts=/dev/null
		-o Dir::State="$dir/state"
		-o Dir::State::Lists="$dir/lists"
		-o Dir::State::status=/dev/null
		-o Dir::Cache="$dir/cache"
	)
}

# deb_fetch - download source_package=source_version into DIR, verified
deb_fetch()
{
	local dir=$1
	local deb=$dir/${source_package}_${source_version//:/%3a}_all.deb
	local apt=$dir/apt
	local sum

	if [ ! -f "$deb" ]; then
		log "downloading $source_package $source_version from Debian $source_suite (once)"
		mkdir -p "$apt/state" "$apt/lists/partial" "$apt/cache/archives/partial"
		echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian $source_suite main" \
			> "$apt/sources.list"
		apt_opts "$apt"
		apt-get -q "${apt_options[@]}" -o Debug::NoLocking=1 update \
			> "$dir/apt.log" 2>&1 ||
			die "apt-get update of $source_suite failed (see $dir/apt.log)"
		if ! apt-cache "${apt_options[@]}" madison "$source_package" 2>/dev/null |
			awk -F' *[|] *' -v v="$source_version" '$2 == v { f = 1 } END { exit !f }'; then
			die "Debian $source_suite no longer offers $source_package $source_version; set $source_env=/path/to/linux-$base.x.tar.xz (e.g. from kernel.org) to build from a tarball instead"
		fi
		(cd "$dir" && apt-get -q "${apt_options[@]}" -o Debug::NoLocking=1 \
			-o APT::Sandbox::User=root download \
			"$source_package=$source_version") >> "$dir/apt.log" 2>&1 ||
			die "apt-get download $source_package=$source_version failed (see $dir/apt.log)"
		[ -f "$deb" ] || die "apt-get download left no $deb"
	fi
	sum=$(sha256sum "$deb" | cut -d' ' -f1)
	if [ "$sum" != "$source_sha256" ]; then
		rm -f "$deb"
		die "${deb##*/}: sha256 $sum, want $source_sha256 (scripts/bases/$base.conf): refused and removed"
	fi
	echo "$deb"
}

override=${!source_env:-}
if [ -n "$override" ]; then
	[ -f "$override" ] || die "$source_env=$override: no such file"
	realpath "$override"
	exit 0
fi
if [ -n "$source_tarball" ]; then
	[ -f "$source_tarball" ] ||
		die "$source_tarball not found (run: make deps, or set $source_env)"
	echo "$source_tarball"
	exit 0
fi

download=$(realpath -m "$build_dir/download")
mkdir -p "$download"
tarball=$download/$base/$source_member
if [ ! -f "$tarball" ]; then
	deb=$(deb_fetch "$download")
	log "unpacking ${deb##*/} (sha256 verified)"
	rm -rf "$download/$base"
	mkdir -p "$download/$base.tmp"
	dpkg -x "$deb" "$download/$base.tmp"
	mv "$download/$base.tmp" "$download/$base"
	[ -f "$tarball" ] || die "${deb##*/} has no $source_member"
fi
echo "$tarball"
