#!/usr/bin/env bash
# check.sh - run every test suite and print one line "N passed, N failed"
#
# Host suites (once): the consumer's unit tests, command-line tests and
# fuzz regressions, a fuzz smoke run, and the host tests of the harness
# scripts (tests/). Then, for each kernel base: the runner's self-tests
# (guest/harness) and every guest test (guest/tests/*.sh) booted with
# qemu/run-vm, on the fast kernel (the unpatched one on a base whose
# series is empty). A run that needs a kernel variant the base does not
# build for make check (scripts/bases/BASE.conf, check_kernels) is a skip. Every suite's TAP goes to BUILD_DIR/check/{host,BASE}/ and is
# summed by tap-summary.pl (TAP::Parser): a plan that was not met fails.
#
# A guest test may carry:
#   # run-vm: OPTIONS          run-vm options (e.g. --swap disk)
#   # run-vm(LABEL): OPTIONS   one run per such line, named NAME-LABEL
#   # needs: event             skipped on a base whose series is empty
# A suite that fails without a "not ok" line of its own (crash, timeout,
# splat) gets one.
set -euo pipefail

script_dir=$(dirname "$(realpath "$0")")
log_tag=check
. "$script_dir/lib/common.sh"
. "$script_dir/lib/series.sh"
. "$script_dir/lib/base.sh"

usage()
{
	cat <<USAGE
usage: ${0##*/} [-b BUILD_DIR] [-B "BASE..."] [SUITE...]

  -b BUILD_DIR  build folder (default: build)
  -B BASES      kernel bases for the guest suites (default: "$bases_known")
  SUITE         host, fuzz, harness, or a guest/tests/NAME.sh path
                (default: all; harness and guest tests run on every base)
USAGE
}

top=$base_top
build_dir=$top/build
bases=$bases_known

while getopts "b:B:h" opt; do
	case "$opt" in
	b) build_dir=$(realpath "$OPTARG") ;;
	B) bases=$OPTARG ;;
	h) usage; exit 0 ;;
	*) usage >&2; exit 2 ;;
	esac
done
shift $((OPTIND - 1))
[ $# -gt 0 ] || set -- host fuzz harness "$top"/guest/tests/*.sh

results=$build_dir/check
rm -rf "$results"
mkdir -p "$results/host"
t0=$(date +%s)

log() { printf '[check %4ss] %s\n' "$(( $(date +%s) - t0 ))" "$*" >&2; }

# suite_record TAP RC - add a failure if the suite failed silently
suite_record()
{
	local tap=$1
	local rc=$2
	local name

	name=${tap#"$results"/}
	name=${name%.tap}
	touch "$tap"
	if [ "$rc" -ne 0 ] && ! grep -q '^not ok' "$tap"; then
		echo "not ok - $name: suite exited $rc" >> "$tap"
	fi
	log "$name: $(grep -c '^ok' "$tap" || true) ok, $(grep -c '^not ok' "$tap" || true) not ok"
}

# suite_consumer TARGET - the TAP of "make TARGET" in consumer/
suite_consumer()
{
	local tap=$results/host/consumer-${1#check-}.tap
	local rc=0

	log "consumer: make $1"
	make -s -C "$top/consumer" O="$build_dir/consumer" "$1" \
		> "$tap" 2> "${tap%.tap}.log" || rc=$?
	suite_record "$tap" $rc
}

# suite_fuzz - libFuzzer on the consumer's decoder, fixed seed and runs; a
# crash is kept under consumer/fuzz/regressions/ and replayed from then on
suite_fuzz()
{
	local tap=$results/host/fuzz.tap
	local rc=0

	log "fuzz: the consumer's decoder, seed 1, fixed number of runs"
	make -s -C "$top/consumer" O="$build_dir/consumer" fuzz-smoke \
		> "${tap%.tap}.log" 2>&1 || rc=$?
	echo "1..1" > "$tap"
	if [ $rc -eq 0 ]; then
		echo "ok 1 - fuzz: no crash in the consumer's decoder" >> "$tap"
	else
		echo "not ok 1 - fuzz: see ${tap%.tap}.log" >> "$tap"
	fi
	suite_record "$tap" 0
}

suite_host()
{
	local tap
	local rc
	local t

	for t in $(make -s -C "$top/consumer" list-checks); do
		suite_consumer "$t"
	done
	for t in "$top"/tests/*.sh; do
		rc=0
		tap=$results/host/$(basename "$t" .sh).tap
		log "host: ${t#"$top"/}"
		"$t" -b "$build_dir" > "$tap" 2> "${tap%.tap}.log" || rc=$?
		suite_record "$tap" $rc
	done
}

# vm_run OUT RUN-VM-ARGS... - boot the current base; TAP in OUT/results
vm_run()
{
	local out=$1

	shift
	"$top/qemu/run-vm" --quiet --build-dir "$build_dir" --base "$base" \
		--kernel "$kernel" --out "$out" "$@" 2>> "$results/$base/vm.log"
}

# harness_result TAP N PASSED DESC [WHY] - one TAP line; PASSED is 0 or 1,
# WHY is added to a failure
harness_result()
{
	if [ "$3" -eq 1 ]; then
		echo "ok $2 - $4" >> "$1"
	else
		echo "not ok $2 - $4${5:+ ($5)}" >> "$1"
	fi
}

# passed CMD... - 1 if CMD succeeds, else 0
passed()
{
	if "$@"; then echo 1; else echo 0; fi
}

# icount_ns_per_page OUT - the median ns/page of the icount guest run
icount_ns_per_page()
{
	sed -n 's/^ns_per_page=//p' "$1/results/icount.txt" 2>/dev/null
}

suite_harness()
{
	local tap=$results/$base/harness.tap
	local runs=$build_dir/$base/runs
	local short
	local rc
	local a
	local b

	log "$base harness: self-tests of qemu/run-vm"
	echo "1..6" > "$tap"
	rc=0
	vm_run "$runs/harness-pass" -- "$top/guest/harness/guest-passes.sh" || rc=$?
	harness_result "$tap" 1 "$(passed [ $rc -eq 0 ])" \
		"harness: a passing guest script passes" "exit $rc, want 0"
	rc=0
	vm_run "$runs/harness-fail" -- "$top/guest/harness/guest-fails.sh" || rc=$?
	harness_result "$tap" 2 "$(passed [ $rc -eq 3 ])" \
		"harness: a failing guest script fails the run with its exit code" \
		"exit $rc, want 3"
	rc=0
	vm_run "$runs/harness-warn" -- "$top/guest/harness/kernel-warns.sh" || rc=$?
	harness_result "$tap" 3 "$(passed eval '[ $rc -ne 0 ] && grep -q "WARNING:" "$runs/harness-warn/console.log"')" \
		"harness: a kernel WARNING fails a passing script" "exit $rc"
	# a script that exits 0 with its plan unfinished: the run passes, the
	# summary must not
	rc=0
	vm_run "$runs/harness-short" -- "$top/guest/harness/plan-unfinished.sh" || rc=$?
	short=$("$top/scripts/tap-summary.pl" "$runs/harness-short/results/output.tap" 2>&1 | tail -n 1) || true
	harness_result "$tap" 4 "$(passed eval '[ $rc -eq 0 ] && [ "$short" = "2 passed, 1 failed" ]')" \
		"harness: a guest test that stops before its plan is counted as failed" \
		"exit $rc, summary '$short'"
	# two identical icount boots count the same instructions
	rc=0
	vm_run "$runs/harness-icount-1" --icount -- "$top/guest/harness/icount.sh" || rc=$?
	vm_run "$runs/harness-icount-2" --icount -- "$top/guest/harness/icount.sh" || rc=$?
	a=$(icount_ns_per_page "$runs/harness-icount-1")
	b=$(icount_ns_per_page "$runs/harness-icount-2")
	harness_result "$tap" 5 "$(passed [ $rc -eq 0 ])" \
		"harness: both --icount runs completed" "exit $rc, want 0"
	harness_result "$tap" 6 "$(passed awk -v a="$a" -v b="$b" 'BEGIN { d = a - b; if (d < 0) d = -d; exit !(a > 0 && b > 0 && d / a <= 0.01) }')" \
		"harness: --icount: two boots agree within 1% (${a:-?} and ${b:-?} instructions per page)"
	suite_record "$tap" 0
}

# config_kernel RUN-VM-ARGS... - the kernel variant a run boots
config_kernel()
{
	local k=$kernel

	while [ $# -gt 0 ]; do
		case "$1" in
		--kernel) k=${2:-}; shift ;;
		--kernel=*) k=${1#--kernel=} ;;
		esac
		shift
	done
	echo "$k"
}

# suite_vm SCRIPT - every run-vm configuration of one guest test
suite_vm()
{
	local script=$1
	local configs=()
	local name
	local line
	local label
	local args
	local vm_args
	local out
	local tap
	local want
	local rc

	name=$(basename "$script" .sh)
	if grep -q '^# needs: event' "$script" && ! base_has_series; then
		tap=$results/$base/vm-$name.tap
		echo "1..0 # SKIP needs swap:mm_swap_writepage_owner; ${base_series#"$top"/} is empty" > "$tap"
		log "$base vm-$name: skipped (needs the event, no $base series)"
		return 0
	fi
	while IFS= read -r line; do
		configs+=("$line")
	done < <(sed -n 's/^# run-vm\(([a-z0-9-]*)\)\{0,1\}: */\1|/p' "$script")
	[ ${#configs[@]} -gt 0 ] || configs=("|")
	for line in "${configs[@]}"; do
		label=${line%%|*}
		label=${label#(}
		label=${label%)}
		args=${line#*|}
		read -r -a vm_args <<< "$args" || true
		out=$build_dir/$base/runs/vm-$name${label:+-$label}
		tap=$results/$base/vm-$name${label:+-$label}.tap
		want=$(config_kernel "${vm_args[@]}")
		if ! [[ " $check_kernels_of_base " == *" $want "* ]]; then
			echo "1..0 # SKIP needs the $want kernel; make check boots only $check_kernels_of_base on $base" > "$tap"
			log "$base vm-$name${label:+-$label}: skipped (no $want kernel on $base)"
			continue
		fi
		log "$base vm-$name${label:+-$label}: booting (${args:-default options})"
		rc=0
		vm_run "$out" "${vm_args[@]}" -- "$script" || rc=$?
		cp "$out/results/output.tap" "$tap" 2>/dev/null || true
		suite_record "$tap" $rc
	done
}

for suite in "$@"; do
	case "$suite" in
	host) suite_host ;;
	fuzz) suite_fuzz ;;
	esac
done
for base_name in $bases; do
	base_load "$base_name" "$build_dir"
	mkdir -p "$results/$base"
	# without a series the patched tree is the pristine one: boot that
	kernel=fast
	base_has_series || kernel=unpatched
	check_kernels_of_base=$(base_check_kernels)
	for suite in "$@"; do
		case "$suite" in
		host|fuzz) ;;
		harness) suite_harness ;;
		*.sh) suite_vm "$suite" ;;
		*) usage >&2; exit 2 ;;
		esac
	done
done

log "done; summary of $(find "$results" -name '*.tap' | wc -l) TAP files"
mapfile -t taps < <(find "$results" -name '*.tap' | sort)
[ ${#taps[@]} -gt 0 ] || die "no suite ran"
"$top/scripts/tap-summary.pl" "${taps[@]}"
