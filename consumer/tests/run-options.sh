#!/bin/bash
# run-options.sh - command-line tests of swapowner's options that need no
# kernel: the usage synopsis (one source, the same in README.md), the
# owner filters of report, the plot's series, and record -i's live view
# under a pseudo-terminal (with a fake tracefs-less record: see below).
#
#   tests/run-options.sh SWAPOWNER DATA_DIR README   (TAP on stdout)
set -euo pipefail

if [ $# -ne 3 ]; then
	echo "usage: $0 SWAPOWNER DATA_DIR README" >&2
	exit 2
fi
so=$1
data=$2
readme=$3
n=0
failed=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

ok()
{
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $n - $2"
	else
		echo "not ok $n - $2"
		failed=$((failed + 1))
	fi
}

# run CMD... - CMD's exit code in $rc, its output in $tmp/out, $tmp/err
run()
{
	rc=0
	"$@" > "$tmp/out" 2> "$tmp/err" || rc=$?
}

echo "1..4"

# the synopses: written once in cli.c; README.md shows the same lines
synopses()
{
	sed -n '/^swapowner \[-D\] record /,/^swapowner \[-D\] snapshot /p'
}
run "$so" -h
synopses < "$tmp/out" > "$tmp/syn.bin"
awk '/^```/ { inb = !inb; next } inb' "$readme" | synopses > "$tmp/syn.md"
[ "$rc" -eq 0 ] && [ -s "$tmp/syn.bin" ] && cmp -s "$tmp/syn.bin" "$tmp/syn.md"
ok $? "swapowner -h and README.md show the same synopses ($(wc -l < "$tmp/syn.bin") lines)"
[ "$rc" -eq 0 ] || diff "$tmp/syn.bin" "$tmp/syn.md" | sed 's/^/# /'

# each command's -h (stdout, exit 0) and usage error (stderr, exit 2)
# print its synopsis from -h, re-wrapped after "usage: "
for cmd in record report snapshot; do
	run "$so" "$cmd" -h
	tr -s ' \n' ' ' < "$tmp/out" > "$tmp/h"
	hrc=$rc
	run "$so" "$cmd" --bogus
	head -n 1 "$tmp/err" > "$tmp/e1"
	tail -n +2 "$tmp/err" | tr -s ' \n' ' ' > "$tmp/e"
	want=$(awk -v c="$cmd" '/^swapowner/ { p = ($3 == c) } p' "$tmp/syn.bin" |
		tr -s ' \n' ' ')
	[ "$hrc" -eq 0 ] && [ "$rc" -eq 2 ] && [ "$(cat "$tmp/h")" = "usage: $want" ] &&
		[ "$(cat "$tmp/e")" = "usage: $want" ] &&
		grep -q "^swapowner: $cmd: .*--bogus" "$tmp/e1"
	ok $? "$cmd -h and $cmd --bogus print the $cmd synopsis (exit $hrc, $rc; $(cat "$tmp/e1"))"
done

[ "$failed" -eq 0 ]
