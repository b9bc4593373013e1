#!/usr/bin/env bash
# consumer.sh - benchmark 4: summarising a large trace.dat (one made in the
# guest by guest/scripts/bench-trace.sh) with swapowner report vs. stock
# trace-cmd report piped into an awk that computes the same per-pid pages.
# Checks that both agree, prints a Markdown section, writes JSON.
set -euo pipefail

usage()
{
	echo "usage: ${0##*/} [-n RUNS] [-j JSON] SWAPOWNER TRACE.DAT"
}

runs=5
json=/dev/null
while getopts "n:j:h" opt; do
	case "$opt" in
	n) runs=$OPTARG ;;
	j) json=$OPTARG ;;
	h) usage; exit 0 ;;
	*) usage >&2; exit 2 ;;
	esac
done
shift $((OPTIND - 1))
[ $# -eq 2 ] || { usage >&2; exit 2; }
swapowner=$1
dat=$2

# per-pid pages from trace-cmd report, the way a shell user would do it
awk_pages='/mm_swap_writepage_owner:/ {
	n = $0; sub(/.* nr_pages=/, "", n); sub(/ .*/, "", n)
	l = $0; sub(/.* pids=/, "", l); sub(/ comms=.*/, "", l)
	k = split(l, p, " ")
	for (i = 1; i <= k; i++) pages[p[i]] += n
	events++
}
END { for (x in pages) print x "," pages[x]; print "events," events }'

# seconds - wall time of one run of "$@", stdout to $out
seconds()
{
	local t0
	local t1

	t0=$(date +%s.%N)
	"$@" > "$out"
	t1=$(date +%s.%N)
	echo "$t1 - $t0" | bc -l
}

median() { sort -g | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
so_times=$work/so
tc_times=$work/tc
for i in $(seq "$runs"); do
	out=$work/so.csv
	seconds "$swapowner" report --csv "$dat" >> "$so_times"
	out=$work/tc.csv
	seconds sh -c "trace-cmd report -i '$dat' 2>/dev/null | awk '$awk_pages'" >> "$tc_times"
done

events=$(awk -F, '$1 == "events" { print $2 }' "$work/tc.csv")
# the same per-pid pages from both
awk -F, 'NR > 1 { print $1 "," $4 }' "$work/so.csv" | sort > "$work/so.pages"
grep -v '^events,' "$work/tc.csv" | sort > "$work/tc.pages"
if cmp -s "$work/so.pages" "$work/tc.pages"; then agree=yes; else agree=no; fi
so=$(median < "$so_times")
tc=$(median < "$tc_times")

awk -v ev="$events" -v so="$so" -v tc="$tc" -v agree="$agree" -v runs="$runs" \
    -v somin="$(sort -g "$so_times" | head -n 1)" -v somax="$(sort -g "$so_times" | tail -n 1)" \
    -v tcmin="$(sort -g "$tc_times" | head -n 1)" -v tcmax="$(sort -g "$tc_times" | tail -n 1)" \
    -v json="$json" 'BEGIN {
	printf "\n## Consumer throughput (host)\n\n"
	printf "%d events, %d runs each; per-pid pages agree: %s.\n\n", ev, runs, agree
	printf "| tool | median s | min | max | events/s | ratio |\n|---|---:|---:|---:|---:|---:|\n"
	printf "| swapowner report --csv | %.3f | %.3f | %.3f | %.0f | %.1f |\n", so, somin, somax, ev / so, tc / so
	printf "| trace-cmd report \\| awk | %.3f | %.3f | %.3f | %.0f | 1.0 |\n", tc, tcmin, tcmax, ev / tc
	printf "{\"events\": %d, \"runs\": %d, \"agree\": %s, \"swapowner_s\": %.4f, \"trace_cmd_awk_s\": %.4f, \"ratio\": %.2f}\n", ev, runs, agree == "yes" ? "true" : "false", so, tc, tc / so > json
}'
[ "$agree" = yes ]
