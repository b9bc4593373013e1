#!/usr/bin/env bash
# blame.sh - benchmark 6, host side: who gets blamed for the swap-outs of
# the trace.dat that guest/scripts/bench.sh blame recorded (an aggressor
# pushing an idle victim out under global pressure)? Prints key=value lines
# for bench/summarise.awk, one per attribution and class:
#
#   bench=blame variant=A class=C pages=N total=T
#
# A is "current" (common_pid of vmscan:mm_vmscan_write_folio, the task
# that ran reclaim: what kprobe and BPF tools keyed on current see) or
# "owners" (the owner processes swap:mm_swap_writepage_owner names; a
# shared page counts for each owner). C is kswapd, victim, aggressor or
# other. Both events come from the same reclaim, in the same trace.
set -euo pipefail

usage()
{
	echo "usage: ${0##*/} SWAPOWNER BLAME.DAT"
}

case "${1:-}" in -h|--help) usage; exit 0 ;; esac
[ $# -eq 2 ] || { usage >&2; exit 2; }
swapowner=$1
dat=$2

# classify - "COMM PAGES" lines in, one line per class out
classify()
{
	awk -v a="$1" '
	{
		c = $1 ~ /^kswapd/ ? "kswapd" : $1 ~ /^(victim|aggressor)$/ ? $1 : "other"
		pages[c] += $2
		total += $2
	}
	END {
		if (!total) {
			print "blame.sh: no " a " attribution in the trace" > "/dev/stderr"
			exit 1
		}
		n = split("kswapd victim aggressor other", cls, " ")
		for (i = 1; i <= n; i++)
			printf "bench=blame variant=%s class=%s pages=%d total=%d\n",
				a, cls[i], pages[cls[i]], total
	}'
}

# current: one vmscan event per folio; 4 KiB folios in this run
trace-cmd report -i "$dat" 2>/dev/null |
	awk '/ mm_vmscan_write_folio: / { c = $1; sub(/-[0-9]+$/, "", c); print c, 1 }' |
	classify current
# owners: pages per owner process (CSV columns comm and pages)
"$swapowner" report --csv "$dat" |
	awk -F, 'NR > 1 { print $2, $4 }' | classify owners
