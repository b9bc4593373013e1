#!/usr/bin/env bash
# blame.sh - benchmark 6, host side: who gets blamed for the swap-outs of
# the trace.dat that guest/scripts/bench.sh blame recorded (an aggressor
# pushing an idle victim out under global pressure)? Prints key=value lines
# for bench/summarise.py, one per attribution and class:
#
#   bench=blame variant=A class=C pages=N total=T
#
# A is "current" (common_pid of vmscan:mm_vmscan_write_folio, the task
# that ran reclaim: what kprobe and BPF tools keyed on current see),
# "rss_stat" (kmem:rss_stat, what users have without the series: the rises
# of MM_SWAPENTS per hashed mm_id, each mm_id named by the task of an event
# with curr=1 for it, the way Perfetto maps them), "rss_stat_late" (the
# same, named only by events after swapping began) or "owners" (the owner
# processes swap:mm_swap_writepage_owner names; a shared page counts for
# each owner). C is kswapd, victim, aggressor or other (other includes an
# mm_id no curr=1 event named). All events come from the same reclaim, in
# the same trace. One more line counts the events each attribution read:
#
#   bench=blame variant=A class=events events=N
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

report=$(mktemp)
trap 'rm -f "$report" "$report.rss"' EXIT
trace-cmd report -i "$dat" > "$report" 2>/dev/null

# events A PATTERN - the events attribution A reads
events()
{
	echo "bench=blame variant=$1 class=events events=$(grep -c "$2" "$report" || true)"
}

# current: one vmscan event per folio; 4 KiB folios in this run
awk '/ mm_vmscan_write_folio: / { c = $1; sub(/-[0-9]+$/, "", c); print c, 1 }' \
	"$report" | classify current
events current ' mm_vmscan_write_folio: '
# rss_stat: MM_SWAPENTS is a gauge; its rises are pages put in swap.
# rss_stat names an mm_id by any curr=1 event in the trace (the trace
# starts before the victim does); rss_stat_late only by those after the
# first rise, as if the trace had started when swapping did, after the
# victim had touched its memory for the last time
awk '/ rss_stat: / {
	c = $1; sub(/-[0-9]+$/, "", c)
	id = $0; sub(/.*mm_id=/, "", id); sub(/ .*/, "", id)
	if ($0 ~ / curr=1 /) {
		name[id] = c
		if (swapping)
			name_late[id] = c
	}
	if ($0 !~ / type=MM_SWAPENTS /)
		next
	size = $0; sub(/.* size=/, "", size); sub(/B.*/, "", size)
	if (size > last[id]) {
		up[id] += (size - last[id]) / 4096
		swapping = 1
	}
	last[id] = size
}
END {
	for (id in up) {
		print "rss_stat", (id in name ? name[id] : "unnamed-mm"), up[id]
		print "rss_stat_late", (id in name_late ? name_late[id] : "unnamed-mm"), up[id]
	}
}' "$report" > "$report.rss"
for a in rss_stat rss_stat_late; do
	awk -v a="$a" '$1 == a { print $2, $3 }' "$report.rss" | classify "$a"
	events "$a" ' type=MM_SWAPENTS '
done
rm -f "$report.rss"
# owners: pages per owner process (CSV columns comm and pages)
"$swapowner" report --csv "$dat" |
	awk -F, 'NR > 1 { print $2, $4 }' | classify owners
events owners ' mm_swap_writepage_owner: '
