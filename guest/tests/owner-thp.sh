# owner-thp.sh - a THP folio swapped out whole is one event with
# nr_pages=512, and its owners (a parent and 2 COW children) are right for
# every subpage
# needs: event  (swap:mm_swap_writepage_owner: not run on a base whose series is empty)
. /lib/swapowner/tap.sh
. /lib/swapowner/swap.sh
. /lib/swapowner/owners.sh

tap_plan 6

owner_event_required
echo madvise > /sys/kernel/mm/transparent_hugepage/enabled

cg_create thp max
cg_exec thp swap-hog --comm thp --thp --mib 16 --fork 2 --ready /tmp/thp.pids --hold &
wait_file /tmp/thp.pids
pids=$(cat /tmp/thp.pids)
tap_diag "AnonHugePages: $(awk '/AnonHugePages/ { print $2 }' /proc/meminfo) kB"
owner_trace_start thp
cg_reclaim thp 64M
pagemap-truth $pids > /tmp/thp.truth
tap_cmp "$(owner_trace_stop thp)" -eq 0 "thp: no event lost"
stop_pids /tmp/thp.pids
cp /tmp/thp.truth "$RESULTS/"

large=$(grep -c ' nr_pages=512 .*nr_owners=3 ' "$RESULTS/thp.trace")
tap_diag "thp: $(grep -o ' nr_pages=[0-9]*' "$RESULTS/thp.trace" | sort | uniq -c | tr '\n' ' ')"
tap_cmp "$large" -ge 1 "thp: PMD-sized folios swapped whole, each one event naming 3 owners"
line=$(owner_compare thp /tmp/thp.truth $pids)
tap_diag "thp: $line"
tap_cmp "$(owner_field "$line" truth)" -ge 4096 "thp: >= 4096 shared slots in pagemap"
tap_ok "thp: recall 100%" owner_pct_is_100 "$line" recall
tap_ok "thp: precision 100%" owner_pct_is_100 "$line" precision
owner_trace_remove thp
tap_done
