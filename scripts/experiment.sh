#!/usr/bin/env bash
# experiment.sh - build what is missing, boot the patched kernel of one
# base in QEMU,
# run the default workload under memory pressure, record it with swapowner
# and print who was swapped out, who got blamed, and how the owners compare
# with /proc/PID/pagemap.
set -euo pipefail

script_dir=$(dirname "$(realpath "$0")")
log_tag=experiment
. "$script_dir/lib/common.sh"
. "$script_dir/lib/series.sh"
. "$script_dir/lib/base.sh"

usage()
{
	cat <<USAGE
usage: ${0##*/} [-b BUILD_DIR] [-B BASE] [-o OUT_DIR]

  -b BUILD_DIR  build folder (default: build)
  -B BASE       kernel base: $bases_known (default: $base_default)
  -o OUT_DIR    results (default: BUILD_DIR/BASE/experiment)
USAGE
}

top=$(realpath "$(dirname "$0")/..")
build_dir=$top/build
base_name=$base_default
out=

while getopts "b:B:o:h" opt; do
	case "$opt" in
	b) build_dir=$(realpath -m "$OPTARG") ;;
	B) base_name=$OPTARG ;;
	o) out=$(realpath -m "$OPTARG") ;;
	h) usage; exit 0 ;;
	*) usage >&2; exit 2 ;;
	esac
done
base_load "$base_name" "$build_dir"
[ -n "$out" ] || out=$base_dir/experiment
t0=$(date +%s)

step() { printf '[experiment %4ss] %s\n' "$(( $(date +%s) - t0 ))" "$*" >&2; }

step "packages"
"$top/scripts/deps.sh" >&2
base_has_series ||
	die "the $base series (${base_series#"$top"/}) is empty: this kernel has no swap:mm_swap_writepage_owner to record (make experiment BASE=6.12)"
step "Linux $base source and series"
"$top/scripts/kernel-tree.sh" -b "$build_dir" -B "$base"
step "kernel (fast config; ccache)"
"$top/scripts/kernel-build.sh" -b "$build_dir" -B "$base" fast
step "consumer, guest programs, initramfs"
make -s -C "$top" BUILD="$build_dir" BASE="$base" initramfs >&2
step "booting the guest and running the workload (TCG)"
"$top/qemu/run-vm" --quiet --build-dir "$build_dir" --base "$base" \
	--out "$out" --timeout 900 -- "$top/guest/scripts/experiment.sh" ||
	{ step "the guest run failed: see $out/console.log"; exit 1; }

res=$out/results
step "plot (gnuplot, on the host)"
"$build_dir/consumer/swapowner" report --plot "$res/experiment.svg" \
	"$res/experiment.dat" > /dev/null
step "report"
echo
cat "$res/experiment.table"
echo
echo "VERIFIED AGAINST /proc/PID/pagemap (pairs of (pid, swap slot) while the workload held its memory)"
awk '{
	for (i = 1; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
	printf "  recall %s%% (%s of %s swapped pages named their process)\n", v["recall"], v["found"], v["truth"]
	printf "  precision %s%% (%s of %s owners named for slots still in swap confirmed)\n", v["precision"], v["confirmed"], v["listed"]
	printf "  %s events named a workload process; %s of them were run by kswapd, %s by a task that is not an owner\n", v["workload_events"], v["kswapd_events"], v["foreign_events"]
	printf "  %s (pid, slot) pairs not judged: the page was swapped in again before pagemap was read\n", v["stale"]
}' "$res/verify.txt"
echo
echo "FILES"
echo "  trace.dat  $res/experiment.dat   (trace-cmd report -i ...; swapowner report ...)"
echo "  JSON       $res/experiment.json"
echo "  CSV        $res/experiment.csv"
echo "  plot       $res/experiment.svg   (pages swapped out over time, per process)"
echo "  pagemap    $res/truth.tsv"
echo "  console    $out/console.log"
