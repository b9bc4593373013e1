#!/usr/bin/env bash
# consumer.sh - benchmark 6: summarising a large trace.dat (one made in the
# guest by guest/scripts/bench-trace.sh) with swapowner report vs. stock
# trace-cmd report piped into an awk that computes the same per-pid pages,
# and vs. perf script on a perf.data of the same workload (-p). Checks that
# swapowner and trace-cmd agree, measures swapowner's peak memory (maximum
# resident set) for the file once and ten times over (-m), and where
# swapowner report's time goes (perf record, by shared object: its own
# code against the libraries that trace-cmd report runs as well), prints
# a Markdown section, writes JSON.
set -euo pipefail

usage()
{
	echo "usage: ${0##*/} [-n RUNS] [-j JSON] [-p PERF.DATA] SWAPOWNER TRACE.DAT"
}

runs=5
json=/dev/null
perf_data=
while getopts "n:j:p:h" opt; do
	case "$opt" in
	n) runs=$OPTARG ;;
	j) json=$OPTARG ;;
	p) perf_data=$OPTARG ;;
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
pf_times=$work/pf
for i in $(seq "$runs"); do
	out=$work/so.csv
	seconds "$swapowner" report --csv "$dat" >> "$so_times"
	out=$work/tc.csv
	seconds sh -c "trace-cmd report -i '$dat' 2>/dev/null | awk '$awk_pages'" >> "$tc_times"
	if [ -n "$perf_data" ]; then
		out=$work/pf.txt
		seconds sh -c "perf script -i '$perf_data' 2>/dev/null" >> "$pf_times"
	fi
done
pf_events=0
[ -z "$perf_data" ] || pf_events=$(grep -c 'mm_swap_writepage_owner' "$work/pf.txt" || true)

# maxrss FILE... - peak resident KiB of swapowner report --csv FILE...
maxrss()
{
	/usr/bin/time -f %M -o "$work/rss" "$swapowner" report --csv "$@" > /dev/null
	cat "$work/rss"
}
rss1=$(maxrss "$dat")
rss10=$(maxrss "$dat" "$dat" "$dat" "$dat" "$dat" "$dat" "$dat" "$dat" "$dat" "$dat")

# profile - "DSO PERCENT" lines of one swapowner report under perf
# record (the reader's child included), nothing if perf cannot record
profile()
{
	perf record -q -o "$work/so.perf" -- "$swapowner" report --csv "$dat" \
		> /dev/null 2>&1 || return 0
	perf report -i "$work/so.perf" --stdio --sort dso -g none 2> /dev/null |
		awk '/^ *[0-9.]+%/ { sub(/%/, "", $1); print $2, $1 }'
}
profile > "$work/profile"

events=$(awk -F, '$1 == "events" { print $2 }' "$work/tc.csv")
# the same per-pid pages from both
awk -F, 'NR > 1 { print $1 "," $4 }' "$work/so.csv" | sort > "$work/so.pages"
grep -v '^events,' "$work/tc.csv" | sort > "$work/tc.pages"
if cmp -s "$work/so.pages" "$work/tc.pages"; then agree=yes; else agree=no; fi
so=$(median < "$so_times")
tc=$(median < "$tc_times")
pf=0
[ -z "$perf_data" ] || pf=$(median < "$pf_times")

awk -v ev="$events" -v so="$so" -v tc="$tc" -v agree="$agree" -v runs="$runs" \
    -v somin="$(sort -g "$so_times" | head -n 1)" -v somax="$(sort -g "$so_times" | tail -n 1)" \
    -v tcmin="$(sort -g "$tc_times" | head -n 1)" -v tcmax="$(sort -g "$tc_times" | tail -n 1)" \
    -v pf="$pf" -v pfev="$pf_events" -v rss1="$rss1" -v rss10="$rss10" \
    -v json="$json" -v profile="$work/profile" 'BEGIN {
	printf "\n## Consumer throughput (host)\n\n"
	printf "%d events, %d runs each; per-pid pages agree: %s.\n\n", ev, runs, agree
	printf "| tool | median s | min | max | events/s | ratio |\n|---|---:|---:|---:|---:|---:|\n"
	printf "| swapowner report --csv | %.3f | %.3f | %.3f | %.0f | %.1f |\n", so, somin, somax, ev / so, tc / so
	printf "| trace-cmd report \\| awk | %.3f | %.3f | %.3f | %.0f | 1.0 |\n", tc, tcmin, tcmax, ev / tc
	if (pf > 0)
		printf "| perf script (%d events, same workload) | %.3f | | | %.0f | %.2f |\n", pfev, pf, pfev / pf, (pfev / pf) / (ev / tc)
	printf "\nGoal: swapowner at least 15x trace-cmd: %s (%.1fx).\n", (tc / so >= 15 ? "met" : "**not met**"), tc / so
	printf "Peak resident memory of swapowner report: %d KiB for %d events, %d KiB for %d (the file ten times).\n", rss1, ev, rss10, 10 * ev
	own = -1
	while ((getline line < profile) > 0) {
		split(line, f, " ")
		if (own < 0) {
			printf "\nWhere swapowner report spends its time (perf record, cycles, by object; the libraries are those trace-cmd report runs too):\n\n| object | share |\n|---|---:|\n"
			own = 0
		}
		if (f[2] >= 0.5)
			printf "| %s | %.1f%% |\n", f[1], f[2]
		if (f[1] == "swapowner")
			own = f[2]
	}
	if (own > 0)
		printf "\nswapowner'"'"'s own code is %.1f%% of its time: were it free, the ratio would be %.1fx.\n", own, (tc / so) / (1 - own / 100)
	else if (own < 0)
		printf "\nNo profile: perf record did not run.\n"
	printf "{\"events\": %d, \"runs\": %d, \"agree\": %s, \"swapowner_s\": %.4f, \"trace_cmd_awk_s\": %.4f, \"ratio\": %.2f, \"perf_script_s\": %.4f, \"perf_events\": %d, \"maxrss_kib\": %d, \"maxrss_10x_kib\": %d, \"own_code_pct\": %.1f}\n", ev, runs, agree == "yes" ? "true" : "false", so, tc, tc / so, pf, pfev, rss1, rss10, (own > 0 ? own : 0) > json
}'
[ "$agree" = yes ]
