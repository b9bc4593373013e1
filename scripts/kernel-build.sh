#!/usr/bin/env bash
# kernel-build.sh - configure and build one kernel variant of one base
# with ccache
#
# Variants:
#   fast       patched tree, tinyconfig + qemu/config/fast.config
#   debug      patched tree, fast.config + qemu/config/debug.config
#   unpatched  pristine base, fast.config (baselines)
#   nomemcg    patched tree, fast.config + qemu/config/nomemcg.config
#              (no mm->owner: how the event names owners without it)
# qemu/config/BASE.config, if present, is merged last for every variant of
# that base (only for symbols that really differ between the bases).
# The .config is regenerated only when the fragments change; make itself
# rebuilds only what the tree changed, so an unchanged tree rebuilds nothing.
set -euo pipefail

script_dir=$(dirname "$(realpath "$0")")
log_tag=kernel-build
. "$script_dir/lib/common.sh"
. "$script_dir/lib/series.sh"
. "$script_dir/lib/base.sh"
config_dir=$script_dir/../qemu/config

usage()
{
	cat <<USAGE
usage: ${0##*/} [options] fast|debug|unpatched|nomemcg [MAKE-ARG...]

Build BUILD_DIR/BASE/kernel/VARIANT/arch/x86/boot/bzImage (run
kernel-tree.sh first). MAKE-ARGs replace the default target bzImage
(e.g. W=1 C=2 CHECK=sparse mm/swap.o).

  -b BUILD_DIR  build folder (default: build)
  -B BASE       $bases_known (default: $base_default)
  -j JOBS       parallel jobs (default: nproc)
  -s SRC        build this tree instead of the variant's (e.g. a worktree
                at one patch of the series); needs -o
  -o OUT        output folder (default: BUILD_DIR/BASE/kernel/VARIANT)
  -c            only write and check the .config, build nothing
  -V            let make print what it runs (kbuild's CC, CHECK lines)
USAGE
}

build_dir=build
base_name=$base_default
jobs=$(nproc)
src=
out=
config_only=0
silent=-s

while getopts "b:B:j:s:o:cVh" opt; do
	case "$opt" in
	b) build_dir=$OPTARG ;;
	B) base_name=$OPTARG ;;
	j) jobs=$OPTARG ;;
	s) src=$OPTARG ;;
	o) out=$OPTARG ;;
	c) config_only=1 ;;
	V) silent= ;;
	h) usage; exit 0 ;;
	*) usage >&2; exit 2 ;;
	esac
done
shift $((OPTIND - 1))
[ $# -ge 1 ] || { usage >&2; exit 2; }
variant=$1
shift
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(bzImage)
[ -z "$src" ] || [ -n "$out" ] || die "-s SRC needs -o OUT"
base_load "$base_name" "$build_dir"
log_tag="kernel $base $variant"

case "$variant" in
fast)
	tree=$base_dir/src/linux-patched
	fragments=("$config_dir/fast.config")
	localversion=-swapowner ;;
debug)
	tree=$base_dir/src/linux-patched
	fragments=("$config_dir/fast.config" "$config_dir/debug.config")
	localversion=-swapowner-debug ;;
unpatched)
	tree=$base_dir/src/linux
	fragments=("$config_dir/fast.config")
	localversion=-unpatched ;;
nomemcg)
	tree=$base_dir/src/linux-patched
	fragments=("$config_dir/fast.config" "$config_dir/nomemcg.config")
	localversion=-swapowner-nomemcg ;;
*)
	die "unknown variant '$variant' (fast, debug, unpatched or nomemcg)" ;;
esac
[ ! -f "$config_dir/$base.config" ] || fragments+=("$config_dir/$base.config")
[ -n "$src" ] || src=$tree
[ -n "$out" ] || out=$base_dir/kernel/$variant
[ -f "$src/Makefile" ] || die "$src missing (run scripts/kernel-tree.sh -B $base)"
mkdir -p "$out"
out=$(realpath "$out")
src=$(realpath "$src")
kmake=(make -C "$src" O="$out" CC="ccache gcc" HOSTCC="ccache gcc"
	LOCALVERSION="$localversion" KBUILD_BUILD_USER=swapowner
	KBUILD_BUILD_HOST=qemu)

# config_check - fail if an option a fragment asks for did not survive
config_check()
{
	local missing=0
	local line
	local opt

	# a later fragment overrides an earlier one, as in merge_config.sh:
	# check only the last line naming each option
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
	done < <(cat "${fragments[@]}" | awk '
		{ opt = "" }
		/^CONFIG_[A-Za-z0-9_]+=/ { opt = $0; sub(/=.*/, "", opt) }
		/^# CONFIG_[A-Za-z0-9_]+ is not set/ { opt = $2 }
		opt == "" { next }
		!(opt in last) { order[++n] = opt }
		{ last[opt] = $0 }
		END { for (i = 1; i <= n; i++) print last[order[i]] }')
	return $missing
}

# config_make - tinyconfig + the fragments, checked; only when they changed
config_make()
{
	local stamp=$out/.config.stamp
	local want

	want=$( { echo "$src"; cat "${fragments[@]}"; } | sha256sum | cut -d' ' -f1)
	if [ -f "$out/.config" ] && [ -f "$stamp" ] &&
	   [ "$(cat "$stamp")" = "$want" ]; then
		return 0
	fi
	log "configuring: tinyconfig + ${fragments[*]##*/}"
	rm -f "$stamp"
	"${kmake[@]}" -s tinyconfig >/dev/null
	KCONFIG_CONFIG="$out/.config" "$src/scripts/kconfig/merge_config.sh" \
		-m -O "$out" "$out/.config" "${fragments[@]}" >/dev/null
	"${kmake[@]}" -s olddefconfig >/dev/null
	config_check || die "$variant config is missing options (see above)"
	echo "$want" > "$stamp"
}

config_make
[ $config_only -eq 0 ] || { log "config checked: $out/.config"; exit 0; }
log "building ${targets[*]} with -j$jobs"
start=$(date +%s)
"${kmake[@]}" $silent -j"$jobs" "${targets[@]}"
"${kmake[@]}" -s kernelrelease > "$out/kernelrelease"
log "$(cat "$out/kernelrelease") built in $(( $(date +%s) - start ))s: $out"
