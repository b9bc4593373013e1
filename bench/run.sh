#!/usr/bin/env bash
# run.sh - make bench: what does swap:mm_swap_writepage_owner cost, and
# what does it give that kmem:rss_stat and a pagemap scan do not?
#
# The cost figures are instruction counts: the guests run under
# run-vm --icount (single-threaded TCG, -icount shift=0,sleep=off), where a
# guest nanosecond is one instruction and a run repeats within 0.5%.
# Instructions are not cycles (cache misses and atomics cost more on
# hardware), so the event benchmark also runs once under plain TCG and
# its wall-time ratios stand beside the counts. Every base of -B is
# measured in the same run: unpatched and patched kernel, event off, on,
# on while swapowner record drains, and rss_stat on instead.
#
# The boots run in two lanes, one QEMU per host core: the first base's
# cost benchmarks and its smallest and largest scan-vs-stream boots in
# one, the other bases' cost benchmarks and the first base's other
# extras (lost events, the other scan-vs-stream boots, blame, the
# consumer's trace.dat) in the other.
# Instruction counts do not depend on the host's load; the TCG wall-time
# ratios compare rounds of one boot, which share the load.
#
# Writes only under BUILD_DIR/bench/: all.txt (one key=value line per
# measurement), results.md, results.json, owners.dat, owners.svg and the
# consumer benchmark's files. bench/publish.sh (make bench-publish)
# copies them into the repository.
set -euo pipefail

usage()
{
	cat <<USAGE
usage: ${0##*/} [-b BUILD_DIR] [-B "BASES"] [-O DIR] [-r ROUNDS] [-k ROUNDS]
              [-o ROUNDS] [-m "MIBS"] [-j LANES] [-S]

  -b BUILD_DIR  build folder (default: build)
  -B BASES      kernel bases, measured in one run (default: "7.3 6.12");
                the first one also runs the lost-event, scan-vs-stream,
                blame and consumer benchmarks
  -r ROUNDS     rounds per variant and boot (default: 3; the
                scan-vs-stream scan runs once)
  -k ROUNDS     rounds of the kswapd benchmark in each of its
                $kswapd_boots boots (default: 10)
  -o ROUNDS     rounds of the sharers benchmark (default: 1)
  -m "MIBS"     mapped memory of the scan-vs-stream scale benchmark
                (default: "$scale_mib")
  -O DIR        results folder (default: BUILD_DIR/bench)
  -j LANES      1: one boot after the other (default: 2, two at a time)
  -S            no boots: summarise the measurements of the last run again
USAGE
}

top=$(realpath "$(dirname "$0")/..")
build_dir=$top/build
bases="7.3 6.12"
rounds=3
kswapd_rounds=10
# the kswapd medians of seven 7.3 boots (8-15 rounds each) spread over
# 1.1%: the rounds are spread over several boots, and pooled
kswapd_boots=3
owner_rounds=1
lanes=2
scale_mib="256 1024 4096"
summarise_only=
work=

while getopts "b:B:O:r:k:o:m:j:Sh" opt; do
	case "$opt" in
	b) build_dir=$(realpath -m "$OPTARG") ;;
	B) bases=$OPTARG ;;
	r) rounds=$OPTARG ;;
	k) kswapd_rounds=$OPTARG ;;
	o) owner_rounds=$OPTARG ;;
	j) lanes=$OPTARG ;;
	m) scale_mib=$OPTARG ;;
	O) work=$(realpath -m "$OPTARG") ;;
	S) summarise_only=1 ;;
	h) usage; exit 0 ;;
	*) usage >&2; exit 2 ;;
	esac
done
shift $((OPTIND - 1))
[ $# -eq 0 ] || { usage >&2; exit 2; }
case "$lanes" in 1|2) ;; *) usage >&2; exit 2 ;; esac

work=${work:-$build_dir/bench}
all=$work/all.txt
first=${bases%% *}
t0=$(date +%s)

lane=1
step() { printf '[bench %5ss lane %s] %s\n' "$(( $(date +%s) - t0 ))" "$lane" "$*" >&2; }

# boot BASE KERNEL MODE TAG ROUNDS [RUN-VM OPTIONS...] [-- GUEST ARGS...]
# - run guest/scripts/bench.sh MODE ROUNDS [GUEST ARGS] in one boot; its
# lines go to the lane's file, tagged with the base, the boot and the
# clock (icount or tcg)
boot()
{
	local base=$1
	local kernel=$2
	local mode=$3
	local tag=$4
	local n=$5
	local out=$work/$base/$tag
	local clock=tcg
	local vm_opts=()
	local t

	shift 5
	while [ $# -gt 0 ] && [ "$1" != -- ]; do
		vm_opts+=("$1")
		shift
	done
	[ $# -eq 0 ] || shift
	case " ${vm_opts[*]} " in *" --icount "*) clock=icount ;; esac
	step "$base $kernel kernel, $clock: $mode $* ($n rounds)"
	t=$(date +%s)
	"$top/qemu/run-vm" --quiet --build-dir "$build_dir" --base "$base" \
		--kernel "$kernel" --out "$out" --timeout 3600 "${vm_opts[@]}" -- \
		"$top/guest/scripts/bench.sh" "$mode" "$n" "$@"
	sed "s/^/base=$base boot=$tag clock=$clock /" "$out/results/bench.txt" >> "$lane_file"
	echo "base=$base boot=$tag clock=$clock bench=boot host_s=$(( $(date +%s) - t ))" >> "$lane_file"
}

# measure_base BASE - the cost benchmarks of one base
measure_base()
{
	local b=$1
	local i

	boot "$b" unpatched kernel unpatched "$rounds" --icount
	boot "$b" fast kernel fast "$rounds" --icount
	boot "$b" fast event event "$rounds" --icount
	# its figures spread more from round to round (see summarise.py)
	for i in $(seq "$kswapd_boots"); do
		boot "$b" fast kswapd "kswapd-$i" "$kswapd_rounds" --icount
	done
	boot "$b" fast owners owners "$owner_rounds" --icount --mem 1G
	boot "$b" fast locks locks 1 --icount --mem 1G
	boot "$b" fast event event-tcg "$rounds" -- "off on"
}

# scale_boot BASE MIB - scan vs stream with MIB MiB mapped; one vCPU, so
# that the observer's context switches time it exactly
scale_boot()
{
	boot "$1" fast scale "scale-$2" "$rounds" --icount --smp 1 \
		--mem "$(($2 + 512))M" -- "$2"
}

# lane1_scale MIB - whether lane 1 has the scan-vs-stream boot of MIB:
# the first and the last of -m (by default the smallest and the
# largest), so that the two lanes take about as long
lane1_scale()
{
	[ "$1" = "${scale_mib%% *}" ] || [ "$1" = "${scale_mib##* }" ]
}

# measure_first BASE - the benchmarks that run on the first base only,
# but the scan-vs-stream boots lane 1 has (lane1_scale)
measure_first()
{
	local b=$1
	local m

	boot "$b" fast lost lost "$rounds"
	for m in $scale_mib; do
		lane1_scale "$m" || scale_boot "$b" "$m"
	done
	boot "$b" fast blame blame 1
	step "$b fast kernel: a trace.dat of about 1M events for the consumer benchmark"
	# 1 GiB: the perf.data of 1M events (about 120 MiB) is written to
	# the guest's /tmp first
	"$top/qemu/run-vm" --quiet --build-dir "$build_dir" --base "$b" \
		--mem 1G --out "$work/$b/trace" --timeout 3600 -- \
		"$top/guest/scripts/bench-trace.sh" 64
	step "who gets blamed: attribution of the blame boot's trace.dat"
	"$top/bench/blame.sh" "$build_dir/consumer/swapowner" \
		"$work/$b/blame/results/blame.dat" | sed "s/^/base=$b /" >> "$lane_file"
}

# lane N - the boots of lane N, into $work/lane-N.txt
run_lane()
{
	local b
	local m

	lane=$1
	lane_file=$work/lane-$lane.txt
	: > "$lane_file"
	if [ "$lane" = 1 ]; then
		measure_base "$first"
		for m in $scale_mib; do
			if lane1_scale "$m"; then
				scale_boot "$first" "$m"
			fi
		done
		return
	fi
	for b in $bases; do
		[ "$b" = "$first" ] || measure_base "$b"
	done
	measure_first "$first"
}

if [ -n "$summarise_only" ]; then
	[ -s "$all" ] || { echo "bench: no $all to summarise (run without -S)" >&2; exit 1; }
else
	rm -rf "$work"
	mkdir -p "$work"
	failed=
	if [ "$lanes" = 1 ]; then
		run_lane 1
		run_lane 2
	else
		run_lane 1 &
		lane1=$!
		run_lane 2 &
		lane2=$!
		wait "$lane1" || failed="$failed 1"
		wait "$lane2" || failed="$failed 2"
	fi
	lane=-
	[ -z "$failed" ] || { step "lane$failed failed"; exit 1; }
	cat "$work/lane-1.txt" "$work/lane-2.txt" > "$all"
fi

step "results"
stamp="qemu=$(qemu-system-x86_64 --version | head -n 1 | sed 's/.*version //; s/ .*//')"
for b in $bases; do
	stamp="$stamp kernel_$b=$(cat "$build_dir/$b/src/kernelversion")"
done
python3 "$top/bench/summarise.py" --stamp "$stamp" --json "$work/results.json" \
	--plot "$work/owners.dat" --scale-plot "$work/scale.dat" "$all" > "$work/results.md"
gnuplot -e "data='$work/owners.dat'; out='$work/owners.svg'" \
	-e "title='swap:mm_swap_writepage_owner: instructions added per folio'" \
	"$top/bench/owners.gp"
gnuplot -e "data='$work/scale.dat'; out='$work/scale.svg'" \
	-e "title='Observer cost: 1 Hz pagemap scan vs the event stream'" \
	"$top/bench/scale.gp"
step "consumer throughput: swapowner report vs trace-cmd report | awk vs perf script"
"$top/bench/consumer.sh" -n 5 -j "$work/consumer.json" \
	-p "$work/$first/trace/results/big.perf.data" \
	"$build_dir/consumer/swapowner" "$work/$first/trace/results/big.dat" \
	>> "$work/results.md"
cat "$work/results.md"
step "results in $work (make bench-publish copies them into bench/ and README.md)"
