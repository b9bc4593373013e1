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

echo "1..6"

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

# --plot: every series its own colour, named "comm [tgid]" as in the
# JSON timeline's series, the total as a line, the y axis explained
plot_check()
{
	python3 - "$tmp/p.svg" "$tmp/p.json" <<'PY'
import json, re, sys
svg = open(sys.argv[1]).read()
series = json.load(open(sys.argv[2]))["timeline"]["series"]
want = ["%s [%d]" % (s["comm"], s["tgid"]) for s in series[:-1]]
want += ["other", "total (each page once)"]
got, colours = [], []
for part in re.split(r'<g id="gnuplot_plot_\d+"', svg)[1:]:
    got.append(re.search(r"<text>([^<]*)</text>", part).group(1))
    rgb = set(re.findall(r"fill = '(rgb\([^)]*\))'", part))
    rgb |= set(re.findall(r"<path stroke='(rgb\([^)]*\))'", part))
    assert len(rgb) == 1, (got[-1], rgb)
    colours += rgb
assert got == want, (got, want)
assert len(set(colours)) == len(colours), list(zip(got, colours))
assert "<text>pages (a page shared by several processes counts for each)</text>" in svg
print(len(got))
PY
}
for top in "" "--top 2"; do
	rc=0
	# shellcheck disable=SC2086
	"$so" report $top --plot "$tmp/p.svg" "$data/fx.dat" "$data/fx-v2.dat" \
		> /dev/null 2> "$tmp/err" || rc=$?
	# shellcheck disable=SC2086
	"$so" report $top --timeline --json "$data/fx.dat" "$data/fx-v2.dat" \
		> "$tmp/p.json" || rc=$?
	nr=$( [ "$rc" -eq 0 ] && plot_check 2> "$tmp/err") || rc=1
	ok $rc "--plot ${top:-(top 8)}: ${nr:-?} series, each its own colour, named as in --timeline --json"
	[ "$rc" -eq 0 ] || sed 's/^/# /' "$tmp/err"
done

[ "$failed" -eq 0 ]
