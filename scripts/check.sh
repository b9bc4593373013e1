#!/usr/bin/env bash
# check.sh - run every test suite and print one line "N passed, N failed"
#
# Suites: host unit tests (TAP from cmocka), the harness self-tests (a
# broken guest script and a kernel warning must fail a run), and every
# guest script under tests/vm/ booted with qemu/run-vm. Each suite's TAP
# goes to BUILD_DIR/check/; a guest script may name run-vm options in a
# line "# run-vm: --swap disk"; a suite that fails without a "not ok" line of
# its own (crash, timeout, splat) counts as one failure.
set -euo pipefail

usage()
{
	cat <<USAGE
usage: ${0##*/} [-b BUILD_DIR] [-k KERNEL] [SUITE...]

  -b BUILD_DIR  build folder (default: build)
  -k KERNEL     kernel variant for the VM suites (default: fast)
  SUITE         unit, consumer, fuzz, harness, or a tests/vm/NAME.sh path
                (default: all)
USAGE
}

top=$(realpath "$(dirname "$0")/..")
build_dir=$top/build
kernel=fast

while getopts "b:k:h" opt; do
	case "$opt" in
	b) build_dir=$(realpath "$OPTARG") ;;
	k) kernel=$OPTARG ;;
	h) usage; exit 0 ;;
	*) usage >&2; exit 2 ;;
	esac
done
shift $((OPTIND - 1))

results=$build_dir/check
rm -rf "$results"
mkdir -p "$results"
t0=$(date +%s)

log() { printf '[check %4ss] %s\n' "$(( $(date +%s) - t0 ))" "$*" >&2; }

# suite_record - keep a suite's TAP; add a failure if it failed silently
suite_record()
{
	local name=$1
	local rc=$2
	local tap=$results/$name.tap

	touch "$tap"
	if [ "$rc" -ne 0 ] && ! grep -q '^not ok' "$tap"; then
		echo "not ok - $name: suite exited $rc" >> "$tap"
	fi
	log "$name: $(grep -c '^ok' "$tap" || true) ok, $(grep -c '^not ok' "$tap" || true) not ok"
}

# suite_make NAME DIR WHAT - the TAP of "make check" in DIR
suite_make()
{
	local rc=0

	log "$1: $3"
	make -s -C "$top/$2" O="$build_dir/$1" check \
		> "$results/$1.tap" 2> "$results/$1.log" || rc=$?
	suite_record "$1" $rc
}

# suite_fuzz - a short libFuzzer run of each consumer target; a crash is
# kept under consumer/fuzz/regressions/ and replayed by the consumer suite
suite_fuzz()
{
	local rc=0

	log "fuzz: ${FUZZ_SMOKE_SECS:-20} s per consumer fuzz target"
	make -s -C "$top/consumer" O="$build_dir/consumer" \
		FUZZ_SMOKE_SECS="${FUZZ_SMOKE_SECS:-20}" fuzz-smoke \
		> "$results/fuzz.log" 2>&1 || rc=$?
	if [ $rc -eq 0 ]; then
		echo "ok - fuzz: no crash in the consumer's fuzz targets" > "$results/fuzz.tap"
	else
		echo "not ok - fuzz: see $results/fuzz.log" > "$results/fuzz.tap"
	fi
	suite_record fuzz $rc
}

# vm_run - boot one guest script; its TAP lands in OUT/results/output.tap
vm_run()
{
	local out=$1

	shift
	"$top/qemu/run-vm" --quiet --build-dir "$build_dir" --kernel "$kernel" \
		--out "$out" "$@" 2>> "$results/vm.log"
}

suite_harness()
{
	local tap=$results/harness.tap
	local rc

	log "harness: self-tests of qemu/run-vm"
	: > "$tap"
	rc=0
	vm_run "$build_dir/runs/harness-pass" -- "$top/tests/harness/guest-passes.sh" || rc=$?
	[ $rc -eq 0 ] && echo "ok - harness: a passing guest script passes" >> "$tap" ||
		echo "not ok - harness: a passing guest script passes (rc=$rc)" >> "$tap"
	rc=0
	vm_run "$build_dir/runs/harness-fail" -- "$top/tests/harness/guest-fails.sh" || rc=$?
	[ $rc -eq 3 ] && echo "ok - harness: a failing guest script fails the run with its exit code" >> "$tap" ||
		echo "not ok - harness: a failing guest script fails the run (rc=$rc, want 3)" >> "$tap"
	rc=0
	vm_run "$build_dir/runs/harness-warn" -- "$top/tests/harness/kernel-warns.sh" || rc=$?
	if [ $rc -ne 0 ] && grep -q 'WARNING:' "$build_dir/runs/harness-warn/console.log"; then
		echo "ok - harness: a kernel WARNING fails a passing script" >> "$tap"
	else
		echo "not ok - harness: a kernel WARNING fails a passing script (rc=$rc)" >> "$tap"
	fi
	suite_record harness 0
}

suite_vm()
{
	local script=$1
	local vm_args
	local name
	local out
	local rc=0

	name=vm-$(basename "$script" .sh)
	out=$build_dir/runs/$name
	# a script may ask for runner options in a "# run-vm: ..." line
	read -r -a vm_args < <(sed -n 's/^# run-vm: //p' "$script" | head -n 1) ||
		vm_args=()
	log "$name: booting (--kernel $kernel ${vm_args[*]})"
	vm_run "$out" "${vm_args[@]}" -- "$script" || rc=$?
	cp "$out/results/output.tap" "$results/$name.tap" 2>/dev/null || true
	suite_record "$name" $rc
}

[ $# -gt 0 ] || set -- unit consumer fuzz harness "$top"/tests/vm/*.sh
for suite in "$@"; do
	case "$suite" in
	unit) suite_make unit tests/unit "host unit tests" ;;
	consumer) suite_make consumer consumer "swapowner unit tests" ;;
	fuzz) suite_fuzz ;;
	harness) suite_harness ;;
	*.sh) suite_vm "$suite" ;;
	*) usage >&2; exit 2 ;;
	esac
done

"$top/scripts/tap-summary.sh" "$results"/*.tap
