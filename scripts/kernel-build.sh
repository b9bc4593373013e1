#!/usr/bin/env bash
# kernel-build.sh - configure and build one kernel variant with ccache
#
# Variants:
#   fast       patched tree, tinyconfig + qemu/config/fast.config
#   debug      patched tree, fast.config + qemu/config/debug.config
#   unpatched  pristine base, fast.config (baselines)
# The .config is regenerated only when the fragments change; make itself
# rebuilds only what the tree changed, so an unchanged tree rebuilds nothing.
set -euo pipefail

usage()
{
	cat <<USAGE
usage: ${0##*/} [-b BUILD_DIR] [-j JOBS] [-W] fast|debug|unpatched

Build BUILD_DIR/kernel/VARIANT/arch/x86/boot/bzImage (run kernel-tree.sh first).

  -b BUILD_DIR  build folder (default: build)
  -j JOBS       parallel jobs (default: nproc)
  -W            build with W=1 (extra warnings), output in VARIANT-w1
USAGE
}

script_dir=$(dirname "$(realpath "$0")")
config_dir=$script_dir/../qemu/config
build_dir=build
jobs=$(nproc)
extra_warn=

while getopts "b:j:Wh" opt; do
	case "$opt" in
	b) build_dir=$OPTARG ;;
	j) jobs=$OPTARG ;;
	W) extra_warn=1 ;;
	h) usage; exit 0 ;;
	*) usage >&2; exit 2 ;;
	esac
done
shift $((OPTIND - 1))
[ $# -eq 1 ] || { usage >&2; exit 2; }
variant=$1

die() { printf 'kernel-build: %s\n' "$*" >&2; exit 1; }

case "$variant" in
fast)
	src=$build_dir/src/linux-patched
	fragments=("$config_dir/fast.config")
	localversion=-swapowner ;;
debug)
	src=$build_dir/src/linux-patched
	fragments=("$config_dir/fast.config" "$config_dir/debug.config")
	localversion=-swapowner-debug ;;
unpatched)
	src=$build_dir/src/linux
	fragments=("$config_dir/fast.config")
	localversion=-unpatched ;;
*)
	die "unknown variant '$variant' (fast, debug or unpatched)" ;;
esac

[ -f "$src/Makefile" ] || die "$src missing (run scripts/kernel-tree.sh)"
out=$build_dir/kernel/$variant${extra_warn:+-w1}
mkdir -p "$out"
out=$(realpath "$out")
src=$(realpath "$src")
kmake=(make -s -C "$src" O="$out" CC="ccache gcc" HOSTCC="ccache gcc"
	LOCALVERSION="$localversion" KBUILD_BUILD_USER=swapowner
	KBUILD_BUILD_HOST=qemu)

log() { printf '[kernel %s] %s\n' "$variant" "$*" >&2; }

# config_check - fail if an option a fragment asks for did not survive
config_check()
{
	local missing=0
	local line
	local opt

	while read -r line; do
		case "$line" in
		CONFIG_*=*)
			grep -qx -- "$line" "$out/.config" && continue ;;
		"# CONFIG_"*" is not set")
			opt=${line#\# }
			opt=${opt%% *}
			grep -q "^$opt=" "$out/.config" || continue ;;
		*)
			continue ;;
		esac
		log "config: '$line' did not survive olddefconfig"
		missing=1
	done < <(cat "${fragments[@]}")
	return $missing
}

config_make()
{
	local stamp=$out/.config.stamp
	local want

	want=$(cat "${fragments[@]}" | sha256sum | cut -d' ' -f1)
	if [ -f "$out/.config" ] && [ -f "$stamp" ] &&
	   [ "$(cat "$stamp")" = "$want" ]; then
		return 0
	fi
	log "configuring: tinyconfig + ${fragments[*]##*/}"
	rm -f "$stamp"
	"${kmake[@]}" tinyconfig >/dev/null
	KCONFIG_CONFIG="$out/.config" "$src/scripts/kconfig/merge_config.sh" \
		-m -O "$out" "$out/.config" "${fragments[@]}" >/dev/null
	"${kmake[@]}" olddefconfig >/dev/null
	config_check || die "$variant config is missing options (see above)"
	echo "$want" > "$stamp"
}

config_make
log "building bzImage with -j$jobs${extra_warn:+ W=1}"
start=$(date +%s)
"${kmake[@]}" -j"$jobs" ${extra_warn:+W=1} bzImage
"${kmake[@]}" kernelrelease > "$out/kernelrelease"
log "$(cat "$out/kernelrelease") built in $(( $(date +%s) - start ))s: $out/arch/x86/boot/bzImage"
