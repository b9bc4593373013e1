#!/bin/sh
# run-cli.sh - command-line tests of swapowner: exit codes and the report
# of the fixture trace.dat cross-checked against stock trace-cmd report.
#
#   tests/run-cli.sh SWAPOWNER DATA_DIR     (TAP on stdout)
so=$1
data=$2
n=0
failed=0
tmp=$(mktemp -d) || exit 1
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

# expect_exit CODE DESC CMD... - CMD exits CODE with one line on stderr
expect_exit()
{
	local want=$1
	local desc=$2
	local rc

	shift 2
	"$@" > "$tmp/out" 2> "$tmp/err"
	rc=$?
	[ "$rc" -eq "$want" ] && [ "$(wc -l < "$tmp/err")" -ge 1 ]
	ok $? "$desc (exit $rc, want $want)"
	[ "$rc" -eq "$want" ] || sed 's/^/# /' "$tmp/err"
}

echo "1..11"

# per-pid pages from the stock trace-cmd report of the same file
zcat "$data/fx-report.txt.gz" | awk '
	/mm_swap_writepage_owner:/ {
		np = $0; sub(/.* nr_pages=/, "", np); sub(/ .*/, "", np)
		p = $0; sub(/.* pids=/, "", p); sub(/ comms=.*/, "", p)
		n = split(p, a, " ")
		for (j = 1; j <= n; j++)
			pg[a[j]] += np
		tot += np
	}
	END { for (k in pg) print k, pg[k]; print "total", tot }' |
	sort > "$tmp/want"
"$so" report --csv "$data/fx.dat" > "$tmp/csv"
ok $? "report --csv fx.dat"
{ awk -F, 'NR > 1 { print $1, $4 }' "$tmp/csv"
  "$so" report --json "$data/fx.dat" |
	python3 -c 'import json,sys; print("total", json.load(sys.stdin)["totals"]["pages"])'
} | sort > "$tmp/got"
cmp -s "$tmp/want" "$tmp/got"
ok $? "per-pid pages and total agree with trace-cmd report ($(tr '\n' ' ' < "$tmp/want"))"
[ "$(wc -l < "$tmp/want")" -eq 4 ]
ok $? "the fixture has 3 owner pids"

expect_exit 6 "missing file" "$so" report "$tmp/nonexistent.dat"
: > "$tmp/empty.dat"
expect_exit 6 "empty file" "$so" report "$tmp/empty.dat"
head -c 20000 "$data/fx.dat" > "$tmp/trunc.dat"
expect_exit 6 "truncated trace.dat" "$so" report "$tmp/trunc.dat"
head -c 65536 /dev/urandom > "$tmp/random.dat"
expect_exit 6 "random bytes" "$so" report "$tmp/random.dat"
echo "not a trace" > "$tmp/text.dat"
expect_exit 6 "text file" "$so" report "$tmp/text.dat"
expect_exit 2 "unknown option" "$so" report --bogus "$data/fx.dat"
expect_exit 2 "unknown command" "$so" frobnicate
if [ -f "$data/noevent.dat" ]; then
	expect_exit 7 "trace.dat without the event" "$so" report "$data/noevent.dat"
else
	n=$((n + 1))
	echo "ok $n - trace.dat without the event # SKIP no noevent.dat"
fi
[ "$failed" -eq 0 ]
