#!/usr/bin/env bash
# record-fixtures.sh - record the consumer's trace.dat fixtures on the
# series' kernels and put them in consumer/tests/data
#
# Boots each base's fast kernel with guest/scripts/record-fixtures.sh
# (which records with stock trace-cmd in the guest), then copies:
#   7.3:  format-v2 (the kernel's format file of the event), fx.dat,
#         fx-phases.txt (what made the events), fx-report.txt.gz,
#         fx-instance.dat (recorded with -B) and its report
#   6.12: fx-6.12.dat, fx-6.12-report.txt.gz
# The *-report.txt.gz are stock `trace-cmd report` of the files, which
# consumer/tests/run-cli.sh checks swapowner against.
set -euo pipefail

usage()
{
	cat <<USAGE
usage: ${0##*/} [-b BUILD_DIR] [-o RUNS_DIR] [BASE...]

  -b BUILD_DIR  build folder with BASE/kernel/fast and BASE/initramfs.cpio
                (default: build)
  -o RUNS_DIR   where the runs go, as RUNS_DIR/fixtures-BASE
                (default: BUILD_DIR)
  BASE...       7.3 and/or 6.12 (default: both)
USAGE
}

top=$(realpath "$(dirname "$0")/..")
build=$top/build
runs=
while getopts "b:o:h" opt; do
	case "$opt" in
	b) build=$(realpath "$OPTARG") ;;
	o) runs=$(realpath "$OPTARG") ;;
	h) usage; exit 0 ;;
	*) usage >&2; exit 2 ;;
	esac
done
shift $((OPTIND - 1))
[ $# -gt 0 ] || set -- 7.3 6.12
data=$top/consumer/tests/data
runs=${runs:-$build}

for base in "$@"; do
	case "$base" in
	7.3) name=fx ;;
	6.12) name=fx-6.12 ;;
	*) echo "${0##*/}: unknown base '$base'" >&2; usage >&2; exit 2 ;;
	esac
	out=$runs/fixtures-$base
	"$top/qemu/run-vm" --build-dir "$build" --base "$base" --swap disk \
		--swap-mb 256 --quiet --out "$out" \
		-- "$top/guest/scripts/record-fixtures.sh"
	res=$out/results
	if [ "$(cat "$res/exit-code")" != 0 ] || [ ! -s "$res/fixture.dat" ]; then
		echo "${0##*/}: $base: the recording failed (see $res/output.tap)" >&2
		exit 1
	fi
	cp "$res/fixture.dat" "$data/$name.dat"
	trace-cmd report -i "$data/$name.dat" 2> /dev/null |
		gzip -9n > "$data/$name-report.txt.gz"
	if [ "$base" = 7.3 ]; then
		cp "$res/format" "$data/format-v2"
		cp "$res/phases.txt" "$data/fx-phases.txt"
		cp "$res/fixture-instance.dat" "$data/fx-instance.dat"
		trace-cmd report -i "$data/fx-instance.dat" 2> /dev/null |
			gzip -9n > "$data/fx-instance-report.txt.gz"
	fi
	echo "$base: $data/$name.dat ($(grep -c '' "$res/output.tap") TAP lines," \
		"$(zcat "$data/$name-report.txt.gz" | grep -c 'mm_swap_writepage_owner:') events)"
done
