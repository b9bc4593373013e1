#!/usr/bin/env bash
# scripts.sh - host tests of the harness scripts (TAP): the TAP summary
# fails a plan that was not met, run-vm never empties a folder it did not
# make, kernel-source.sh refuses a download whose sha256 is not the one
# recorded, and bad input gets one line and a non-zero exit.
set -euo pipefail

usage()
{
	echo "usage: ${0##*/} [-b BUILD_DIR]   (TAP on stdout)"
}

top=$(realpath "$(dirname "$0")/..")
build_dir=$top/build
while getopts "b:h" opt; do
	case "$opt" in
	b) build_dir=$OPTARG ;;
	h) usage; exit 0 ;;
	*) usage >&2; exit 2 ;;
	esac
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
n=0
failed=0

# check DESC CMD... - one TAP line: CMD succeeded
check()
{
	local desc=$1

	shift
	n=$((n + 1))
	if "$@"; then
		echo "ok $n - $desc"
	else
		echo "not ok $n - $desc"
		failed=$((failed + 1))
	fi
}

# run_rc WANT OUTFILE CMD... - CMD exits WANT; its stderr goes to OUTFILE
run_rc()
{
	local want=$1
	local errf=$2
	local rc=0

	shift 2
	"$@" > /dev/null 2> "$errf" || rc=$?
	[ "$rc" -eq "$want" ] || { echo "# exit $rc, want $want: $(head -n 3 "$errf")"; return 1; }
}

one_line() { [ "$(wc -l < "$1")" -eq 1 ]; }

echo "1..19"

# tap-summary.pl: what prove would say
printf '1..3\nok 1 - a\nok 2 - b\n' > "$work/short.tap"
printf '1..2\nok 1 - a\nok 2 - b # SKIP why\n' > "$work/good.tap"
printf 'ok 1 - a\n' > "$work/noplan.tap"
check "tap-summary: planned 3, ran 2: failed" \
	run_rc 1 "$work/err" "$top/scripts/tap-summary.pl" "$work/short.tap"
check "tap-summary: the failure is the plan" \
	test "$("$top/scripts/tap-summary.pl" "$work/short.tap" | tail -n 1)" = "2 passed, 1 failed"
check "tap-summary: a complete plan passes, skips counted" \
	test "$("$top/scripts/tap-summary.pl" "$work/good.tap" | tail -n 1)" = "1 passed, 0 failed, 1 skipped"
check "tap-summary: no plan: failed" \
	run_rc 1 "$work/err" "$top/scripts/tap-summary.pl" "$work/noplan.tap"

# run-vm: a fake build folder with a kernel and an initramfs to find
fake=$work/build
for b in 6.12 7.3; do
	mkdir -p "$fake/$b/kernel/fast/arch/x86/boot"
	: > "$fake/$b/kernel/fast/arch/x86/boot/bzImage"
	: > "$fake/$b/initramfs.cpio"
done
printf 'exit 0\n' > "$work/guest.sh"
mkdir -p "$work/mine"
echo precious > "$work/mine/file"
check "run-vm: --out of a folder it did not make: exit 2" \
	run_rc 2 "$work/err" "$top/qemu/run-vm" --build-dir "$fake" \
	--out "$work/mine" -- "$work/guest.sh"
check "run-vm: ... with one line on stderr" one_line "$work/err"
check "run-vm: ... and the folder is untouched" \
	grep -qx precious "$work/mine/file"
check "run-vm: an unknown option: exit 2, one line" \
	eval 'run_rc 2 "$work/err" "$top/qemu/run-vm" --bogus -- "$work/guest.sh" && one_line "$work/err"'
check "run-vm: an unknown base: exit 2, one line" \
	eval 'run_rc 2 "$work/err" "$top/qemu/run-vm" --build-dir "$fake" --base 9.9 -- "$work/guest.sh" && one_line "$work/err"'

# kernel-source.sh: a .deb that is not the recorded one is refused
. "$top/scripts/bases/7.3.conf"
mkdir -p "$work/ks/download"
deb=$work/ks/download/${source_package}_${source_version}_all.deb
echo "not the kernel" > "$deb"
check "kernel-source: a .deb with another sha256 is refused (exit 1)" \
	run_rc 1 "$work/err" env -u KERNEL_TARBALL_7_3 \
	"$top/scripts/kernel-source.sh" -b "$work/ks" -B 7.3
check "kernel-source: ... says so in one line and removes it" \
	eval 'one_line "$work/err" && grep -q "refused" "$work/err" && test ! -e "$deb"'
check "kernel-source: an unknown base: exit 1, one line" \
	eval 'run_rc 1 "$work/err" "$top/scripts/kernel-source.sh" -b "$work/ks" -B 9.9 && one_line "$work/err"'

# the kernels make check boots per base (scripts/bases/BASE.conf)
kernels_of()
{
	bash -c '. "$1/scripts/lib/common.sh" && . "$1/scripts/lib/series.sh" &&
		. "$1/scripts/lib/base.sh" && base_load "$2" "$3" && base_check_kernels' \
		sh "$top" "$1" "$work/build"
}
check "bases: make check boots the unpatched, fast and debug kernels of 7.3" \
	test "$(kernels_of 7.3)" = "unpatched fast debug"
check "bases: and only the fast kernel of 6.12" test "$(kernels_of 6.12)" = fast

# bench: the guest's awk is busybox's, which reads "080000" as octal;
# sched-cpu.awk must sum the intervals of comm exactly all the same
cat > "$work/sched.txt" <<'TRACE'
# tracer: nop
 sh-5 [000] d..2.   1.000000: sched_switch: prev_comm=sh prev_pid=5 prev_prio=120 prev_state=S ==> next_comm=sh next_pid=7 next_prio=120
 swapowner-7 [000] d..2.   1.080000: sched_switch: prev_comm=swapowner prev_pid=7 prev_prio=120 prev_state=S ==> next_comm=sh next_pid=5 next_prio=120
 sh-5 [000] .....   2.000000: tracing_mark_write: churn_begin
 sh-5 [000] d..2.   2.050000: sched_switch: prev_comm=sh prev_pid=5 prev_prio=120 prev_state=S ==> next_comm=swapowner next_pid=7 next_prio=120
 swapowner-7 [000] d..2.   2.090000: sched_switch: prev_comm=swapowner prev_pid=7 prev_prio=120 prev_state=R ==> next_comm=cat next_pid=9 next_prio=120
 cat-9 [000] d..2.   2.095000: sched_switch: prev_comm=cat prev_pid=9 prev_prio=120 prev_state=S ==> next_comm=swapowner next_pid=7 next_prio=120
 sh-5 [000] .....   3.000000: tracing_mark_write: churn_end
 swapowner-7 [000] d..2.   3.008000: sched_switch: prev_comm=swapowner prev_pid=7 prev_prio=120 prev_state=S ==> next_comm=sh next_pid=5 next_prio=120
TRACE
check "bench: sched-cpu.awk (busybox) sums swapowner's intervals, and within the markers" \
	test "$(busybox awk -v comm=swapowner -f "$top/guest/lib/trace-ts.awk" \
		-f "$top/guest/lib/sched-cpu.awk" "$work/sched.txt")" = \
	" observer_ns=1033000000 observer_steady_ns=945000000"
cat > "$work/calls.txt" <<'TRACE'
      swap-bench-7     [000]     1.000080000: try_to_unmap_owners_in: (try_to_unmap_owners+0x0/0x90)
      swap-bench-7     [000]     1.000090500: try_to_unmap_owners_out: (shrink_folio_list+0x3a1/0x1020 <- try_to_unmap_owners)
TRACE
check "bench: probe-calls.awk (busybox) pairs a kretprobe with its kprobe: 10500 ns" \
	test "$(busybox awk -f "$top/guest/lib/trace-ts.awk" \
		-f "$top/guest/lib/probe-calls.awk" "$work/calls.txt")" = \
	"try_to_unmap_owners 10500"

# bench: agree.py passes two runs within 1% and fails one that is not
cat > "$work/a.txt" <<'ALL'
base=7.3 boot=event clock=icount bench=event variant=off pages=16384 ns=335544320
base=7.3 boot=kswapd clock=icount bench=kswapd variant=off pages=1000 ns=90000000 reclaim_ns=25000000
base=7.3 boot=event-tcg clock=tcg bench=event variant=off pages=16384 ns=900000000
ALL
sed 's/ns=335544320/ns=337000000/' "$work/a.txt" > "$work/b.txt"
sed 's/reclaim_ns=25000000/reclaim_ns=25300000/' "$work/a.txt" > "$work/c.txt"
check "bench: agree.py: 0.43% apart agrees (exit 0)" \
	eval 'python3 "$top/bench/agree.py" "$work/a.txt" "$work/b.txt" > "$work/out"'
check "bench: agree.py: kswapd compares reclaim_ns, 1.2% apart: exit 1" \
	eval '! python3 "$top/bench/agree.py" "$work/a.txt" "$work/c.txt" > "$work/out" &&
	      grep -q "kswapd off per_page: 25000.0 25300.0 1.20% > limit" "$work/out"'

# bench: summarise.py's kswapd rows are the reclaim's alone
cat > "$work/k.txt" <<'ALL'
base=7.3 boot=kswapd clock=icount bench=kswapd variant=off pages=1000 ns=90000000 reclaim_ns=25000000 kswapd=700 direct=300
base=7.3 boot=kswapd clock=icount bench=kswapd variant=on pages=1000 ns=91000000 reclaim_ns=26000000 kswapd=700 direct=300
ALL
check "bench: summarise.py: kswapd per page from reclaim_ns (25,000, +1,000)" \
	eval 'python3 "$top/bench/summarise.py" "$work/k.txt" > "$work/out" &&
	      grep -q "| 7.3 | kswapd | on | 26,000 ±0.00% | 1,000 | +4.00% |" "$work/out"'

[ "$failed" -eq 0 ]
