#!/usr/bin/env bash
# run.sh - make bench: what does swap:mm_swap_writepage_owner cost?
#
# All in QEMU/TCG; only ratios from the same run mean anything. Boots are
# interleaved (unpatched, fast, unpatched, fast) and so are the variants
# inside a boot, to cancel drift. Writes only under BUILD_DIR/BASE/bench/:
# the measurements, results.md, results.json, consumer.json, owners.svg.
# bench/publish.sh (make bench-publish) copies them into the repository.
set -euo pipefail

usage()
{
	cat <<USAGE
usage: ${0##*/} [-b BUILD_DIR] [-B BASE] [-r ROUNDS] [-s ROUNDS] [-n BOOTS] [-S]

  -b BUILD_DIR  build folder (default: build)
  -B BASE       kernel base (default: 7.3)
  -r ROUNDS     rounds per variant and boot (default: 5)
  -s ROUNDS     rounds of the 20 s scan-vs-stream benchmark (default: 3)
  -n BOOTS      boots per kernel for the unpatched comparison (default: 2)
  -S            no boots: summarise the measurements of the last run again
USAGE
}

top=$(realpath "$(dirname "$0")/..")
build_dir=$top/build
base=7.3
rounds=5
scan_rounds=3
boots=2
summarise_only=

while getopts "b:B:r:s:n:Sh" opt; do
	case "$opt" in
	b) build_dir=$(realpath -m "$OPTARG") ;;
	B) base=$OPTARG ;;
	r) rounds=$OPTARG ;;
	s) scan_rounds=$OPTARG ;;
	n) boots=$OPTARG ;;
	S) summarise_only=1 ;;
	h) usage; exit 0 ;;
	*) usage >&2; exit 2 ;;
	esac
done

work=$build_dir/$base/bench
all=$work/all.txt
t0=$(date +%s)

step() { printf '[bench %4ss] %s\n' "$(( $(date +%s) - t0 ))" "$*" >&2; }

# boot KERNEL MODE TAG [ROUNDS] - run guest/scripts/bench.sh MODE in one boot
boot()
{
	local out=$work/$3
	local n=${4:-$rounds}

	step "boot $1: $2 ($n rounds)"
	"$top/qemu/run-vm" --quiet --build-dir "$build_dir" --base "$base" \
		--kernel "$1" --out "$out" --timeout 1800 -- \
		"$top/guest/scripts/bench.sh" \
		"$2" "$n"
	sed "s/^/boot=$3 /" "$out/results/bench.txt" >> "$all"
}

# measure - every boot of the run; the measurements go to $all
measure()
{
	local i

	rm -rf "$work"
	mkdir -p "$work"
	: > "$all"
	for i in $(seq "$boots"); do
		boot unpatched kernel "unpatched-$i"
		boot fast kernel "fast-$i"
	done
	boot fast event event
	boot fast owners owners
	boot fast lost lost
	boot fast scan scan "$scan_rounds"
	boot fast blame blame 1
	step "boot fast: a trace.dat of about 1M events for the consumer benchmark"
	"$top/qemu/run-vm" --quiet --build-dir "$build_dir" --base "$base" \
		--out "$work/trace" --timeout 1800 -- \
		"$top/guest/scripts/bench-trace.sh" 64

	step "who gets blamed: attribution of the blame boot's trace.dat"
	"$top/bench/blame.sh" "$build_dir/consumer/swapowner" \
		"$work/blame/results/blame.dat" >> "$all"
}

if [ -n "$summarise_only" ]; then
	[ -s "$all" ] || { echo "bench: no $all to summarise (run without -S)" >&2; exit 1; }
else
	measure
fi

step "results"
qemu_version=$(qemu-system-x86_64 --version | head -n 1)
kernel_version=$(cat "$build_dir/$base/src/kernelversion")
"$top/bench/summarise.awk" -v qemu="$qemu_version" -v kernel="$kernel_version" \
	-v accel=tcg -v json="$work/results.json" -v plot="$work/owners.dat" \
	"$all" > "$work/results.md"
gnuplot -e "data='$work/owners.dat'; out='$work/owners.svg'" \
	-e "title='swap:mm_swap_writepage_owner cost per owner ($kernel_version, TCG)'" \
	"$top/bench/owners.gp"
step "consumer throughput: swapowner report vs trace-cmd report | awk"
"$top/bench/consumer.sh" -n 5 -j "$work/consumer.json" \
	"$build_dir/consumer/swapowner" "$work/trace/results/big.dat" \
	>> "$work/results.md"
cat "$work/results.md"
step "results in $work (make bench-publish copies them into bench/ and README.md)"
