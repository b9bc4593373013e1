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

echo "1..14"

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

[ "$failed" -eq 0 ]
